#!/usr/bin/env bash
# The cost of allocation profiling on a request-serving workload, and the memory it holds.
#
# Starts two demos side by side, same JVM options, one with memory-actuator.profiling.enabled=false
# and one with it true (defaults: 20 allocation samples a second, survivors every 30 s), then
# drives GET /work?items=50 (build and serialize a small JSON catalogue) against each in turn, in
# alternating order, for ROUNDS rounds of SECONDS seconds each, and prints throughput and p99 per
# round and the on/off ratios, with the CPU time each server spent per request (steadier than
# throughput on a shared machine). Then it prints both JVMs' RSS and Flight Recorder's native memory
# (NMT "Tracing"), and what the profiler's aggregation holds on the heap (ProfilingFootprint: every
# table at its cap, then three runs of a real minute of sampling).
#
# Usage: benchmarks/profiling-overhead.sh   (JAVA_HOME picks the JDK; ROUNDS=6 SECONDS_PER_RUN=15 THREADS=4 WARM_UP=60;
# PORT_OFF=18181 PORT_ON=18182; JVM_OPTS overrides the demos' JVM options)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-6}"
seconds="${SECONDS_PER_RUN:-15}"
threads="${THREADS:-4}"
warm_up="${WARM_UP:-60}"
port_off="${PORT_OFF:-18181}"
port_on="${PORT_ON:-18182}"
jvm_opts="${JVM_OPTS:--Xms256m -Xmx256m -XX:+UseG1GC -XX:NativeMemoryTracking=summary}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

mvn -B -q ${MAVEN_ARGS:-} -pl demo -am package -DskipTests
mvn -B -q ${MAVEN_ARGS:-} -pl benchmarks -am test-compile dependency:build-classpath \
	-Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt
jar=$(ls demo/target/memory-actuator-demo-*.jar | grep -v original | head -1)
cp="benchmarks/target/test-classes:core/target/classes:$(cat benchmarks/target/classpath.txt)"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap stop EXIT
start() { # start PORT PROFILING
	# shellcheck disable=SC2086
	"$java_bin" $jvm_opts -jar "$jar" --server.port="$1" --server.address=127.0.0.1 \
		--memory-actuator.profiling.enabled="$2" --spring.main.banner-mode=off \
		--logging.level.root=warn > "/tmp/profiling-overhead-$1.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/actuator/health" > /dev/null && return 0; sleep 0.5; done
	echo "the demo on port $1 did not start; see /tmp/profiling-overhead-$1.log" >&2
	exit 1
}
start "$port_off" false
start "$port_on" true
echo "== $("$java_bin" -version 2>&1 | head -1); demos: $jvm_opts; $threads threads, $rounds rounds of $seconds s after $warm_up s of warm-up each"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
"$java_bin" -cp "$cp" io.github.memoryactuator.benchmarks.ProfilingOverhead \
	"http://127.0.0.1:$port_off/work?items=50" "http://127.0.0.1:$port_on/work?items=50" "$rounds" "$seconds" \
	"$threads" "${pids[0]}" "${pids[1]}" "$warm_up"
echo "== RSS after the load: off $(( $(ps -o rss= -p "${pids[0]}") / 1024 )) MB, on $(( $(ps -o rss= -p "${pids[1]}") / 1024 )) MB"
jcmd_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
for i in 0 1; do
	echo "   NMT of the $([ "$i" = 0 ] && echo off || echo on) JVM: $("$jcmd_bin" "${pids[$i]}" VM.native_memory summary \
		| grep -E '^Total:|Tracing' | sed -E 's/^-? *//' | tr -s ' ' | paste -sd ';' -)"
done
curl -s "http://127.0.0.1:$port_on/actuator/memory/allocations" | python3 -c '
import json, sys
d = json.load(sys.stdin)
a = d["allocations"]
print("== profiler: %s, %d samples over %.0f s, %d sites; top: %s at %s" % (d["status"], a["samples"], a["coveredSeconds"],
      len(a["sites"]), a["sites"][0]["type"], a["sites"][0]["site"]))' || true
echo "== the aggregation's heap (Serial GC, used after full GCs with and without it)"
"$java_bin" -XX:+UseSerialGC -Xmx512m -cp "$cp" io.github.memoryactuator.profiling.ProfilingFootprint bound | grep -v '^retainedBytes'
for _ in 1 2 3; do
	"$java_bin" -XX:+UseSerialGC -Xmx512m -cp "$cp" io.github.memoryactuator.profiling.ProfilingFootprint real 65 \
		| grep 'holds'
done
