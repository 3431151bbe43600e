# named -n's zone checks that name a line: an NS record whose in-zone
# server has no address (missing glue, an error as for named-checkzone)
# at the NS record's line; a TTL over 2^31 - 1 (RFC 2181 section 8) a
# warning at its own line, the zone still good.
. "$TOP/tests/integration/named/common.sh"
[ -x "$NAMED" ] || fail "$NAMED is not built"

cat > "$T/glue.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
	NS	ns2
ns	A	127.0.0.1
ZONE
cat > "$T/glue.boot" <<BOOT
directory	$T
primary		glue.test	glue.zone
BOOT
"$NAMED" -n "$T/glue.boot" > "$T/glue.out" 2>&1 && fail "named -n passed a zone missing glue"
cat "$T/glue.out"
assert_file_match 'glue\.zone:4: .*ns2\.glue\.test' "$T/glue.out" "missing glue, at the NS record's line"

cat > "$T/ttl.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	2147483648	A	192.0.2.1
ZONE
cat > "$T/ttl.boot" <<BOOT
directory	$T
primary		ttl.test	ttl.zone
BOOT
"$NAMED" -n "$T/ttl.boot" > "$T/ttl.out" 2>&1 || { cat "$T/ttl.out"; fail "named -n failed a TTL over range"; }
cat "$T/ttl.out"
assert_file_match 'ttl\.zone:5: .*2147483648' "$T/ttl.out" "the TTL over range, at its line"
exit 0
