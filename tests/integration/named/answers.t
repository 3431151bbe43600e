# Authoritative answers (RFC 1034 4.3.2, RFC 2308, RFC 4592, RFC 6672):
# A, AAAA and MX with aa; a CNAME chain followed inside the zone, one
# leaving the server's zones given alone (loops: cname_loop.t); NXDOMAIN
# and NODATA with the SOA, whose TTL is the lesser of its own and its
# minimum field; a wildcard answering with the query's owner name, and
# blocked by a name that exists (or an empty non-terminal) below it; a
# referral with glue and no aa below a cut, with TC when the glue does
# not fit (RFC 9471); the DS at the cut answered by the parent with aa;
# a DNAME with the CNAME it synthesizes; the question's case echoed;
# REFUSED for a name in no zone; ANY; IPv6.
. "$TOP/tests/integration/named/common.sh"

cat > "$T/example.zone" <<'ZONE'
$ORIGIN example.test.
$TTL 3600
@	SOA	ns hostmaster 2026120201 3600 600 86400 300
	NS	ns
	MX	10 mail
ns	A	127.0.0.1
www	A	192.0.2.1
	AAAA	2001:db8::1
mail	A	192.0.2.25
alias	CNAME	alias2
alias2	CNAME	www
away	CNAME	www.elsewhere.test.
text	TXT	"only text here"
*.w	A	192.0.2.99
	TXT	"from the wildcard"
exists.w	A	192.0.2.100
host.e.w	A	192.0.2.101
deleg	NS	ns.deleg
	DS	12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
ns.deleg	A	192.0.2.53
old	DNAME	new.example.test.
www.new	A	192.0.2.7
ZONE
# A delegation whose glue cannot all go in 512 bytes (RFC 9471).
i=1
while [ $i -le 13 ]; do
	printf 'big\tNS\tname-server-number-%02d.big\n' $i
	printf 'name-server-number-%02d.big\tA\t192.0.2.%d\n' $i $((100 + i))
	printf 'name-server-number-%02d.big\tAAAA\t2001:db8::%d\n' $i $((100 + i))
	i=$((i + 1))
done >> "$T/example.zone"
# The other way round: the SOA's own TTL is less than its minimum.
cat > "$T/neg.zone" <<'ZONE'
$TTL 60
@	SOA	ns.example.test. hostmaster.example.test. 1 3600 600 86400 600
	NS	ns.example.test.
a	A	192.0.2.2
ZONE
cat > "$T/named.boot" <<BOOT
directory	$T
primary		example.test	example.zone
primary		neg.test	neg.zone
BOOT
named_start named 10530 "$T/named.boot"

note "A, AAAA, MX"
ask a www.example.test A
expect "$T/a" NOERROR "qr aa -tc" "www A"
assert_eq "www.example.test. 3600 IN A 192.0.2.1" "$(section ANSWER "$T/a")" "www A"
ask aaaa www.example.test AAAA
expect "$T/aaaa" NOERROR aa "www AAAA"
assert_eq "www.example.test. 3600 IN AAAA 2001:db8::1" "$(section ANSWER "$T/aaaa")" "www AAAA"
ask mx example.test MX
expect "$T/mx" NOERROR aa "MX"
assert_eq "example.test. 3600 IN MX 10 mail.example.test." "$(section ANSWER "$T/mx")" "MX"

note "a CNAME chain inside the zone, one leaving it"
ask cname alias.example.test A
expect "$T/cname" NOERROR aa "CNAME chain"
assert_eq "alias.example.test. 3600 IN CNAME alias2.example.test.
alias2.example.test. 3600 IN CNAME www.example.test.
www.example.test. 3600 IN A 192.0.2.1" "$(section ANSWER "$T/cname")" "CNAME chain"
ask away away.example.test A
expect "$T/away" NOERROR aa "CNAME out of the zones"
assert_eq "away.example.test. 3600 IN CNAME www.elsewhere.test." \
	"$(section ANSWER "$T/away")" "CNAME out of the zones"

