# -s: the data size, from 0 to what fits in one IP datagram.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts
v6_ready

ip netns exec h1 "$PING" -c 1 -s 0 10.9.0.2 > "$T/s0" 2>&1
assert_eq 0 $? "-s 0"
assert_file_match '^PING 10\.9\.0\.2 \(10\.9\.0\.2\) 0\(28\) bytes of data\.$' \
	"$T/s0" "-s 0 header"
assert_file_match '^8 bytes from 10\.9\.0\.2: icmp_seq=1 ttl=64' "$T/s0" \
	"-s 0 reply"

# Bigger than the link MTU: fragments out, fragments back.
ip netns exec h1 "$PING" -c 2 -i 0.2 -s 4000 10.9.0.2 > "$T/big" 2>&1
assert_eq 0 $? "-s 4000"
assert_file_match '^PING 10\.9\.0\.2 \(10\.9\.0\.2\) 4000\(4028\) bytes of data\.$' \
	"$T/big" "-s 4000 header"
assert_file_match '^4008 bytes from 10\.9\.0\.2: icmp_seq=2 ttl=64 time=' \
	"$T/big" "-s 4000 reply"

ip netns exec h1 "$PING" -c 1 -s 65507 10.9.0.2 > "$T/max" 2>&1
assert_eq 0 $? "-s 65507 (the IPv4 maximum)"
assert_file_match '^65515 bytes from 10\.9\.0\.2' "$T/max" "largest reply"
ip netns exec h1 "$PING" -c 1 -s 65508 10.9.0.2 > "$T/over" 2>&1
assert_eq 2 $? "-s 65508"
assert_file_match 'too large, maximum is 65507' "$T/over" "size message"
ip netns exec h1 "$PING" -c 1 -s 10000 fd00:9::2 > "$T/v6" 2>&1
assert_eq 0 $? "-s 10000 over IPv6"
assert_file_match '^10008 bytes from fd00:9::2' "$T/v6" "large v6 reply"

same_as_iputils h1 -c 2 -i 0.2 -s 1472 10.9.0.2
same_as_iputils h1 -c 2 -i 0.2 -s 2000 fd00:9::2
same_as_iputils h1 -c 1 -s 20 10.9.0.2
