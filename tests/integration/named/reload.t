# SIGHUP rereads the boot file and the zones: a changed zone is served
# with its new serial and records, an unchanged one is not read again; a
# zone broken by a syntax error keeps serving its old data and the log
# names file:line, and is served anew once mended; a zone added to the
# boot file is served, a zone removed from it is REFUSED; a boot file
# with an error keeps the whole old configuration; a change to a file a
# zone includes ($INCLUDE) or to a file the boot file includes is a
# change too.
. "$TOP/tests/integration/named/common.sh"

# zone ORIGIN SERIAL [RECORD...]: a zone file for ORIGIN in $T.
zone() {
	_o=$1
	_s=$2
	shift 2
	{
		echo '$TTL 300'
		echo "@	SOA	ns.r1.test. hostmaster.r1.test. $_s 3600 600 86400 300"
		echo '	NS	ns.r1.test.'
		for _r in "$@"; do
			echo "$_r"
		done
	} > "$T/$_o.zone.new"
	# Renamed into place: the server never reads half a file.
	mv "$T/$_o.zone.new" "$T/$_o.zone"
}
# boot ZONE...: the boot file serving these zones.
boot() {
	{
		echo "directory	$T"
		for _z in "$@"; do
			echo "primary	$_z	$_z.zone"
		done
	} > "$T/named.boot"
}
# answer NAME TYPE: the short answer.
answer() {
	dig +short +norec +time=2 +tries=1 @127.0.0.1 -p $NAMED_PORT "$1" "$2"
}
serial_is() {
	[ "$(soa_serial $NAMED_PORT "$1")" = "$2" ]
}
refused() {
	q "$1" SOA | grep -q 'status: REFUSED'
}
# hup REGEX: SIGHUP, then wait for a log line matching REGEX that was
# not there before.
hup() {
	_before=$(grep -Ec -- "$1" "$T/named.log")
	kill -HUP "$NAMED_PID" || fail "kill -HUP"
	wait_until 10 sh -c "[ \$(grep -Ec -- '$1' '$T/named.log') -gt $_before ]"
}

zone r1.test 1 'ns	A	127.0.0.1' 'www	A	192.0.2.1'
zone r2.test 1 'www	A	192.0.2.2'
zone r3.test 1 'www	A	192.0.2.3'
boot r1.test r2.test
named_start named 10533 "$T/named.boot"
assert_eq 192.0.2.1 "$(answer www.r1.test A)" "r1 before the reload"
refused r3.test || fail "r3.test served before it was added"

note "a changed zone: new serial, new record"
zone r1.test 2 'ns	A	127.0.0.1' 'www	A	192.0.2.1' 'new	A	192.0.2.11'
hup 'reloaded: 2 zones served'
wait_until 10 serial_is r1.test 2
assert_eq 192.0.2.11 "$(answer new.r1.test A)" "the record added"
assert_eq 192.0.2.2 "$(answer www.r2.test A)" "r2, unchanged, across the reload"
# The unchanged zone was not read again.
assert_file_match 'reloaded: 2 zones served \(1 read, 1 unchanged\)' "$T/named.log" \
	"the reload's account"

note "a zone broken: old data kept, file:line logged"
zone r1.test 3 'ns	A	127.0.0.1' 'www	A	192.0.2.1' 'new	A	192.0.2.11' \
	'broken	A	192.0.2.999' 'later	A	192.0.2.12'
# Line 7: after $TTL, SOA, NS, ns, www and new.
hup 'r1\.test\.zone:7:'
grep -E 'r1\.test\.zone:7:' "$T/named.log"
assert_eq 2 "$(soa_serial $NAMED_PORT r1.test)" "serial of the broken zone"
assert_eq 192.0.2.11 "$(answer new.r1.test A)" "old data of the broken zone"
assert_eq "" "$(answer later.r1.test A)" "nothing of the broken file"
ask nx later.r1.test A
expect "$T/nx" NXDOMAIN aa "a name only the broken file has"
kill -0 "$NAMED_PID" || fail "named died on a broken zone"

note "mended, it is served"
zone r1.test 4 'ns	A	127.0.0.1' 'www	A	192.0.2.1' 'later	A	192.0.2.12'
kill -HUP "$NAMED_PID"
wait_until 10 serial_is r1.test 4
assert_eq 192.0.2.12 "$(answer later.r1.test A)" "the mended zone"

note "a zone added, a zone removed"
boot r1.test r3.test
kill -HUP "$NAMED_PID"
wait_until 10 named_answers $NAMED_PORT r3.test
assert_eq 192.0.2.3 "$(answer www.r3.test A)" "the zone added"
wait_until 10 refused r2.test
ask removed www.r2.test A
expect "$T/removed" REFUSED "-aa" "a name of the zone removed"
assert_eq 192.0.2.12 "$(answer later.r1.test A)" "r1 across the change of zones"

note "a boot file with an error: the whole old configuration stays"
boot r1.test r3.test r2.test
echo "frobnicate	yes" >> "$T/named.boot"
hup 'named\.boot:5:'
refused r2.test || fail "r2.test added by a boot file with an error"
assert_eq 192.0.2.3 "$(answer www.r3.test A)" "r3 after a bad boot file"
assert_eq 192.0.2.12 "$(answer later.r1.test A)" "r1 after a bad boot file"
kill -0 "$NAMED_PID" || fail "named died on a bad boot file"

note "included files: a zone's \$INCLUDE and the boot file's include"
boot r1.test r3.test
echo "include	$T/more.boot" >> "$T/named.boot"
echo "primary	r4.test	r4.test.zone" > "$T/more.boot"
zone r4.test 1 '$INCLUDE r4.inc'
echo 'www	A	192.0.2.4' > "$T/r4.inc"
kill -HUP "$NAMED_PID"
wait_until 10 named_answers $NAMED_PORT r4.test
assert_eq 192.0.2.4 "$(answer www.r4.test A)" "a zone named in an included boot file"
# Only the included file changes: the zone is read again all the same.
echo 'www	A	192.0.2.44' > "$T/r4.inc.new" && mv "$T/r4.inc.new" "$T/r4.inc"
kill -HUP "$NAMED_PID"
wait_until 10 sh -c "[ \"\$(dig +short +norec @127.0.0.1 -p $NAMED_PORT www.r4.test A)\" = 192.0.2.44 ]"
# Only the included boot file changes: r4.test goes.
: > "$T/more.boot.new" && mv "$T/more.boot.new" "$T/more.boot"
kill -HUP "$NAMED_PID"
wait_until 10 refused r4.test
assert_eq 192.0.2.3 "$(answer www.r3.test A)" "r3 after the included boot file changed"
exit 0
