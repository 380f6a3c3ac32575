#!/usr/bin/env bash
# Start-up benchmark: time from launch to the first paint of the patient search part (full Caducée product, sandbox,
# demo account logged in automatically) versus the first paint of an empty part in a bare e4 product built from
# the same target platform. Both are started the same way (java -jar on the Equinox launcher), alternately,
# under one Xvfb. Prints each run, the medians and their ratio.
# Usage: tests/bench/startup.sh [runs]   (after ./mvnw -B clean package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-7}"
. "$root/features/org.caducee.foundation.feature/rootfiles/lib/find-java.sh"
caducee_find_java
work="$(mktemp -d /tmp/caducee-startup.XXXXXX)"
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
tar xzf "$root/products/org.caducee.product/target/products/caducee-linux.gtk.x86_64.tar.gz" -C "$work"
tar xzf "$root/products/org.caducee.bench.product/target/products/baseline-linux.gtk.x86_64.tar.gz" -C "$work"
display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 & xvfb=$!
sleep 1

# one run: $1 = installation dir, $2 = label, rest = extra JVM args; prints milliseconds to first paint
measure() {
  local home="$1" label="$2"; shift 2
  local probe="$work/probe-$label" launcher
  rm -f "$probe"
  launcher=$(ls "$home"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
  local start=$(date +%s%3N)
  DISPLAY="$display" "$JAVA_HOME/bin/java" -Xmx1g -Dosgi.nl=fr_FR -Dcaducee.startup.probe="$probe" "$@" \
     -jar "$launcher" -configuration "$work/config-$label" -data "$work/ws-$label" -nosplash >"$work/$label.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 1200); do [ -s "$probe" ] && break; sleep 0.05; done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  [ -s "$probe" ] || { echo "no paint within 60 s for $label (see $work/$label.log)" >&2; tail -20 "$work/$label.log" >&2; return 1; }
  echo $(( $(cat "$probe") - start ))
}

full=(-Dcaducee.data.dir="$work/data" -Dcaducee.autologin=medecin)
echo "warm-up (first start creates the database, test PKI and demo data)…"
measure "$work/caducee" full "${full[@]}" >/dev/null
measure "$work/baseline" bare >/dev/null
f=(); b=()
for i in $(seq 1 "$runs"); do
  b+=("$(measure "$work/baseline" bare)")
  f+=("$(measure "$work/caducee" full "${full[@]}")")
  echo "run $i: bare ${b[-1]} ms, caducee ${f[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
mb=$(median "${b[@]}"); mf=$(median "${f[@]}")
echo "median to first paint: bare $mb ms, caducee $mf ms, ratio $(awk -v f="$mf" -v b="$mb" 'BEGIN {printf "%.2f", f/b}')"
