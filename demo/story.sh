#!/usr/bin/env bash
# Walks a RUNNING memory-actuator demo through the story: "top says the process is big,
# the heap says it is small; is it a leak?" It makes garbage on the heap and churns native
# memory from many threads, shows at each step what /actuator/memory says, then asks the
# endpoint to give memory back and shows RSS afterwards. With allocation profiling on, it
# then leaks through a cache that never evicts until the verdict names the leak's
# allocation site, takes a class histogram, and shows the pprof profile's top.
#
# Usage: demo/story.sh [base-url]          (default http://localhost:8080)
#   CHURN_MB=1024 NATIVE_MB=1024 NATIVE_THREADS=32 LEAK_SECONDS=150 demo/story.sh http://localhost:8081
#
# Start the demo with the reclaim step allowed, for example:
#   mvn -B -pl demo -am spring-boot:run \
#     -Dspring-boot.run.arguments="--server.port=8081 --management.endpoint.memory.access=unrestricted"
# and for the leak act with allocation profiling too (a 2-minute leak window, survivors every 10 s):
#   mvn -B -pl demo -am spring-boot:run \
#     -Dspring-boot.run.arguments="--server.port=8081 --spring.profiles.active=reclaim,profiling"
#
# Needs bash and curl. Reads JSON with jq when present, else python3, else grep (crude, but
# enough for the few numbers printed here).
set -euo pipefail

BASE="${1:-http://localhost:8080}"
BASE="${BASE%/}"
CHURN_MB="${CHURN_MB:-1024}"
NATIVE_MB="${NATIVE_MB:-1024}"
NATIVE_THREADS="${NATIVE_THREADS:-32}"
LEAK_SECONDS="${LEAK_SECONDS:-150}"
# G1 uncommits concurrently and RSS lags it by up to half a second; the endpoint also
# caches its snapshot briefly. Give both time before reading.
SETTLE="${SETTLE:-1}"

if command -v jq >/dev/null 2>&1; then
	JSON=jq
elif command -v python3 >/dev/null 2>&1; then
	JSON=python3
else
	JSON=grep
fi

# field JSON PATH: print the value at a dotted PATH (e.g. jvm.heap.committed), or nothing.
field() {
	case "$JSON" in
	jq) printf '%s' "$1" | jq -r ".$2 // empty | if type == \"object\" or type == \"array\" then tojson else . end" 2>/dev/null || true ;;
	python3)
		printf '%s' "$1" | python3 -c '
import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value.get(key) if isinstance(value, dict) else None
if value is None:
    sys.exit(0)
print(json.dumps(value) if isinstance(value, (dict, list)) else value)
' "$2" 2>/dev/null || true ;;
	*)
		# The first occurrence of the last key: right for the paths this script asks for,
		# because process, jvm.heap and jvm.live come before any pool with the same names.
		printf '%s' "$1" | grep -oE "\"${2##*.}\":(\"[^\"]*\"|[^,}]*)" | head -n 1 | cut -d: -f2- | tr -d '"' || true ;;
	esac
}

mb() { # bytes -> "123 MB", or "n/a"
	if [[ "${1:-}" =~ ^[0-9]+$ ]]; then printf '%d MB' $(($1 / 1048576)); else printf 'n/a'; fi
}

ratio() {
	if [[ "${1:-}" =~ ^[0-9.eE+-]+$ ]]; then printf '%.2f' "$1"; else printf 'n/a'; fi
}

