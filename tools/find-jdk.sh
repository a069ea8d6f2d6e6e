# Sourced by ./copper, ./run-tests and .ci/run: picks the newest JDK >= 21 from JAVA_HOME,
# /usr/lib/jvm or PATH and exports JAVA_HOME; says clearly what is missing otherwise.
copper_java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

copper_find_jdk() {
  local candidates=() best="" best_v=0 v j d
  # an explicit JAVA_HOME that is good enough wins
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(copper_java_major "$JAVA_HOME/bin/java"); v=${v:-0}
    if [ "$v" -ge 21 ]; then
      COPPER_JAVA="$JAVA_HOME/bin/java"; COPPER_JAVA_MAJOR="$v"; export JAVA_HOME
      return 0
    fi
  fi
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  for d in /usr/lib/jvm/*/; do candidates+=("${d}bin/java"); done
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for j in "${candidates[@]}"; do
    [ -x "$j" ] && [ -x "$(dirname "$j")/javac" ] || continue
    v=$(copper_java_major "$j"); v=${v:-0}
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$j"; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "copper: needs a JDK 21 or newer (java and javac); none found in JAVA_HOME, /usr/lib/jvm or PATH." >&2
    echo "        Install one (e.g. Temurin 21+ or 'apt-get install openjdk-21-jdk') and/or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$best")")")"
  export JAVA_HOME
  COPPER_JAVA="$best"
  COPPER_JAVA_MAJOR="$best_v"
}
