# Sourced by ./mvnw (build) and by the product launchers caducee and caducee-cli.
caducee_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
caducee_find_java() {
  local candidate major
  for candidate in "${CADUCEE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
      /usr/lib/jvm/*25* /usr/lib/jvm/*21* /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(caducee_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "Caducée needs a Java runtime >= 21 (none found). Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21/25 JDK, or set CADUCEE_JAVA_HOME." >&2
  return 1
}

# Starts Equinox from the installation in $1 with the user's own configuration area under the data directory.
# Usage: caducee_run HOME KIND [--data-dir DIR] [--sandbox] [other arguments passed to the application]
# KIND is "gui" or "cli". Reads CADUCEE_DATA_DIR and CADUCEE_VMARGS from the environment. caducee.shutdown.hook:
# SIGTERM/Ctrl+C stop the framework in order (the database closes cleanly), see docs/adr/0012.
caducee_run() {
  local home="$1" kind="$2"; shift 2
  local data_dir="${CADUCEE_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/caducee}" sandbox="" args=() next=""
  for a in "$@"; do
    if [ "$next" = data ]; then data_dir="$a"; next=""; args+=("$a"); continue; fi
    case "$a" in
      --data-dir) next=data; args+=("$a") ;;
      --data-dir=*) data_dir="${a#--data-dir=}"; args+=("$a") ;;
      --sandbox) sandbox="-Dcaducee.sandbox=true"; args+=("$a") ;;
      *) args+=("$a") ;;
    esac
  done
  mkdir -p "$data_dir" || { echo "Impossible de créer le dossier de données $data_dir" >&2; return 1; }
  data_dir="$(cd "$data_dir" && pwd)"
  caducee_find_java || return 1
  local launcher
  launcher=$(ls "$home"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n 1)
  [ -n "$launcher" ] || { echo "Installation incomplète : lanceur Equinox introuvable dans $home/plugins" >&2; return 1; }
  local vm=(-Xmx1g -Dcaducee.data.dir="$data_dir" -Dosgi.nl="${CADUCEE_LOCALE:-fr_FR}" -Dosgi.sharedConfiguration.area="$home/configuration"
            -Dfelix.fileinstall.dir="$home/dropins" -Dfelix.fileinstall.noInitialDelay=true -Dfelix.fileinstall.log.level=2
            -Dcaducee.shutdown.hook=true)
  [ -n "$sandbox" ] && vm+=("$sandbox")
  # shellcheck disable=SC2206
  vm+=(${CADUCEE_VMARGS:-})
  if [ "$kind" = cli ]; then
    # a one-shot command: no background MSSanté poll nor IMAP IDLE session ("mss poll" fetches on demand);
    # CADUCEE_VMARGS (in vm, later on the line) can still set it
    exec "$JAVA_HOME/bin/java" -Dcaducee.mss.poll.interval.seconds=0 "${vm[@]}" -Djava.awt.headless=true -Djava.util.logging.config.file="$home/lib/logging-cli.properties" -jar "$launcher" -configuration "$data_dir/.osgi/cli" \
      -application org.caducee.cli.app -nosplash "${args[@]}"
  else
    exec "$JAVA_HOME/bin/java" "${vm[@]}" -jar "$launcher" -configuration "$data_dir/.osgi/gui" -data "$data_dir/workspace" \
      -nosplash "${args[@]}"
  fi
}