note "NXDOMAIN and NODATA with the SOA, negative TTL per RFC 2308"
soa="example.test. 300 IN SOA ns.example.test. hostmaster.example.test. 2026120201 3600 600 86400 300"
ask nx nothing.example.test A
expect "$T/nx" NXDOMAIN aa "NXDOMAIN"
assert_eq "" "$(section ANSWER "$T/nx")" "NXDOMAIN answer"
assert_eq "$soa" "$(section AUTHORITY "$T/nx")" "NXDOMAIN authority (TTL: the SOA minimum)"
ask nodata text.example.test A
expect "$T/nodata" NOERROR aa "NODATA"
assert_eq "" "$(section ANSWER "$T/nodata")" "NODATA answer"
assert_eq "$soa" "$(section AUTHORITY "$T/nodata")" "NODATA authority"
ask nx2 nothing.neg.test A
expect "$T/nx2" NXDOMAIN aa "NXDOMAIN in neg.test"
assert_eq "neg.test. 60 IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 600" \
	"$(section AUTHORITY "$T/nx2")" "NXDOMAIN authority (TTL: the SOA's own)"

note "wildcards (RFC 4592)"
ask wild x.w.example.test A
expect "$T/wild" NOERROR aa "wildcard A"
assert_eq "x.w.example.test. 3600 IN A 192.0.2.99" "$(section ANSWER "$T/wild")" "wildcard A"
ask wild2 Deep.Er.w.example.test TXT
expect "$T/wild2" NOERROR aa "wildcard TXT two labels down"
assert_eq 'deep.er.w.example.test. 3600 in txt "from the wildcard"' \
	"$(section ANSWER "$T/wild2" | tr A-Z a-z)" "wildcard TXT two labels down"
ask wildnodata x.w.example.test AAAA
expect "$T/wildnodata" NOERROR aa "wildcard NODATA"
assert_eq "" "$(section ANSWER "$T/wildnodata")" "wildcard NODATA answer"
assert_eq "$soa" "$(section AUTHORITY "$T/wildnodata")" "wildcard NODATA authority"
ask exists exists.w.example.test TXT
expect "$T/exists" NOERROR aa "a name that exists is not covered"
assert_eq "" "$(section ANSWER "$T/exists")" "exists.w TXT: NODATA, not the wildcard's"
ask ent e.w.example.test A
expect "$T/ent" NOERROR aa "an empty non-terminal"
assert_eq "" "$(section ANSWER "$T/ent")" "e.w (empty non-terminal) A"
ask below q.e.w.example.test A
expect "$T/below" NXDOMAIN aa "below an empty non-terminal"
assert_eq "$soa" "$(section AUTHORITY "$T/below")" "q.e.w: NXDOMAIN, the closest encloser is e.w"
ask wildself '*.w.example.test' A
assert_eq "*.w.example.test. 3600 IN A 192.0.2.99" "$(section ANSWER "$T/wildself")" "the wildcard asked for itself"

note "a referral below a cut, the DS at the cut"
ask ref host.deleg.example.test A
expect "$T/ref" NOERROR "-aa" "referral"
assert_eq "" "$(section ANSWER "$T/ref")" "referral answer"
assert_eq "deleg.example.test. 3600 IN NS ns.deleg.example.test." \
	"$(section AUTHORITY "$T/ref")" "referral authority"
assert_eq "ns.deleg.example.test. 3600 IN A 192.0.2.53" \
	"$(section ADDITIONAL "$T/ref")" "referral glue"
ask refns deleg.example.test NS
expect "$T/refns" NOERROR "-aa" "the cut's NS: a referral"
assert_eq "deleg.example.test. 3600 IN NS ns.deleg.example.test." \
	"$(section AUTHORITY "$T/refns")" "the cut's NS in the authority section"
