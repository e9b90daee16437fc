#!/usr/bin/env bash
# Start to ready: from `java -jar` to the first 200 of /q/health/ready, for a first start (an empty database: every
# migration runs, the sample list is synced and its article stored) and a second start on the same data, RUNS times.
# Loopback only; the embedded SMTP sink stays on (the quick start's defaults).
#
# usage: [DB=h2|postgresql] [RUNS=3] [JVM="..."] [CDS=off|on] src/bench/start-bench.sh
#   DB    h2: the embedded default (target/quarkus-app); postgresql: the prod variant (target/quarkus-app-prod) on a
#         PostgreSQL cluster the run makes (Debian's postgresql), a new database for each first start
#   JVM   the JVM options (default: deploy/jvm.options, the ones the deploy files use)
#   CDS   on: the class-data archive (AppCDS) deploy/class-data.sh writes before the measured runs (one training start
#         and stop, on a data folder and database of its own), mapped by every measured start (-Xshare:on: a start
#         that cannot map it fails)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
DB=${DB:-h2} RUNS=${RUNS:-3} CDS=${CDS:-off}
JVM=${JVM:-$(grep -v '^#' deploy/jvm.options | tr '\n' ' ')}
case $DB in h2) app=target/quarkus-app ;; postgresql) app=target/quarkus-app-prod ;;
  *) echo "DB is h2 or postgresql, not $DB" >&2; exit 2 ;; esac
[[ $CDS == on || $CDS == off ]] || { echo "CDS is on or off, not $CDS" >&2; exit 2; }
[[ -f $app/herald-runner.jar ]] || mvn -B -q package -DskipTests
source src/bench/postgres.sh

work=$(mktemp -d -t herald-start.XXXXXX)
chmod 755 "$work"
herald=
cleanup() {
  [[ -n $herald ]] && kill "$herald" 2>/dev/null && wait "$herald" 2>/dev/null || true
  postgres_stop
  rm -rf "$work"
}
trap cleanup EXIT
password=start-$RANDOM-$RANDOM-$RANDOM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
[[ $DB == postgresql ]] && postgres_start "$work"

# The node's settings for a start on data folder $1 (and, on PostgreSQL, database $2): sets $port and the array env.
node_env() {
  local data=$1 db=$2
  port=$(free_port)
  env=(HERALD_DATA_DIR="$data" QUARKUS_HTTP_PORT="$port" HERALD_SMTP_PORT="$(free_port)"
    HERALD_MAIL_EMBEDDED_IMAP_PORT="$(free_port)" HERALD_OPS_PASSWORD="$password"
    HERALD_EDITOR_PASSWORD="$password" HERALD_PUBLIC_URL=https://news.example.org
    HERALD_TEMPLATES_DIR="$root/templates" HERALD_SUBSCRIBERS_DIR="$root/subscribers")
  [[ $DB == postgresql ]] && env+=(HERALD_DB_URL="$(postgres_url "$db")" HERALD_DB_USER=herald
    HERALD_DB_PASSWORD= HERALD_MAIL_EMBEDDED_SINK=true HERALD_SMTP_HOST=127.0.0.1)
  return 0
}

# One start: sets $ms to the milliseconds to ready and leaves the process running as $herald.
start() {
  local data=$1 db=$2 extra=$3 t0
  node_env "$data" "$db"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$app" && exec env "${env[@]}" java $JVM $extra -jar "$jar") >"$work/herald.log" 2>&1 &
  herald=$!
  wait_ready "$port" "$t0" || { tail -20 "$work/herald.log" >&2; exit 1; }
}

# Waits for the node's first 200 of /q/health/ready and sets $ms to the milliseconds since $1 (date +%s%N). Asks
# every 10 ms with the shell's own builtins (/dev/tcp, read -t, $EPOCHREALTIME in microseconds, whatever the locale's
# decimal mark): a loop that started curl, date and sleep for each try took 0.6 of a core on a two-core machine, where
# a start needs 2.6-2.9 s of CPU, and so slowed the start it measured (BENCHMARKS.md, "The bench's own asking").
wait_ready() {
  local port=$1 t0=$2 line=
  [[ -p $work/tick ]] || mkfifo "$work/tick"
  exec 4<>"$work/tick" # never written: read -t on it is the wait between tries
  while :; do
    if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      printf 'GET /q/health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
      IFS= read -r -t 30 line <&3 || line=
      exec 3<&-
      [[ $line == "HTTP/1.1 200"* ]] && break
    fi
    kill -0 "$herald" 2>/dev/null || { echo "Herald stopped before it was ready" >&2; exec 4<&-; return 1; }
    (( ${EPOCHREALTIME//[!0-9]/} - t0 / 1000 < 120000000 )) || { echo "not ready in 120 s" >&2; exec 4<&-; return 1; }
    read -r -t 0.01 -u 4 || true
  done
  ms=$(( (${EPOCHREALTIME//[!0-9]/} - t0 / 1000) / 1000 ))
  exec 4<&-
}
stop() { kill -TERM "$herald"; wait "$herald" 2>/dev/null || true; herald=; }

cds=
jar=$root/$app/herald-runner.jar
if [[ $CDS == on ]]; then
  # The archive deploy/class-data.sh writes (a training start on its own data, stopped once ready), as a deployment
  # makes it; every measured start maps it.
  [[ $DB == postgresql ]] && postgres_createdb train
  node_env "$work/train" train
  printf '%s\n' $JVM >"$work/jvm.options"
  env "${env[@]}" JVM_OPTIONS="$work/jvm.options" bash deploy/class-data.sh "$app/herald-runner.jar" "$work/app.jsa"
  cds="-XX:SharedArchiveFile=$work/app.jsa -Xshare:on"
  echo "class-data archive: $(( $(stat -c %s "$work/app.jsa") / 1048576 )) MB"
fi

firsts=() seconds=()
for run in $(seq "$RUNS"); do
  [[ $DB == postgresql ]] && postgres_createdb "run$run"
  start "$work/data-$run" "run$run" "$cds"; firsts+=("$ms"); stop
  start "$work/data-$run" "run$run" "$cds"; seconds+=("$ms"); stop
done
python3 - "$DB" "$CDS" "$JVM" "$(IFS=,; echo "${firsts[*]}")" "$(IFS=,; echo "${seconds[*]}")" <<'PY'
import sys
db, cds, jvm, firsts, seconds = sys.argv[1:]
f = [int(x) / 1000 for x in firsts.split(",")]
s = [int(x) / 1000 for x in seconds.split(",")]
print(f"start-bench  db={db} appcds={cds} jvm: {jvm.strip()}")
print("  first start (migrations, sample list)  " + ", ".join(f"{x:.2f}" for x in f) + f" s  (best {min(f):.2f})")
print("  second start                           " + ", ".join(f"{x:.2f}" for x in s) + f" s  (best {min(s):.2f})")
PY
