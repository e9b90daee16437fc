#!/usr/bin/env bash
# What DKIM costs a message beside its RSA signature, on one core (src/bench/DkimCost.java): Herald's body hash and
# signature field against the RSA alone and against jDKIM's body canonicalizer, with the compiler and collector of
# deploy/jvm.options (C1, serial). Builds Herald's classes and the test class path (jDKIM is a test dependency).
#   bash src/bench/dkim-bench.sh [MESSAGES=20000]
set -euo pipefail
cd "$(dirname "$0")/../.."
messages=${MESSAGES:-20000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/classes:$(cat "$work/cp.txt")" \
  src/bench/DkimCost.java "$messages"
