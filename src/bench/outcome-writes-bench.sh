#!/usr/bin/env bash
# A ledger row's outcome written in place against appended to a narrow table of its own, statement by statement on
# one connection (src/bench/OutcomeWrites.java), on the embedded H2 (a file database with Herald's URL options, in
# the JVM of deploy/jvm.options, as inside a node) and on a PostgreSQL cluster of the run's own (src/bench/postgres.sh).
#   bash src/bench/outcome-writes-bench.sh [ROWS=100000] [ROUNDS=3] [DB=both|h2|postgresql]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${ROWS:-100000}
rounds=${ROUNDS:-3}
db=${DB:-both}
work=$(mktemp -d)
source src/bench/postgres.sh
trap 'postgres_stop; rm -rf "$work"' EXIT
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
drivers=$(tr ':' '\n' < "$work/cp.txt" | grep -E '/(h2|postgresql)-[0-9][^/]*\.jar$' | paste -sd:)
if [[ $db != postgresql ]]; then
  java @deploy/jvm.options -cp "$drivers" src/bench/OutcomeWrites.java \
    "jdbc:h2:$work/ledger;WRITE_DELAY=0;CACHE_SIZE=4096" "$rows" "$rounds"
fi
if [[ $db != h2 ]]; then
  (( EUID == 0 )) && chmod 755 "$work"
  postgres_start "$work"
  postgres_createdb ledger
  java @deploy/jvm.options -cp "$drivers" src/bench/OutcomeWrites.java "$(postgres_url ledger)" "$rows" "$rounds"
fi
