# Hosts by name both ways: operands are resolved, listings show names
# unless -n.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP"
two_hosts
write_fixture hosts <<EOF2
127.0.0.1 localhost
10.9.0.2 peer
10.9.0.40 printer
EOF2

ip netns exec h1 "$ARP" -s printer 02:00:00:00:00:40
assert_eq 0 $? "arp -s by name"
ip netns exec h1 "$PING" -c 1 10.9.0.2 > /dev/null
ip netns exec h1 "$ARP" -a > "$T/all"
cat "$T/all"
assert_file_match '^printer \(10\.9\.0\.40\) at 02:00:00:00:00:40 permanent on v1$' \
	"$T/all" "named entry"
assert_file_match '^peer \(10\.9\.0\.2\) at ' "$T/all" "learned entry named"
ip netns exec h1 "$ARP" -an > "$T/num"
assert_file_match '^\? \(10\.9\.0\.40\) at ' "$T/num" "-n"
out=$(ip netns exec h1 "$ARP" printer)
assert_eq "printer (10.9.0.40) at 02:00:00:00:00:40 permanent on v1" "$out" \
	"arp name"
# Classic inet_aton forms of the manual's era.
out=$(ip netns exec h1 "$ARP" -n 10.9.40)
assert_eq "? (10.9.0.40) at 02:00:00:00:00:40 permanent on v1" "$out" \
	"arp 10.9.40"
