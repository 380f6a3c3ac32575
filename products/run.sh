#!/usr/bin/env bash
# Builds the Caducée product if needed and starts the workbench on the embedded defaults: H2 database, local
# simulators of the national services and demo data ("bac à sable") in ~/.local/share/caducee-demo.
# Usage: products/run.sh [--rebuild] [--data-dir DIR] [other options of the caducee launcher]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
archive="$root/products/org.caducee.product/target/products/caducee-linux.gtk.x86_64.tar.gz"
install="$root/products/org.caducee.product/target/run"
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$archive" ]; then
  [ "${1:-}" = "--rebuild" ] && shift
  (cd "$root" && ./mvnw -B -q clean package)
  rm -rf "$install"
fi
if [ ! -x "$install/caducee/caducee" ] || [ "$archive" -nt "$install/caducee/caducee" ]; then
  rm -rf "$install" && mkdir -p "$install" && tar xzf "$archive" -C "$install"
fi
export CADUCEE_DATA_DIR="${CADUCEE_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/caducee-demo}"
# the official reference data shipped beside the repository (INSEE COG…), when present
cog="$root/../shared/ref/insee-cog/cog_ensemble_2026_csv"
if [ -d "$cog" ]; then
  export CADUCEE_VMARGS="${CADUCEE_VMARGS:-} -Dcaducee.cog.dir=$(cd "$cog" && pwd)"
fi
kit="$root/../shared/ans/testcontenucda"
if [ -d "$kit" ]; then
  export CADUCEE_VMARGS="${CADUCEE_VMARGS:-} -Dcaducee.cda.kit=$(cd "$kit" && pwd)"
fi
xdm="$root/../shared/ans/xdm-examples"
if [ -d "$xdm" ]; then
  export CADUCEE_VMARGS="${CADUCEE_VMARGS:-} -Dcaducee.mss.examples.dir=$(cd "$xdm" && pwd)"
fi
xsd="$root/../shared/ref/insi/src/wsdl/xsd"
if [ -d "$xsd" ]; then
  export CADUCEE_VMARGS="${CADUCEE_VMARGS:-} -Dcaducee.ins.insi.xsd.dir=$(cd "$xsd" && pwd)"
fi
exec "$install/caducee/caducee" "$@"
