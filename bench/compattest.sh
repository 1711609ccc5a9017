#!/usr/bin/env bash
# 32-bit-mode differential test against the host CPU: COUNT random instances of
# every compatibility-mode form (BCD, INC/DEC 40-4F, ESP stack, PUSHA/POPA,
# segment push/pop, 16/32-bit operands, 16/32-bit addressing, branches, strings,
# BOUND, ARPL, LES/LDS, SALC, INTO) run on this x86-64 Linux machine in
# compatibility mode (CS 0x23) and in the interpreter in Mode.PROTECTED_32.
# DAA/DAS/AAA/AAS always run for every AL, AF, CF; "all" adds every AL x imm8
# of AAM/AAD. Needs gcc. See blink-core/src/test/java/blink/x86/CompatDiffTool.java.
#
#   bench/compattest.sh [COUNT [SEED [REGEX [all|- [32|16]]]]]   (COUNT per form, default 2000)
#
# 16 runs 16-bit code instead (the host runs it in a 16-bit LDT code segment;
# needs vm.mmap_min_addr <= 0x3000).
#
# Exits 1 if anything differs.
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
"$java" --enable-native-access=ALL-UNNAMED -cp "$tmp/main:$tmp/test" blink.x86.CompatDiffTool "$COUNT" "$SEED" "${3:-}" "${4:--}" "${5:-32}"
