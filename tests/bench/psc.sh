#!/usr/bin/env bash
# Pro Santé Connect benchmark against the local PSC provider (HTTPS on loopback, test PKI): login to a usable
# session (code flow through a browser-like client, discovery and keys included) and token refresh, p50 over
# 30 runs, each as a ratio to a baseline measured in the same run (one HTTPS GET of the discovery document through
# the same client stack). Usage: tests/bench/psc.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
xvfb-run -a ./mvnw -B verify -pl tests/org.caducee.psc.tests -am -Dcaducee.test.pg.url= -Dcaducee.bench=true \
  -Dtest=PscBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E '^\[bench\]|BUILD|ERROR'
