# peers: bind9
# timeout: 60
# The manual's signals: SIGINT dumps the zones to /var/tmp/named_dump.db
# in master-file format, which named-checkzone (BIND 9's, when it could
# be fetched) and our own named accept, and which served again gives
# the same zone transfer; SIGABRT appends a statistics table (queries by
# type, rcode and transport) to /var/tmp/named.stats; SIGUSR1 turns on
# the query debug lines and SIGUSR2 off; SIGTERM exits 0 and removes the
# pidfile.  /var/tmp is a tmpfs of this case's own.
. "$TOP/tests/integration/named/common.sh"
. "$TOP/tests/integration/named/peer.sh"
mount -t tmpfs -o mode=1777 none /var/tmp || fail "tmpfs on /var/tmp"

cat > "$T/sig.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 42 3600 600 86400 300
	NS	ns
	MX	10 mail
ns	A	127.0.0.1
www	A	192.0.2.1
	AAAA	2001:db8::1
mail	A	192.0.2.25
alias	CNAME	www
text	TXT	"two words" "and \"quotes\""
*.wild	A	192.0.2.99
sub	NS	ns.sub
ns.sub	A	192.0.2.53
ZONE
cat > "$T/named.boot" <<BOOT
directory	$T
primary		sig.test	sig.zone
BOOT
# A directory the server may remove its pidfile from once it is nobody.
mkdir "$T/run" && chown nobody "$T/run" || fail "mkdir $T/run"
named_start named 10534 "$T/named.boot" -d 0 -P "$T/run/named.pid"
assert_eq "$NAMED_PID" "$(cat "$T/run/named.pid")" "the pidfile"

note "SIGINT: the dump"
kill -INT "$NAMED_PID"
# Complete once every address of the zone is in it.
wait_until 10 sh -c "[ \$(grep -Ec '192\\.0\\.2\\.|127\\.0\\.0\\.1|2001:db8::1' /var/tmp/named_dump.db) -ge 6 ]"
kill -0 "$NAMED_PID" || fail "named died on SIGINT"
cp /var/tmp/named_dump.db "$T/dump.zone"
assert_file_match '^[^;]*SOA' "$T/dump.zone" "an SOA in the dump"
assert_file_match 'two words' "$T/dump.zone" "the TXT in the dump"
if [ -d "$BIND_ROOT" ] && peer_check "$BIND_ROOT" usr/bin/named-checkzone > /dev/null; then
	(peer_exec "$BIND_ROOT" usr/bin/named-checkzone sig.test "$T/dump.zone") \
		> "$T/checkzone.out" 2>&1 || { cat "$T/dump.zone" "$T/checkzone.out"; fail "named-checkzone on the dump"; }
	cat "$T/checkzone.out"
elif command -v named-checkzone > /dev/null; then
	named-checkzone sig.test "$T/dump.zone" > "$T/checkzone.out" 2>&1 ||
		{ cat "$T/dump.zone" "$T/checkzone.out"; fail "named-checkzone on the dump"; }
else
	note "no named-checkzone (BIND 9 not fetched, bind9-utils not installed): not asked"
fi
cat > "$T/dump.boot" <<BOOT
primary		sig.test	$T/dump.zone
BOOT
"$NAMED" -n "$T/dump.boot" > "$T/dumpcheck.out" 2>&1 ||
	{ cat "$T/dump.zone" "$T/dumpcheck.out"; fail "named -n on the dump"; }
# Served again, the dump gives the zone the original gives.
saved_pid=$NAMED_PID
named_start again 10535 "$T/dump.boot"
dig +nocmd +nostats +noall +answer @127.0.0.1 -p 10534 sig.test AXFR |
	tr -s ' \t' '  ' | sort > "$T/axfr.orig"
dig +nocmd +nostats +noall +answer @127.0.0.1 -p 10535 sig.test AXFR |
	tr -s ' \t' '  ' | sort > "$T/axfr.dump"
