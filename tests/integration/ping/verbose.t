# -v on loopback: a raw socket reads our own requests as well as the
# replies; they are neither replies nor ICMP from elsewhere to list (as
# iputils, which lists none).  What else comes is listed.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"

for a in 127.0.0.1 ::1; do
	"$PING" -v -c 3 -i 0.2 $a > "$T/out" 2>&1
	assert_eq 0 $? "exit status of -v $a"
	cat "$T/out"
	assert_file_match '^ping: socket: raw, id [0-9]+$' "$T/out" \
		"a raw socket for $a"
	assert_eq 3 "$(grep -c ' bytes from ' "$T/out")" "replies from $a"
	! grep -q '^From ' "$T/out" || fail "-v $a lists our own requests"
	# iputils says nothing of them either.
	"$IPUTILS_PING" -v -c 3 -i 0.2 $a > "$T/theirs" 2>&1
	! grep -q '^From ' "$T/theirs" || fail "iputils -v $a lists packets"
done

# ICMP that is not an answer is still listed: a time exceeded for a
# request of another program, here an UDP probe with TTL 1 through r.
routed_hosts
# ping runs until the line is there (python can take seconds to start on
# a loaded machine), then is stopped.
ip netns exec h1 "$PING" -v -i 0.2 -w 60 10.9.2.1 > "$T/other" 2>&1 &
p=$!
_pids="$_pids $p"
wait_until 5 grep -q 'bytes from' "$T/other"
ip netns exec h1 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 1)
s.sendto(b"x", ("10.9.2.1", 33434))
'
eventually 30 grep -q '^From 10\.9\.1\.254' "$T/other"
kill -INT "$p"
wait "$p"
cat "$T/other"
assert_file_match '^From 10\.9\.1\.254: icmp_type=11 .* icmp_code=0$' \
	"$T/other" "another program's time exceeded listed"
