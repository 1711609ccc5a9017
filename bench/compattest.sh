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
COUNT=${1:-2000}
SEED=${2:-$(date +%s)}
source "$(dirname "$(readlink -f "$0")")/lib/core-tool.sh"
core_tool -- blink.x86.CompatDiffTool "$COUNT" "$SEED" "${3:-}" "${4:--}" "${5:-32}"
