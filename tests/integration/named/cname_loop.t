# A CNAME loop, of two names or of one, is answered, not followed
# forever: NOERROR (RFC 1034 4.3.2 only says to stop) or SERVFAIL (as
# BIND 9 answers it), with each CNAME of the loop once (RFC 2181
# section 5: no RRset twice in a section).
. "$TOP/tests/integration/named/common.sh"

cat > "$T/loop.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
loop1	CNAME	loop2
loop2	CNAME	loop1
self	CNAME	self
ZONE
cat > "$T/named.boot" <<BOOT
directory	$T
primary		loop.test	loop.zone
BOOT
named_start named 10549 "$T/named.boot"

ask loop loop1.loop.test A
assert_match '^(NOERROR|SERVFAIL)$' "$(status_of "$T/loop")" "a CNAME loop"
assert_eq "loop1.loop.test. 3600 IN CNAME loop2.loop.test.
loop2.loop.test. 3600 IN CNAME loop1.loop.test." \
	"$(section ANSWER "$T/loop" | sort)" "a CNAME loop"
ask self self.loop.test A
assert_match '^(NOERROR|SERVFAIL)$' "$(status_of "$T/self")" "a CNAME to itself"
assert_eq "self.loop.test. 3600 IN CNAME self.loop.test." \
	"$(section ANSWER "$T/self")" "a CNAME to itself"
ask tcp +tcp loop2.loop.test A
assert_eq 2 "$(section ANSWER "$T/tcp" | wc -l)" "a CNAME loop over TCP"
exit 0
