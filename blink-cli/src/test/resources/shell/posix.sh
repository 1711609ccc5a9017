# POSIX shell features that fork, exec, pipe and wait (busybox sh, dash, bash).
# Prints only what is the same on every run: no pids, times or paths.
trap 'echo "trap EXIT: status $?"' EXIT

greet() { # a function with arguments, locals by convention, and a return status
  printf 'hello %s (%d args)\n' "$1" "$#"
  return 3
}
greet world a b
echo "function returned $?"

# pipelines: the status is the last command's; ! inverts it
printf 'pear\napple\nfig\n' | sort | tr a-z A-Z
false | true; echo "false|true: $?"
true | false; echo "true|false: $?"
! true; echo "! true: $?"
echo one two three | wc -w | tr -d ' '

# subshells do not leak variables or cd
x=outer
(x=inner; cd /; echo "in subshell: $x")
echo "after subshell: $x"
( exit 7 ); echo "subshell exit: $?"

# command substitution, nested, and its exit status
n=$(echo $(printf 'a\nb\nc\n' | wc -l))
echo "lines: $n"
v=$(exit 4); echo "substitution status: $?"
echo "upper: $(echo mixed Case | tr a-z A-Z)"

# here-documents, expanded and literal
cat <<END
here-doc with $x and $(echo substitution)
END
cat <<'END'
literal $x $(not run)
END

# case and loops
for w in apple 42 -x ''; do
  case $w in
    [0-9]*) echo "$w: number" ;;
    -*) echo "$w: option" ;;
    '') echo "(empty)" ;;
    *) echo "$w: word" ;;
  esac
done
i=0
while [ $i -lt 5 ]; do i=$((i + 1)); [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo "while $i"; done
until [ $i -eq 0 ]; do i=$((i - 1)); done; echo "until done: $i"

# read from a pipe (the loop runs in a subshell in most shells; its output is what counts)
printf 'k1 v1\nk2 v2\nk3\n' | while read -r k v; do echo "key=$k value=${v:-none}"; done

# parameter expansion and arithmetic
path=/usr/local/lib/file.tar.gz
echo "${path##*/} ${path%.*} ${path#/usr} ${#path} $((7 * 6 % 5)) $(( (1 << 10) - 1 ))"
set -- a 'b c' d
echo "$# args: $*"
for a in "$@"; do echo "[$a]"; done

# external commands: not found, not executable, and a script run by path
nosuchcommand 2>/dev/null; echo "not found: $?"
printf 'echo "child script: $# args, first=$1"; exit 5\n' > child.sh
sh ./child.sh x y; echo "child status: $?"
chmod +x child.sh
./child.sh z; echo "child by path: $?"
printf '#!/bin/sh\necho "shebang child"\n' > shebang.sh
chmod +x shebang.sh
./shebang.sh
rm -f child.sh shebang.sh

# set -e in a subshell stops at the first failure
(set -e; echo before; false; echo "not reached"); echo "set -e subshell: $?"
(set -e; false || echo "|| keeps set -e quiet"; if false; then :; fi; echo "survived"); echo "status $?"

exit 6
