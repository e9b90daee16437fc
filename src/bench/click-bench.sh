#!/usr/bin/env bash
# The click redirect under load, and what a SIGKILL costs its counts.
#
# Herald (the packaged jar, embedded H2) sends one edition of a list that counts clicks to Postfix's smtp-sink, which
# keeps the messages (-D); the edition's article link is read from them, as a reader's mail client would. Then:
#   1. wrk opens that link with CONNECTIONS connections for DURATION seconds: clicks per second, latency percentiles,
#      errors; Herald's own count of those clicks must equal wrk's.
#   2. wrk runs again and Herald is killed with SIGKILL halfway; after a restart on the same database, the clicks
#      it kept are compared with the redirects wrk received: the difference is what the kill cost (the counts are
#      written every herald.insight.flush-interval).
# Loopback only; every step bounded in time.
#
# usage: [CONNECTIONS=100] [DURATION=30] [WARMUP=10] [PACE_MS=8] [THREADS=2] [XMX=128m] src/bench/click-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
C=${CONNECTIONS:-100} D=${DURATION:-30} T=${THREADS:-2} XMX=${XMX:-128m}

if ! command -v smtp-sink >/dev/null; then
  apt-get update -q
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix
fi
command -v wrk >/dev/null || { apt-get update -q; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
[[ -f target/quarkus-app/herald-runner.jar ]] || mvn -B -q package -DskipTests

work=$(mktemp -d -t herald-clicks.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [[ -n ${KEEP:-} ]] || rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$work/subscribers/clicks" "$work/data"
printf 'name: Click Bench\nfrom: "The Astana Times <news@example.org>"\nmode: per-article\ntracking: aggregate\n' \
  >"$work/subscribers/clicks/list.yaml"
printf 'email,name\nreader1@bench.example.org,Reader One\nreader2@bench.example.org,Reader Two\n' \
  >"$work/subscribers/clicks/members.csv"

sink_port=$(free_port)
user=(); (( EUID == 0 )) && user=(-u nobody)
# smtp-sink keeps each message in a file of its own under mail/ (it writes them as nobody).
chmod 755 "$work"; mkdir -m 777 "$work/mail"
smtp-sink -D "$work/mail/message-" "${user[@]}" "127.0.0.1:$sink_port" 64 >"$work/sink.log" 2>&1 &
pids+=($!)
sleep 0.5
kill -0 "${pids[0]}" 2>/dev/null || { echo "smtp-sink did not start:" >&2; cat "$work/sink.log" >&2; exit 1; }

http_port=$(free_port)
password=bench-$RANDOM$RANDOM
env_vars=(HERALD_DATA_DIR="$work/data" HERALD_SUBSCRIBERS_DIR="$work/subscribers" HERALD_SAMPLE_ENABLED=false
  HERALD_MAIL_EMBEDDED_SINK=false HERALD_SMTP_HOST=127.0.0.1 HERALD_SMTP_PORT="$sink_port"
  HERALD_OPS_PASSWORD="$password" HERALD_EDITOR_PASSWORD="$password" HERALD_SCHEDULE_ENABLED=false
  QUARKUS_HTTP_PORT="$http_port" HERALD_PUBLIC_URL="http://127.0.0.1:$http_port")
base="http://127.0.0.1:$http_port"
api() { curl -sf -u "ops:$password" "$@"; }
herald=0
start_herald() {
  env "${env_vars[@]}" java "-Xmx$XMX" ${JAVA_OPTS:-} -jar target/quarkus-app/herald-runner.jar >>"$work/herald.log" 2>&1 &
  herald=$!
  pids+=($herald)
  for _ in $(seq 240); do api "$base/api/articles" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "Herald did not start" >&2; tail -30 "$work/herald.log" >&2; exit 1
}
start_herald

article=$(api -H 'Content-Type: application/json' \
  -d '{"title":"Click bench: the tram line","body":"ALMATY – The tram line opens on Monday, the city said."}' \
  "$base/api/articles" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
send=$(api -H 'Content-Type: application/json' -d '{"article":'"$article"',"list":"clicks"}' "$base/api/sends" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in $(seq 120); do [[ $(api "$base/api/sends/$send") == *'"status":"finished"'* ]] && break; sleep 0.5; done
# The article's link, as the readers got it (the text part's link list; quoted-printable keeps short URLs whole).
n=$(api "$base/api/sends/$send" | python3 -c '
import json,sys
print(next(l["n"] for l in json.load(sys.stdin)["insight"]["links"] if "/articles/" in l["url"]))')
link=$(cat "$work"/mail/message-* | grep -o "/r/[0-9]*/$n/[A-Za-z0-9_-]\{11\}" | head -1 || true)
[[ -n $link ]] || { echo "no counted link in the sent messages" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "$base$link")
[[ $code == 302 ]] || { echo "the link answers $code, not 302" >&2; exit 1; }

counted() {
  api "$base/api/sends/$send" | python3 -c '
import json,sys
r = json.load(sys.stdin)["insight"]
print(sum(l["humanTotal"] + l["machineTotal"] for l in r["links"] if l["url"].find("/articles/") >= 0))'
}
wrk_run() { # seconds, output file[, wrk script]
  wrk -t"$T" -c"$C" -d"$1s" --latency -H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 bench" \
    ${3:+-s "$3"} "$base$link" >"$2" 2>&1 || true
}
responses() { python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
total = int(re.search(r"(\d+) requests in", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(total - (int(bad.group(1)) if bad else 0))
PY
}

# 1. Throughput and latency, after a warm-up of WARMUP seconds (the JIT's work done, as on a node that has run).
(( ${WARMUP:-10} > 0 )) && wrk_run "${WARMUP:-10}" "$work/wrk0"
sleep 2
before=$(counted)
cpu0=$(awk '{print $14 + $15}' "/proc/$herald/stat")
wrk_run "$D" "$work/wrk1"
cpu1=$(awk '{print $14 + $15}' "/proc/$herald/stat")
sleep 2   # one flush interval and then some: every count written
after=$(counted)
echo "== wrk -t$T -c$C -d${D}s $link"
sed -n '/Thread Stats/,$p' "$work/wrk1"
echo "herald cpu: $(python3 -c "print(round(($cpu1 - $cpu0) / $(getconf CLK_TCK) / $D, 2))") cores"
echo "redirects wrk received: $(responses "$work/wrk1"); clicks Herald counted: $(( after - before ))"

# 1b. Paced: each connection waits PACE_MS between its requests, so the load is about the target's 10,000 clicks a
#     second rather than as many as the two cores serve; the latency is then the one a reader sees at that load.
printf 'function delay()\n  return %s\nend\n' "${PACE_MS:-8}" >"$work/paced.lua"
wrk_run "$D" "$work/wrk-paced" "$work/paced.lua"
echo "== paced: $C connections, each waiting ${PACE_MS:-8} ms between requests"
grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors" "$work/wrk-paced"

# 2. SIGKILL halfway through a run.
before=$(counted)
wrk_run 10 "$work/wrk2" &
wrk_pid=$!
sleep 5
kill -9 "$herald"
wait "$wrk_pid" || true
received=$(responses "$work/wrk2")
start_herald
kept=$(( $(counted) - before ))
echo "== SIGKILL after 5 s of a 10 s run"
echo "redirects wrk received: $received; clicks kept after the restart: $kept; lost: $(( received - kept ))"
