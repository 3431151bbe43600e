# peers: bind9
# Signed zones, asked with DO, beside BIND 9: a zone signed with NSEC and
# one signed with NSEC3 under opt-out (dnssec-signzone, ECDSA P-256, one
# key), served as primaries by both; names that do not exist, have no
# data of the type, are empty non-terminals, come from a wildcard (data
# and no data), sit under an unsigned or a signed delegation, and DS at
# the cuts.  Every reply, proofs and signatures included, is the same.
. "$TOP/tests/integration/named/common.sh"
. "$TOP/tests/integration/named/peer.sh"
bind_need
[ -x "$BIND_ROOT/usr/bin/dnssec-signzone" ] ||
	skip "dnssec-signzone is not in the fetched BIND (bind9-utils)"
sign() {	# ORIGIN FILE NSEC3-ARGS...: FILE.signed
	_o=$1 _f=$2
	shift 2
	(
		cd "$T" &&
		LD_LIBRARY_PATH=$(peer_ld_path "$BIND_ROOT") \
			"$BIND_ROOT/usr/bin/dnssec-keygen" -q -K "$T" -a ECDSAP256SHA256 \
			-f KSK "$_o" > /dev/null &&
		LD_LIBRARY_PATH=$(peer_ld_path "$BIND_ROOT") \
			"$BIND_ROOT/usr/bin/dnssec-signzone" -q -K "$T" -S -z "$@" \
			-o "$_o" -f "$_f.signed" "$_f" > /dev/null
	) || fail "dnssec-signzone $_o"
}
for z in n1 n3; do
	cat > "$T/$z.zone" <<'ZONE'
$TTL 300
@	SOA	ns hostmaster 1 3600 600 86400 120
	NS	ns
ns	A	127.0.0.1
a	A	192.0.2.1
	TXT	"a"
*.w	MX	10 a
host.e	A	192.0.2.2
sub	NS	ns.sub
ns.sub	A	192.0.2.53
sec	NS	ns.sec
	DS	12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
ns.sec	A	192.0.2.54
ZONE
done
sign n1.test "$T/n1.zone"
sign n3.test "$T/n3.zone" -3 aabbccdd -H 0 -A
grep -q 'NSEC3PARAM' "$T/n3.zone.signed" || fail "no NSEC3 chain"

cat > "$T/named.boot" <<BOOT
directory	$T
primary		n1.test	n1.zone.signed
primary		n3.test	n3.zone.signed
BOOT
named_start named 10560 "$T/named.boot"
dir=$(bind_setup bind 10561)
sed -i 's/^\([[:space:]]*\)recursion no;/&\n\1minimal-responses no-auth;/' "$dir/named.conf"
bind9_primary "$dir" n1.test. "$T/n1.zone.signed"
bind9_primary "$dir" n3.test. "$T/n3.zone.signed"
bind_start bind

for z in n1 n3; do
	cat <<Q
+dnssec a.$z.test A
+dnssec a.$z.test MX
+dnssec nothing.$z.test A
+dnssec deep.nothing.$z.test A
+dnssec e.$z.test A
+dnssec w.$z.test A
+dnssec x.w.$z.test MX
+dnssec x.w.$z.test A
+dnssec y.x.w.$z.test MX
+dnssec host.sub.$z.test A
+dnssec sub.$z.test DS
+dnssec host.sec.$z.test A
+dnssec sec.$z.test DS
+dnssec $z.test DNSKEY
+dnssec $z.test NSEC3PARAM
+dnssec +tcp nothing.$z.test TXT
nothing.$z.test A
Q
done > "$T/questions"
dig_all 10560 "$T/questions" > "$T/ours.canon"
dig_all 10561 "$T/questions" > "$T/bind.canon"
n=$(wc -l < "$T/questions")
assert_eq "$n" "$(grep -c ' 1 status [A-Z]' "$T/ours.canon")" "questions answered by ours"
assert_eq "$n" "$(grep -c ' 1 status [A-Z]' "$T/bind.canon")" "questions answered by BIND"
grep -q ' 4 [^ ]* [0-9]* in nsec3 ' "$T/ours.canon" || fail "no NSEC3 proof in ours's answers"
diff "$T/bind.canon" "$T/ours.canon" > "$T/diff"
bad=0
for i in $(sed -n 's/^[<>] \([0-9]*\) .*/\1/p' "$T/diff" | sort -u); do
	bad=$((bad + 1))
	echo "--- differs: $(sed -n "$(expr "$i" + 0)p" "$T/questions")"
	grep "^[<>] $i " "$T/diff"
done
note "$n questions, $bad answered differently"
assert_eq 0 "$bad" "signed answers different from BIND 9"
exit 0
