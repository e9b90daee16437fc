#!/usr/bin/env bash
# Herald's send rate against Postfix's smtp-sink, and the ratio to smtp-source (the machine's SMTP limit) at the
# same number of sessions and message size, measured in the same run against the same sink. Also prints peak heap,
# peak RSS, the list sync and the planning time, and the sink's CPU under each client (smtp-sink is one process: a
# client that keeps it at a whole core has found the sink's limit), with the whole machine's busy CPU and the time the
# sink waited for a core under each. Loopback only; every step bounded in time.
#
# usage: [DB=h2|postgresql] [SIZE=long|seed] [N=100000] [SESSIONS=4] [XMX=128m] [DKIM=off|on] [PARAGRAPHS=100]
#        [LIMIT_MESSAGES=50000] [LIMIT_RUNS=3] [BUSY_RUNS=1] [WARMUP=0] [TRACKING=aggregate|off|individual]
#        [SCHED=apart|together] [CONSENT=0] src/bench/smtp-bench.sh
#   DB        h2: the embedded default (target/quarkus-app); postgresql: the prod variant (target/quarkus-app-prod)
#             on a PostgreSQL cluster the run makes and removes (Debian's postgresql, installed when missing)
#   SIZE      seed: the newsroom's seed article (a digest of about 12 KB, a real edition); long: PARAGRAPHS paragraphs
#   LIMIT_RUNS  smtp-source runs against the same sink: one before Herald's send, the rest after; the best is the
#             limit the ratio divides by, and the spread is printed
#   BUSY_RUNS smtp-source runs after those with one core busy (a shell loop), printed beside the limit: what the
#             machine's SMTP limit is for a client that, like Herald with its database, leaves the sink one core
#   N         subscribers generated for the bench list (1000000 for the million run)
#   WARMUP    readers of a first send to another list, before the measured one, in the same process: the figures
#             are then those of a Herald that has sent before (its JIT done), as a long-running node is for every
#             edition after its first. 0 (the default) measures a cold process.
#   SESSIONS  SMTP connections (Herald's herald.smtp.pool-size, smtp-source -s)
#   XMX       Herald's heap limit
#   DKIM      on: sign every message (rsa-sha256, a key generated for the run)
#   PARAGRAPHS  paragraphs of the bench article (100 gives a message of about 42 KB, like the kit's newsletter)
#   TRACKING  the bench list's click counting (list.yaml tracking; aggregate is every list's default)
#   CONSENT   percent of the bench list's readers who consented to individual click counting (with
#             TRACKING=individual their links are their own); PostgreSQL only: written into the membership table once
#             the list is synced, as the preferences page would set it (without the consent events it also writes)
#   SCHED     apart (the default): the sink, Herald and each client run in a session of their own (setsid), as
#             services do (a systemd unit or a container is a control group of its own; pg_ctl starts PostgreSQL
#             in a session of its own), so that the kernel shares the cores between the processes before it shares
#             them between their threads (autogroup); together: all in the bench's session, where Herald's threads
#             and the sink's one are scheduled side by side
#   JAVA_OPTS   extra JVM options for Herald after deploy/jvm.options (for example a Flight Recorder recording, or
#             -XX:TieredStopAtLevel=4 for the optimising compiler that file leaves out)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-100000} S=${SESSIONS:-4} XMX=${XMX:-128m} DKIM=${DKIM:-off} PARAGRAPHS=${PARAGRAPHS:-100}
LIMIT_MESSAGES=${LIMIT_MESSAGES:-50000} WARMUP=${WARMUP:-0} TRACKING=${TRACKING:-aggregate} CONSENT=${CONSENT:-0}
DB=${DB:-h2} SIZE=${SIZE:-long} LIMIT_RUNS=${LIMIT_RUNS:-3} BUSY_RUNS=${BUSY_RUNS:-1}
case $DB in h2) jar=$PWD/target/quarkus-app/herald-runner.jar ;; postgresql) jar=$PWD/target/quarkus-app-prod/herald-runner.jar ;;
  *) echo "DB is h2 or postgresql, not $DB" >&2; exit 2 ;; esac
case $SIZE in seed|long) ;; *) echo "SIZE is seed or long, not $SIZE" >&2; exit 2 ;; esac
SCHED=${SCHED:-apart}
case $SCHED in apart) apart=(setsid) ;; together) apart=() ;;
  *) echo "SCHED is apart or together, not $SCHED" >&2; exit 2 ;; esac
