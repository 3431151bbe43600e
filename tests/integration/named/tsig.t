# TSIG (RFC 8945) on zone transfers: with a key line in the boot file, an
# AXFR or IXFR signed by dig with that key is allowed even from outside
# xfrnets and comes back signed on every message (dig verifies them); an
# unsigned one from outside xfrnets is refused, and one signed with a
# wrong secret or an unknown key is answered NOTAUTH (BADSIG, BADKEY),
# logged and counted.  A NOTIFY signed with the key is accepted for a
# secondary zone from an address that is none of its masters, and the
# answer is signed; unsigned from there, it is refused.  An ordinary query
# signed with the key gets a signed answer, with a wrong secret NOTAUTH.
. "$TOP/tests/integration/named/common.sh"
secret=$(head -c 32 /dev/urandom | base64)
other=$(head -c 32 /dev/urandom | base64)
echo "$secret" > "$T/xfr.key"
{
	echo '$TTL 3600'
	echo '@	SOA	ns hostmaster 1 3600 600 86400 300'
	echo '	NS	ns'
	echo 'ns	A	127.0.0.1'
	i=0
	while [ $i -lt 3000 ]; do
		echo "h$i	A	10.0.$((i / 250)).$((i % 250))"
		i=$((i + 1))
	done
} > "$T/ts.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
primary		ts.test	ts.zone
xfrnets		10.0.0.0&255.0.0.0
key		xfr-key. hmac-sha256 xfr.key
secondary	sec.test	192.0.2.99
BOOT
named_start named 10558 "$T/named.boot"
mkdir -p /var/tmp && mount -t tmpfs none /var/tmp

axfr() {	# OUT [DIG ARGS...]
	_o=$1
	shift
	dig +time=3 +tries=1 "$@" @127.0.0.1 -p $NAMED_PORT ts.test AXFR > "$T/$_o" 2>&1
}

note "unsigned, from outside xfrnets: refused"
axfr plain
grep -q 'Transfer failed' "$T/plain" || fail "unsigned AXFR: $(cat "$T/plain")"

note "signed with the key: the whole zone, every message signed"
axfr signed -y "hmac-sha256:xfr-key:$secret"
grep -qi 'tsig.*fail\|Transfer failed\|verify' "$T/signed" && fail "signed AXFR: $(tail -5 "$T/signed")"
assert_eq 3004 "$(grep -c '[[:space:]]IN[[:space:]]' "$T/signed")" "records of the signed transfer (3003, and the SOA again at the end)"
messages=$(sed -n 's/.*XFR size: .*messages \([0-9]*\),.*/\1/p' "$T/signed")
[ "${messages:-0}" -gt 1 ] || fail "the transfer was one message: $(tail -3 "$T/signed")"
grep -c 'TSIG' "$T/signed" > "$T/tsigs"
[ "$(cat "$T/tsigs")" -ge "$messages" ] || fail "TSIG records: $(cat "$T/tsigs") for $messages messages"

note "signed with a wrong secret, or an unknown key: NOTAUTH"
axfr badsig -y "hmac-sha256:xfr-key:$other"
grep -q 'Transfer failed\|NOTAUTH\|tsig' "$T/badsig" || fail "AXFR with a wrong secret: $(cat "$T/badsig")"
axfr badkey -y "hmac-sha256:no-such-key:$secret"
grep -q 'Transfer failed\|NOTAUTH\|tsig' "$T/badkey" || fail "AXFR with an unknown key: $(cat "$T/badkey")"
assert_file_match 'TSIG' "$T/named.log" "the failures logged"

note "IXFR signed: the single SOA of an up-to-date client"
dig +time=3 +tries=1 -y "hmac-sha256:xfr-key:$secret" @127.0.0.1 -p $NAMED_PORT ts.test IXFR=1 > "$T/ixfr" 2>&1
grep -qi 'Transfer failed\|verify' "$T/ixfr" && fail "signed IXFR: $(cat "$T/ixfr")"
assert_eq 1 "$(grep -c 'SOA[[:space:]]' "$T/ixfr")" "the single SOA"

note "NOTIFY: signed, accepted from anywhere and answered signed; unsigned, refused"
dig +opcode=notify +norec +time=3 +tries=1 -y "hmac-sha256:xfr-key:$secret" @127.0.0.1 -p $NAMED_PORT sec.test SOA > "$T/notify" 2>&1
grep -qi 'verify\|failure' "$T/notify" && fail "signed NOTIFY: $(cat "$T/notify")"
assert_file_match 'opcode: NOTIFY, status: NOERROR' "$T/notify" "the signed NOTIFY accepted"
assert_file_match 'TSIG' "$T/notify" "the answer signed"
dig +opcode=notify +norec +time=3 +tries=1 @127.0.0.1 -p $NAMED_PORT sec.test SOA > "$T/notify2" 2>&1
assert_file_match 'opcode: NOTIFY, status: REFUSED' "$T/notify2" "an unsigned NOTIFY from no master"

note "an ordinary query signed (as a secondary's SOA query is): answered signed"
dig +norec +time=3 +tries=1 -y "hmac-sha256:xfr-key:$secret" @127.0.0.1 -p $NAMED_PORT ts.test SOA > "$T/soa" 2>&1
grep -qi 'verify\|failure' "$T/soa" && fail "signed SOA query: $(cat "$T/soa")"
assert_file_match 'status: NOERROR' "$T/soa" "the signed query answered"
assert_file_match 'TSIG.*hmac-sha256.*NOERROR' "$T/soa" "the answer signed"
dig +norec +time=3 +tries=1 -y "hmac-sha256:xfr-key:$other" @127.0.0.1 -p $NAMED_PORT ts.test SOA > "$T/soa2" 2>&1
assert_file_match 'NOTAUTH|BADSIG' "$T/soa2" "a query with a wrong secret: NOTAUTH"

kill -ABRT "$NAMED_PID"
wait_until 10 grep -q 'TSIG failures' /var/tmp/named.stats
assert_eq 3 "$(awk '/TSIG failures/ { print $NF }' /var/tmp/named.stats)" "TSIG failures counted"
exit 0
