#!/usr/bin/env bash
# MSSanté benchmark: 1,000 messages with official IHE_XDM examples (CR-BIO N3, two for one N1) placed in a real IMAP
# server on loopback (throw-away Dovecot + Postfix when installed and root, else the sandbox GreenMail), fetched and
# processed by the reception pipeline, versus a bare IMAP fetch of the same messages in the same run; then sending
# through the outbox versus a bare SMTP session. Prints "[bench] ..." lines (throughputs, ratios) (3-6 min).
# Usage: tests/bench/mss.sh [-Dcaducee.bench.messages=N] [-Dcaducee.bench.sends=N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# every run starts from an empty database (the runs before would otherwise leave it larger and slower)
rm -rf tests/org.caducee.mss.tests/target/data
peers=()
if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/postfix ] && [ -x /usr/sbin/dovecot ]; then
  peers=(-Dcaducee.test.postfix=/usr/sbin/postfix -Dcaducee.test.dovecot=/usr/sbin/dovecot)
fi
./mvnw -B verify -pl bundles/org.caducee.store,bundles/org.caducee.security,bundles/org.caducee.outbox,bundles/org.caducee.sandbox,bundles/org.caducee.sandbox.psc,bundles/org.caducee.sandbox.mss,bundles/org.caducee.mss,tests/org.caducee.mss.tests -am -Dcaducee.bench=true -Dtest=MssThroughputBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcaducee.test.pg.url= ${peers[@]+"${peers[@]}"} "$@" | grep -E '^\[bench\]|BUILD|ERROR|Tests run'
