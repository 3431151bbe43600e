# A secondary zone is served, with authority, from its backup file when
# no master can be reached (the namespace has no route to 192.0.2.1); a
# secondary zone with no backup file and no master answering is not
# served: SERVFAIL, as from BIND 9, for it is this server's zone, not
# loaded yet.  (Transfers in: xfr_secondary.t.)
. "$TOP/tests/integration/named/common.sh"

cat > "$T/sec.bak" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 7 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.7
ZONE
cat > "$T/named.boot" <<BOOT
directory	$T
secondary	sec.test	192.0.2.1	sec.bak
secondary	nobackup.test	192.0.2.1
BOOT
"$NAMED" -n "$T/named.boot" > "$T/check.out" 2>&1 || { cat "$T/check.out"; fail "named -n"; }
cat "$T/check.out"
named_start named 10547 "$T/named.boot"
wait_until 10 named_answers $NAMED_PORT sec.test
assert_eq 7 "$(soa_serial $NAMED_PORT sec.test)" "the serial of the backup file"
ask www www.sec.test A
expect "$T/www" NOERROR aa "a name of the secondary zone"
assert_eq "www.sec.test. 3600 IN A 192.0.2.7" "$(section ANSWER "$T/www")" "a name of the secondary zone"
ask nx nothing.sec.test A
expect "$T/nx" NXDOMAIN aa "a name not in the secondary zone"
ask nobackup nobackup.test SOA
expect "$T/nobackup" SERVFAIL "-aa" "the zone without a backup file, no master answering"
exit 0
