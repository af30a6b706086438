#!/usr/bin/env bash
# Repeats the fast pre-OOM cases of PreOomCgroupForkedJvmTests outside CI: a forked demo in a child
# memory cgroup of 1 GiB, -Xmx2g, the default watch settings, growing its heap or its native memory at
# 50 MB/s on its own thread until the kernel kills it. Prints per run the times from the crossing of
# 90 % (seen from outside, every 5 ms) to the WARN line, to the quick report, to the full report and to
# the kill, then a tally: how many runs got both the WARN line and a complete report, medians, worst.
#
#   benchmarks/pre-oom-timing.sh                     # 20 runs of each, JDK 17 and JDK 25
#   RUNS=5 SOURCES=native JDKS=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/pre-oom-timing.sh
#   JVM_OPTIONS="-Xmx2g -XX:+UseG1GC" benchmarks/pre-oom-timing.sh
#
# Needs root (it creates the child cgroup under its own) and a quiet machine: note the load average
# printed with every run. MAVEN_ARGS passes flags to Maven (-o, -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
SOURCES=${SOURCES:-heap,native}
JDKS=${JDKS:-"/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64"}
JVM_OPTIONS=${JVM_OPTIONS:--Xmx2g}

mvn -B -q ${MAVEN_ARGS:-} -pl demo -am test-compile dependency:build-classpath \
	-Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt

cd demo
classpath="$PWD/target/test-classes:$PWD/target/classes:$(cat target/classpath.txt)"
echo "== $(date -u +%FT%TZ), $(nproc) CPUs, load: $(cat /proc/loadavg)"
for jdk in $JDKS; do
	echo "== $("$jdk/bin/java" -version 2>&1 | head -1)"
	# shellcheck disable=SC2086
	"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$classpath" io.github.memoryactuator.demo.PreOomTimings \
		"$jdk/bin/java" "$RUNS" "$SOURCES" $JVM_OPTIONS
done
echo "== done, load: $(cat /proc/loadavg)"
