# The forms of ether_addr arp -s takes: colon-separated bytes of one or
# two digits, or bytes of two digits without the colons, as net-tools arp
# takes them; and what neither takes, or net-tools reads only in part.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" "$NETTOOLS_ARP"
two_hosts

for f in 001122334455 00:11:22:33:44:55 0:11:22:33:44:55 001122:334455 \
    0011:2233:4455; do
	for prog in "$ARP" "$NETTOOLS_ARP"; do
		ip netns exec h1 "$ARP" -d 10.9.0.9 > /dev/null 2>&1
		ip netns exec h1 "$prog" -s 10.9.0.9 $f > "$T/out" 2>&1
		assert_eq 0 $? "$prog -s 10.9.0.9 $f"
		assert_eq "" "$(cat "$T/out")" "$prog -s 10.9.0.9 $f: quiet"
		assert_match 'lladdr 00:11:22:33:44:55 PERMANENT' \
			"$(ip -n h1 neigh show 10.9.0.9)" "$prog $f"
	done
done
ip netns exec h1 "$ARP" -s 10.9.0.9 A:b:C:d:E:f
assert_match 'lladdr 0a:0b:0c:0d:0e:0f PERMANENT' \
	"$(ip -n h1 neigh show 10.9.0.9)" "one digit a byte"

ip netns exec h1 "$ARP" -d 10.9.0.9
for f in 00-11-22-33-44-55 0011.2233.4455 00112233445 0011223344556 \
    1:2:3:4:5:6:7 00:11:22:33:44:55x 0:11:22:33:44:55:; do
	ip netns exec h1 "$ARP" -s 10.9.0.9 $f > "$T/out" 2>&1
	assert_eq 1 $? "arp -s 10.9.0.9 $f"
	assert_eq "arp: invalid ethernet address: $f" "$(cat "$T/out")" \
		"arp -s 10.9.0.9 $f"
	assert_eq "" "$(ip -n h1 neigh show 10.9.0.9)" "no entry for $f"
done

# Files take the same forms.
cat > "$T/ethers" <<EOF2
10.9.0.10 001122334455
10.9.0.11 00-11-22-33-44-55
EOF2
ip netns exec h1 "$ARP" -f "$T/ethers" > "$T/out" 2>&1
assert_eq 1 $? "arp -f"
assert_eq "arp: $T/ethers:2: invalid ethernet address: 00-11-22-33-44-55" \
	"$(cat "$T/out")" "arp -f's bad line"
assert_match 'lladdr 00:11:22:33:44:55 PERMANENT' \
	"$(ip -n h1 neigh show 10.9.0.10)" "arp -f without colons"
