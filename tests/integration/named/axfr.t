# peers: bind9
# Zone transfers out: AXFR over TCP gives the SOA first and last and
# every record of the zone between; IXFR is answered with the whole
# zone in AXFR form; with an xfrnets line that leaves 127.0.0.1 out the
# transfer is refused, and allowed by one that names it; AXFR asked over
# UDP is not answered with the zone.  A BIND 9 secondary transfers the
# zone from ours and serves it (skipped when BIND could not be fetched).
. "$TOP/tests/integration/named/common.sh"
need python3

{
	echo '$ORIGIN xfr.test.'
	echo '$TTL 3600'
	echo '@	SOA	ns hostmaster 2026120201 3600 600 86400 300'
	echo '	NS	ns'
	echo '	MX	10 mail'
	echo 'ns	A	127.0.0.1'
	echo 'mail	A	192.0.2.25'
	echo 'alias	CNAME	www'
	echo 'text	TXT	"some text" "more"'
	echo '*.wild	A	192.0.2.99'
	echo 'sub	NS	ns.sub'
	echo 'ns.sub	A	192.0.2.53'
	echo 'srv	SRV	0 5 5060 www'
	# Enough to take more than one message of 64 kB.
	awk 'BEGIN { for (i = 1; i <= 5000; i++)
		printf "h%d\tA\t198.51.%d.%d\n", i, int(i / 250), i % 250 }'
	echo 'www	A	192.0.2.1'
	echo '	AAAA	2001:db8::1'
} > "$T/xfr.zone"
records=$(grep -Ecv '^\$' "$T/xfr.zone")
cat > "$T/named.boot" <<BOOT
directory	$T
primary		xfr.test	xfr.zone
BOOT
named_start named 10536 "$T/named.boot"

# axfr PORT: the records of an AXFR of xfr.test, blanks squeezed, in order.
axfr() {
	dig +nocmd +nostats +noall +answer +time=2 +tries=1 @127.0.0.1 -p "$1" xfr.test AXFR |
		tr -s ' \t' '  '
}

note "AXFR: SOA first and last, every record between"
axfr 10536 > "$T/axfr"
assert_eq $((records + 1)) "$(wc -l < "$T/axfr")" "records in the AXFR (the SOA twice)"
soa="xfr.test. 3600 IN SOA ns.xfr.test. hostmaster.xfr.test. 2026120201 3600 600 86400 300"
assert_eq "$soa" "$(head -n 1 "$T/axfr")" "first record"
assert_eq "$soa" "$(tail -n 1 "$T/axfr")" "last record"
assert_eq 0 "$(sed '1d;$d' "$T/axfr" | grep -c ' SOA ')" "SOAs between the first and the last"
assert_eq "$records" "$(sort -u "$T/axfr" | wc -l)" "distinct records"
dig +time=2 +tries=1 @127.0.0.1 -p 10536 xfr.test AXFR | grep '^;; XFR size' > "$T/xfrsize"
cat "$T/xfrsize"
messages=$(sed -n 's/.*(messages \([0-9]*\),.*/\1/p' "$T/xfrsize")
[ "${messages:-0}" -gt 1 ] || fail "the transfer in $messages message(s): more were needed"
for rr in "h4999.xfr.test. 3600 IN A 198.51.19.249" \
	"*.wild.xfr.test. 3600 IN A 192.0.2.99" \
	"sub.xfr.test. 3600 IN NS ns.sub.xfr.test." \
	"ns.sub.xfr.test. 3600 IN A 192.0.2.53" \
	'text.xfr.test. 3600 IN TXT "some text" "more"' \
	"srv.xfr.test. 3600 IN SRV 0 5 5060 www.xfr.test." \
	"www.xfr.test. 3600 IN AAAA 2001:db8::1"; do
	grep -qxF -- "$rr" "$T/axfr" || fail "not in the AXFR: $rr"
done

note "IXFR: the whole zone"
dig +nocmd +nostats +noall +answer +time=2 +tries=1 @127.0.0.1 -p 10536 xfr.test IXFR=2026120200 |
	tr -s ' \t' '  ' > "$T/ixfr"
assert_eq "$soa" "$(head -n 1 "$T/ixfr")" "first record of the IXFR"
assert_eq "$(sort "$T/axfr")" "$(sort "$T/ixfr")" "the IXFR against the AXFR"

note "AXFR over UDP"
got=$($RAW send 10536 "$($RAW build xfr.test AXFR)")
echo "AXFR over UDP: $got"
assert_match '^id=4660 qr=1 opcode=0 rcode=(FORMERR|REFUSED|NOTIMP) .* an=0 ' "$got" "AXFR over UDP"

note "xfrnets without 127.0.0.1: refused"
cat > "$T/closed.boot" <<BOOT
directory	$T
xfrnets		10.0.0.0&255.0.0.0 192.0.2.0/24
primary		xfr.test	xfr.zone
BOOT
named_start closed 10537 "$T/closed.boot"
dig +time=2 +tries=1 @127.0.0.1 -p 10537 xfr.test AXFR > "$T/closed.axfr" 2>&1
cat "$T/closed.axfr"
assert_file_match 'Transfer failed' "$T/closed.axfr" "AXFR from outside xfrnets"
grep -q ' SOA ' "$T/closed.axfr" && fail "a record transferred outside xfrnets"
# What dig does not show: the rcode.
kdig +tcp +time=2 +retry=0 @127.0.0.1 -p 10537 xfr.test AXFR > "$T/closed.kdig" 2>&1
assert_file_match 'REFUSED' "$T/closed.kdig" "the rcode of the refusal"
ask closed www.xfr.test A
expect "$T/closed" NOERROR aa "a query beside the refused transfer"

note "xfrnets naming 127.0.0.1: allowed"
cat > "$T/open.boot" <<BOOT
directory	$T
xfrnets		10.0.0.0&255.0.0.0 127.0.0.1
primary		xfr.test	xfr.zone
BOOT
named_start open 10538 "$T/open.boot"
axfr 10538 > "$T/open.axfr"
assert_eq "$(cat "$T/axfr")" "$(cat "$T/open.axfr")" "AXFR allowed by xfrnets"

note "a BIND 9 secondary"
. "$TOP/tests/integration/named/peer.sh"
bind_need
dir=$(bind_setup secondary 10539)
bind9_secondary "$dir" xfr.test. 127.0.0.1 10536
bind_start secondary
wait_until 30 bind_answers 10539 xfr.test.
assert_eq 198.51.19.249 \
	"$(dig +short +norec +time=2 +tries=1 @127.0.0.1 -p 10539 h4999.xfr.test A)" \
	"an answer from BIND's copy"
axfr 10539 > "$T/bind.axfr"
assert_eq "$(sort "$T/axfr")" "$(sort "$T/bind.axfr")" "BIND's copy against ours"
exit 0
