# bash-only features: arrays, associative arrays, [[ ]], process substitution,
# PIPESTATUS, pipefail, brace expansion, here-strings, coprocess-free.
set -u
arr=(zero one "two words" three)
echo "count ${#arr[@]}, [2]=${arr[2]}, slice: ${arr[@]:1:2}"
arr+=(four)
for i in "${!arr[@]}"; do printf '%s=%s;' "$i" "${arr[$i]}"; done; echo
declare -A color=([apple]=red [banana]=yellow)
for k in $(printf '%s\n' "${!color[@]}" | sort); do echo "$k is ${color[$k]}"; done
s="hello world"
[[ $s == hello* ]] && echo "glob match"
[[ $s =~ ^h(.)l+o\ (w.*)$ ]] && echo "regex groups: ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
[[ -n $s && ! -z $s ]] && echo "and/not"
echo "arith: $(( 2 ** 10 )) $(( 17 / 5 )) $(( -17 % 5 )) $(( 0x1f | 0100 ))"
(( n = 3 * 4, n > 10 )) && echo "n=$n"
echo {a,b}{1..3}
read -r first rest <<< "here string words"
echo "first=$first rest=$rest"
diff <(printf 'a\nb\n') <(printf 'a\nc\n'); echo "diff status: $?"
while read -r line; do echo "from process substitution: $line"; done < <(printf 'x\ny\n' | tr xy XY)
true | false | true; echo "PIPESTATUS: ${PIPESTATUS[*]}"
set -o pipefail
true | false | true; echo "pipefail status: $?"
f() { local v=local; echo "${FUNCNAME[0]} $v $1"; }
f arg
printf -v padded '%05d' 42; echo "$padded"
echo "${s^^} ${s//o/0} ${s:6:3}"
exit 2
