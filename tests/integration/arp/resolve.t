# arp -r asks the network now: the peer's MAC, as ip link and arping see
# it, with a round-trip time; silence is an error.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" arping setpriv
two_hosts

mac=$(mac_of h2 v2)
ip netns exec h1 "$ARP" -rn 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "arp -r"
cat "$T/out"
assert_file_match "^\? \(10\.9\.0\.2\) at $mac on v1 time=[0-9]+\.[0-9]{3} ms$" \
	"$T/out" "answer"
ip netns exec h1 arping -c 1 -I v1 10.9.0.2 > "$T/arping" 2>&1
assert_eq 0 $? "arping"
grep -qi "\[$mac\]" "$T/arping" || { cat "$T/arping"; fail "arping saw another MAC"; }

# From the other side, through an explicit interface.
ip netns exec h2 "$ARP" -rn -i v2 10.9.0.1 > "$T/back" 2>&1
assert_eq 0 $? "arp -r -i"
assert_file_match "at $(mac_of h1 v1) on v2 " "$T/back" "reverse answer"

ip netns exec h1 "$ARP" -rn 10.9.0.99 > "$T/none" 2>&1
assert_eq 1 $? "arp -r of a silent address"
assert_file_match '^arp: 10\.9\.0\.99 \(10\.9\.0\.99\): no reply on v1$' \
	"$T/none" "no reply"
ip netns exec h1 "$ARP" -rn 127.0.0.1 > "$T/lo" 2>&1
assert_eq 1 $? "arp -r over loopback"
assert_file_match 'not an Ethernet interface' "$T/lo" "loopback refused"
ip netns exec h1 setpriv --reuid nobody --regid nogroup --clear-groups \
	"$ARP" -rn 10.9.0.2 > "$T/perm" 2>&1
assert_eq 1 $? "arp -r as nobody"
assert_file_match 'Operation not permitted \(arp -r needs CAP_NET_RAW\)' \
	"$T/perm" "permission"
