#!/usr/bin/env bash
# A soak of the starter in the demo: SCRAPES GET /actuator/prometheus and FULLS GET /actuator/memory
# (each a full capture: min-interval 0s), interleaved on CLIENTS keep-alive connections, with the
# history on and its rings sized to fill within the soak (a point every second in both rings, 60 s
# kept: 61 points each; a breakdown point is a full capture too), and the breakdown gauge's thread
# capturing every 5 s. Before, half-way and after, in the same JVM, after two full GCs:
#   heap after GC     the whole live heap (GC.heap_info's used)
#   starter retained  the heap the starter retains, from a heap dump: everything reachable from its
#                     objects (instances and classes of io.github.memoryactuator.*, not the demo's,
#                     and its memory-actuator-* threads with their stacks) that the GC roots do not
#                     reach without passing through them (benchmarks/soak/RetainedHeap.java)
#   starter shallow   the starter's own instances in GC.class_histogram (exact shallow sizes)
#   threads           Java threads (jvm_threads_live_threads) and the starter's threads by name
#   RSS               VmRSS
# PASS/FAIL: the history rings hold exactly the points their settings allow and their arrays have
# the documented size (footprintBytes = the formula in README's history section); the starter's
# retained heap after the soak is within the documented bound (the rings + 512 KB for everything
# else: the live-set history's 256 collections and 25 buckets, one cached full capture, the
# endpoint and meters; + 8 MB for the allocation profiler when PROFILING=1); the starter grew by
# less than 16 KB over the second half of the soak (the first half fills what is bounded by count;
# not checked with PROFILING=1, whose tables fill by time, over 5 minutes, up to its bound);
# no 5xx or other error; the starter's threads are the same ones before, half-way and after.
#
# Usage: benchmarks/soak.sh   (JAVA_HOME picks the JDK; builds the demo jar unless JAR=path;
# SCRAPES=100000 FULLS=2000 CLIENTS=2; JAVA_OPTS replaces "-Xmx512m -XX:+UseG1GC";
# EXTRA_PROPS="--memory-actuator.x=y ..." adds properties (not those set below: Spring would join two
# values of one property with a comma); PROFILING=1 turns on
# memory-actuator.profiling.enabled and its bound, and fails when this build has no such property;
# KEEP_DUMPS=1 keeps the heap dumps in /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
scrapes=${SCRAPES:-100000}
fulls=${FULLS:-2000}
clients=${CLIENTS:-2}
if [ -z "${JAR:-}" ]; then
	mvn -B -q ${MAVEN_ARGS:-} -pl demo -am package -DskipTests