# request METHOD PATH [BODY]: sets STATUS and BODY.
request() {
	local out
	if [[ $# -ge 3 ]]; then
		out=$(curl -sS -X "$1" -H 'Content-Type: application/json' -d "$3" -w '\n%{http_code}' "$BASE$2") || {
			echo "cannot reach $BASE$2: is the demo running?" >&2
			exit 1
		}
	else
		out=$(curl -sS -X "$1" -w '\n%{http_code}' "$BASE$2") || {
			echo "cannot reach $BASE$2: is the demo running?" >&2
			exit 1
		}
	fi
	STATUS="${out##*$'\n'}"
	BODY="${out%$'\n'*}"
}

scenario() { # scenario PATH: POST it and print its one-line summary
	request POST "/scenario/$1"
	if [[ "$STATUS" != 200 ]]; then
		echo "   POST /scenario/$1 -> $STATUS $(field "$BODY" detail)" >&2
		exit 1
	fi
	printf '   %s (%s ms)\n' "$(field "$BODY" summary)" "$(field "$BODY" durationMillis)"
}

show() { # show LABEL: one line of what /actuator/memory says
	sleep "$SETTLE"
	request GET /actuator/memory
	if [[ "$STATUS" != 200 ]]; then
		echo "GET /actuator/memory -> $STATUS; expose it with management.endpoints.web.exposure.include=memory" >&2
		exit 1
	fi
	printf '%-24s %9s %9s %9s %9s %8s\n' "$1" "$(mb "$(field "$BODY" process.rss)")" \
		"$(mb "$(field "$BODY" jvm.heap.committed)")" "$(mb "$(field "$BODY" jvm.heap.used)")" \
		"$(mb "$(field "$BODY" jvm.live)")" "$(ratio "$(field "$BODY" gc.headroomRatio)")"
	local verdict
	verdict="$(field "$BODY" diagnosis.verdict)"
	if [[ -n "$verdict" ]]; then
		printf '   verdict: %s\n' "$verdict"
	fi
}

echo "memory-actuator story against $BASE (JSON via $JSON)"
printf '%-24s %9s %9s %9s %9s %8s\n' step RSS heap-comm heap-used live headroom
show "1 baseline"

echo "2 heap churn: ${CHURN_MB} MB of short-lived garbage"
scenario "heap-churn?megabytes=$CHURN_MB"
show "  after heap churn"

echo "3 native churn: ${NATIVE_MB} MB malloc'ed by ${NATIVE_THREADS} threads, ~92% freed"
scenario "native-churn?megabytes=$NATIVE_MB&threads=$NATIVE_THREADS"
show "  after native churn"
request GET /scenario
echo "   the app still holds: $(mb "$(field "$BODY" held.nativeBytes)") native, $(mb "$(field "$BODY" held.heapLeakBytes)") heap"

echo "4 POST /actuator/memory (GC, wait for heap uncommit, malloc_trim)"
request POST /actuator/memory '{}'
if [[ "$STATUS" == 429 ]]; then
	wait="$(field "$BODY" retryAfterSeconds)"
	echo "   429: $(field "$BODY" error); waiting ${wait:-1} s"
	sleep "${wait:-1}"
	request POST /actuator/memory '{}'
fi
case "$STATUS" in
200)
	summary="$(field "$BODY" summary)"
	if [[ -n "$summary" ]]; then
		echo "   $summary"
	elif [[ "$JSON" == jq ]]; then
		printf '%s' "$BODY" | jq -c . | cut -c1-400 | sed 's/^/   /'
	else
		printf '   %s\n' "${BODY:0:400}"
	fi
	;;
405)
	echo "   405: POST is not allowed here. Start the demo with"
	echo "        --management.endpoint.memory.access=unrestricted  (or --spring.profiles.active=reclaim);"
	echo "        if it already runs that way, this build has no reclaim operation yet"
	;;
429)
	echo "   429: a reclaim ran moments ago; try again after the cooldown"
	;;
*)
	echo "   $STATUS: ${BODY:0:300}"
	;;
esac
show "  after reclaim"

# post_waiting PATH: POST {} to PATH; on 429 wait the cooldown it names, once, and try again.
post_waiting() {
	request POST "$1" '{}'
	if [[ "$STATUS" == 429 ]]; then
		local wait
		wait="$(field "$BODY" retryAfterSeconds)"
		echo "   429: $(field "$BODY" error); waiting ${wait:-1} s"
		sleep "${wait:-1}"
		request POST "$1" '{}'
	fi
}

request GET /actuator/memory/allocations
if [[ "$STATUS" != 200 ]]; then
	echo "5 leak act skipped: allocation profiling is off ($(field "$BODY" error))"
	echo "Drop what the scenarios still hold with: curl -X POST $BASE/scenario/release"
	exit 0
fi

echo "5 a cache that never evicts: 4 MB of reports into ReportCache every few seconds, up to ${LEAK_SECONDS} s"
post_waiting /actuator/memory/histogram
[[ "$STATUS" == 200 ]] && echo "   class histogram taken, to compare with later ($(field "$BODY" pauseMillis) ms pause)"
start=$(date +%s)
verdict=""
while (($(date +%s) - start < LEAK_SECONDS)); do
	request POST "/scenario/report-leak?megabytes=4"
	request POST /scenario/system-gc
	sleep 3
	request GET /actuator/memory/diagnosis
	verdict="$(field "$BODY" verdict)"
	if [[ "$verdict" == "Suspected heap leak"* ]]; then
		break
	fi
done
show "  after $(($(date +%s) - start)) s of leaking"
request GET /actuator/memory/allocations
if [[ "$JSON" == jq ]]; then
	printf '%s' "$BODY" | jq -r '.survivors.groups[:3][] | "   survivors: \(.percent) % \(.type) at \(.site)"'
	printf '%s' "$BODY" | jq -r '.allocations.sites[:3][] | "   allocated: \(.estimatedBytesPerMinute / 1048576 | floor) MB/min \(.type) at \(.site)"'
fi

echo "6 POST /actuator/memory/histogram: what grew since the first histogram"
post_waiting /actuator/memory/histogram
if [[ "$STATUS" == 200 && "$JSON" == jq ]]; then
	printf '%s' "$BODY" | jq -r '"   pause \(.pauseMillis) ms", (.diff.grew[:4][] | "   +\(.instancesDelta) instances, +\(.bytesDelta / 1048576 | floor) MB  \(.className)")'
else
	echo "   $STATUS: ${BODY:0:300}"
fi

echo "7 the same samples as a pprof profile: go tool pprof -top $BASE/actuator/memory/allocations/pprof"
if command -v go >/dev/null 2>&1; then
	go tool pprof -top "$BASE/actuator/memory/allocations/pprof" 2>/dev/null | sed -n '1,14p' | sed 's/^/   /'
else
	echo "   (go is not installed; curl -o heap.pb.gz $BASE/actuator/memory/allocations/pprof and open it anywhere)"
fi

echo "Drop what the scenarios still hold with: curl -X POST $BASE/scenario/release"
