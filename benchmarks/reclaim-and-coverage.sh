#!/usr/bin/env bash
# Reclaim effectiveness and coverage on the demo's story state, each method in a fresh JVM.
#
# The story state: 1 GB of heap garbage (G1 grows the committed heap), then 1 GB malloc'ed by
# 32 threads and ~92 % freed (glibc keeps the freed chunks). Then one of:
#   post      POST /actuator/memory (GC, wait for the heap uncommit, malloc_trim)
#   jcmd      jcmd <pid> GC.run, then jcmd <pid> System.trim_native_heap
#   systemgc  System.gc() alone (POST /scenario/system-gc)
#   wait      nothing, 30 s
# RSS is read with ps before and 1 s after. Coverage on the story state: ours is the breakdown's
# coverage, NMT on and off: the share of RSS measured from resident pages of known mappings, the
# share claimed from committed and allocator figures (upper bounds), what is unexplained, and how
# much the claims asked for beyond the resident memory left (overclaimed). Micrometer's JVM metrics
# at best (heap + non-heap committed + buffer pools: committed figures, a claim) and
# micrometer-jvm-extras (RSS only: 0 %) are shown beside it.
#
# Usage: benchmarks/reclaim-and-coverage.sh [port]   (JAVA_HOME picks the JDK; builds the demo jar;
# METHODS="post jcmd" runs only those methods, SKIP_RECLAIM=1 skips them, SKIP_COVERAGE=1 skips the
# coverage part)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18080}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
mvn -B -q ${MAVEN_ARGS:-} -pl demo -am package -DskipTests
jar=$(ls demo/target/memory-actuator-demo-*.jar | grep -v original | head -1)
base="http://127.0.0.1:$port"

start() { # start NMT-FLAG: starts the demo, sets PID
	"$java_bin" -Xms64m -Xmx2g -XX:+UseG1GC $1 -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
		--management.endpoint.memory.access=unrestricted --memory-actuator.full-capture.min-interval=0s \
		--spring.main.banner-mode=off > /tmp/reclaim-bench-$port.log 2>&1 &
	PID=$!
	for _ in $(seq 1 120); do curl -sf "$base/actuator/health" > /dev/null && return 0; sleep 0.5; done
	echo "the demo did not start; see /tmp/reclaim-bench-$port.log" >&2
	exit 1
}
stop() { kill "$PID" 2> /dev/null || true; wait "$PID" 2> /dev/null || true; }
trap stop EXIT
rss() { echo $(( $(ps -o rss= -p "$PID") / 1024 )); }
story() {
	curl -sf -XPOST "$base/scenario/heap-churn?megabytes=1024" > /dev/null
	curl -sf -XPOST "$base/scenario/native-churn?megabytes=1024&threads=32" > /dev/null
	sleep 1
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

if [ -z "${SKIP_RECLAIM:-}" ]; then
echo "== reclaim effectiveness (RSS MB, fresh JVM each, $("$java_bin" -version 2>&1 | head -1))"
printf '%-10s %8s %8s %9s\n' method before after released
for method in ${METHODS:-post jcmd systemgc wait}; do
	start ""
	story
	before=$(rss)
	case "$method" in
		post) curl -sf -XPOST "$base/actuator/memory" -H 'Content-Type: application/json' -d '{}' > /dev/null ;;
		jcmd) "$jcmd_bin" "$PID" GC.run > /dev/null; "$jcmd_bin" "$PID" System.trim_native_heap > /dev/null ;;
		systemgc) curl -sf -XPOST "$base/scenario/system-gc" > /dev/null ;;
		wait) sleep 30 ;;
	esac
	sleep 1
	after=$(rss)
	printf '%-10s %8d %8d %9d\n' "$method" "$before" "$after" $((before - after))
	stop
done
fi

[ -n "${SKIP_COVERAGE:-}" ] && exit 0
echo "== coverage on the story state"
for nmt in "-XX:NativeMemoryTracking=summary" ""; do
	start "$nmt"
	story
	curl -sf "$base/actuator/memory" > /tmp/reclaim-bench-$port.json
	label=$([ -n "$nmt" ] && echo "NMT on" || echo "NMT off")
	json "'ours ($label): measured %.1f %%, claimed %.1f %%, unexplained %.1f %% of RSS %d MB; overclaimed %d MB' % (d['breakdown']['coverage']['measured'], d['breakdown']['coverage']['claimed'], d['breakdown']['coverage']['unexplained'], d['breakdown']['rss'] >> 20, d['breakdown']['coverage']['overclaimed'] >> 20)" < /tmp/reclaim-bench-$port.json
	json "'  ' + ', '.join('%s %d MB%s' % (c['category'], c['bytes'] >> 20, ' (claimed %d)' % ((c['bytes'] - c['resident']) >> 20) if c['upperBound'] else '') for c in d['breakdown']['categories'])" < /tmp/reclaim-bench-$port.json
	json "'  verdict: ' + d['verdict']" < /tmp/reclaim-bench-$port.json
	json "'Micrometer JVM metrics at best ($label): %.1f %%' % (100.0 * (d['jvm']['heap']['committed'] + d['jvm']['nonHeap']['committed'] + sum(b['memoryUsed'] for b in d['jvm']['buffers'])) / d['process']['rss'])" < /tmp/reclaim-bench-$port.json
	stop
done
echo "micrometer-jvm-extras: 0 % (it reports RSS, VSZ and swap, no category)"
