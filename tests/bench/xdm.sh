#!/usr/bin/env bash
# IHE_XDM benchmark: 1,000 archives (unpack + verify + read + dedupe + store in H2) versus a bare ZipInputStream unzip
# of the same archives in the same JVM; prints "[bench] ..." lines with both throughputs and their ratio (2-4 min).
# Usage: tests/bench/xdm.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
xvfb-run -a ./mvnw -B verify -pl tests/org.caducee.xds.tests -am -Dcaducee.bench=true -Dtest=XdmBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dcaducee.test.pg.url= \
  | grep -E '^\[bench\]|BUILD|ERROR'
