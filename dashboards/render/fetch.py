#!/usr/bin/env python3
"""Run every panel query of a Grafana dashboard against Prometheus' query_range API and
write the panels' layout and data as a JavaScript file that render.html draws.

Usage: fetch.py <dashboard.json> <prometheus-url> <out.js>
Environment: RANGE (default 15m), STEP (default: range / 300, at least 1s),
APPLICATION, INSTANCE (default: the first value of the dashboard's variables).
"""
import json
import re
import sys
import time
import urllib.parse
import urllib.request


def get(base, path, params):
	url = base.rstrip("/") + path + "?" + urllib.parse.urlencode(params, doseq=True)
	with urllib.request.urlopen(url, timeout=30) as response:
		body = json.load(response)
	if body.get("status") != "success":
		raise SystemExit(f"Prometheus rejected {params}: {body}")
	return body["data"]


def seconds(text):
	units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
	match = re.fullmatch(r"(\d+)([smhd])", text)
	if not match:
		raise SystemExit(f"bad duration {text!r}: use for example 90s, 15m, 2h")
	return int(match.group(1)) * units[match.group(2)]


def substitute(text, variables):
	for name, value in variables.items():
		text = text.replace("${" + name + "}", value).replace("$" + name, value)
	return text


def legend(template, labels):
	if not template:
		return ", ".join(f"{k}={v}" for k, v in labels.items() if k != "__name__") or "value"
	return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template)


def main():
	import os
	dashboard_file, base, out = sys.argv[1:4]
	dashboard = json.load(open(dashboard_file))
	end = time.time()
	span = seconds(os.environ.get("RANGE", "15m"))
	start = end - span
	step = max(1, span // 300) if not os.environ.get("STEP") else seconds(os.environ["STEP"])
	# what Grafana would use for a data source scraped every few seconds
	variables = {"__rate_interval": f"{max(4 * step, 15)}s", "__interval": f"{step}s", "__range": f"{span}s"}
	for variable in dashboard.get("templating", {}).get("list", []):
		name = variable["name"]
		query = variable.get("query")
		query = query.get("query") if isinstance(query, dict) else query
		match = re.fullmatch(r"label_values\((?:(.*),\s*)?(\w+)\)", substitute(query, variables))
		values = get(base, f"/api/v1/label/{match.group(2)}/values",
				{"match[]": match.group(1)} if match.group(1) else {})
		chosen = os.environ.get(name.upper()) or (values[0] if values else "")
		if not chosen:
			raise SystemExit(f"variable {name} has no value in {base}: is the app scraped?")
		variables[name] = chosen
	panels = []
	for panel in dashboard["panels"]:
		defaults = panel.get("fieldConfig", {}).get("defaults", {})
		custom = defaults.get("custom", {})
		overrides = {}
		for override in panel.get("fieldConfig", {}).get("overrides", []):
			if override["matcher"]["id"] == "byName":
				overrides[override["matcher"]["options"]] = {p["id"]: p["value"] for p in override["properties"]}
		series = []
		empty = []
		for target in panel.get("targets", []):
			expr = substitute(target["expr"], variables)
			data = get(base, "/api/v1/query_range", {"query": expr, "start": start, "end": end, "step": step})
			if not data["result"]:
				# say which query drew nothing, so a missing metric is visible in the picture
				empty.append(", ".join(sorted(set(re.findall(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\{", expr)))) or expr)
			for result in data["result"]:
				name = legend(target.get("legendFormat"), result["metric"])
				points = [[float(t), None if v in ("NaN", "+Inf", "-Inf") else float(v)] for t, v in result["values"]]
				series.append({"name": name, "points": points, "override": overrides.get(name, {})})
		thresholds = [s["value"] for s in defaults.get("thresholds", {}).get("steps", []) if s.get("value") is not None]
		panels.append({
			"title": panel["title"], "type": panel["type"], "grid": panel["gridPos"], "unit": defaults.get("unit", "short"),
			"decimals": defaults.get("decimals"), "stack": custom.get("stacking", {}).get("mode") == "normal",
			"draw": custom.get("drawStyle", "line"),
			"thresholds": thresholds if custom.get("thresholdsStyle", {}).get("mode", "off") != "off" else [],
			"steps": defaults.get("thresholds", {}).get("steps", []),
			"series": series, "empty": empty,
		})
	rendered = {"title": dashboard["title"], "prometheus": base, "start": start, "end": end, "step": step,
		"variables": {k: v for k, v in variables.items() if not k.startswith("__")}, "panels": panels}
	with open(out, "w") as f:
		f.write("window.DASHBOARD = " + json.dumps(rendered) + ";\n")
	print(f"{sum(len(p['series']) for p in panels)} series in {len(panels)} panels, "
		f"{span}s at {step}s steps, variables {rendered['variables']}")


if __name__ == "__main__":
	main()
