#!/usr/bin/env bash
# Runs every test of Caducée: unit and OSGi integration tests (tests/*), repository tests on H2 and on a
# throw-away PostgreSQL cluster when PostgreSQL's server binaries are installed, the MSSanté client against
# throw-away Postfix + Dovecot servers when they are installed (root), and the workbench UI test under Xvfb.
# Usage: tests/run.sh [extra Maven arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

pg_url=""
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "$pg_dir" ] && rm -rf "$pg_dir"
}
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
trap cleanup EXIT
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && { [ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1; }; then
  pg_dir="$(mktemp -d /tmp/caducee-pg.XXXXXX)"
  chmod 755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  port=$(( 55000 + RANDOM % 5000 ))
  pg_password="test-$RANDOM$RANDOM"
  echo "$pg_password" > "$pg_dir/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir/pwfile"
  if as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U caducee --pwfile="$pg_dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
     && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1" -l "$pg_dir/server.log" -w start >/dev/null \
     && as_pg "$pg_bin/createdb" -h "$pg_dir" -p "$port" -U caducee caducee_test; then
    pg_url="jdbc:postgresql://127.0.0.1:$port/caducee_test?user=caducee&password=$pg_password"
    echo "tests/run.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') started on port $port for the repository tests"
  else
    echo "tests/run.sh: could not start PostgreSQL (see $pg_dir); repository tests run on H2 only" >&2
  fi
else
  echo "tests/run.sh: PostgreSQL server not installed (apt-get install postgresql); repository tests run on H2 only" >&2
fi

# MSSanté against real peers: the test starts its own throw-away Postfix + Dovecot (private configuration under /tmp)
mail_peers=()
if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/postfix ] && [ -x /usr/sbin/dovecot ] && [ -f /usr/share/postfix/master.cf.dist ]; then
  mail_peers=(-Dcaducee.test.postfix=/usr/sbin/postfix -Dcaducee.test.dovecot=/usr/sbin/dovecot)
  echo "tests/run.sh: Postfix $(/usr/sbin/postconf -h mail_version 2>/dev/null) + Dovecot $(/usr/sbin/dovecot --version | awk '{print $1}') found for the MSSanté real-peers test"
else
  echo "tests/run.sh: Postfix + Dovecot not installed or not root (apt-get install postfix dovecot-imapd dovecot-lmtpd); the MSSanté real-peers test is skipped" >&2
fi

maven=(./mvnw -B clean verify -Dcaducee.test.pg.url="$pg_url" ${mail_peers[@]+"${mail_peers[@]}"} "$@")
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "tests/run.sh: the UI test needs an X server: apt-get install xvfb" >&2; exit 1; }
  xvfb-run -a -s "-screen 0 1400x900x24" "${maven[@]}"
else
  "${maven[@]}"
fi
