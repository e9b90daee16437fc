#!/usr/bin/env bash
# Two-node smoke run, no Docker: a throwaway PostgreSQL cluster (Debian's postgresql), two `java -jar` nodes of the
# prod build sharing it through clustered Quartz (one of them on the class-data archive deploy/class-data.sh writes),
# and Postfix's smtp-sink as the relay. Posts the seed article, sends
# it to a generated list of N readers, stops one node with SIGTERM mid-send, and checks that every reader got the
# email exactly once and that every ledger row is final.
#
#   mvn -B package -DskipTests && bash deploy/smoke/two-node-smoke.sh      (N=3000 RATE=150 by default)
#
# Needs: target/quarkus-app-prod (built by mvn package), postgresql and postfix (for smtp-sink) from Debian, curl,
# python3. Runs as root (PostgreSQL then runs as user postgres, smtp-sink as nobody) or as a normal user.
set -euo pipefail

N=${N:-3000}
RATE=${RATE:-150}   # messages per second per node: slow enough to stop a node mid-send
root=$(cd "$(dirname "$0")/../.." && pwd)
app=$root/target/quarkus-app-prod/herald-runner.jar
seed=$root/src/test/resources/fixtures/articles/astana-times-tokayev-kurtulmus.txt
[[ -f $app ]] || { echo "smoke: $app is missing: run mvn -B package -DskipTests first" >&2; exit 2; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n $pgbin ]] || { echo "smoke: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }
command -v smtp-sink >/dev/null || { echo "smoke: smtp-sink is not installed (apt-get install postfix)" >&2; exit 2; }

work=$(mktemp -d /tmp/herald-smoke.XXXXXX)
chmod 755 "$work"
pids=()
pg_started=
as_pg=()
sink_user=()
if (( EUID == 0 )); then as_pg=(runuser -u postgres --); sink_user=(-u nobody); fi

say() { printf 'smoke: %s\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n $pg_started ]] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  if (( status != 0 )); then
    say "FAILED; logs kept in $work"
    tail -n 30 "$work"/node-*.log 2>/dev/null || true
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# --- PostgreSQL: a cluster of our own on a free port --------------------------------------------------------------
pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pgsock"
(( EUID == 0 )) && chown postgres "$work/pg" "$work/pgsock"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U herald --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pgsock/pg.log" -w \
  -o "-p $pg_port -k $work/pgsock -c listen_addresses=127.0.0.1" start >/dev/null
pg_started=1
"${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U herald herald
say "PostgreSQL on 127.0.0.1:$pg_port"

# --- The relay: smtp-sink, appending every message with its envelope to one dump file ------------------------------
sink_port=$(free_port)
mkdir -p "$work/mail"
(( EUID == 0 )) && chown nobody "$work/mail"
smtp-sink "${sink_user[@]}" -D "$work/mail/dump" "127.0.0.1:$sink_port" 256 >"$work/sink.log" 2>&1 &
pids+=($!)
say "smtp-sink on 127.0.0.1:$sink_port"

# --- A generated list of N readers, sent on demand ------------------------------------------------------------------
mkdir -p "$work/subscribers/smoke"
printf 'name: Smoke Readers\nfrom: "The Astana Times <news@example.org>"\nmode: per-article\n' \
  >"$work/subscribers/smoke/list.yaml"
awk -v n="$N" 'BEGIN { print "email,name"; for (i = 0; i < n; i++) printf "reader%d@smoke.example.org,Reader %d\n", i, i }' \
  >"$work/subscribers/smoke/members.csv"

editor=smoke-editor-password
ops=smoke-ops-password
# The settings of node $1 on port $2, in the array env.
node_env() {
  local name=$1 port=$2
  env=(HERALD_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/herald" HERALD_DB_USER=herald HERALD_DB_PASSWORD=
    HERALD_SMTP_HOST=127.0.0.1 HERALD_SMTP_PORT="$sink_port" HERALD_SMTP_MAX_PER_SECOND="$RATE"
    HERALD_SUBSCRIBERS_DIR="$work/subscribers" HERALD_TEMPLATES_DIR="$root/templates"
    HERALD_DATA_DIR="$work/data-$name" HERALD_PUBLIC_URL=https://news.example.org
    HERALD_EDITOR_PASSWORD="$editor" HERALD_OPS_PASSWORD="$ops" QUARKUS_HTTP_PORT="$port"
    QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY=smoke-session-key-smoke-session-key-0123 MALLOC_ARENA_MAX=2)
}
# Starts node $1 on port $2 (further arguments: JVM options after deploy/jvm.options) and prints its pid.
start_node() {
  local name=$1 port=$2
  shift 2
  node_env "$name" "$port"
  env "${env[@]}" java @"$root/deploy/jvm.options" "$@" -jar "$app" >"$work/node-$name.log" 2>&1 &
  echo $!
}
wait_ready() {
  local port=$1
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  say "node on port $port did not become ready"; return 1
}
report() { curl -fs -u "ops:$ops" "http://127.0.0.1:$port_a/api/sends/$1"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

port_a=$(free_port); port_b=$(free_port)
# Node a starts with the class-data archive deploy/class-data.sh writes for it (a training start on its own settings),
# as the systemd unit does; -Xshare:on: a node that cannot map the archive does not start, and the run fails.
node_env a "$port_a"
env "${env[@]}" JVM_OPTIONS="$root/deploy/jvm.options" bash "$root/deploy/class-data.sh" "$app" "$work/herald.jsa"
pid_a=$(start_node a "$port_a" -XX:SharedArchiveFile="$work/herald.jsa" -Xshare:on); pids+=("$pid_a")
wait_ready "$port_a"
pid_b=$(start_node b "$port_b"); pids+=("$pid_b")
wait_ready "$port_b"
say "two nodes ready on ports $port_a and $port_b (clustered Quartz on one PostgreSQL)"

article=$(curl -fs -u "editor:$editor" -H 'Content-Type: text/plain; charset=UTF-8' --data-binary @"$seed" \
  "http://127.0.0.1:$port_a/api/articles" | field id)
send=$(curl -fs -u "ops:$ops" -H 'Content-Type: application/json' \
  -d "{\"article\":$article,\"list\":\"smoke\"}" "http://127.0.0.1:$port_a/api/sends" | field id)
say "send $send of article $article to $N readers started"

# --- SIGTERM node b once a fifth has gone ---------------------------------------------------------------------------
for _ in $(seq 1 600); do
  sent=$(report "$send" | field sent)
  (( sent >= N / 5 )) && break
  sleep 0.1
done
say "SIGTERM to node b after $sent of $N sent"
kill -TERM "$pid_b"
for _ in $(seq 1 600); do kill -0 "$pid_b" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid_b" 2>/dev/null; then say "node b did not stop within 60 s"; exit 1; fi
say "node b stopped"

# --- Node a finishes ------------------------------------------------------------------------------------------------
for _ in $(seq 1 1800); do
  [[ $(report "$send" | field status) == finished ]] && break
  sleep 0.1
done
json=$(report "$send")
status=$(field status <<<"$json"); sent=$(field sent <<<"$json"); pending=$(field pending <<<"$json")
sending=$(field sending <<<"$json"); failed=$(field failed <<<"$json"); total=$(field total <<<"$json")
sleep 1
received=$(grep -c '^X-Rcpt-Args:' "$work/mail/dump" || true)
distinct=$(grep '^X-Rcpt-Args:' "$work/mail/dump" | sort -u | wc -l)
say "ledger: status $status, total $total, sent $sent, failed $failed, pending $pending, sending $sending"
say "smtp-sink: $received messages, $distinct distinct readers"

ok=1
[[ $status == finished ]] || { say "the send did not finish"; ok=; }
(( total == N && sent == N && pending == 0 && sending == 0 && failed == 0 )) || { say "the ledger is not final and complete"; ok=; }
(( distinct == N )) || { say "$(( N - distinct )) readers got nothing"; ok=; }
(( received == N )) || { say "$(( received - distinct )) duplicate deliveries"; ok=; }
grep -q 'Stopping: sends in progress give back' "$work/node-b.log" || { say "node b did not drain"; ok=; }
[[ -n $ok ]] || exit 1
say "PASSED: $N readers, each exactly once, across a SIGTERM of one of two nodes"
