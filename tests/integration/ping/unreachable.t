# An address on the link with no host: exit 1, 100% loss, "Destination Host
# Unreachable" from the local host once neighbour discovery gives up (for
# the requests it held, rising icmp_seq); and a destination with no route
# at all: exit 2.
# timeout: 120
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

ip netns exec h1 "$PING" -c 3 -i 0.3 10.9.0.99 > "$T/out" 2>&1
assert_eq 1 $? "exit status"
cat "$T/out"
# Which requests get an error depends on when the kernel gives up
# neighbour discovery: check what always holds, then the kinds of line
# against iputils.
increasing "$T/out" \
	'^From 10\.9\.0\.1 icmp_seq=([0-9]+) Destination Host Unreachable$' 3
n=$(grep -c 'Destination Host Unreachable$' "$T/out")
assert_file_match \
	"^3 packets transmitted, 0 received, \\+$n errors, 100% packet loss, time [0-9]+ms\$" \
	"$T/out" "summary counts each error"
! grep -q '^rtt ' "$T/out" || fail "round-trip times with no reply"
same_shapes_as_iputils h1 -c 3 -i 0.3 10.9.0.99
same_shapes_as_iputils h1 -c 2 -i 0.3 fd00:9::99
increasing "$T/ours" \
	'^From fd00:9::1 icmp_seq=([0-9]+) Destination unreachable: Address unreachable$' 2

# With a deadline the first error ends the run, but the requests neighbour
# discovery held fail together and every error that came with it counts.
for a in 10.9.0.99 fd00:9::99; do
	ip netns exec h1 "$PING" -w 10 -i 0.3 $a > "$T/w" 2>&1
	assert_eq 1 $? "exit status of -w 10 $a"
	cat "$T/w"
	n=$(grep -c '^From .* icmp_seq=[0-9]* Destination' "$T/w")
	[ "$n" -ge 2 ] || fail "-w 10 $a: $n errors, expected all the held requests"
	assert_file_match "^[0-9]+ packets transmitted, 0 received, \\+$n errors, 100% packet loss" \
		"$T/w" "-w 10 $a counts each error"
	same_shapes_as_iputils h1 -w 10 -i 0.3 $a
done

# The same as an unprivileged user on an ICMP datagram socket, where the
# errors come through the socket's error queue.
allow_ping_sockets h1
nobody_in h1 "$PING" -c 2 -i 0.3 10.9.0.99 > "$T/nobody" 2>&1
assert_eq 1 $? "exit status as nobody"
increasing "$T/nobody" \
	'^From 10\.9\.0\.1 icmp_seq=([0-9]+) Destination Host Unreachable$' 2

ip netns exec h1 "$PING" -c 1 10.1.1.1 > "$T/noroute" 2>&1
assert_eq 2 $? "no route"
assert_file_match 'Network is unreachable' "$T/noroute" "no route message"
ip netns exec h1 "$IPUTILS_PING" -c 1 10.1.1.1 > /dev/null 2>&1
assert_eq 2 $? "iputils agrees on no route"

# Routes that refuse, and the link's broadcast address: exit 2 at once.
ip -n h1 route add unreachable 10.5.0.0/16
ip -n h1 route add prohibit 10.6.0.0/16
for a in 10.5.0.1 10.6.0.1 10.9.0.255; do
	ip netns exec h1 "$PING" -c 1 $a > "$T/refused" 2>&1
	assert_eq 2 $? "ping $a"
done
assert_file_match 'broadcast' "$T/refused" "broadcast refused"
