#!/usr/bin/env bash
# A node on a ledger a year old: what a send's plan, the send, a resume, a reader's access request and erasure, and
# the ops page (asked twice) cost when PostgreSQL already holds a year of a daily list (SENDS finished sends to the
# same READERS).
# The other benches start from an empty database; a newsroom's runs on one that grows by a row per reader per
# edition, and never shrinks (a send's figures are counted from its rows).
#
# usage: mvn -B -q package -DskipTests && [SENDS=365] [READERS=100000] [JARS="..."] src/bench/ledger-age-bench.sh
#   SENDS    finished sends already in the ledger (365: a year of a daily edition; 36.5 million rows, about 9 GB)
#   READERS  the list's readers (each send has a row for each)
#   JARS     the prod jars to measure in turn on the same ledger (default target/quarkus-app-prod/herald-runner.jar):
#            two builds compared on one fill, which takes most of the run (about 9 minutes at SENDS=365)
# PostgreSQL is a cluster of the run's own (Debian's, src/bench/postgres.sh); the relay is Postfix's smtp-sink on
# loopback; the node runs with deploy/jvm.options and 4 SMTP sessions, as in smtp-bench.sh. The ledger is filled
# with SQL (Herald's own schema, made by a first start), then VACUUM ANALYZE, as autovacuum leaves a table that size.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
SENDS=${SENDS:-365} READERS=${READERS:-100000}
JARS=${JARS:-$root/target/quarkus-app-prod/herald-runner.jar}
for jar in $JARS; do [[ -f $jar ]] || { echo "no $jar: build first (mvn -B -q package -DskipTests)" >&2; exit 2; }; done
command -v smtp-sink >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix; }
source src/bench/postgres.sh

