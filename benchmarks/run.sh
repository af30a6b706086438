#!/usr/bin/env bash
# Builds the benchmarks and runs JMH on them; arguments go to JMH unchanged, for example
#   benchmarks/run.sh ScrapeCost -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
# With no arguments it runs that command. -o (offline) and other Maven flags can be
# passed through MAVEN_ARGS. JAVA_HOME picks the JDK for both the build and the run.
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmarks are test sources (so the peers stay test-scope); the reactor build makes
# Maven resolve memory-actuator's own classes to core/target/classes, not to a
# possibly stale installed jar.
mvn -B -q ${MAVEN_ARGS:-} -pl benchmarks -am test-compile dependency:build-classpath \
	-Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classpath="benchmarks/target/test-classes:$(cat benchmarks/target/classpath.txt)"
# MAIN runs another class of the benchmarks instead of JMH, such as
#   MAIN=FullCaptureRatio benchmarks/run.sh plain threads
if [ -n "${MAIN:-}" ]; then
	exec "$java_bin" ${JVM_ARGS:-} -cp "$classpath" "io.github.memoryactuator.benchmarks.$MAIN" "$@"
fi
if [ $# -eq 0 ]; then
	set -- ScrapeCost -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
fi
exec "$java_bin" -cp "$classpath" org.openjdk.jmh.Main "$@"
