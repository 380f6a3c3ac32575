#!/usr/bin/env bash
# Smoke test of the materialised headless Proxy e-santé product: starts caducee-proxy on a free loopback port with
# the sandbox PSC client registration (caducee-lgc), a throw-away server certificate and, in a second run, a trust
# store for workstation certificates; checks GET /session answers 401 (no session) with the French message, that a
# workstation without certificate is refused when client certificates are required, that the start is logged to
# the file log, and that SIGTERM stops it in order (start and stop in the audit trail).
# Usage: tests/proxy/smoke.sh [PRODUCT_DIR]  (default: the reactor output of products/org.caducee.proxy.product)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
product="${1:-$root/products/org.caducee.proxy.product/target/products/org.caducee.proxy.product/linux/gtk/x86_64/caducee-proxy}"
[ -x "$product/caducee-proxy" ] || { echo "FAIL: $product/caducee-proxy missing (build: ./mvnw -B -pl products/org.caducee.proxy.product -am package -DskipTests)"; exit 1; }
. "$root/features/org.caducee.foundation.feature/rootfiles/lib/find-java.sh"
caducee_find_java
keytool="$JAVA_HOME/bin/keytool"
work="$(mktemp -d /tmp/caducee-proxy-smoke.XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  if [ "${KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- logs"; tail -n 40 "$work"/data/logs/*.log 2>/dev/null || true; exit 1; }

# Throw-away PKI: the proxy's server certificate and one workstation certificate.
"$keytool" -genkeypair -keystore "$work/server.p12" -storetype PKCS12 -storepass server-pw -keypass server-pw -alias proxy \
  -keyalg EC -groupname secp256r1 -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" -validity 2 >/dev/null 2>&1
"$keytool" -exportcert -rfc -keystore "$work/server.p12" -storepass server-pw -alias proxy -file "$work/server.pem" >/dev/null 2>&1
"$keytool" -genkeypair -keystore "$work/poste.p12" -storetype PKCS12 -storepass poste-pw -keypass poste-pw -alias poste \
  -keyalg EC -groupname secp256r1 -dname "CN=poste-1" -validity 2 >/dev/null 2>&1
"$keytool" -exportcert -rfc -keystore "$work/poste.p12" -storepass poste-pw -alias poste -file "$work/poste.pem" >/dev/null 2>&1
"$keytool" -importcert -noprompt -keystore "$work/postes.p12" -storetype PKCS12 -storepass postes-pw -alias poste -file "$work/poste.pem" >/dev/null 2>&1

# The IGC Santé chains the proxy trusts towards PSC and the APIs (here a throw-away certificate: nothing is called).
cp "$work/poste.pem" "$work/igc-sante.pem"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# $1 = extra settings lines; starts the product and waits for the port.
start_proxy() {
  port=$(free_port)
  mkdir -p "$work/data"
  cat > "$work/data/caducee.properties" <<PROPS
sandbox=false
psc.proxy.port=$port
psc.proxy.bind=127.0.0.1
psc.proxy.keystore=$work/server.p12
psc.proxy.keystore.password=server-pw
psc.proxy.idle.minutes=15
psc.proxy.max.hours=10
psc.issuer=https://localhost:9/auth/realms/esante-wallet
psc.client.id=caducee-lgc
psc.client.secret=caducee-psc-bac-a-sable
trust.store=$work/igc-sante.pem
$1
PROPS
  "$product/caducee-proxy" --data-dir "$work/data" &
  pid=$!
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || fail "caducee-proxy exited early"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  fail "the proxy did not listen on $port within 60 s"
}

# The actions of the audit trail (H2 database of the data directory, read with H2's own shell once the proxy stopped).
audit_actions() {
  local h2
  h2=$(ls "$product"/plugins/com.h2database_*.jar | head -n 1)
  "$JAVA_HOME/bin/java" -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/db/caducee" -user caducee -password "" \
    -sql "SELECT action FROM caducee_audit ORDER BY seq" 2>&1
}

stop_proxy() {
  kill -TERM "$pid"
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && fail "caducee-proxy still running 20 s after SIGTERM"
  wait "$pid" 2>/dev/null || true
  pid=""
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "port $port still open after stop"; fi
}

# 1. Server TLS only.
start_proxy ""
code=$(curl -sS -o "$work/body.json" -w '%{http_code}' --cacert "$work/server.pem" "https://localhost:$port/session")
[ "$code" = 401 ] || fail "GET /session answered $code, expected 401"
grep -q '"no_session"' "$work/body.json" || fail "unexpected body: $(cat "$work/body.json")"
grep -q 'Aucune session du Proxy e-santé' "$work/body.json" || fail "no French message: $(cat "$work/body.json")"
echo "ok - GET /session without a session: 401 $(cat "$work/body.json")"
code=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$work/server.pem" "https://localhost:$port/nowhere")
[ "$code" = 404 ] || fail "GET /nowhere answered $code, expected 404"
echo "ok - unknown path: 404"
if curl -sS -o /dev/null "https://localhost:$port/session" 2>/dev/null; then fail "a client trusted the throw-away certificate without --cacert"; fi
echo "ok - the proxy's certificate is not trusted by default (no trust-all in the check)"
grep -q 'Proxy e-santé à l’écoute sur 127.0.0.1:'"$port" "$work"/data/logs/proxy-0.log || fail "start not logged to data/logs/proxy-0.log"
echo "ok - start logged to $work/data/logs/proxy-0.log"
stop_proxy
audit=$(audit_actions)
echo "$audit" | grep -q "psc.proxy.start" || fail "start not in the audit trail: $audit"
echo "$audit" | grep -q "psc.proxy.stop" || fail "SIGTERM: stop not in the audit trail (no orderly shutdown): $audit"
echo "ok - SIGTERM: stopped in order, port closed, start and stop in the audit trail"

# 2. Workstation certificates required.
start_proxy "psc.proxy.client.truststore=$work/postes.p12
psc.proxy.client.truststore.password=postes-pw"
if curl -sS -o /dev/null --cacert "$work/server.pem" "https://localhost:$port/session" 2>/dev/null; then
  fail "a workstation without certificate was served"
fi
echo "ok - workstation without certificate refused"
code=$(curl -sS -o "$work/body.json" -w '%{http_code}' --cacert "$work/server.pem" --cert-type P12 --cert "$work/poste.p12:poste-pw" "https://localhost:$port/session")
[ "$code" = 401 ] || fail "GET /session with a workstation certificate answered $code, expected 401"
echo "ok - workstation with a trusted certificate: GET /session 401 (no session)"
stop_proxy
[ "$(audit_actions | grep -c 'psc.proxy.start')" = 2 ] || fail "second start not audited: $(audit_actions)"
if audit_actions | grep -q "psc.proxy.start.failure"; then fail "a start failed: $(audit_actions)"; fi
echo "ok - second run audited"
# 3. No trust store (IGC Santé chains): the proxy refuses to start, says why in French and audits it.
port=$(free_port)
sed -i -e '/^trust.store=/d' -e '/^psc.proxy.client.truststore/d' -e "s/^psc.proxy.port=.*/psc.proxy.port=$port/" "$work/data/caducee.properties"
"$product/caducee-proxy" --data-dir "$work/data" &
pid=$!
for _ in $(seq 1 120); do
  grep -q 'Service de confiance indisponible' "$work"/data/logs/proxy-0.log 2>/dev/null && break
  sleep 0.5
done
grep -q 'Service de confiance indisponible' "$work"/data/logs/proxy-0.log || fail "no French message for the missing trust store"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "the proxy listened without a trust store"; fi
stop_proxy
audit_actions | grep -q "psc.proxy.start.failure" || fail "failed start not audited: $(audit_actions)"
echo "ok - without trust.store: not started, French message logged, psc.proxy.start.failure audited"
echo "PASS tests/proxy/smoke.sh"
