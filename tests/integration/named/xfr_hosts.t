# peers: bind9
# Zone transfers between two hosts (network namespaces h1 and h2 joined
# by a veth pair): ours serves the zone on h1 with xfrnets naming h2's
# network (the manual's address&mask form); a BIND 9 secondary on h2
# transfers it over IPv4 and answers from its copy; an AXFR from h1's
# own loopback, outside xfrnets, is refused, and so is one from h2 over
# IPv6, which xfrnets does not name.
. "$TOP/tests/integration/named/common.sh"
. "$TOP/tests/integration/named/peer.sh"
bind_need
two_hosts

{
	echo '$TTL 3600'
	echo '@	SOA	ns hostmaster 77 3600 600 86400 300'
	echo '	NS	ns'
	echo 'ns	A	10.9.0.1'
	awk 'BEGIN { for (i = 1; i <= 300; i++)
		printf "h%d\tA\t198.51.100.%d\n", i, i % 250 }'
} > "$T/hosts.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
xfrnets		10.9.0.0&255.255.255.0
primary		hosts.test	hosts.zone
BOOT
start_daemon named ip netns exec h1 "$NAMED" -d 1 -p 10556 "$T/named.boot"
NAMED_PID=$LAST_PID
h1_answers() {
	ip netns exec h1 dig +norec +time=1 +tries=1 @10.9.0.1 -p 10556 hosts.test SOA |
		grep -q '^;; flags: qr aa'
}
wait_until 10 h1_answers

note "from h2 over IPv4: allowed"
ip netns exec h2 dig +nocmd +nostats +noall +answer +time=2 +tries=1 @10.9.0.1 -p 10556 hosts.test AXFR \
	> "$T/h2.axfr" 2>&1
assert_eq 304 "$(grep -c 'IN' "$T/h2.axfr")" "records transferred to h2 (the SOA twice)"

note "from h1's loopback, and from h2 over IPv6: refused"
ip netns exec h1 dig +time=2 +tries=1 @127.0.0.1 -p 10556 hosts.test AXFR > "$T/lo.axfr" 2>&1
assert_file_match 'Transfer failed' "$T/lo.axfr" "AXFR from 127.0.0.1"
ip netns exec h2 dig +time=2 +tries=1 @fd00:9::1 -p 10556 hosts.test AXFR > "$T/v6.axfr" 2>&1
assert_file_match 'Transfer failed' "$T/v6.axfr" "AXFR from fd00:9::2"
ip netns exec h2 dig +norec +time=2 +tries=1 @fd00:9::1 -p 10556 h7.hosts.test A > "$T/v6.a" 2>&1
expect "$T/v6.a" NOERROR aa "a query from h2 over IPv6"

note "a BIND 9 secondary on h2"
dir=$(bind_setup secondary 10557)
bind9_secondary "$dir" hosts.test. 10.9.0.1 10556
start_daemon secondary ip netns exec h2 sh -c \
	". '$TOP/tests/peers/dns.sh' && bind9_exec '$BIND_ROOT' '$dir'"
h2_answers() {
	ip netns exec h2 dig +norec +time=1 +tries=1 @127.0.0.1 -p 10557 hosts.test SOA |
		grep -q '^;; flags: qr aa'
}
wait_until 30 h2_answers
assert_eq 198.51.100.42 \
	"$(ip netns exec h2 dig +short +norec +time=2 +tries=1 @127.0.0.1 -p 10557 h42.hosts.test A)" \
	"an answer from BIND's copy on h2"
assert_file_match 'transfer of hosts\.test.* (from|to) 10\.9\.0\.2' "$T/named.log" \
	"the transfer to 10.9.0.2 logged"
exit 0
