#!/usr/bin/env bash
# Whole-process benchmark: the same x86-64 programs run natively, under
# qemu-x86_64 (Debian's qemu-user) and under blink (interpreter and default
# mode), interleaved in one run on one machine, median of N runs each.
# Results are ratios to native, because the machines are shared and noisy.
#
#   bench/run.sh [RUNS]        (default 5)
#
# Prints a Markdown table suitable for docs/performance.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
RUNS=${1:-5}
BIN=test-programs/build/glibc
[ -x ./blink-cli/target/blink-cli-0.1.0-SNAPSHOT.jar ] || [ -f ./blink-cli/target/blink-cli-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -DskipTests package
QEMU=$(command -v qemu-x86_64 || true)

# name|argv — CPU-bound programs and a start-up probe.
CASES=(
  "hello|$BIN/hello"
  "bench_primes|$BIN/bench_primes 2000000"
  "bench_sort|$BIN/bench_sort 1000000"
)

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

time_one() { # runs "$@" once, prints elapsed milliseconds
  local t0 t1
  t0=$(now)
  "$@" >/dev/null 2>&1 || true
  t1=$(now)
  echo $(( (t1 - t0) / 1000000 ))
}

echo "| program | native ms | qemu-x86_64 ms | blink -j ms | blink ms | blink -j / native | blink -j / qemu | interpreter MIPS |"
echo "|---|---|---|---|---|---|---|---|"
for c in "${CASES[@]}"; do
  name=${c%%|*}; cmd=${c#*|}
  read -r -a argv <<<"$cmd"
  [ -x "${argv[0]}" ] || { echo "| $name | missing | | | | | | |"; continue; }
  n=(); q=(); j=(); d=()
  for ((r = 0; r < RUNS; r++)); do
    n+=("$(time_one "${argv[@]}")")
    [ -n "$QEMU" ] && q+=("$(time_one "$QEMU" "${argv[@]}")")
    j+=("$(time_one ./blink -j "${argv[@]}")")
    d+=("$(time_one ./blink "${argv[@]}")")
  done
  mn=$(printf '%s\n' "${n[@]}" | median)
  mq=$( [ -n "$QEMU" ] && printf '%s\n' "${q[@]}" | median || echo "")
  mj=$(printf '%s\n' "${j[@]}" | median)
  md=$(printf '%s\n' "${d[@]}" | median)
  rn=$(awk -v a="$mj" -v b="$mn" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }')
  rq=$( [ -n "$mq" ] && awk -v a="$mj" -v b="$mq" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }' || echo "n/a")
  # Instructions per second of the interpreter, from -Z (excludes JVM start-up).
  mips=$(./blink -j -Z "${argv[@]}" 2>&1 >/dev/null | sed -n 's/.*(\([0-9.]*\) MIPS).*/\1/p' | tail -n 1)
  echo "| $name | $mn | ${mq:-n/a} | $mj | $md | ${rn}x | ${rq}x | ${mips:-n/a} |"
done