ask ds deleg.example.test DS
expect "$T/ds" NOERROR aa "DS at the cut"
assert_match '^deleg\.example\.test\. 3600 IN DS 12345 13 2 0123456789ABCDEF' \
	"$(section ANSWER "$T/ds")" "DS at the cut"

note "glue that does not fit: TC, never a referral short of it (RFC 9471)"
# BIND 9.18 sends the NS records without their glue and without TC.
ask big512 +noedns +ignore x.big.example.test A
expect "$T/big512" NOERROR "-aa" "a referral with 26 glue records in 512 bytes"
glue=$(section ADDITIONAL "$T/big512" | grep -c 'name-server-number')
has_flag "$T/big512" tc || [ "$glue" -eq 26 ] ||
	fail "a referral in 512 bytes with $glue of its 26 glue records and no TC"
ask big1232 x.big.example.test A
expect "$T/big1232" NOERROR "-aa -tc" "the referral in 1232 bytes"
assert_eq 13 "$(section AUTHORITY "$T/big1232" | grep -c ' NS ')" "NS records of the referral"
assert_eq 26 "$(section ADDITIONAL "$T/big1232" | grep -c 'name-server-number')" "glue of the referral"
ask bigtcp +tcp x.big.example.test A
assert_eq 26 "$(section ADDITIONAL "$T/bigtcp" | grep -c 'name-server-number')" "glue of the referral over TCP"

note "DNAME (RFC 6672)"
ask dname www.old.example.test A
expect "$T/dname" NOERROR aa "DNAME"
assert_eq "old.example.test. 3600 IN DNAME new.example.test.
www.old.example.test. 3600 IN CNAME www.new.example.test.
www.new.example.test. 3600 IN A 192.0.2.7" "$(section ANSWER "$T/dname")" "DNAME, CNAME, target"
ask dnameself old.example.test DNAME
assert_eq "old.example.test. 3600 IN DNAME new.example.test." \
	"$(section ANSWER "$T/dnameself")" "the DNAME itself"

note "the question's case echoed, names matched without case"
ask case WwW.ExAmple.test A
expect "$T/case" NOERROR aa "mixed case"
assert_eq ";WwW.ExAmple.test. IN A" "$(section QUESTION "$T/case")" "question echoed as asked"
assert_eq "www.example.test. 3600 in a 192.0.2.1" \
	"$(section ANSWER "$T/case" | tr A-Z a-z)" "mixed case answer"

note "REFUSED outside the zones"
ask refused www.other.test A
expect "$T/refused" REFUSED "-aa" "a name in no zone"
assert_eq "" "$(section ANSWER "$T/refused")" "REFUSED answer"
ask refused2 test SOA
expect "$T/refused2" REFUSED "-aa" "the parent of the zones"

note "ANY"
ask any www.example.test ANY
expect "$T/any" NOERROR aa "ANY"
assert_eq "www.example.test. 3600 IN A 192.0.2.1
www.example.test. 3600 IN AAAA 2001:db8::1" "$(section ANSWER "$T/any" | sort)" "ANY"

note "over IPv6 (one dual-stack socket)"
if ip -6 addr show dev lo | grep -q 'inet6 ::1/'; then
	dig +norec +time=2 +tries=1 @::1 -p $NAMED_PORT www.example.test A > "$T/v6" 2>&1
	expect "$T/v6" NOERROR aa "www A over IPv6"
	dig +tcp +norec +time=2 +tries=1 @::1 -p $NAMED_PORT www.example.test A > "$T/v6tcp" 2>&1
	expect "$T/v6tcp" NOERROR aa "www A over IPv6 and TCP"
else
	note "no ::1 here: IPv6 not asked"
fi

note "the same over TCP"
ask tcp +tcp alias.example.test A
expect "$T/tcp" NOERROR aa "CNAME chain over TCP"
assert_eq 3 "$(section ANSWER "$T/tcp" | wc -l)" "CNAME chain over TCP"
exit 0
