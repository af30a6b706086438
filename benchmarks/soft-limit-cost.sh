#!/usr/bin/env bash
# The soft limit's cost (issue 20, item 3): one forked demo (-Xmx1g) serving GET /work?items=100 to four
# closed-loop clients, with a burst of heap and native churn every 15 s, in phases that alternate between
# no target and a target of 400 MB set through POST /actuator/memory/softLimit. Prints per phase the
# requests per second, the p99 latency and the GC's share of the machine's CPU.
#
#   benchmarks/soft-limit-cost.sh                         # 60 s phases, 3 pairs, G1, this JDK
#   SECONDS_PER_PHASE=30 PAIRS=2 JVM_OPTIONS=-XX:+UseSerialGC JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
#     benchmarks/soft-limit-cost.sh
#
# Needs a quiet machine: the load average is printed with every phase. MAVEN_ARGS passes flags to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-java}
mvn -B -q ${MAVEN_ARGS:-} -pl demo -am test-compile dependency:build-classpath -DskipTests \
	-Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt
cd demo
classpath="$PWD/target/test-classes:$PWD/target/classes:$(cat target/classpath.txt)"
echo "== $(date -u +%FT%TZ), $(nproc) CPUs, load: $(cat /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"
# shellcheck disable=SC2086
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$classpath" io.github.memoryactuator.demo.SoftLimitCost \
	"$(command -v "$JAVA" || echo "$JAVA")" "${SECONDS_PER_PHASE:-60}" "${PAIRS:-3}" ${JVM_OPTIONS:-}
echo "== done, load: $(cat /proc/loadavg)"
