# What the server turns away is counted and logged a few lines at a
# time, never a line per packet: 200 packets with QR set and 200
# malformed queries, 20 refused transfers; the statistics table
# (SIGABRT) counts them all, the log holds a handful of lines.
. "$TOP/tests/integration/named/common.sh"
need python3
mount -t tmpfs -o mode=1777 none /var/tmp || fail "tmpfs on /var/tmp"

basic_zone "$T/r.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
xfrnets		10.0.0.0&255.0.0.0
primary		r.test		r.zone
BOOT
named_start named 10558 "$T/named.boot" -d 0
good=$($RAW build www.r.test A)
question=$(echo "$good" | cut -c 25-)
qr=123480000001000000000000$question
two=123400000002000000000000$question$question
lines_before=$(wc -l < "$T/named.log")

# 200 of each, 50 to a socket-per-packet batch.
for i in 1 2 3 4; do
	set --
	for j in $(seq 50); do
		set -- "$@" "$qr" "$two"
	done
	$RAW send $NAMED_PORT "$@" > "$T/batch.$i" || fail "dnsraw.py send"
done
assert_eq 200 "$(cat "$T"/batch.* | grep -c '^no reply$')" "packets with QR set unanswered"
assert_eq 200 "$(cat "$T"/batch.* | grep -c 'rcode=FORMERR')" "FORMERR answers"
# 20 transfers, 10 at once (fewer than a source's TCP connections).
axfr=$($RAW build r.test AXFR)
for i in 1 2; do
	$RAW tcpsend $NAMED_PORT $(for j in $(seq 10); do echo "$axfr"; done) >> "$T/axfr" ||
		fail "dnsraw.py tcpsend"
done
assert_eq 20 "$(grep -c 'rcode=REFUSED' "$T/axfr")" "transfers refused"
ask after www.r.test A
expect "$T/after" NOERROR aa "a query after it all"

kill -ABRT "$NAMED_PID"
wait_until 10 grep -q 'statistics dump ends' /var/tmp/named.stats
cat /var/tmp/named.stats
# stat WORDS: the count on the line that starts with WORDS.
stat() {
	awk -v w="$1" 'index($0, w) == 1 || index($0, "  " w) == 1 { print $NF; exit }' /var/tmp/named.stats
}
dropped=$(stat "dropped")
[ "${dropped:-0}" -ge 200 ] || fail "dropped packets counted: ${dropped:-none}"
formerr=$(stat "FORMERR")
[ "${formerr:-0}" -ge 200 ] || fail "FORMERR answers counted: ${formerr:-none}"
refused=$(stat "refused")
[ "${refused:-0}" -ge 20 ] || fail "refused transfers counted: ${refused:-none}"
new=$(sed "1,${lines_before}d" "$T/named.log" | grep -vc 'statistics appended')
sed "1,${lines_before}d" "$T/named.log"
[ "$new" -le 10 ] || fail "$new log lines for 420 packets turned away"
exit 0
