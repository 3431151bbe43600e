# -t: a TTL too small for the path draws "Time to live exceeded" from the
# router; one large enough gets replies.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
routed_hosts

ip netns exec h1 "$PING" -c 2 -i 0.2 -t 1 10.9.2.1 > "$T/out" 2>&1
assert_eq 1 $? "exit status with -t 1"
assert_file_match '^From 10\.9\.1\.254 icmp_seq=1 Time to live exceeded$' \
	"$T/out" "time exceeded from the router"
assert_file_match '^2 packets transmitted, 0 received, \+2 errors, 100% packet loss' \
	"$T/out" "errors counted"
ip netns exec h1 "$PING" -c 2 -i 0.2 -t 2 10.9.2.1 > "$T/ok" 2>&1
assert_eq 0 $? "-t 2 reaches h3"
assert_file_match '^64 bytes from 10\.9\.2\.1: icmp_seq=1 ttl=63 ' "$T/ok" \
	"reply one hop away has ttl 63"

ip netns exec h1 "$PING" -c 1 -t 1 fd00:2::1 > "$T/v6" 2>&1
assert_eq 1 $? "v6 with hop limit 1"
assert_file_match '^From fd00:1::fe icmp_seq=1 Time exceeded: Hop limit$' \
	"$T/v6" "v6 time exceeded"

same_as_iputils h1 -c 2 -i 0.2 -t 1 10.9.2.1
same_as_iputils h1 -c 2 -i 0.2 -t 1 fd00:2::1
same_as_iputils h1 -c 2 -i 0.2 -t 5 10.9.2.1
same_as_iputils h1 -c 2 -i 0.2 -R 10.9.2.1
