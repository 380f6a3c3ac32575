# Sourced by ./mvnw and the product launchers: sets JAVA_HOME to a JDK >= 21 or explains what to install.
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
