#!/usr/bin/env bash
# Imports a generated members CSV through POST /api/lists/{id}/members and prints the time and the exact counts.
#   mvn -B -q package -DskipTests && [DB=h2|postgresql] [N=50000] [WARMUP=rows] [JAVA_OPTS=...] bash src/bench/import-bench.sh
# Every 100th row is bad (alternately no @, a line break inside a quoted address, a display name), so the report
# must reject exactly N/100 rows and add the rest. DB=postgresql runs the prod variant on a PostgreSQL cluster of the
# run's own (src/bench/postgres.sh); both run with deploy/jvm.options. The request limit is raised to 256 MB for the
# run (a million rows are about 45 MB; Herald's default limit is 16 MB, and larger lists belong in members.csv).
# WARMUP=rows first imports that many other addresses into a second list, untimed: the timed import then meets a JVM
# that has compiled the import's code (a node that has run for a while), not one fresh from its start.
set -euo pipefail
N=${N:-50000} DB=${DB:-h2} WARMUP=${WARMUP:-0}
root=$(cd "$(dirname "$0")/../.." && pwd)
case $DB in h2) app=$root/target/quarkus-app/herald-runner.jar ;; postgresql) app=$root/target/quarkus-app-prod/herald-runner.jar ;;
  *) echo "DB is h2 or postgresql, not $DB" >&2; exit 2 ;; esac
[[ -f $app ]] || { echo "import-bench: build first: mvn -B -q package -DskipTests" >&2; exit 2; }
source "$root/src/bench/postgres.sh"
work=$(mktemp -d)
chmod 755 "$work"
pid=
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; postgres_stop; rm -rf "$work"' EXIT
db_env=()
if [[ $DB == postgresql ]]; then
  postgres_start "$work"
  postgres_createdb herald
  db_env=(HERALD_DB_URL="$(postgres_url herald)" HERALD_DB_USER=herald HERALD_DB_PASSWORD= HERALD_SMTP_HOST=127.0.0.1
    HERALD_MAIL_EMBEDDED_SINK=true)
fi
password=import-$RANDOM-$RANDOM-$RANDOM
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
smtp=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
imap=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/subscribers/bench"
printf 'name: Import Bench\nfrom: "Bench <bench@example.org>"\n' >"$work/subscribers/bench/list.yaml"
printf 'email,name\n' >"$work/subscribers/bench/members.csv"
mkdir -p "$work/subscribers/warmup"
printf 'name: Warm-up\nfrom: "Bench <bench@example.org>"\n' >"$work/subscribers/warmup/list.yaml"
printf 'email,name\n' >"$work/subscribers/warmup/members.csv"

awk -v n="$N" 'BEGIN {
  print "email,name";
  for (i = 1; i <= n; i++) {
    if (i % 100 == 0) {
      k = (i / 100) % 3;
      if (k == 0) printf "broken-row-%d,Broken %d\n", i, i;
      else if (k == 1) printf "\"evil%d@example.org\r\nBcc: x@example.org\",Injected %d\n", i, i;
      else printf "Reader %d <reader%d@example.org>,Display %d\n", i, i, i;
    } else printf "reader%d@import.example.org,Reader %d\n", i, i;
  }
}' >"$work/members.csv"

env "${db_env[@]}" HERALD_DATA_DIR="$work/data" HERALD_SUBSCRIBERS_DIR="$work/subscribers" HERALD_SMTP_PORT="$smtp" \
  HERALD_MAIL_EMBEDDED_IMAP_PORT="$imap" HERALD_OPS_PASSWORD="$password" HERALD_EDITOR_PASSWORD="$password" \
  HERALD_SAMPLE_ENABLED=false QUARKUS_HTTP_PORT="$port" MALLOC_ARENA_MAX=2 QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE=256M \
  java @"$root/deploy/jvm.options" ${JAVA_OPTS:-} -jar "$app" >"$work/herald.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

if (( WARMUP > 0 )); then
  awk -v n="$WARMUP" 'BEGIN { print "email,name"; for (i = 1; i <= n; i++) printf "early%d@warmup.example.org,Early %d\n", i, i }' \
    >"$work/warmup.csv"
  curl -fs -u "ops:$password" -H 'Content-Type: text/csv; charset=UTF-8' --data-binary @"$work/warmup.csv" \
    "http://127.0.0.1:$port/api/lists/warmup/members" >/dev/null
  echo "import-bench: warmed up with $WARMUP rows into another list"
fi
bytes=$(stat -c %s "$work/members.csv")
start=$(date +%s.%N)
curl -fs -u "ops:$password" -H 'Content-Type: text/csv; charset=UTF-8' --data-binary @"$work/members.csv" \
  "http://127.0.0.1:$port/api/lists/bench/members" >"$work/report.json"
end=$(date +%s.%N)
python3 - "$work/report.json" "$N" "$start" "$end" "$bytes" "$DB" <<'PY'
import json, sys
report = json.load(open(sys.argv[1])); n = int(sys.argv[2]); secs = float(sys.argv[4]) - float(sys.argv[3])
bad = len(report["rejected"])
print(f"import-bench: {sys.argv[6]}, {n} rows ({int(sys.argv[5]) // 1024} KiB) in {secs:.2f} s = {n / secs:,.0f} rows/s")
print(f"import-bench: added {report['added']}, updated {report['updated']}, unchanged {report['unchanged']}, "
      f"rejected {bad} (expected exactly {n // 100}), role accounts {len(report['roleAccounts'])}")
for r in report["rejected"][:3]:
    print(f"  e.g. line {r['line']}: {r['reason']}")
sys.exit(0 if bad == n // 100 and report["added"] == n - n // 100 else 1)
PY
