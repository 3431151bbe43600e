# inetd raises its soft open-files limit, up to the hard one, to what its
# listening sockets need: 1,200 services start under a soft limit of 1024.
# The servers it starts get the limit inetd started with.  When the hard
# limit is too low, inetd says so and serves the services that fit,
# keeping descriptors free for connections.
# timeout: 180
. "$TOP/tests/integration/inetd/common.sh"
need prlimit
printf '#!/bin/sh\nulimit -Sn\n' > "$T/limit"
chmod 755 "$T/limit"
c=$T/inetd.conf
{
	echo "10070 stream tcp4 nowait nobody $T/limit limit"
	for p in $(seq 20000 21199); do
		echo "127.0.0.1:$p stream tcp4 nowait nobody /bin/echo echo $p"
	done
} > "$c"
# listening: how many of the 1,200 ports inetd listens on.
listening() {
	ss -Hltn | awk '$4 ~ /^127\.0\.0\.1:2[01][0-9][0-9][0-9]$/ { n++ } END { print n + 0 }'
}
# soft_limit PID, hard_limit PID: its open-files limits.
soft_limit() {
	awk '/^Max open files/ { print $4 }' "/proc/$1/limits"
}
hard_limit() {
	awk '/^Max open files/ { print $5 }' "/proc/$1/limits"
}

note "soft 1024, hard 4096: raised"
start_daemon inetd prlimit --nofile=1024:4096 "$INETD" -d "$c"
INETD_PID=$LAST_PID
wait_until 60 grep -q 'started: ' "$T/inetd.log"
kill -0 "$INETD_PID" || fail "inetd exited: $(tail -n 5 "$T/inetd.log")"
assert_eq 1200 "$(listening)" "sockets of the 1,200 services"
[ "$(soft_limit "$INETD_PID")" -gt 1201 ] ||
	fail "soft limit $(soft_limit "$INETD_PID") for 1,201 sockets"
assert_eq 4096 "$(hard_limit "$INETD_PID")" "the hard limit"
assert_eq 20000 "$(tcp 127.0.0.1 20000)" "the first service"
assert_eq 21199 "$(tcp 127.0.0.1 21199)" "the last service"
assert_eq 1024 "$(tcp 127.0.0.1 10070)" "a server's soft limit"
grep -q 'open-files limit: ' "$T/inetd.log" &&
	fail "a shortfall reported: $(grep 'open-files limit: ' "$T/inetd.log")"
stop_daemon "$INETD_PID"

note "hard 1024: what fits is served, and the shortfall reported"
start_daemon inetd2 prlimit --nofile=1024:1024 "$INETD" -d "$c"
INETD_PID=$LAST_PID
wait_until 60 grep -q 'started: ' "$T/inetd2.log"
kill -0 "$INETD_PID" || fail "inetd exited: $(tail -n 5 "$T/inetd2.log")"
grep -q 'open-files limit: the hard limit of 1024 leaves room for 896 of the 1201 listening sockets, the rest are not opened' "$T/inetd2.log" ||
	fail "no clear report of the shortfall: $(grep -i 'limit' "$T/inetd2.log" | head -n 5)"
# 10070 and the first 895 of the 1,200.
assert_eq 895 "$(listening)" "sockets under a hard limit of 1024"
assert_eq 1024 "$(tcp 127.0.0.1 10070)" "the first line"
assert_eq 20894 "$(tcp 127.0.0.1 20894)" "the last service that fits"
tcp_listening 20895 && fail "a service past the limit listens"
# Connections still find descriptors, many at once.
out=$($CLIENT many 127.0.0.1 20000 100 --parallel 16 --expect 20000)
assert_match '^ok=100 failed=0' "$out" "connections under a full limit"
true