[ -s "$T/axfr.orig" ] || fail "no AXFR from the original"
diff "$T/axfr.orig" "$T/axfr.dump" || fail "the dump served is not the zone"
stop_daemon "$NAMED_PID"
NAMED_PID=$saved_pid
NAMED_PORT=10534

note "SIGABRT: statistics appended"
for i in 1 2 3 4; do q mx$i.sig.test MX > /dev/null; done
for i in 1 2 3; do q +tcp www.sig.test TXT > /dev/null; done
q nowhere.test A > /dev/null
kill -ABRT "$NAMED_PID"
wait_until 10 test -s /var/tmp/named.stats
wait_until 10 grep -qw MX /var/tmp/named.stats
kill -0 "$NAMED_PID" || fail "named died on SIGABRT"
cat /var/tmp/named.stats
# stat_line WORD N: a line of the table with WORD and the count N.
stat_line() {
	grep -w -- "$1" /var/tmp/named.stats | grep -qw -- "$2"
}
stat_line MX 4 || fail "no line counting 4 MX queries"
stat_line TXT 3 || fail "no line counting 3 TXT queries"
stat_line REFUSED 1 || fail "no line counting 1 REFUSED"
# Three TXT over TCP, and the AXFR above unless transfers count apart.
grep -iw tcp /var/tmp/named.stats | grep -Eqw '3|4' ||
	fail "no line counting 3 queries over TCP"
size=$(wc -c < /var/tmp/named.stats)
q mx5.sig.test MX > /dev/null
kill -ABRT "$NAMED_PID"
wait_until 10 sh -c "[ \$(wc -c < /var/tmp/named.stats) -gt $size ]"
wait_until 10 stat_line MX 5
stat_line MX 4 || fail "the first table was not kept (appended, not rewritten)"

note "SIGUSR1: query debug lines; SIGUSR2: none"
q before.sig.test A > /dev/null
kill -USR1 "$NAMED_PID"
# on NAME: a query for NAME was logged.
logged() {
	grep -Eq "query: .*$1" "$T/named.log"
}
# asked_and_logged NAME: ask, then look for it.
asked_and_logged() {
	q "$1" A > /dev/null
	logged "$1"
}
i=0
on=
while [ $i -lt 100 ]; do
	i=$((i + 1))
	if asked_and_logged "on$i.sig.test"; then
		on=on$i
		break
	fi
done
[ -n "$on" ] || fail "no query logged after SIGUSR1"
grep -E "query: .*$on\\.sig\\.test" "$T/named.log"
assert_file_match "query: .*127\\.0\\.0\\.1.*$on\\.sig\\.test\\.? +IN +A -> NXDOMAIN" \
	"$T/named.log" "the query line"
logged before.sig.test && fail "a query logged before SIGUSR1"
kill -USR2 "$NAMED_PID"
i=0
off=
while [ $i -lt 100 ]; do
	i=$((i + 1))
	if ! asked_and_logged "off$i.sig.test"; then
		off=off$i
		break
	fi
done
[ -n "$off" ] || fail "queries still logged after SIGUSR2"
for i in 1 2 3; do q "quiet$i.sig.test" A > /dev/null; done
# Debugging on again: a later query logged, the quiet ones not.
kill -USR1 "$NAMED_PID"
i=0
while [ $i -lt 100 ]; do
	i=$((i + 1))
	asked_and_logged "again$i.sig.test" && break
done
logged "again$i.sig.test" || fail "no query logged after the second SIGUSR1"
logged quiet && fail "queries logged after SIGUSR2: $(grep quiet "$T/named.log")"
logged "$off" && fail "the query that found debugging off was logged after all"

note "SIGTERM: exit 0, pidfile removed"
kill -TERM "$NAMED_PID"
wait "$NAMED_PID"
assert_eq 0 "$?" "exit status after SIGTERM"
[ -e "$T/run/named.pid" ] && fail "pidfile left: $(cat "$T/run/named.pid")"
exit 0
