#!/usr/bin/env bash
# Cost of Database.makeDurable (H2 CHECKPOINT) before each IMAP flag on the MSSanté reception path (ADR 0016): the same
# pipeline, database and sandbox mailbox with and without the call, alternately on batches of fresh messages, in the
# same run (300 messages, twice each way). Prints "[bench] ..." lines with the ratio (2-3 min on a loaded machine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B verify -pl bundles/org.caducee.store,bundles/org.caducee.security,bundles/org.caducee.outbox,bundles/org.caducee.sandbox,bundles/org.caducee.sandbox.psc,bundles/org.caducee.sandbox.mss,bundles/org.caducee.mss,tests/org.caducee.mss.tests -am -Dcaducee.bench=true -Dtest=DurableReceptionBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcaducee.test.pg.url= "$@" | grep -E '^\[bench\]|BUILD|ERROR|Tests run'
