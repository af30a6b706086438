#!/usr/bin/env bash
# The soft limit's collector matrix outside CI: for each collector, a forked demo of JDK 17 and one of
# JDK 25 at a time, each in a child memory cgroup of 3000 MB with -Xmx1g, the soft-limit target 400 MB
# and otherwise the product's defaults, with the workload of SoftLimitCgroupForkedJvmTests (bursts of
# 300 MB of native churn and 1000 MB of heap churn at 2 s and 32 s, 60 s in all); then the same
# without the target (OFF=1). Charged memory is sampled from outside every second. Prints per run:
# p95, peak, the excursions over the target (seconds), and the soft-limit section (state, reason,
# forced collections in the last minute, GC CPU share, full-GC pause, actions).
#
#   benchmarks/soft-limit-matrix.sh                          # G1 Parallel Serial ZGC Shenandoah
#   GCS="G1 ZGC" OFF=1 benchmarks/soft-limit-matrix.sh
#   ZGC_OPTIONS="-XX:ZUncommitDelay=1" GCS=ZGC benchmarks/soft-limit-matrix.sh
#
# Needs root (it creates the child cgroups under its own) and a quiet machine: note the load average
# printed with every pair. MAVEN_ARGS passes flags to Maven (-o, -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")/.."

GCS=${GCS:-"G1 Parallel Serial ZGC Shenandoah"}
ZGC_OPTIONS=${ZGC_OPTIONS:--XX:ZUncommitDelay=5}

mvn -B -q ${MAVEN_ARGS:-} -pl demo -am test-compile -DskipTests
pair() {
	echo "== $1 ($2), $(date -u +%FT%TZ), load: $(cat /proc/loadavg)"
	# shellcheck disable=SC2086
	mvn -B ${MAVEN_ARGS:-} -pl demo surefire:test -Dtest=SoftLimitExperiment -Dsurefire.failIfNoSpecifiedTests=false \
		-Dsoftlimit.experiment=true -Dgc="$1" -Djdk=17 -Djdk2=25 "-DjvmOptions=$3" $2 2>&1 \
		| grep -E '^(MATRIX|SECTION|SERIES)' || true
}
for gc in $GCS; do
	options=""
	[ "$gc" = ZGC ] && options="$ZGC_OPTIONS"
	pair "$gc" "-Dboth=true" "$options"
	if [ -n "${OFF:-}" ]; then
		pair "$gc" "-Dboth=false" "$options"
	fi
done
echo "== done, load: $(cat /proc/loadavg)"
