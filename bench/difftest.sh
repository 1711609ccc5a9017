#!/usr/bin/env bash
# Integer-instruction differential test against the host CPU: COUNT random
# instances of every general-purpose integer instruction form (ALU, shifts,
# rotates, multiply/divide, bit ops, string ops, stack, branches, ...) run on
# this x86-64 Linux machine and in the interpreter; mismatches are printed.
# Needs gcc. See blink-core/src/test/java/blink/x86/DiffTool.java.
#
#   bench/difftest.sh [COUNT [SEED [REGEX]]]   (COUNT per form, default 2000;
#                                               REGEX selects forms, e.g. 'adc.*|rcl.*')
#
# Exits 1 if anything differs. Forms known to differ are listed in IntGen.known.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
COUNT=${1:-2000}
SEED=${2:-$(date +%s)}
./mvnw -q -o -pl blink-core test-compile
# A private copy of the classes, so that concurrent builds cannot pull them away mid-run.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r blink-core/target/classes "$tmp/main"
cp -r blink-core/target/test-classes "$tmp/test"
java=java
for home in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]*; do
  if [[ -n $home && -x $home/bin/java ]] && "$home/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
    java=$home/bin/java
    break
  fi
done
"$java" --enable-native-access=ALL-UNNAMED -cp "$tmp/main:$tmp/test" blink.x86.DiffTool "$COUNT" "$SEED" ${3:+"$3"}
