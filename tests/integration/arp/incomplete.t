# An address nobody answers for is listed as (incomplete), where net-tools
# says <incomplete> and ip neigh INCOMPLETE or FAILED.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" "$NETTOOLS_ARP"
two_hosts

ip netns exec h1 "$PING" -c 1 -W 1 10.9.0.99 > /dev/null 2>&1
ip netns exec h1 "$ARP" -an > "$T/all"
cat "$T/all"
assert_file_match '^\? \(10\.9\.0\.99\) at \(incomplete\) on v1$' "$T/all" \
	"incomplete entry"
same_views h1
# Still so once the kernel gives up (FAILED).
eventually 10 sh -c "ip -n h1 neigh show 10.9.0.99 | grep -q FAILED" ||
	skip "the entry never reached FAILED"
ip netns exec h1 "$ARP" -an | grep -q '^? (10\.9\.0\.99) at (incomplete) on v1$' ||
	fail "failed entry not shown as incomplete"
same_views h1
