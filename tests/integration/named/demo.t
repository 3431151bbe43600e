# make demo's named: the boot file and zone of etc/demo, served as the
# demo serves them, answer every query make demo's banner suggests, and
# the query-log option logs each query.
NAMED=${NAMED:-$TOP/sbin/named/named}
need dig "$NAMED"
PORT=10053
sed "s|@DEMO@|$T|g" "$TOP/etc/demo/named.boot" > "$T/named.boot"
cp "$TOP/etc/demo/demo.zone" "$T/demo.zone"
out=$("$NAMED" -n "$T/named.boot" 2>&1) || fail "named -n on the demo: $out"
start_daemon named "$NAMED" -d 0 -p $PORT "$T/named.boot"
wait_udp $PORT
wait_tcp $PORT

q() {	# ARGS: dig's short answer
	dig +short +norec +time=2 +tries=1 @127.0.0.1 -p $PORT "$@"
}
status() {	# ARGS: the status dig reports
	dig +norec +time=2 +tries=1 @127.0.0.1 -p $PORT "$@" |
		sed -n 's/.*status: \([A-Z]*\),.*/\1/p'
}
assert_eq 192.0.2.80 "$(q www.demo.test)" "www A"
assert_eq 2001:db8::80 "$(q www.demo.test AAAA)" "www AAAA"
assert_eq "10 mail.demo.test." "$(q demo.test MX)" "MX"
assert_eq "www.demo.test.
192.0.2.80" "$(q ftp.demo.test)" "the CNAME followed"
assert_eq '"the demo zone of make demo"' "$(q demo.test TXT)" "TXT"
assert_eq ns.demo.test. "$(q demo.test NS)" "NS"
assert_eq REFUSED "$(status example.com)" "a name outside the zone"
assert_eq NXDOMAIN "$(status nothing.demo.test)" "a name that does not exist"
# The whole zone from loopback, which xfrnets allows: dig prints the SOA
# at both ends.
dig +norec +time=2 +tries=1 @127.0.0.1 -p $PORT demo.test AXFR > "$T/axfr"
assert_eq 2 "$(grep -Ec '^demo\.test\.[[:space:]].*SOA' "$T/axfr")" "the AXFR's SOA records"
assert_file_match '^mail\.demo\.test\.[[:space:]].*A[[:space:]]+192\.0\.2\.25$' "$T/axfr" \
	"mail in the AXFR"
note "every query of make demo's banner"
grep -q '^named_port='"$PORT"'$' "$TOP/lib/mk/demo.sh" || fail "make demo's port is not $PORT"
sed -n 's/^  dig @127\.0\.0\.1 -p \$named_port \([a-z.]*\)\( [A-Z]*\)\{0,1\}\( .*\)\{0,1\}$/\1\2/p' \
	"$TOP/lib/mk/demo.sh" > "$T/banner"
[ "$(wc -l < "$T/banner")" -ge 5 ] || fail "dig lines in make demo's banner: $(cat "$T/banner")"
while read -r name type; do
	case $type in AXFR) continue ;; esac
	want=NOERROR
	case $name in *.demo.test | demo.test) ;; *) want=REFUSED ;; esac
	# shellcheck disable=SC2086
	assert_eq $want "$(status $name $type)" "banner: $name $type"
	[ $want = REFUSED ] || [ -n "$(q $name $type)" ] || fail "banner: no answer for $name $type"
done < "$T/banner"
grep -q ' AXFR$' "$T/banner" || fail "no AXFR line in the banner"
wait_until 5 grep -q 'query: .*www\.demo\.test' "$T/named.log"
exit 0
