#!/usr/bin/env bash
# INSi benchmark: round trip through the INSi client against the local simulator (HTTPS on loopback, signed Assertion
# PS) vs a bare HTTPS POST of the same envelope (ratio), and the COG lookup by name prefix over the full INSEE
# referential (p95). Prints "[bench] ..." lines. Usage: tests/bench/insi.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
xvfb-run -a ./mvnw -B verify -pl tests/org.caducee.ins.tests -am -Dcaducee.bench=true -Dtest=InsiBenchmarkTest -Dcaducee.test.pg.url= \
  -Dsurefire.failIfNoSpecifiedTests=false | grep -E '^\[bench\]|BUILD|ERROR'
