#!/usr/bin/env bash
# Patient search benchmark: 100,000 generated patients in H2, indexed prefix search vs a naive LIKE '%x%' scan,
# p50/p95 printed as "[bench] ..." lines (4-6 min). Usage: tests/bench/search.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
xvfb-run -a ./mvnw -B verify -pl tests/org.caducee.store.tests -am -Dcaducee.bench=true -Dtest=PatientSearchBenchmarkTest \
  | grep -E '^\[bench\]|BUILD|ERROR'
