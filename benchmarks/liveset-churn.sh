#!/usr/bin/env bash
# The live-set gauge (jvm.memory.heap.live) against the bytes a busy JVM really holds, per collector and JDK.
#
# Each run forks the ChurnProbe (core's test sources, GroundTruthProbe's "churn" mode): the application's own
# data (BASELINE_MB, held throughout), then a full collection whose reading is the baseline, then for
# DURATION_S seconds short-lived garbage at SHORT_MB_S (young collections) and chunks of small arrays at PROMOTED_MB_S,
# each held LIFETIME_S seconds (promoted, then dead in the old generation; steady state from the start). After
# every live-set reading it compares the gauge with the bytes held at that collection plus the baseline, and it
# does the same for every collection that marked or collected the old generation, reading or not.
# Prints one line per run: young collections a second, readings, gauge/(held+baseline) min/median/max, the same
# for all marking points, and the oldest the gauge's reading got.
#
# Usage: benchmarks/liveset-churn.sh [collector...]   (default: Serial Parallel G1 Z Shenandoah)
#   JDKS="17 25"  DURATION_S=45  SHORT_MB_S=300  PROMOTED_MB_S=3  LIFETIME_S=20  BASELINE_MB=40  HEAP=-Xmx256m
#   SPREAD=0 (each chunk's lifetime uniform within LIFETIME_S times 1 +- SPREAD: chunks promoted together die apart)
#   JDK17=/usr/lib/jvm/java-17-openjdk-amd64  JDK25=/usr/lib/jvm/temurin-25-jdk-amd64  PARALLEL=2
#   CORE_CLASSES=dir and PROBE_CLASSES=dir run the same probe against another build ("before": main's
#   core/target/classes, with this branch's ChurnProbe and GroundTruthProbe compiled against it)
set -euo pipefail
cd "$(dirname "$0")/.."
jdks="${JDKS:-17 25}"
seconds="${DURATION_S:-45}"
short="${SHORT_MB_S:-300}"
spread="${SPREAD:-0}"
promoted="${PROMOTED_MB_S:-3}"
lifetime="${LIFETIME_S:-20}"
baseline="${BASELINE_MB:-40}"
heap="${HEAP:--Xmx256m}"
parallel="${PARALLEL:-2}"
collectors=("$@")
[ ${#collectors[@]} -gt 0 ] || collectors=(Serial Parallel G1 Z Shenandoah)

mvn -B -q ${MAVEN_ARGS:-} -pl core -am test-compile dependency:build-classpath \
	-Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt
cp="${PROBE_CLASSES:-core/target/test-classes}:${CORE_CLASSES:-core/target/classes}:$(cat core/target/classpath.txt)"
out=$(mktemp -d /tmp/liveset-churn.XXXXXX)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $heap, ${short} MB/s short-lived, ${promoted} MB/s promoted held ${lifetime} s (spread $spread), baseline data ${baseline} MB, ${seconds} s; logs in $out"

run() { # run JDK COLLECTOR
	local java="$2"
	# shellcheck disable=SC2086
	"$java/bin/java" $heap "-XX:+Use$3GC" -Xlog:gc:file="$out/$1-$3.gc" -cp "$cp" \
		io.github.memoryactuator.groundtruth.GroundTruthProbe churn "$seconds" "$short" "$promoted" "$lifetime" \
		"$baseline" "$spread" > "$out/$1-$3.out" 2>&1 || echo "failed=$?" >> "$out/$1-$3.out"
}
pids=()
for jdk in $jdks; do
	home_var="JDK$jdk"
	default_home=$([ "$jdk" = 25 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64 || echo "/usr/lib/jvm/java-$jdk-openjdk-amd64")
	home="${!home_var:-$default_home}"
	for gc in "${collectors[@]}"; do
		run "$jdk" "$home" "$gc" &
		pids+=($!)
		if [ ${#pids[@]} -ge "$parallel" ]; then
			wait "${pids[0]}"
			pids=("${pids[@]:1}")
		fi
	done
done
wait
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

value() { grep -m1 "^$1=" "$2" | cut -d= -f2- || true; }
three() { # min, median and max of a prefix in file $2, or "-"
	local min
	min=$(value "$1Min" "$2")
	if [ -n "$min" ]; then
		printf '%.2f %.2f %.2f' "$min" "$(value "$1Median" "$2")" "$(value "$1Max" "$2")"
	else
		printf -- '-'
	fi
}
printf '%-4s %-11s %8s %9s %-20s %9s %-20s %8s\n' JDK collector young/s readings "gauge/truth min med max" markings \
	"marking min med max" "oldest"
for jdk in $jdks; do
	for gc in "${collectors[@]}"; do
		f="$out/$jdk-$gc.out"
		if grep -q '^failed=' "$f"; then
			printf '%-4s %-11s failed, see %s\n' "$jdk" "$gc" "$f"
			continue
		fi
		printf '%-4s %-11s %8.1f %9s %-20s %9s %-20s %7.1fs\n' "$jdk" "$gc" "$(value youngPerSecond "$f")" \
			"$(value readings "$f")" "$(three ratio "$f")" "$(value markings "$f")" "$(three markingRatio "$f")" \
			"$(value oldestReadingSeconds "$f")"
	done
done