fi
jar=${JAR:-$(ls demo/target/memory-actuator-demo-*.jar | grep -v original | head -1)}
work=$(mktemp -d /tmp/soak.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

# The documented bounds, in bytes. The history's rings: (retention / interval + 1) points of
# 10 longs in the gauge ring, of 56 longs (4 + 12 categories + 40 NMT slots) in the breakdown
# ring, an array header each, and the NMT names' array (README, "Memory over time").
interval=1 breakdown_interval=1 retention=60
gauge_points=$((retention / interval + 1))
breakdown_points=$((retention / breakdown_interval + 1))
ring_bound=$((16 + 8 * 10 * gauge_points + 16 + 8 * 56 * breakdown_points + 16 + 4 * 40))
other_bound=$((512 * 1024))
growth_bound=$((16 * 1024))
profiling_bound=0
props=(--server.port="$port" --server.address=127.0.0.1 --spring.main.banner-mode=off
	--management.endpoints.web.exposure.include=health,prometheus,memory
	--memory-actuator.history.enabled=true --memory-actuator.history.interval=${interval}s
	--memory-actuator.history.breakdown-interval=${breakdown_interval}s
	--memory-actuator.history.retention=${retention}s --memory-actuator.full-capture.min-interval=0s
	--memory-actuator.breakdown.refresh-interval=5s)
if [ -n "${PROFILING:-}" ]; then
	# Spring Boot ignores a property nobody binds: look for it in the starter's metadata.
	if ! python3 - "$jar" <<'EOF2'
import io, re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as app:
    for name in app.namelist():
        if re.match(r"BOOT-INF/lib/memory-actuator-.*\.jar$", name):
            with zipfile.ZipFile(io.BytesIO(app.read(name))) as lib:
                if "META-INF/spring-configuration-metadata.json" in lib.namelist() and \
                        b'"memory-actuator.profiling.enabled"' in lib.read("META-INF/spring-configuration-metadata.json"):
                    sys.exit(0)
sys.exit(1)
EOF2
	then
		echo "FAIL: PROFILING=1 but profiling is not in this build (no memory-actuator.profiling.enabled in $jar)" >&2
		exit 1
	fi
	props+=(--memory-actuator.profiling.enabled=true)
	profiling_bound=$((8 * 1024 * 1024))
fi
# shellcheck disable=SC2206
props+=(${EXTRA_PROPS:-})
# shellcheck disable=SC2206
jvm_opts=(${JAVA_OPTS:--Xmx512m -XX:+UseG1GC})
command=("$java_bin" "${jvm_opts[@]}" -jar "$jar" "${props[@]}")

PID=
stop() {
	if [ -n "$PID" ]; then kill "$PID" 2> /dev/null || true; wait "$PID" 2> /dev/null || true; fi
	[ -n "${KEEP_DUMPS:-}" ] || rm -f "$work"/*.hprof
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "== soak: $scrapes scrapes, $fulls full GETs, $clients clients; $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: ${command[*]}"
"${command[@]}" > "$work/demo.log" 2>&1 &
PID=$!
for _ in $(seq 1 240); do
	curl -sf "$base/actuator/health" > /dev/null && break
	kill -0 "$PID" 2> /dev/null || { echo "FAIL: the demo exited; see $work/demo.log" >&2; exit 1; }
	sleep 0.5
done
curl -sf "$base/actuator/health" > /dev/null || { echo "FAIL: the demo did not start; see $work/demo.log" >&2; exit 1; }

client() { "$java_bin" benchmarks/soak/SoakClient.java "$base" "$@"; }
value() { sed -n "s/^$1=//p" "$2"; }
measure() { # measure NAME: writes $work/NAME.txt with key=value lines
	local out="$work/$1.txt"
	"$jcmd_bin" "$PID" GC.run > /dev/null
	"$jcmd_bin" "$PID" GC.run > /dev/null
	# G1: "garbage-first heap total N, used NK"; Serial and Parallel: one line per generation.
	"$jcmd_bin" "$PID" GC.heap_info | awk '/(garbage-first heap|def new generation|tenured generation|DefNew|Tenured|PSYoungGen|ParOldGen) +total/ {
		for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); used += v } }
		END { print "heap_used=" used * 1024 }' > "$out"
	"$jcmd_bin" "$PID" GC.class_histogram | awk '$4 ~ /^io\.github\.memoryactuator\./ && $4 !~ /\.demo\./ {
		n += $2; b += $3 } END { print "histogram_instances=" n; print "histogram_bytes=" b }' >> "$out"
	echo "java_threads=$(curl -sf "$base/actuator/prometheus" | awk '/^jvm_threads_live_threads/ { print int($2) }')" >> "$out"
	echo "starter_threads=$("$jcmd_bin" "$PID" Thread.print | sed -n 's/^"\(memory-actuator-[^"]*\)".*/\1/p' | sort | paste -sd, -)" >> "$out"
	echo "rss=$(awk '/^VmRSS/ { print $2 * 1024 }' "/proc/$PID/status")" >> "$out"
	"$jcmd_bin" "$PID" GC.heap_dump "$work/$1.hprof" > /dev/null
	"$java_bin" -Xmx1g benchmarks/soak/RetainedHeap.java "$work/$1.hprof" io.github.memoryactuator. \
		io.github.memoryactuator.demo. memory-actuator- >> "$out"
	[ -n "${KEEP_DUMPS:-}" ] || rm -f "$work/$1.hprof"
}

echo "warm-up: $((scrapes / 20)) scrapes, $((fulls / 20)) full GETs"
client $((scrapes / 20)) $((fulls / 20)) "$clients" > "$work/warmup.txt" || { cat "$work/warmup.txt"; echo "FAIL: errors in the warm-up"; exit 1; }
measure before
start=$(date +%s)
# Two halves, measured after each: bounded structures that fill during the first half (the
# live-set history's 256 collections) must not grow in the second.
soak_status=0
client $((scrapes / 2)) $((fulls / 2)) "$clients" > "$work/soak1.txt" || soak_status=$?
measure middle
client $((scrapes - scrapes / 2)) $((fulls - fulls / 2)) "$clients" > "$work/soak2.txt" || soak_status=$?
python3 - "$work" <<'EOF2'
import sys
halves = [dict(line.rstrip("\n").split("=", 1) for line in open(f"{sys.argv[1]}/soak{i}.txt")) for i in (1, 2)]
with open(f"{sys.argv[1]}/soak.txt", "w") as out:
    for key in ("scrapes", "fulls", "errors"):
        out.write(f"{key}={sum(int(h[key]) for h in halves)}\n")
    out.write(f"first_error={next((h['first_error'] for h in halves if h['first_error'] != 'none'), 'none')}\n")
    out.write(f"seconds={sum(float(h['seconds']) for h in halves):.1f}\n")
    for i, h in enumerate(halves, 1):
        out.write(f"half{i}=scrape ms {h['scrape_ms']}; full ms {h['full_ms']}\n")
EOF2
sed 's/^/  /' "$work/soak.txt"
# Every point the rings hold (the default range is the last retention, which a late sample can
# miss); a soak shorter than the retention waits for the rings to fill.
for _ in $(seq 1 $((retention + 30))); do
	curl -sf "$base/actuator/memory/history?from=3600s" > "$work/history.json"
	python3 -c 'import json, sys; h = json.load(open(sys.argv[1])); sys.exit(0 if len(h["points"]) >= int(sys.argv[2]) and len(h["breakdowns"]) >= int(sys.argv[3]) else 1)' \
		"$work/history.json" "$gauge_points" "$breakdown_points" && break
	sleep 1
done
measure after
elapsed=$(($(date +%s) - start))

python3 - "$work" "$ring_bound" "$other_bound" "$growth_bound" "$profiling_bound" "$gauge_points" "$breakdown_points" "$soak_status" "$elapsed" <<'EOF'
import json, sys
work, ring_bound, other_bound, growth_bound, profiling_bound, gauge_points, breakdown_points, soak_status, elapsed = sys.argv[1], *map(int, sys.argv[2:])
def read(name):
    values, top = {}, []
    for line in open(f"{work}/{name}.txt"):
        key, _, value = line.rstrip("\n").partition("=")
        if key == "type":
            name, objects, size = value.rsplit(" ", 2)
            top.append((name, int(objects), int(size)))
        else:
            values[key] = value
    values["top"] = top
    return values
before, middle, after, soak = read("before"), read("middle"), read("after"), read("soak")
history = json.load(open(f"{work}/history.json"))
kb = lambda b: f"{int(b) / 1024:,.0f} KB"
mb = lambda b: f"{int(b) / 1048576:,.1f} MB"
rows = [("heap after full GC", "heap_used", mb), ("starter retained (heap dump)", "retained_bytes", kb),
        ("starter retained objects", "retained_objects", str), ("starter shallow (class histogram)", "histogram_bytes", kb),
        ("starter shallow (heap dump estimate)", "own_shallow", kb),
        ("starter instances (class histogram)", "histogram_instances", str), ("live heap (heap dump)", "live_bytes", mb),
        ("Java threads", "java_threads", str), ("RSS", "rss", mb)]
print(f"{'':36} {'before':>12} {'half-way':>12} {'after':>12} {'2nd half':>12} {'whole':>12}")
for label, key, fmt in rows:
    b, m, a = int(before[key]), int(middle[key]), int(after[key])
    d = (lambda x: fmt(x)) if fmt is not str else (lambda x: f"{x:+}")
    print(f"{label:36} {fmt(b):>12} {fmt(m):>12} {fmt(a):>12} {d(a - m):>12} {d(a - b):>12}")
print(f"starter threads before: {before['threads']} (dump), {before['starter_threads']} (Thread.print)")
print(f"starter threads after:  {after['threads']} (dump), {after['starter_threads']} (Thread.print)")
def by_type(values):
    return {name: (objects, size) for name, objects, size in values["top"]}
def changes(old, new):
    rows = sorted(((new.get(n, (0, 0))[1] - old.get(n, (0, 0))[1], new.get(n, (0, 0))[0] - old.get(n, (0, 0))[0], n) for n in set(old) | set(new)), reverse=True)
    return "; ".join(f"{n} {o:+} objects {s:+,} B" for s, o, n in rows[:5] if s > 0) or "none"
was = by_type(before)
print("what the starter retains after the soak, largest first (objects, bytes; change over the whole soak):")
for name, objects, size in after["top"][:8]:
    o, s = was.get(name, (0, 0))
    print(f"  {name:50} {objects:6} {size:8,} B   {objects - o:+6} {size - s:+8,} B")
print("largest growth, first half:  " + changes(was, by_type(middle)))
print("largest growth, second half: " + changes(by_type(middle), by_type(after)))
bound = ring_bound + other_bound + profiling_bound
checks = [
    (soak_status == 0 and soak["errors"] == "0", f"every request answered 200 ({soak['errors']} errors, first: {soak['first_error']})"),
    (int(soak["scrapes"]) > 0 and int(soak["fulls"]) > 0, f"{soak['scrapes']} scrapes and {soak['fulls']} full GETs in {soak['seconds']} s"),
    (len(history["points"]) == gauge_points and len(history["breakdowns"]) == breakdown_points,
        f"history rings at their caps: {len(history['points'])}/{gauge_points} gauge points, {len(history['breakdowns'])}/{breakdown_points} breakdown points"),
    (history["footprintBytes"] == ring_bound, f"history footprint {history['footprintBytes']:,} B = documented {ring_bound:,} B"),
    (int(after["retained_bytes"]) <= bound, f"starter retained {int(after['retained_bytes']):,} B <= bound {bound:,} B (rings {ring_bound:,} + rest {other_bound:,}" + (f" + profiler {profiling_bound:,}" if profiling_bound else "") + ")"),
    (None if profiling_bound else int(after["retained_bytes"]) - int(middle["retained_bytes"]) <= growth_bound, f"starter retained grew {int(after['retained_bytes']) - int(middle['retained_bytes']):,} B " + ("over the second half, not checked with profiling: its tables fill by time, over its 5-minute window, up to its bound" if profiling_bound else f"<= {growth_bound:,} B over the second half") + f" ({int(after['retained_bytes']) - int(before['retained_bytes']):,} B over the whole soak)"),
    (before["threads"] == middle["threads"] == after["threads"] and before["starter_threads"] == middle["starter_threads"] == after["starter_threads"] and after["starter_threads"] != "",
        f"starter threads unchanged: {after['starter_threads']}"),
]
failed = False
for ok, text in checks:
    print(("NOTE " if ok is None else "PASS " if ok else "FAIL ") + text)
    failed |= ok is False
if not before["java_threads"] == middle["java_threads"] == after["java_threads"]:
    print(f"NOTE Java threads {before['java_threads']} -> {after['java_threads']} (Tomcat's pool may grow; the starter's threads are checked above)")
print(f"logs: {work}")
print(f"soak + measurements: {elapsed} s; load {open('/proc/loadavg').read().split()[:3]}")
sys.exit(1 if failed else 0)
EOF
