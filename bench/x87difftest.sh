#!/usr/bin/env bash
# x87 differential test against the host CPU: COUNT random instances of every
# x87 instruction form (loads, stores, arithmetic, comparisons, transcendentals,
# control and state-saving instructions) run on this x86-64 Linux machine and in
# the interpreter from the same FXSAVE state; mismatches are printed. Needs gcc.
# See blink-core/src/test/java/blink/x86/ops/X87DifferentialTest.java.
#
#   bench/x87difftest.sh [COUNT [SEED [REGEX]]]   (COUNT per form, default 2000;
#                                                  REGEX selects forms, e.g. 'fsin|fcos')
#
# Environment: X87_EXAMPLES=N shows N mismatches per form (default 3);
# X87_STRICT=1 compares the transcendentals bit for bit (no 1-ulp tolerance).
#
# Exits 1 if anything differs.
set -euo pipefail
COUNT=${1:-2000}
SEED=${2:-$(date +%s)}
source "$(dirname "$(readlink -f "$0")")/lib/core-tool.sh"
core_tool ${X87_EXAMPLES:+-Dexamples=$X87_EXAMPLES} ${X87_STRICT:+-Dx87.strict=true} -- blink.x86.ops.X87DifferentialTool "$COUNT" "$SEED" ${3:+"$3"}
