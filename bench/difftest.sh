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
COUNT=${1:-2000}
SEED=${2:-$(date +%s)}
source "$(dirname "$(readlink -f "$0")")/lib/core-tool.sh"
core_tool -- blink.x86.DiffTool "$COUNT" "$SEED" ${3:+"$3"}
