# The table with no host: arp, -n, -i, -v list it in the BSD form as -a
# does, -e in net-tools' columns, the same as net-tools arp -e prints them
# for the same table.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" "$NETTOOLS_ARP"
write_fixture hosts <<EOF2
127.0.0.1 localhost
10.9.0.2 peer
10.9.0.40 a-very-long-host-name-for-the-printer.example.org
EOF2
two_hosts
ip -n h1 link add v3 type veth peer name v4
ip -n h1 link set v3 up
ip -n h1 link set v4 up
ip -n h1 addr add 10.8.0.1/24 dev v3
# Learned, temporary, permanent, published with and without an entry of
# its own, incomplete; and one on another interface.
ip netns exec h1 "$ARP" -s 10.9.0.40 02:00:00:00:00:40 pub
ip netns exec h1 "$ARP" -s 10.9.0.44 02:00:00:00:00:44 temp
ip netns exec h1 "$NETTOOLS_ARP" -i v1 -Ds 10.9.0.43 v1 pub
ip netns exec h1 "$ARP" -s 10.8.0.5 02:00:00:00:08:05
ip netns exec h1 ping -c 1 -W 1 10.9.0.99 > /dev/null
eventually 10 sh -c "ip -n h1 neigh show 10.9.0.99 | grep -q FAILED" ||
	ip -n h1 neigh show
ip -n h1 neigh show
ip -n h1 neigh show proxy

# Without a host: the BSD form of -a.
ip netns exec h1 "$ARP" -a > "$T/a" 2>&1
ip netns exec h1 "$ARP" > "$T/none" 2>&1
assert_eq 0 $? "arp"
cat "$T/none"
diff -u "$T/a" "$T/none" || fail "arp differs from arp -a"
assert_file_match '^peer \(10\.9\.0\.2\) at ' "$T/none" "names without -n"
assert_eq 6 "$(wc -l < "$T/none")" "lines of arp"
ip netns exec h1 "$ARP" -an > "$T/a" 2>&1
ip netns exec h1 "$ARP" -n > "$T/none" 2>&1
assert_eq 0 $? "arp -n"
diff -u "$T/a" "$T/none" || fail "arp -n differs from arp -an"
ip netns exec h1 "$ARP" -n -i v3 > "$T/v3" 2>&1
assert_eq 0 $? "arp -n -i v3"
assert_eq "? (10.8.0.5) at 02:00:00:00:08:05 permanent on v3" \
	"$(cat "$T/v3")" "arp -n -i v3"
ip netns exec h1 "$ARP" -i lo > "$T/lo" 2>&1
assert_eq 0 $? "arp -i lo"
assert_eq "" "$(cat "$T/lo")" "arp -i lo: nothing"
ip netns exec h1 "$ARP" -v > "$T/v" 2>&1
assert_eq 0 $? "arp -v"
assert_eq "Entries: 6	Skipped: 0	Found: 6" "$(tail -n 1 "$T/v")" "arp -v"
ip netns exec h1 "$ARP" -nv -i v3 > "$T/v" 2>&1
assert_eq "Entries: 6	Skipped: 5	Found: 1" "$(tail -n 1 "$T/v")" \
	"arp -nv -i v3"
ip netns exec h1 "$ARP" -av 10.9.0.40 > "$T/v" 2>&1
assert_eq "Entries: 6	Skipped: 0	Found: 6" "$(tail -n 1 "$T/v")" \
	"arp -av (its operands are namelist and corefile)"

# -e: net-tools' form, byte for byte, with and without names, -v, -i and
# a host.
for a in "-e" "-en" "-ev" "-env" "-e -i v1" "-en -i v3" "-e -i lo" \
    "-ev -i lo" "-e 10.9.0.40" "-en 10.9.0.99" "-env 10.9.0.2" \
    "-e -i v3 10.8.0.5"; do
	ip netns exec h1 "$NETTOOLS_ARP" $a > "$T/theirs" 2>&1
	assert_eq 0 $? "net-tools arp $a"
	ip netns exec h1 "$ARP" $a > "$T/ours" 2>&1
	assert_eq 0 $? "arp $a"
	diff -u "$T/theirs" "$T/ours" || fail "arp $a differs from net-tools"
done
cat "$T/ours"
ip netns exec h1 "$ARP" -e > "$T/e"
cat "$T/e"
assert_eq 8 "$(wc -l < "$T/e")" "heading and rows of arp -e"
assert_file_match '^a-very-long-host-name-f  \*       <from_interface>    MP                    v1$' \
	"$T/e" "the published row"

# A host with no entry: the message, exit 1 (net-tools exits 0).
ip netns exec h1 "$ARP" -e 10.9.0.77 > "$T/no" 2>&1
assert_eq 1 $? "arp -e with no entry"
assert_eq "10.9.0.77 (10.9.0.77) -- no entry" "$(cat "$T/no")" \
	"arp -e with no entry"
ip netns exec h1 "$NETTOOLS_ARP" -e 10.9.0.77 > "$T/theirs" 2>&1
diff -u "$T/theirs" "$T/no" || fail "no entry differs from net-tools"
