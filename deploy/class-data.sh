#!/bin/sh
# Writes a class-data archive of Herald (AppCDS) for this build and this JVM, so that each start after it maps the
# classes it needs instead of loading and checking them one by one: about a second less from start to ready on two
# cores (BENCHMARKS.md, "Start to ready"). Run it where the node runs, with the node's own settings, while the node is
# stopped: it starts Herald once (a "training start" on the node's database and port), waits until it is ready,
# stops it, and the JVM writes every class the start loaded to the archive as it exits. A start then uses it with
#   java @jvm.options -XX:SharedArchiveFile=ARCHIVE -jar /the/same/path/herald-runner.jar
# and a start without it, or with an archive of another build or JVM, runs as before (the JVM says so in one line).
#
# usage: deploy/class-data.sh JAR ARCHIVE
#   JAR      the node's herald-runner.jar (one jar, every library inside it)
#   ARCHIVE  the file to write; nothing is done when it is there already for this build and this JVM
# Environment: the node's settings (HERALD_DB_URL, HERALD_DATA_DIR, QUARKUS_HTTP_PORT, ...), as its unit or container
# gives them; JVM_OPTIONS: the options file the node runs with (default: jvm.options beside JAR).
#
# Writing the archive takes the JVM about 200 MB more than the node needs, for a few seconds as it exits: on a
# systemd host run it as its own unit (deploy/systemd/herald-class-data.service), not inside the node's memory limit.
# The training start is a node starting and stopping: in a cluster it may take a batch of a running send and, as it
# stops, gives it back like any node that stops.
set -eu
jar=${1:?usage: class-data.sh JAR ARCHIVE}
archive=${2:?usage: class-data.sh JAR ARCHIVE}
dir=$(cd "$(dirname "$jar")" && pwd)
# The archive holds the class path as the training start gave it: the node must start the very same path.
jar=$dir/$(basename "$jar")
options=${JVM_OPTIONS:-$dir/jvm.options}
port=${QUARKUS_HTTP_PORT:-8080}
say() { printf 'class-data: %s\n' "$*" >&2; }

# What the archive was written for: this build (the jar's checksum) and this JVM.
key=$({ cksum <"$jar"; java -version 2>&1; } | cksum | cut -d' ' -f1)
if [ -s "$archive" ] && [ "$(cat "$archive.key" 2>/dev/null || true)" = "$key" ]; then
  say "$archive is up to date"
  exit 0
fi

partial="$archive.partial"
rm -f "$partial" "$archive" "$archive.key"
log=$(mktemp)
# -Xlog:cds=off: the JVM would list each class it leaves out (generated and old-format classes) as it writes.
java @"$options" -XX:ArchiveClassesAtExit="$partial" -Xlog:cds=off -jar "$jar" >"$log" 2>&1 &
pid=$!
waited=0
until curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
    kill "$pid" 2>/dev/null || true
    say "the training start did not become ready (port $port); its log:"
    tail -20 "$log" >&2
    rm -f "$log" "$partial"
    exit 1
  fi
  sleep 0.1
  waited=$((waited + 1))
done
kill -TERM "$pid"
wait "$pid" || true   # 143: stopped by SIGTERM, as asked
rm -f "$log"
if [ ! -s "$partial" ]; then
  say "the JVM wrote no archive"
  exit 1
fi
# A JVM that maps an archive cut short crashes: the archive is tried once, and renamed only when it loads.
if ! (cd "${TMPDIR:-/tmp}" && java -XX:SharedArchiveFile="$partial" -Xshare:on -XX:ErrorFile=/dev/null \
    -cp "$jar" -version >/dev/null 2>&1); then
  rm -f "$partial"
  say "the archive the JVM wrote does not load; removed"
  exit 1
fi
mv "$partial" "$archive"
printf '%s\n' "$key" >"$archive.key"
say "wrote $archive ($(($(wc -c <"$archive") / 1048576)) MB)"
