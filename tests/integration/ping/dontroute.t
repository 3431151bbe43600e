# -r bypasses the routing tables: a host on an attached network is pinged
# directly, any other is an error at once (exit 2, no request sent).
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"

# Loopback alone: nothing is attached but this host.
same_as_iputils - -r -c 1 127.0.0.1
same_as_iputils - -r -c 1 ::1
same_as_iputils - -r -c 1 10.1.2.3
assert_eq 2 "$_rc_ours" "exit status of -r 10.1.2.3 with only lo"
assert_file_match '^ping: connect: Network is unreachable$' "$T/ours" \
	"-r 10.1.2.3 with only lo"
same_as_iputils - -r -c 1 fd00:1::5

# A veth: its network is attached, others are not.
two_hosts
v6_ready
same_as_iputils h1 -r -c 1 10.9.0.2
same_as_iputils h1 -r -c 1 fd00:9::2
same_as_iputils h1 -r -c 1 10.1.2.3
assert_eq 2 "$_rc_ours" "exit status of -r 10.1.2.3 on a veth"

# A default route reaches everything, but through a gateway: still not
# on an attached network.  (iputils sends, the kernel refuses the IPv4
# request, and iputils exits 1 once -W's wait is over; for IPv6 it goes
# through the gateway.)
ip -n h1 route add default via 10.9.0.2
ip -n h1 -6 route add default via fd00:9::2
for a in 10.1.2.3 fd00:8::2; do
	ip netns exec h1 "$PING" -r -c 1 $a > "$T/out" 2>&1
	assert_eq 2 $? "exit status of -r $a through a gateway"
	cat "$T/out"
	assert_file_match '^ping: connect: Network is unreachable$' "$T/out" \
		"-r $a through a gateway"
	! grep -q '^PING ' "$T/out" || fail "-r $a: a request was sent"
done
# Without -r the gateway is used.
ip netns exec h1 "$PING" -c 1 -W 1 10.1.2.3 > "$T/out" 2>&1
assert_file_match '^PING 10\.1\.2\.3 ' "$T/out" "10.1.2.3 through the gateway"
same_as_iputils h1 -r -c 1 10.9.0.2
