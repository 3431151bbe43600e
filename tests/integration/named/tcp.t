# DNS over TCP (RFC 7766): a connection that stays idle, or stops in
# the middle of a query, is closed by the server after a few seconds;
# connections from one source are capped, and while one address holds
# more than its share, another address is still answered, and the first
# is answered again once it lets them go.
. "$TOP/tests/integration/named/common.sh"
need python3
ip addr add 127.0.0.2/8 dev lo 2>/dev/null

cat > "$T/tcp.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.1
ZONE
cat > "$T/named.boot" <<BOOT
directory	$T
primary		tcp.test	tcp.zone
BOOT
named_start named 10546 "$T/named.boot"

note "idle connections closed"
# Both in the background, while the rest goes on: an idle one, and one
# whose query stops after 8 of the 40 bytes its length announces.
$RAW idle $NAMED_PORT > "$T/idle" 2>&1 &
idle_pid=$!
$RAW idle $NAMED_PORT 0028123400000001 > "$T/partial" 2>&1 &
partial_pid=$!

note "connections from one source capped, another source answered"
$RAW tcpcap $NAMED_PORT 60 www.tcp.test > "$T/cap" 2>&1 || { cat "$T/cap"; fail "dnsraw.py tcpcap"; }
cat "$T/cap"
answered=$(sed -n 's/^answered \([0-9]*\) of 60$/\1/p' "$T/cap")
[ -n "$answered" ] && [ "$answered" -ge 1 ] && [ "$answered" -lt 60 ] ||
	fail "60 connections from one address all answered, or none: $answered"
assert_match '^127\.0\.0\.2: id=1 qr=1 opcode=0 rcode=NOERROR' "$(sed -n '/^127.0.0.2: /p' "$T/cap")" \
	"another address while 127.0.0.1 is over its cap"
assert_match '^127\.0\.0\.1 held: no reply' "$(sed -n '/^127.0.0.1 held: /p' "$T/cap")" \
	"127.0.0.1 while it holds its cap"
assert_match '^127\.0\.0\.1 released: id=1 qr=1 opcode=0 rcode=NOERROR' \
	"$(sed -n '/^127.0.0.1 released: /p' "$T/cap")" "127.0.0.1 once it let them go"
ask udp www.tcp.test A
expect "$T/udp" NOERROR aa "UDP all along"

note "the idle connections"
wait $idle_pid || { cat "$T/idle"; fail "dnsraw.py idle"; }
wait $partial_pid || { cat "$T/partial"; fail "dnsraw.py idle with a partial query"; }
echo "idle connection closed after $(cat "$T/idle") s, partial query after $(cat "$T/partial") s"
for f in idle partial; do
	secs=$(cat "$T/$f")
	[ "$secs" != open ] || fail "$f connection still open after 20 s"
	# Not at once (a client gets time to send), not for long.
	[ "${secs%.*}" -ge 1 ] && [ "${secs%.*}" -lt 15 ] ||
		fail "$f connection closed after $secs s"
done
ask after +tcp www.tcp.test A
expect "$T/after" NOERROR aa "a query over TCP after the idle connections"
exit 0
