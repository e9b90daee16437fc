#!/usr/bin/env bash
# Load on loopback with wrk (Debian): the editors' preview page of the seed and the public signup endpoint, 50
# connections, bounded in time; prints p50/p99 and errors. The target is /preview p99 under 25 ms at 50 connections.
#   mvn -B -q package -DskipTests && bash src/bench/load.sh          (DURATION=20s CONNECTIONS=50 by default;
#   JAVA_OPTS for Herald, say a Flight Recorder recording)
set -euo pipefail
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-50}
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$root/target/quarkus-app/herald-runner.jar
[[ -f $app ]] || { echo "load: build first: mvn -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "load: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free); smtp=$(free); imap=$(free)
HERALD_DATA_DIR="$work/data" HERALD_SMTP_PORT="$smtp" HERALD_MAIL_EMBEDDED_IMAP_PORT="$imap" \
  HERALD_EDITOR_PASSWORD=load-editor HERALD_OPS_PASSWORD=load-ops HERALD_SIGNUP_PER_IP_PER_HOUR=100000000 \
  HERALD_SIGNUP_PER_ADDRESS_PER_HOUR=100000000 QUARKUS_HTTP_PORT="$port" QUARKUS_LOG_LEVEL=WARN \
  java -Xmx512m ${JAVA_OPTS:-} -jar "$app" >"$work/herald.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
id=$(curl -fs -u editor:load-editor -H 'Content-Type: text/plain; charset=UTF-8' \
  --data-binary @"$root/src/test/resources/fixtures/articles/astana-times-tokayev-kurtulmus.txt" \
  "http://127.0.0.1:$port/api/articles" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
auth=$(printf 'editor:load-editor' | base64)
# Warm up the JIT and the caches the way a morning of editing would.
wrk -t2 -c8 -d5s -H "Authorization: Basic $auth" "http://127.0.0.1:$port/preview/articles/$id?list=demo" >/dev/null
report() {
  python3 -c '
import re, sys
out = sys.stdin.read()
lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
req = re.search(r"(\d+) requests in", out).group(1)
rps = re.search(r"Requests/sec:\s+(\S+)", out).group(1)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = re.search(r"Socket errors: (.*)", out)
bad = non2xx.group(1) if non2xx else 0
sock = errors.group(1) if errors else "none"
print("load: %s: %s requests, %s req/s, p50 %s, p99 %s, non-2xx %s, socket errors %s"
      % (sys.argv[1], req, rps, lat.get("50"), lat.get("99"), bad, sock))
' "$1"
}
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Basic $auth" \
  "http://127.0.0.1:$port/preview/articles/$id?list=demo" | report "GET /preview/articles/$id (c=$CONNECTIONS, $DURATION)"
cat >"$work/signup.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  local body = "email=load" .. counter .. "%40example.net&list=demo"
  return wrk.format("POST", "/subscribe", {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
LUA
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/signup.lua" "http://127.0.0.1:$port/subscribe" \
  | report "POST /subscribe (c=$CONNECTIONS, $DURATION)"
