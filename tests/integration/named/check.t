# named -n reads the boot file and every zone it names, serves nothing,
# and exits 0 when all is well (nothing on stderr), 1 otherwise with a
# file:line: message for each error: in a zone (a bad address, CNAME and
# other data, data outside the zone, a short SOA), and in the boot file
# (an unknown directive) (check-names: check_names.t).  The shipped etc/named.boot with the manual's
# sample files (its commented primary lines too) passes, warnings
# allowed.  The usage message is the man page's synopsis.
. "$TOP/tests/integration/named/common.sh"
[ -x "$NAMED" ] || fail "$NAMED is not built"
usage_is_synopsis man8/named.8 "$NAMED" -Z

# check NAME BOOTFILE: named -n, stderr in $T/NAME.err, status in $rc.
check() {
	"$NAMED" -n "$2" > "$T/$1.out" 2> "$T/$1.err"
	rc=$?
	[ -s "$T/$1.out" ] && fail "$1: named -n wrote on stdout: $(cat "$T/$1.out")"
	return 0
}

cat > "$T/good.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
	MX	10 www
ns	A	127.0.0.1
www	A	192.0.2.1
	AAAA	2001:db8::1
alias	CNAME	www
sub	NS	ns.sub
ns.sub	A	192.0.2.53
ZONE
cat > "$T/good.boot" <<BOOT
; a comment
directory	$T

primary		good.test	good.zone
BOOT
note "a good boot file"
check good "$T/good.boot"
assert_eq 0 "$rc" "named -n on a good boot file"
[ -s "$T/good.err" ] && fail "named -n on a good boot file said: $(cat "$T/good.err")"

note "errors in a zone, each with file:line"
cat > "$T/bad.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.300
alias	CNAME	www
alias	A	192.0.2.5
www.elsewhere.test.	A	192.0.2.6
ok	A	192.0.2.7
ZONE
# The SOA short of its minimum field.
cat > "$T/badsoa.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400
	NS	ns
ns	A	127.0.0.1
ZONE
cat > "$T/bad.boot" <<BOOT
directory	$T
primary		good.test	good.zone
primary		bad.test	bad.zone
primary		badsoa.test	badsoa.zone
BOOT
check bad "$T/bad.boot"
cat "$T/bad.err"
assert_eq 1 "$rc" "named -n on zones with errors"
assert_file_match 'bad\.zone:5: .*192\.0\.2\.300|bad\.zone:5: .*address' "$T/bad.err" "the bad address"
assert_file_match 'bad\.zone:[67]: .*CNAME' "$T/bad.err" "CNAME and other data"
assert_file_match 'bad\.zone:8: .*(zone|elsewhere)' "$T/bad.err" "the data outside the zone"
assert_file_match 'badsoa\.zone:2: ' "$T/bad.err" "the short SOA"
grep -q 'good\.zone' "$T/bad.err" && fail "good.zone blamed: $(grep 'good\.zone' "$T/bad.err")"

note "a missing zone file"
cat > "$T/missing.boot" <<BOOT
directory	$T
primary		missing.test	missing.zone
BOOT
check missing "$T/missing.boot"
assert_eq 1 "$rc" "named -n on a missing zone file"
assert_file_match 'missing\.zone' "$T/missing.err" "the missing file named"

note "an unknown directive in the boot file"
cat > "$T/named.boot" <<BOOT
directory	$T
primary		good.test	good.zone
frobnicate	yes
BOOT
check unknown "$T/named.boot"
cat "$T/unknown.err"
assert_eq 1 "$rc" "named -n on an unknown directive"
assert_file_match 'named\.boot:3: ' "$T/unknown.err" "the unknown directive's line"

note "the shipped etc/named.boot and the manual's sample files"
# Its directory made the tree's etc/named, its commented primary lines
# (the manual's Berkeley.Edu zones) uncommented.
sed -e "s|@SYSCONFDIR@|$TOP/etc|g" -e 's/^;primary/primary/' \
	"$TOP/etc/named.boot" > "$T/sample.boot"
grep -q "^directory[[:space:]]*$TOP/etc/named\$" "$T/sample.boot" ||
	fail "no directory line in etc/named.boot: $(cat "$T/sample.boot")"
assert_eq 3 "$(named_primaries "$T/sample.boot" | wc -l)" "primary lines in etc/named.boot"
check sample "$T/sample.boot"
cat "$T/sample.err"
assert_eq 0 "$rc" "named -n on etc/named.boot with the manual's sample zones"
exit 0
