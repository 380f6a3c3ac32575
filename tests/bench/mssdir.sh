#!/usr/bin/env bash
# Offline MSSanté directory benchmark: an extract of N mailboxes in the ANS layout (default 200,000) imported into the
# store versus a bare read and split of the same file; searches by name (index) versus a full scan of the same table,
# all in the same run. Prints "[bench] ..." lines (ratios).
# Usage: tests/bench/mssdir.sh [-Dcaducee.bench.extract.lines=N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B verify -pl bundles/org.caducee.store,bundles/org.caducee.security,bundles/org.caducee.outbox,bundles/org.caducee.sandbox,bundles/org.caducee.sandbox.psc,bundles/org.caducee.sandbox.mss,bundles/org.caducee.mss,tests/org.caducee.mss.tests -am -Dcaducee.bench=true -Dtest=ExtractDirectoryBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcaducee.test.pg.url= "$@" | grep -E '^\[bench\]|BUILD|ERROR|Tests run'