work=$(mktemp -d -t herald-ledger-age.XXXXXX)
chmod 755 "$work"
pids=()
node=
cleanup() {
  [[ -n $node ]] && kill "$node" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  postgres_stop
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
secs() { python3 -c "print(f'{($(date +%s%N) - $1) / 1e9:.2f}')"; }

postgres_start "$work"
postgres_createdb herald
psql_herald() { "${as_pg[@]}" "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U herald -d herald -v ON_ERROR_STOP=1 -q "$@"; }
sink_port=$(free_port)
user=(); (( EUID == 0 )) && user=(-u nobody)
smtp-sink "${user[@]}" "127.0.0.1:$sink_port" 1024 >"$work/sink.log" 2>&1 &
pids+=($!)
mkdir -p "$work/subscribers/daily"
printf 'name: The Daily\nfrom: "The Astana Times <news@example.org>"\nmode: digest\n' >"$work/subscribers/daily/list.yaml"
printf 'email,name\n' >"$work/subscribers/daily/members.csv"
http_port=$(free_port)
password=ledger-age-$RANDOM$RANDOM
node_env=(HERALD_DB_URL="$(postgres_url herald)" HERALD_DB_USER=herald HERALD_DB_PASSWORD= HERALD_DATA_DIR="$work/data"
  HERALD_SUBSCRIBERS_DIR="$work/subscribers" HERALD_SAMPLE_ENABLED=false HERALD_MAIL_EMBEDDED_SINK=false
  HERALD_SMTP_HOST=127.0.0.1 HERALD_SMTP_PORT="$sink_port" HERALD_SMTP_POOL_SIZE=4 HERALD_OPS_PASSWORD="$password"
  HERALD_SCHEDULE_ENABLED=false HERALD_PUBLIC_URL=https://news.example.org QUARKUS_HTTP_PORT="$http_port"
  MALLOC_ARENA_MAX=2)
start_node() {
  local t0; t0=$(date +%s%N)
  env "${node_env[@]}" java @deploy/jvm.options -jar "$1" >>"$work/herald.log" 2>&1 &
  node=$!
  for _ in $(seq 1200); do curl -fs "http://127.0.0.1:$http_port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$http_port/q/health/ready" >/dev/null || { tail -30 "$work/herald.log" >&2; exit 1; }
  ready_s=$(secs "$t0")
}
stop_node() { kill "$node"; wait "$node" 2>/dev/null || true; node=; }
api() { curl -sf -u "ops:$password" "$@"; }

# Herald's schema and the list, made by a first start; then the year, in SQL.
start_node "$(set -- $JARS; echo "$1")"
stop_node
t0=$(date +%s%N)
psql_herald <<SQL
INSERT INTO subscriber (email, name, created_at)
  SELECT 'reader' || i || '@example.org', 'Reader ' || i, now() FROM generate_series(1, $READERS) i;
INSERT INTO membership (list_id, subscriber_id, state, source, changed_at)
  SELECT 'daily', id, 'active', 'members.csv', now() FROM subscriber;
INSERT INTO consent_event (list_id, subscriber_id, event, source, at)
  SELECT 'daily', id, 'listed', 'members.csv', now() FROM subscriber;
INSERT INTO edition (list_id, dedupe_key, created_at)
  SELECT 'daily', 'day-' || d, now() - d * interval '1 day' FROM generate_series(1, $SENDS) d;
INSERT INTO send (edition_id, live_edition_id, list_id, dry_run, status, started_by, created_at, started_at, finished_at,
    batch_count, next_batch)
  SELECT id, id, 'daily', false, 'finished', 'schedule', created_at, created_at, created_at, 0, 0 FROM edition ORDER BY id;
INSERT INTO delivery (send_id, subscriber_id, state, attempts, next_attempt, updated_at, last_reply, message_id)
  SELECT s.id, m.subscriber_id, 'sent', 1, s.created_at, s.created_at, '250 2.0.0 Ok: queued as 4ZxYw12AbCd',
    '<' || s.id || '.' || m.subscriber_id || '.k2f9x7q1@news.example.org>'
  FROM send s CROSS JOIN membership m ORDER BY s.id, m.subscriber_id;
VACUUM ANALYZE;
SQL
ledger=$(psql_herald -tA -c "SELECT to_char(count(*), 'FM999,999,999') || ' rows, ' ||
  pg_size_pretty(pg_total_relation_size('delivery')) FROM delivery")
echo "ledger: $SENDS finished sends to $READERS readers: $ledger, filled in $(secs "$t0") s"

article() {
  local f=$work/article.txt
  { head -1 src/test/resources/fixtures/articles/astana-times-tokayev-kurtulmus.txt | sed "s/\$/ ($1)/"
    tail -n +2 src/test/resources/fixtures/articles/astana-times-tokayev-kurtulmus.txt; } >"$f"
  api -H 'Content-Type: text/plain; charset=UTF-8' --data-binary @"$f" "http://127.0.0.1:$http_port/api/articles" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
# POST /api/sends answers once the send is planned (its edition, a ledger row per reader, its batches).
plan() {
  local out
  out=$(api -w '\n%{time_total}' -H 'Content-Type: application/json' -d '{"article":'"$1"',"list":"daily"}' \
    "http://127.0.0.1:$http_port/api/sends")
  plan_s=$(tail -1 <<<"$out")
  send=$(head -1 <<<"$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
}
finished() {
  while :; do
    report=$(api "http://127.0.0.1:$http_port/api/sends/$1")
    [[ $report == *'"status":"finished"'* ]] && return 0
    sleep 1
  done
}
row() { printf '  %-40s %s\n' "$1" "$2"; }
timed() { curl -s -o /dev/null -w '%{http_code} in %{time_total} s' -u "ops:$password" "$@"; }
# PostgreSQL's CPU: the postmaster and its backends (pg_dir is postgres.sh's).
db_ticks() {
  local pm total=0 p
  pm=$(head -1 "$pg_dir/data/postmaster.pid")
  for p in $pm $(pgrep -P "$pm"); do total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo "$total"
}

n=0
for jar in $JARS; do
  n=$((n + 1))
  echo "== $jar"
  start_node "$jar"
  row "start to ready (a second start)" "${ready_s} s"
  plan "$(article "run $n, send")"
  row "POST /api/sends (the plan)" "${plan_s} s"
  h0=$(awk '{print $14 + $15}' "/proc/$node/stat"); d0=$(db_ticks); t0=$(date +%s%N)
  finished "$send"
  s=$(secs "$t0"); h1=$(awk '{print $14 + $15}' "/proc/$node/stat"); d1=$(db_ticks)
  python3 - "$report" "$s" "$h0" "$h1" "$d0" "$d1" "$(getconf CLK_TCK)" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); s = float(sys.argv[2]); tck = int(sys.argv[7])
herald = (int(sys.argv[4]) - int(sys.argv[3])) / tck / s; db = (int(sys.argv[6]) - int(sys.argv[5])) / tck / s
print(f"  {'the send':40s} {r['sent']} sent at {r['rate']:,.0f} msgs/s "
      f"(Herald {herald:.2f} cores, PostgreSQL {db:.2f}, over {s:.1f} s)")
PY
  plan "$(article "run $n, paused")"
  sleep 2
  # A send that ended within those two seconds cannot be paused (409): the resume then has nothing to resume.
  api -X POST "http://127.0.0.1:$http_port/api/sends/$send/pause" >/dev/null || true
  sleep 1
  pending=$(api "http://127.0.0.1:$http_port/api/sends/$send" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pending"])')
  row "POST .../resume ($pending pending)" "$(timed -X POST "http://127.0.0.1:$http_port/api/sends/$send/resume")"
  finished "$send"
  row "GET /api/sends/$send (its figures)" "$(timed "http://127.0.0.1:$http_port/api/sends/$send")"
  row "GET /ops" "$(timed "http://127.0.0.1:$http_port/ops")"
  # The console again: the thirty sends it shows are finished, and their counts kept since the first request.
  row "GET /ops (again)" "$(timed "http://127.0.0.1:$http_port/ops")"
  row "GET /api/subscribers/... (access)" "$(timed "http://127.0.0.1:$http_port/api/subscribers/reader$((500 + n))@example.org")"
  row "DELETE /api/subscribers/... (erasure)" "$(timed -X DELETE "http://127.0.0.1:$http_port/api/subscribers/reader$((700 + n))@example.org")"
  row "watchdog warnings (the log so far)" "$(grep -c 'had open rows and no job' "$work/herald.log" || true)"
  stop_node
done
