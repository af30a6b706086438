#!/usr/bin/env bash
# Draws dashboards/memory-actuator.json from a Prometheus that scrapes a memory-actuator app:
# fetch.py runs every panel query through /api/v1/query_range into data.js, render.html draws
# the panels as SVG from it, and headless Chromium takes the screenshot. No Grafana, no network.
#
#   dashboards/render/render.sh <prometheus-url> <out.png>
#
# Environment: RANGE (time range ending now, default 15m), STEP, APPLICATION, INSTANCE (default:
# the first value of the dashboard's variables), DASHBOARD (default: ../memory-actuator.json).
set -euo pipefail
if [ $# -ne 2 ]; then
	echo "usage: $0 <prometheus-url> <out.png>" >&2
	exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
prometheus="$1"
out="$(realpath -m "$2")"
dashboard="${DASHBOARD:-$here/../memory-actuator.json}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
	echo "needs chromium (Debian: apt-get install -y chromium)" >&2
	exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/render.html" "$work/"
python3 "$here/fetch.py" "$dashboard" "$prometheus" "$work/data.js"

# the page is laid out on Grafana's grid: 24 columns, rows of 30 px plus 8 px gaps
width=1600
height="$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(60 + 38 * max(p['gridPos']['y'] + p['gridPos']['h'] for p in d['panels']) + 20)" "$dashboard")"
python3 "$here/screenshot.py" "$browser" "$work/render.html" "$out" "$width" "$height" "$work/profile"
echo "wrote $out ($(stat -c %s "$out") bytes)"
