# Background jobs and wait: needs SIGCHLD delivery (and sigsuspend) in most shells.
(echo "job one"; exit 3) > one.out &
p1=$!
(echo "job two"; exit 4) > two.out &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
echo "statuses: $s1 $s2"
cat one.out two.out
sleep 0.1 &
wait
echo "all waited: $?"
rm -f one.out two.out
