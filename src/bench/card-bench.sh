#!/usr/bin/env bash
# Image cards: how long one card takes to draw (warm, per format, from Herald's own herald_card_render timer), and
# whether drawing the cards of a 200-article digest day slows an email send running at the same time. Sends of the
# same size to Postfix's smtp-sink in one process, after two warm-up sends: A alone; B started as soon as ARTICLES
# articles arrived (posted four at a time), while the background painter still has most of their 3 x ARTICLES cards
# to draw (it holds them while the node sends); C alone again once they are drawn; D while another ARTICLES articles
# arrive (the ingest: parsing, teasers, storage; not the drawing), for scale. B and D are compared with the mean of
# A and C, so the JIT's warm-up favours neither side. Loopback only; every step bounded in time.
#
# usage: [N=30000] [ARTICLES=200] [SESSIONS=4] [XMX=128m] src/bench/card-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-30000} ARTICLES=${ARTICLES:-200} S=${SESSIONS:-4} XMX=${XMX:-128m}

if ! command -v smtp-sink >/dev/null; then
  apt-get update -q
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix
fi
[[ -f target/quarkus-app/herald-runner.jar ]] || mvn -B -q package -DskipTests

work=$(mktemp -d -t herald-cards.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Six lists of N readers: two warm-ups, then A, B, C and D.
for list in warm warm2 a b c d; do
  mkdir -p "$work/subscribers/$list"
  printf 'name: Cards %s\nfrom: "The Astana Times <news@example.org>"\nmode: digest\n' "$list" >"$work/subscribers/$list/list.yaml"
  awk -v n="$N" -v l="$list" 'BEGIN { print "email"; for (i = 0; i < n; i++) printf "r%d@%s.example.org\n", i, l }' \
    >"$work/subscribers/$list/members.csv"
done
mkdir -p "$work/data"

sink=$(port)
user=(); (( EUID == 0 )) && user=(-u nobody)
smtp-sink -c "${user[@]}" "127.0.0.1:$sink" 1024 >"$work/sink.log" 2>&1 &
pids+=($!)
http=$(port)
password=bench-$RANDOM$RANDOM
HERALD_DATA_DIR="$work/data" HERALD_SUBSCRIBERS_DIR="$work/subscribers" HERALD_SAMPLE_ENABLED=false \
  HERALD_MAIL_EMBEDDED_SINK=false HERALD_SMTP_HOST=127.0.0.1 HERALD_SMTP_PORT="$sink" HERALD_SMTP_POOL_SIZE="$S" \
  HERALD_OPS_PASSWORD="$password" HERALD_EDITOR_PASSWORD="$password" HERALD_SCHEDULE_ENABLED=false \
  QUARKUS_HTTP_PORT="$http" HERALD_PUBLIC_URL=https://news.example.org \
  java "-Xmx$XMX" -jar target/quarkus-app/herald-runner.jar >"$work/herald.log" 2>&1 &
herald=$!
pids+=($herald)
base="http://127.0.0.1:$http"
api() { curl -sf -u "ops:$password" "$@"; }
for _ in $(seq 600); do api "$base/api/articles" >/dev/null 2>&1 && break; sleep 0.5; done
api "$base/api/articles" >/dev/null || { echo "Herald did not start" >&2; tail -30 "$work/herald.log" >&2; exit 1; }

post_article() {
  api -H 'Content-Type: application/json' -d "{\"title\":\"Card bench story $1: Kazakhstan and Türkiye widen trade\",\
\"body\":\"ASTANA – Bilateral trade reached \$6 billion last year, and both governments aim for \$10 billion, officials said on day $1.\\n\\n\
“This is a partnership for the next decade,” said Kurtulmuş.\\n\\nFollow us on X, Facebook, Instagram and Telegram.\"}" \
    "$base/api/articles" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
send() {  # list -> "rate seconds"
  local id deadline report
  id=$(api -H 'Content-Type: application/json' -d "{\"article\":$edition,\"list\":\"$1\"}" "$base/api/sends" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  deadline=$(( $(date +%s) + 1800 ))
  while :; do
    report=$(api "$base/api/sends/$id")
    [[ $report == *'"status":"finished"'* ]] && break
    (( $(date +%s) < deadline )) || { echo "send $id did not finish: $report" >&2; exit 1; }
    sleep 1
  done
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["rate"], r["sent"])' "$report"
}
timer() {  # format -> "count sum_seconds"
  api "$base/q/metrics" | awk -v f="$1" '
    $0 ~ "^herald_card_render_seconds_count\\{.*format=\"" f "\"" { c = $2 }
    $0 ~ "^herald_card_render_seconds_sum\\{.*format=\"" f "\"" { s = $2 }
    END { print (c == "" ? 0 : c), (s == "" ? 0 : s) }'
}
painted() { local total=0; for f in portrait landscape story; do read -r c _ < <(timer "$f"); total=$(( total + ${c%.*} )); done; echo "$total"; }
wait_painted() {  # until n cards are drawn
  local deadline=$(( $(date +%s) + 1800 ))
  until (( $(painted) >= $1 )); do (( $(date +%s) < deadline )) || { echo "cards not drawn" >&2; exit 1; }; sleep 1; done
}

edition=$(post_article 0)
# Warm-up: two sends and 30 articles' cards, so the figures below are those of a running node.
read -r _ _ < <(send warm)
read -r _ _ < <(send warm2)
for i in $(seq 30); do post_article "w$i" >/dev/null; done
wait_painted 93
declare -A c0 s0
for f in portrait landscape story; do read -r c0[$f] s0[$f] < <(timer "$f"); done

read -r rate_a sent_a < <(send a)
# B: the day's articles have arrived; the send starts with their cards still to draw.
export -f post_article api; export base password
seq "$ARTICLES" | xargs -P 4 -I{} bash -c 'post_article "d{}" >/dev/null'
queued=$(( 93 + 3 * ARTICLES - $(painted) ))
read -r rate_b sent_b < <(send b)
wait_painted $(( 93 + 3 * ARTICLES ))
read -r rate_c sent_c < <(send c)
# D: another day's articles arrive during the send.
( for i in $(seq "$ARTICLES"); do post_article "e$i" >/dev/null; done ) &
poster=$!
read -r rate_d sent_d < <(send d)
wait "$poster"
rss=$(awk '/VmHWM/ {print $2}' "/proc/$herald/status")

echo
echo "card-bench  readers per send=$N sessions=$S xmx=$XMX articles during send B=$ARTICLES"
for f in portrait landscape story; do
  read -r c s < <(timer "$f")
  python3 -c "import sys; c=float(sys.argv[1])-float(sys.argv[3]); s=float(sys.argv[2])-float(sys.argv[4]); print(f'  {sys.argv[5]:10s} card, warm: {s/c*1000:6.1f} ms mean over {int(c)} cards')" \
    "$c" "$s" "${c0[$f]}" "${s0[$f]}" "$f"
done
python3 - "$rate_a" "$rate_b" "$rate_c" "$rate_d" "$sent_a" "$sent_b" "$sent_c" "$sent_d" "$rss" "$queued" <<'PY'
import sys
a, b, c, d = map(float, sys.argv[1:5])
print(f"  send A alone                         {a:8.1f} msgs/s ({sys.argv[5]} sent)")
print(f"  send B, {int(sys.argv[10]):4d} cards waiting to be drawn {b:8.1f} msgs/s ({sys.argv[6]} sent)")
print(f"  send C alone                         {c:8.1f} msgs/s ({sys.argv[7]} sent)")
print(f"  B against mean(A, C)                 {b / ((a + c) / 2):8.3f}")
print(f"  send D while the articles arrive     {d:8.1f} msgs/s ({sys.argv[8]} sent), {d / ((a + c) / 2):.3f} of mean(A, C)")
print(f"  peak RSS (VmHWM)                     {int(sys.argv[9]) / 1024:8.1f} MB")
PY
