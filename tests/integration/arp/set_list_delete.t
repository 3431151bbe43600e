# arp -s, arp -a, arp host and arp -d round trip, checked against ip neigh
# and net-tools arp on the same table.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" "$NETTOOLS_ARP"
two_hosts

ip netns exec h1 "$ARP" -s 10.9.0.50 02:00:00:00:00:50
assert_eq 0 $? "arp -s"
assert_match 'lladdr 02:00:00:00:00:50 PERMANENT' \
	"$(ip -n h1 neigh show 10.9.0.50)" "permanent entry in ip neigh"
ip netns exec h1 "$ARP" -s 10.9.0.51 2:0:0:0:0:51 temp
assert_eq 0 $? "arp -s temp"
n=$(ip -n h1 neigh show 10.9.0.51)
assert_match 'lladdr 02:00:00:00:00:51 (REACHABLE|STALE|DELAY)' "$n" \
	"temporary entry in ip neigh"

ip netns exec h1 "$ARP" -an > "$T/all" 2>&1
assert_eq 0 $? "arp -an"
cat "$T/all"
assert_file_match '^\? \(10\.9\.0\.50\) at 02:00:00:00:00:50 permanent on v1$' \
	"$T/all" "permanent line"
assert_file_match '^\? \(10\.9\.0\.51\) at 02:00:00:00:00:51 on v1$' \
	"$T/all" "temporary line"
assert_file_match "^\? \(10\.9\.0\.2\) at $(mac_of h2 v2) on v1$" \
	"$T/all" "learned entry of the peer"
same_views h1

out=$(ip netns exec h1 "$ARP" -n 10.9.0.50)
assert_eq "? (10.9.0.50) at 02:00:00:00:00:50 permanent on v1" "$out" \
	"arp host"
out=$(ip netns exec h1 "$ARP" -n -i lo 10.9.0.50)
assert_eq 1 $? "arp -i lo host: not on lo"
assert_eq "10.9.0.50 (10.9.0.50) -- no entry" "$out" "no entry on lo"
assert_eq "" "$(ip netns exec h1 "$ARP" -an -i lo)" "arp -a -i lo"

ip netns exec h1 "$ARP" -d 10.9.0.50
assert_eq 0 $? "arp -d"
assert_eq "" "$(ip -n h1 neigh show 10.9.0.50)" "entry gone from ip neigh"
out=$(ip netns exec h1 "$ARP" -n 10.9.0.50)
assert_eq 1 $? "arp host after -d"
assert_eq "10.9.0.50 (10.9.0.50) -- no entry" "$out" "no entry"
ip netns exec h1 "$ARP" -d 10.9.0.50 2> "$T/err"
assert_eq 1 $? "arp -d twice"
assert_file_match '^arp: 10\.9\.0\.50 \(10\.9\.0\.50\): no entry$' "$T/err" \
	"second delete"
same_views h1

# Replacing an entry keeps one entry with the new address.
ip netns exec h1 "$ARP" -s 10.9.0.51 02:00:00:00:00:99
assert_match 'lladdr 02:00:00:00:00:99 PERMANENT' \
	"$(ip -n h1 neigh show 10.9.0.51)" "replaced entry"

# An entry net-tools made is ours to list and delete, and the reverse.
ip netns exec h1 "$NETTOOLS_ARP" -s 10.9.0.60 02:00:00:00:00:60
assert_file_match '^\? \(10\.9\.0\.60\) at 02:00:00:00:00:60 permanent on v1$' \
	/dev/stdin "net-tools entry" <<EOF2
$(ip netns exec h1 "$ARP" -an)
EOF2
ip netns exec h1 "$ARP" -d 10.9.0.60
ip netns exec h1 "$NETTOOLS_ARP" -an 10.9.0.60 | grep -q 'no match' ||
	fail "net-tools still sees 10.9.0.60"
same_views h1
