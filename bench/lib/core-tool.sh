# Sourced by the differential-test scripts: builds blink-core's test classes,
# copies them (so concurrent builds cannot pull them away mid-run), finds a
# JDK 25 or newer, and runs one of the offline tools.
#
#   core_tool [JVM-OPTION...] -- MAIN-CLASS [ARG...]
core_tool() {
  local opts=()
  while [[ $# -gt 0 && $1 != -- ]]; do opts+=("$1"); shift; done
  shift
  cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
  ./mvnw -q -o -pl blink-core test-compile
  local java=java home
  CORE_TOOL_TMP=$(mktemp -d)
  trap 'rm -rf "$CORE_TOOL_TMP"' EXIT
  cp -r blink-core/target/classes "$CORE_TOOL_TMP/main"
  cp -r blink-core/target/test-classes "$CORE_TOOL_TMP/test"
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]*; do
    if [[ -n $home && -x $home/bin/java ]] && "$home/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
      java=$home/bin/java
      break
    fi
  done
  "$java" --enable-native-access=ALL-UNNAMED "${opts[@]}" -cp "$CORE_TOOL_TMP/main:$CORE_TOOL_TMP/test" "$@"
}
