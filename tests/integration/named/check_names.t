# check-names (named.boot(5)): a host name that breaks RFC 952 rules
# (an underscore in the owner of an A record) fails a primary zone by
# default, as with named-checkzone -k; check-names primary warn makes it
# a warning, ignore makes it nothing.  Names that are not host names
# (an SRV owner) are not checked.
. "$TOP/tests/integration/named/common.sh"
[ -x "$NAMED" ] || fail "$NAMED is not built"

# check NAME BOOTFILE: named -n, stderr in $T/NAME.err, status in $rc.
check() {
	"$NAMED" -n "$2" > "$T/$1.out" 2> "$T/$1.err"
	rc=$?
	return 0
}

cat > "$T/names.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
bad_host	A	192.0.2.1
_sip._udp	SRV	0 5 5060 ns
ZONE
# names.boot ACTION: check-names primary ACTION, or none for "".
names_boot() {
	{
		echo "directory	$T"
		[ -z "$1" ] || echo "check-names	primary	$1"
		echo "primary		names.test	names.zone"
	} > "$T/names.boot"
}
# Primary zones: fail by default (named.boot(5), named-checkzone -k).
names_boot ""
check names_default "$T/names.boot"
cat "$T/names_default.err"
assert_eq 1 "$rc" "named -n on a bad host name, check-names by default"
assert_file_match 'names\.zone:5: .*bad_host' "$T/names_default.err" "the bad host name"
grep -q 'names\.zone:6:' "$T/names_default.err" &&
	fail "an SRV owner (not a host name) blamed: $(grep 'names\.zone:6:' "$T/names_default.err")"
names_boot fail
check names_fail "$T/names.boot"
assert_eq 1 "$rc" "named -n on a bad host name, check-names primary fail"
names_boot warn
check names_warn "$T/names.boot"
assert_eq 0 "$rc" "named -n on a bad host name, check-names primary warn"
assert_file_match 'names\.zone:5: .*bad_host' "$T/names_warn.err" "the warning for the bad host name"
names_boot ignore
check names_ignore "$T/names.boot"
assert_eq 0 "$rc" "named -n on a bad host name, check-names primary ignore"
grep -q 'bad_host' "$T/names_ignore.err" &&
	fail "check-names primary ignore, yet: $(cat "$T/names_ignore.err")"

exit 0
