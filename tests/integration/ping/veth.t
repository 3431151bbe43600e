# ping across a veth pair between two namespaces, IPv4 and IPv6, output as
# iputils ping prints it.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts
v6_ready

ip netns exec h1 "$PING" -c 3 -i 0.2 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
assert_file_match '^64 bytes from 10\.9\.0\.2: icmp_seq=3 ttl=64 time=' \
	"$T/out" "reply from the peer"
ip netns exec h2 "$PING" -c 2 -i 0.2 fd00:9::1 > "$T/out6" 2>&1
assert_eq 0 $? "exit status v6"
assert_file_match '^64 bytes from fd00:9::1: icmp_seq=2 ttl=64 time=' \
	"$T/out6" "v6 reply from the peer"

same_as_iputils h1 -c 3 -i 0.2 10.9.0.2
same_as_iputils h1 -c 3 -i 0.2 fd00:9::2
same_as_iputils h2 -c 2 -i 0.2 -s 1000 10.9.0.1
same_as_iputils h1 -c 2 -i 0.2 -I v1 10.9.0.2
same_as_iputils h1 -c 2 -i 0.2 -I 10.9.0.1 10.9.0.2

# Names resolve to either family; -4 and -6 force one.  IPv4 takes the
# resolver's name for the target, IPv6 the name as given and the address
# named as replies are.
write_fixture hosts <<EOF2
127.0.0.1 localhost
10.9.0.2 peer.example peer
fd00:9::2 peer6.example peer
EOF2
ip netns exec h1 "$PING" -c 1 -4 peer > "$T/p4" 2>&1
assert_eq 0 $? "-4 peer"
assert_file_match '^PING peer\.example \(10\.9\.0\.2\)' "$T/p4" "-4 picks IPv4"
assert_file_match '^64 bytes from peer\.example \(10\.9\.0\.2\): icmp_seq=1' \
	"$T/p4" "reply source named"
ip netns exec h1 "$PING" -c 1 -6 peer > "$T/p6" 2>&1
assert_eq 0 $? "-6 peer"
assert_file_match '^PING peer\(peer6\.example \(fd00:9::2\)\) 56 data bytes' \
	"$T/p6" "-6 picks IPv6"
same_as_iputils h1 -c 2 -i 0.2 -6 peer
# glibc puts the IPv6 address first: both pings take it, and with -4
# iputils shows the target as "" (see common.sh).
same_as_iputils h1 -c 2 -i 0.2 peer
assert_file_match '^PING peer\(peer6\.example \(fd00:9::2\)\) ' "$T/ours" \
	"peer is IPv6 first"
same_as_iputils_named peer.example h1 -c 2 -i 0.2 -4 peer
ip netns exec h1 "$PING" -c 1 -n -4 peer > "$T/pn" 2>&1
assert_file_match '^64 bytes from 10\.9\.0\.2: icmp_seq=1' "$T/pn" "-n: no names"
ip netns exec h1 "$PING" -c 1 -6 10.9.0.2 > "$T/bad" 2>&1
assert_eq 2 $? "-6 with an IPv4 literal"
