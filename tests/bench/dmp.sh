#!/usr/bin/env bash
# DMP benchmark against the local DMP (HTTPS, mutual TLS, test PKI): feeding a document (signed ITI-41 with MTOM through
# the outbox, until done) as a ratio to a bare HTTPS POST of the same CDA bytes over the same TLS; opening a record whose
# DMP holds 200 documents until the counter's data are there, as a ratio to the existence test (TD0.2). p50 over 20 runs
# (-Dcaducee.bench.runs=N), each baseline measured in the same run. Usage: tests/bench/dmp.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bundles=bundles/org.caducee.dmp,bundles/org.caducee.sandbox.dmp,bundles/org.caducee.xds,bundles/org.caducee.cda,bundles/org.caducee.store
bundles=$bundles,bundles/org.caducee.security,bundles/org.caducee.sandbox,bundles/org.caducee.outbox,bundles/org.caducee.psc
bundles=$bundles,bundles/org.caducee.sandbox.psc,bundles/org.caducee.cli
./mvnw -B verify -pl "$bundles",tests/org.caducee.sandbox.dmp.tests -am -Dcaducee.test.pg.url= -Dcaducee.bench=true \
  -Dtest=DmpBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E '^\[bench\]|BUILD|ERROR'
