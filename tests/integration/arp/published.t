# pub: h1 answers ARP for an address that is not its own (proxy ARP), with
# its own MAC, as the kernel does for published entries.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" "$NETTOOLS_ARP"
two_hosts

ip netns exec h1 "$ARP" -s 10.9.0.52 02:00:00:00:00:52 pub
assert_eq 0 $? "arp -s pub"
assert_match '10\.9\.0\.52 dev v1 proxy' "$(ip -n h1 neigh show proxy)" \
	"proxy entry in ip neigh"
out=$(ip netns exec h1 "$ARP" -n 10.9.0.52)
assert_eq "? (10.9.0.52) at 02:00:00:00:00:52 permanent published on v1" \
	"$out" "published line"
same_views h1

# Linux answers for a proxy entry when forwarding is on and the address is
# routed through another interface.
ip netns exec h1 sysctl -qw net.ipv4.conf.all.forwarding=1
ip -n h1 route add 10.9.0.52/32 dev lo
ip netns exec h2 "$ARP" -rn 10.9.0.52 > "$T/ask" 2>&1
assert_eq 0 $? "h2 resolves the published address"
assert_file_match "^\? \(10\.9\.0\.52\) at $(mac_of h1 v1) on v2 " "$T/ask" \
	"answered with h1's MAC"

# A proxy entry made elsewhere shows the MAC it is answered with.
ip -n h1 neigh add proxy 10.9.0.53 dev v1
out=$(ip netns exec h1 "$ARP" -n 10.9.0.53)
assert_eq "? (10.9.0.53) at $(mac_of h1 v1) permanent published on v1" \
	"$out" "proxy-only line"

ip netns exec h1 "$ARP" -d 10.9.0.52 pub
assert_eq 0 $? "arp -d pub"
assert_eq "" "$(ip -n h1 neigh show proxy 10.9.0.52)" "proxy entry gone"
assert_match PERMANENT "$(ip -n h1 neigh show 10.9.0.52)" \
	"the plain entry stays"
ip netns exec h1 "$ARP" -d 10.9.0.53
assert_eq "" "$(ip -n h1 neigh show proxy 10.9.0.53)" "-d removes proxies too"
