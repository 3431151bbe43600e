# nowait.max: at the maximum, inetd stops accepting; further clients wait
# in the listen queue and are served as soon as a child exits.
. "$TOP/tests/integration/inetd/common.sh"
printf '#!/bin/sh\necho hello\nexec cat > /dev/null\n' > "$T/hello"
chmod 755 "$T/hello"
cat > "$T/inetd.conf" <<CONF
10032 stream tcp nowait.2 nobody $T/hello hello
10033 stream tcp nowait   nobody /bin/echo echo free
CONF
start_inetd -l "$T/inetd.conf"
$CLIENT stall 127.0.0.1 10032 30 > /dev/null &
first=$!
$CLIENT stall 127.0.0.1 10032 30 > /dev/null &
wait_log '10032/tcp: connection from .* pid' 2
$CLIENT tcp 127.0.0.1 10032 '' --timeout 20 > "$T/third.out" &
third=$!
# The third connection sits in a listen queue (Recv-Q of the IPv4 and
# IPv6 listening sockets together), not accepted.
queued() {
	[ "$(ss -Hltn 'sport = :10032' | awk '{ n += $2 } END { print n }')" = 1 ]
}
wait_until 20 queued
[ -s "$T/third.out" ] && fail "the third client was served while two ran"
assert_eq free "$(tcp 127.0.0.1 10033)" "other services go on"
kill "$first"
wait "$third"
assert_eq hello "$(cat "$T/third.out")" "third client after one exited"
wait_log '10032/tcp: connection from .* pid' 3
