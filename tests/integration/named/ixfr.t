# IXFR out (RFC 1995): a client as new as the server gets the single SOA
# (section 2); after a reload that changed the zone, a client at the
# serial before it gets the difference in incremental form (the new
# SOA, the old SOA, what was deleted, the new SOA, what was added, the
# new SOA: section 4), kept across reloads; a serial the history does
# not reach gets the whole zone in AXFR form.
. "$TOP/tests/integration/named/common.sh"

# zone SERIAL RECORD...: the zone, renamed into place.
zone() {
	_s=$1
	shift
	{
		echo '$TTL 3600'
		echo "@	SOA	ns hostmaster $_s 3600 600 86400 300"
		echo '	NS	ns'
		echo 'ns	A	127.0.0.1'
		for _r in "$@"; do
			echo "$_r"
		done
	} > "$T/ixfr.zone.new" && mv "$T/ixfr.zone.new" "$T/ixfr.zone"
}
# xfr IXFR=N: the records of the transfer, blanks squeezed, in order.
xfr() {
	dig +nocmd +nostats +noall +answer +time=2 +tries=1 @127.0.0.1 -p $NAMED_PORT ixfr.test "$1" |
		tr -s ' \t' '  '
}
soa() {
	echo "ixfr.test. 3600 IN SOA ns.ixfr.test. hostmaster.ixfr.test. $1 3600 600 86400 300"
}
zone 10 'www	A	192.0.2.1' 'old	A	192.0.2.2'
cat > "$T/named.boot" <<BOOT
directory	$T
primary		ixfr.test	ixfr.zone
BOOT
named_start named 10551 "$T/named.boot"

note "up to date: the single SOA"
assert_eq "$(soa 10)" "$(xfr IXFR=10)" "IXFR from the current serial"
assert_eq "$(soa 10)" "$(xfr IXFR=11)" "IXFR from a newer serial"

note "after a reload: the difference"
zone 11 'www	A	192.0.2.1' 'new	A	192.0.2.3'
kill -HUP "$NAMED_PID"
wait_until 10 sh -c "[ \"\$(dig +short +norec @127.0.0.1 -p $NAMED_PORT ixfr.test SOA | awk '{ print \$3 }')\" = 11 ]"
xfr IXFR=10 > "$T/ixfr"
cat "$T/ixfr"
assert_eq "$(soa 11)
$(soa 10)
old.ixfr.test. 3600 IN A 192.0.2.2
$(soa 11)
new.ixfr.test. 3600 IN A 192.0.2.3
$(soa 11)" "$(cat "$T/ixfr")" "IXFR from serial 10"

note "two reloads: from the first serial, the differences in turn"
zone 12 'www	A	192.0.2.10' 'new	A	192.0.2.3'
kill -HUP "$NAMED_PID"
wait_until 10 sh -c "[ \"\$(dig +short +norec @127.0.0.1 -p $NAMED_PORT ixfr.test SOA | awk '{ print \$3 }')\" = 12 ]"
xfr IXFR=10 > "$T/ixfr2"
cat "$T/ixfr2"
assert_eq "$(soa 12)
$(soa 10)
old.ixfr.test. 3600 IN A 192.0.2.2
$(soa 11)
new.ixfr.test. 3600 IN A 192.0.2.3
$(soa 11)
www.ixfr.test. 3600 IN A 192.0.2.1
$(soa 12)
www.ixfr.test. 3600 IN A 192.0.2.10
$(soa 12)" "$(cat "$T/ixfr2")" "IXFR from serial 10 over two reloads"

note "a serial the history does not reach: the whole zone"
xfr IXFR=5 > "$T/full"
assert_eq "$(soa 12)" "$(head -n 1 "$T/full")" "first record of the full zone"
assert_eq "$(soa 12)" "$(tail -n 1 "$T/full")" "last record of the full zone"
assert_eq 6 "$(wc -l < "$T/full")" "records of the full zone (SOA twice, NS, ns, www, new)"
exit 0