(( LIMIT_RUNS >= 2 )) || { echo "LIMIT_RUNS is at least 2 (one before Herald's send, one after)" >&2; exit 2; }
(( CONSENT >= 0 && CONSENT <= 100 )) || { echo "CONSENT is a percent, not $CONSENT" >&2; exit 2; }
[[ $CONSENT == 0 || $DB == postgresql ]] || { echo "CONSENT needs DB=postgresql" >&2; exit 2; }

if ! command -v smtp-sink >/dev/null; then
  apt-get update -q
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix
fi
[[ -f $jar ]] || mvn -B -q package -DskipTests
source src/bench/postgres.sh

work=$(mktemp -d -t herald-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  postgres_stop
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The list: N generated readers, one digest list without a schedule.
mkdir -p "$work/subscribers/bench" "$work/data"
printf 'name: Bench Digest\nfrom: "The Astana Times <news@example.org>"\nmode: digest\ntracking: %s\n' "$TRACKING" \
  >"$work/subscribers/bench/list.yaml"
awk -v n="$N" 'BEGIN { print "email,name"; for (i = 0; i < n; i++) printf "reader%d@bench.example.org,Reader %d\n", i, i }' \
  >"$work/subscribers/bench/members.csv"
if (( WARMUP > 0 )); then
  mkdir -p "$work/subscribers/warmup"
  printf 'name: Warm-up Digest\nfrom: "The Astana Times <news@example.org>"\nmode: digest\n' >"$work/subscribers/warmup/list.yaml"
  awk -v n="$WARMUP" 'BEGIN { print "email,name"; for (i = 0; i < n; i++) printf "reader%d@warmup.example.org,Reader %d\n", i, i }' \
    >"$work/subscribers/warmup/members.csv"
fi

# The sink: smtp-sink counting what it receives (-c), so that lost or doubled messages show in the totals.
sink_port=$(free_port)
user=(); (( EUID == 0 )) && user=(-u nobody)
"${apart[@]}" smtp-sink -c "${user[@]}" "127.0.0.1:$sink_port" 1024 >"$work/sink.log" 2>&1 &
pids+=($!)
sleep 0.5

# The production database, when asked: a PostgreSQL cluster of the run's own (Debian's), new for each run.
db_env=()
if [[ $DB == postgresql ]]; then
  postgres_start "$work"
  postgres_createdb herald
  db_env=(HERALD_DB_URL="$(postgres_url herald)" HERALD_DB_USER=herald HERALD_DB_PASSWORD=)
fi
# CPU ticks of the database server: the postmaster and its children (the connections' backends), 0 for H2 (in Herald).
db_ticks() {
  [[ $DB == postgresql ]] || { echo 0; return; }
  local pm total=0 p
  pm=$(head -1 "$pg_dir/data/postmaster.pid")
  for p in $pm $(pgrep -P "$pm"); do total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
  echo $total
}

# The limit: smtp-source at the same sessions and size against the same sink, LIMIT_RUNS times in all: once before
# Herald starts and the rest after its send. The best run is the limit; the spread says how much the yardstick moved.
# Beside each, the ceiling: src/bench/PipelinedSource.java, a client that only sends one fixed message with the next
# envelope pipelined behind each message's end (one round trip a message), as far above smtp-source as the sink allows.
# The sink's own CPU in each smtp-source run is kept too (cores, and microseconds a message): smtp-sink is one
# process, and a run that has it at a whole core measures the sink's one core, not the machine's two.
# Beside them, the whole machine's busy CPU, smtp-source's own CPU (bash's times for the subshell that ran it) and the
# time the sink spent waiting for a core (schedstat): what each client leaves the sink.
limit_runs=()
ceiling_runs=()
limit_sink=()
limit_machine=()
limit_run() {
  local t0 t1 c0 c1 k0 k1 w0 w1
  c0=$(cpu_ticks "${pids[0]}"); k0=$(machine_ticks); w0=$(wait_ns "${pids[0]}")
  t0=$(date +%s%N)
  (timeout 600 "${apart[@]}" smtp-source -d -s "$S" -m "$m" -l "$size" -f news@example.org \
    -t reader@bench.example.org -N "127.0.0.1:$sink_port"; times >"$work/times")
  t1=$(date +%s%N)
  c1=$(cpu_ticks "${pids[0]}"); k1=$(machine_ticks); w1=$(wait_ns "${pids[0]}")
  limit_runs+=("$(python3 -c "print(round($m / (($t1 - $t0) / 1e9), 1))")")
  limit_sink+=("$(python3 -c "t = ($c1 - $c0) / $(getconf CLK_TCK); print(f'{t / (($t1 - $t0) / 1e9):.2f}:{t / $m * 1e6:.0f}')")")
  limit_machine+=("$(python3 - "$(tail -1 "$work/times")" <<PY
import re, sys
own = sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", sys.argv[1]))
secs = ($t1 - $t0) / 1e9
print(f"{($k1 - $k0) / $(getconf CLK_TCK) / secs:.2f}:{own / secs:.2f}:{($w1 - $w0) / 1e9 / secs:.2f}")
PY
)")
  ceiling_runs+=("$(timeout 600 "${apart[@]}" java -Xmx64m src/bench/PipelinedSource.java \
    127.0.0.1 "$sink_port" "$S" "$m" "$size" | awk '/^pipelined/ {print $2}')")
}
# The same limit with one core taken by a busy loop, about what Herald and its database use beside the sink during
# a send (0.9-1.1 of a core; printed as "cpu during the send"): what smtp-source reaches when it does not have the
# machine to itself. Context for the ratio, which divides by the idle machine's best run, as the target says.
busy_runs=()
busy_limit_run() {
  local t0 t1 busy
  timeout 600 "${apart[@]}" sh -c 'while :; do :; done' &
  busy=$!
  pids+=("$busy")   # stopped with the rest if the run ends here
  t0=$(date +%s%N)
  timeout 600 "${apart[@]}" smtp-source -d -s "$S" -m "$m" -l "$size" -f news@example.org \
    -t reader@bench.example.org -N "127.0.0.1:$sink_port"
  t1=$(date +%s%N)
  kill "$busy"; wait "$busy" 2>/dev/null || true
  busy_runs+=("$(python3 -c "print(round($m / (($t1 - $t0) / 1e9), 1))")")
}
m=$(( N < LIMIT_MESSAGES ? N : LIMIT_MESSAGES ))

http_port=$(free_port)
ops_password=bench-$RANDOM$RANDOM
env_vars=(HERALD_DATA_DIR="$work/data" HERALD_SUBSCRIBERS_DIR="$work/subscribers" HERALD_SAMPLE_ENABLED=false
  HERALD_MAIL_EMBEDDED_SINK=false HERALD_SMTP_HOST=127.0.0.1 HERALD_SMTP_PORT="$sink_port"
  HERALD_SMTP_POOL_SIZE="$S" HERALD_OPS_PASSWORD="$ops_password" HERALD_EDITOR_PASSWORD="$ops_password"
  HERALD_SCHEDULE_ENABLED=false QUARKUS_HTTP_PORT="$http_port" HERALD_PUBLIC_URL=https://news.example.org)
if [[ $DKIM == on ]]; then
  openssl genrsa -out "$work/dkim.pem" 2048 2>/dev/null
  env_vars+=(HERALD_DKIM_DOMAIN=example.org HERALD_DKIM_SELECTOR=bench HERALD_DKIM_PRIVATE_KEY_FILE="$work/dkim.pem")
fi
t_start=$(date +%s%N)
# Peak heap from the GC log (the heap just before each collection), not from sampling: a jstat every two seconds
# starts a JVM each time and took a tenth of a core from the run it measured.
# deploy/jvm.options first (the options a deployed node runs with), then the bench's heap and JAVA_OPTS, which win.
"${apart[@]}" env "${env_vars[@]}" "${db_env[@]}" MALLOC_ARENA_MAX=2 \
  java @deploy/jvm.options "-Xmx$XMX" "-Xlog:gc:file=$work/gc.log" ${JAVA_OPTS:-} -jar "$jar" >"$work/herald.log" 2>&1 &
herald=$!
pids+=($herald)
api() { curl -sf -u "ops:$ops_password" "$@"; }
for _ in $(seq 600); do api "http://127.0.0.1:$http_port/api/articles" >/dev/null 2>&1 && break; sleep 0.5; done
api "http://127.0.0.1:$http_port/api/articles" >/dev/null || { echo "Herald did not start" >&2; tail -30 "$work/herald.log" >&2; exit 1; }
t_ready=$(date +%s%N)
if (( CONSENT > 0 )); then
  consenting=$("${as_pg[@]}" "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U herald -d herald -qAt -c \
    "UPDATE membership SET click_consent = true WHERE list_id = 'bench' AND subscriber_id % 100 < $CONSENT RETURNING 1" | wc -l)
  echo "consent: $consenting readers of the bench list consented to individual click counting"
fi

# The edition: SIZE=seed is the newsroom's seed article as it is (its digest is about 12 KB, a real edition's size);
# SIZE=long one long article of PARAGRAPHS paragraphs (100 gives a message of about 58 KB).
if [[ $SIZE == seed ]]; then
  api -H 'Content-Type: text/plain; charset=UTF-8' \
    --data-binary @src/test/resources/fixtures/articles/astana-times-tokayev-kurtulmus.txt \
    "http://127.0.0.1:$http_port/api/articles" >/dev/null
else
  body=""
  for p in $(seq "$PARAGRAPHS"); do body+="ASTANA – Paragraph $p of the bench story: bilateral trade reached \$6 billion, and Türkiye and Kazakhstan aim for \$10 billion, said Kurtulmuş in a long statement about ties in trade, technology and energy.\\n\\n"; done
  api -H 'Content-Type: application/json' \
    -d "{\"title\":\"Bench story: Kazakhstan and Türkiye\",\"body\":\"$body\"}" \
    "http://127.0.0.1:$http_port/api/articles" >/dev/null
fi
java_pid_rss() { awk '/VmHWM/ {print $2}' "/proc/$herald/status"; }

# The send: the list's new articles as one digest, started over the API and watched to the end.
first=$(api "http://127.0.0.1:$http_port/api/articles" | python3 -c 'import json,sys; print(min(a["id"] for a in json.load(sys.stdin)))')
size=$(api "http://127.0.0.1:$http_port/api/articles/$first/email?list=bench" | wc -c)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The machine's busy CPU, every core (user, nice, system, irq, softirq, steal): loopback TCP's softirq work is charged
# to no process, so the processes' own CPU undercounts what a run takes of the machine.
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# Nanoseconds a process has waited for a core (schedstat's second field; 0 where the kernel keeps no schedstat).
wait_ns() { awk '{print $2}' "/proc/$1/schedstat" 2>/dev/null || echo 0; }
wait_finished() {
  local id=$1 deadline=$(( $(date +%s) + 3600 )) report
  while :; do
    report=$(api "http://127.0.0.1:$http_port/api/sends/$id")
    [[ $report == *'"status":"finished"'* ]] && return 0
    (( $(date +%s) < deadline )) || { echo "send $id did not finish within an hour: $report" >&2; exit 1; }
    sleep 2
  done
}
if (( WARMUP > 0 )); then
  warm=$(api -H 'Content-Type: application/json' -d '{"article":'"$first"',"list":"warmup"}' \
    "http://127.0.0.1:$http_port/api/sends" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  wait_finished "$warm"
  echo "warm-up: $WARMUP messages sent to another list first: $(api "http://127.0.0.1:$http_port/api/sends/$warm" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["sent"], "sent at", r["rate"], "msgs/s")')"
fi
limit_run   # the first measure of the machine's limit, before Herald's send, while Herald waits idle
herald_cpu0=$(cpu_ticks "$herald"); sink_cpu0=$(cpu_ticks "${pids[0]}"); db_cpu0=$(db_ticks)
machine0=$(machine_ticks); sink_wait0=$(wait_ns "${pids[0]}")
t_send=$(date +%s%N)
send=$(api -H 'Content-Type: application/json' -d '{"article":'"$first"',"list":"bench"}' \
  "http://127.0.0.1:$http_port/api/sends" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
deadline=$(( EPOCHSECONDS + 3600 ))
# The reports as they come, read after the send: a Python start per report (about 0.4 s of CPU on a two-core machine
# with page-table isolation) took about 0.15 of a core from the send it watched.
: >"$work/reports"
while :; do
  report=$(api "http://127.0.0.1:$http_port/api/sends/$send")
  printf '%s\n' "$report" >>"$work/reports"
  [[ $report == *'"status":"finished"'* ]] && break
  (( EPOCHSECONDS < deadline )) || { echo "send did not finish within an hour: $report" >&2; exit 1; }
  sleep 2
done
rss_peak=$(java_pid_rss)
# What the edition did, as ops open it after the send: the whole figures of a send of N rows.
report_s=$(curl -sf -o /dev/null -w '%{time_total}' -u "ops:$ops_password" "http://127.0.0.1:$http_port/api/sends/$send")
echo "GET /api/sends/$send (the edition's figures) after the send: ${report_s} s"
report=$(api "http://127.0.0.1:$http_port/api/sends/$send")
herald_cpu=$(( $(cpu_ticks "$herald") - herald_cpu0 )); sink_cpu=$(( $(cpu_ticks "${pids[0]}") - sink_cpu0 ))
db_cpu=$(( $(db_ticks) - db_cpu0 ))
send_s=$(python3 -c "print(($(date +%s%N) - $t_send) / 1e9)")
send_machine=$(python3 -c "print(f'{($(machine_ticks) - $machine0) / $(getconf CLK_TCK) / $send_s:.2f}:{($(wait_ns "${pids[0]}") - $sink_wait0) / 1e9 / $send_s:.2f}')")
echo "cpu during the send: herald $(python3 -c "print(round($herald_cpu / $(getconf CLK_TCK) / $send_s, 2))") cores, smtp-sink $(python3 -c "print(round($sink_cpu / $(getconf CLK_TCK) / $send_s, 2))") cores, database $( [[ $DB == h2 ]] && echo "(H2, inside Herald's process)" || echo "$(python3 -c "print(round($db_cpu / $(getconf CLK_TCK) / $send_s, 2))") cores (PostgreSQL)") over ${send_s} s"
read -r sent rate started finished < <(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["sent"], r["rate"], r["startedAt"], r["finishedAt"])' "$report")
plan_ms=$(( ( $(date +%s%N) - t_send ) / 1000000 ))
kill "$herald"; wait "$herald" 2>/dev/null || true
signing=$(grep -o 'DKIM: signing.*' "$work/herald.log" | head -1 || true)
heap_peak=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" | cut -dM -f1 | sort -n | tail -1)
heap_peak=$(( ${heap_peak:-0} * 1024 ))

# The limit again, after the send, against the same sink: LIMIT_RUNS in all.
for _ in $(seq $(( LIMIT_RUNS - 1 ))); do limit_run; done
for _ in $(seq "$BUSY_RUNS"); do busy_limit_run; done
received=$(tr '\r' '\n' <"$work/sink.log" | grep -o 'mesg=[0-9]*' | tail -1 | cut -d= -f2)

python3 - "$N" "$S" "$XMX" "$DKIM" "$size" "$sent" "$rate" "$(IFS=,; echo "${limit_runs[*]}")" "$heap_peak" "$rss_peak" \
  "$(( (t_ready - t_start) / 1000000 ))" "$received" "$m" "$signing" "$WARMUP" "$TRACKING" "$DB" "$SIZE" \
  "$(IFS=,; echo "${ceiling_runs[*]}")" "${JAVA_OPTS:-}" "$(IFS=,; echo "${busy_runs[*]}")" \
  "$(IFS=,; echo "${limit_sink[*]}")" "$(python3 -c "print($sink_cpu / $(getconf CLK_TCK))")" "$send_s" "$(IFS=,; echo "${limit_machine[*]}")" "$send_machine" \
  "$SCHED" <<'PY'
import os, sys
n, s, xmx, dkim, size, sent, rate, limits, heap, rss, ready_ms, received, m, signing, warmup, tracking, db, kind, \
    ceilings, java_opts, busies, sinks, sink_s, send_s, machines, send_machine, sched = sys.argv[1:]
busy = [float(x) for x in busies.split(",") if x]
runs = [float(x) for x in limits.split(",")]
ceiling = [float(x) for x in ceilings.split(",") if x]
rate, limit = float(rate), max(runs)
print()
print(f"herald-bench  db={db} size={kind} subscribers={n} sessions={s} xmx={xmx} dkim={dkim} tracking={tracking}"
      + f" sched={sched} message={int(size)/1000:.1f} KB"
      + (f" warm (after a send of {warmup})" if int(warmup) else " cold (the process's first send)"))
print(f"  jvm: deploy/jvm.options -Xmx{xmx}" + (f" {java_opts}" if java_opts.strip() else ""))
if signing:
    print(f"  {signing}")
print(f"  start incl. list sync   {int(ready_ms)/1000:8.1f} s")
print(f"  sent                    {int(sent):8d}")
print(f"  herald                  {rate:8.1f} msgs/s")
print(f"  smtp-source -d -s {s}     {limit:8.1f} msgs/s  best of {len(runs)} runs of {m} messages of {size} bytes"
      + f" (first before the send: {runs[0]:,.0f}; after: " + ", ".join(f"{r:,.0f}" for r in runs[1:])
      + f"; spread {min(runs):,.0f}-{max(runs):,.0f})")
print(f"  ratio to the best run   {rate/limit:8.3f}   (to the worst: {rate/min(runs):.3f})")
if ceiling:
    print(f"  pipelined ceiling       {max(ceiling):8.1f} msgs/s  best of {len(ceiling)} runs beside smtp-source's"
          + f" (spread {min(ceiling):,.0f}-{max(ceiling):,.0f}); herald at {rate/max(ceiling):.3f} of it")
if busy:
    print(f"  beside one busy core    {max(busy):8.1f} msgs/s  smtp-source with a shell loop on one core"
          + (f" (best of {len(busy)}: " + ", ".join(f"{b:,.0f}" for b in busy) + ")" if len(busy) > 1 else "")
          + f"; herald at {rate/max(busy):.3f} of it")
sink = [tuple(map(float, x.split(":"))) for x in sinks.split(",") if x]
if sink and int(sent):
    print(f"  smtp-sink's CPU         under smtp-source " + ", ".join(f"{c:.2f}" for c, _ in sink) + " cores ("
          + ", ".join(f"{u:.0f}" for _, u in sink) + " µs a message); under herald's send "
          + f"{float(sink_s) / float(send_s):.2f} cores ({float(sink_s) / int(sent) * 1e6:.0f} µs a message)")
machine = [tuple(map(float, x.split(":"))) for x in machines.split(",") if x]
herald_busy, herald_wait = map(float, send_machine.split(":"))
if machine:
    print(f"  machine's CPU           under smtp-source " + ", ".join(f"{b:.2f}" for b, _, _ in machine)
          + " cores (smtp-source itself " + ", ".join(f"{o:.2f}" for _, o, _ in machine)
          + f"); under herald's send {herald_busy:.2f} cores of {os.cpu_count()}")
    print(f"  sink waiting for a core under smtp-source " + ", ".join(f"{w:.2f}" for _, _, w in machine)
          + f" s a second; under herald's send {herald_wait:.2f} s a second")
print(f"  peak heap (GC log)      {int(heap)/1024:8.1f} MB")
print(f"  peak RSS (VmHWM)        {int(rss)/1024:8.1f} MB")
print(f"  smtp-sink received      {received} (herald {sent} + smtp-source {len(runs)} x {m}"
      + f" + pipelined {len(ceiling)} x {m}" + (f" + beside a busy core {len(busy)} x {m}" if busy else "")
      + (f" + warm-up {warmup})" if int(warmup) else ")"))
PY
python3 - "$work/reports" "$t_send" <<'PY'
import datetime, json, sys
# (seconds since the start, sent so far) as of each report's countedAt (a running send's counts are kept a while), or
# of its finishedAt once it is over (a finished send is counted when asked, up to 2 s later: that wait is no part of
# the send): the send's rate over time (the JIT's warm-up shows).
def point(report):
    at = min(datetime.datetime.fromisoformat(report[k].replace("Z", "+00:00")).timestamp()
             for k in ("countedAt", "finishedAt") if report.get(k))
    return round(at - int(sys.argv[2]) / 1e9, 1), float(report["sent"])
points = sorted(set(point(json.loads(line)) for line in open(sys.argv[1]) if line.strip()))
windows = []
span = max(2.0, (points[-1][0] - points[0][0]) / 12) if points else 2.0
start = points[0] if points else None
for point in points[1:]:
    if point[0] - start[0] >= span or point is points[-1]:
        if point[1] > start[1] and point[0] > start[0]:
            windows.append(f"{start[0]:.0f}-{point[0]:.0f} s: {(point[1] - start[1]) / (point[0] - start[0]):,.0f}")
        start = point
print("  rate over time (msgs/s) " + "; ".join(windows))
PY
