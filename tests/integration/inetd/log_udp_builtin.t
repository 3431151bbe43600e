# -l logs every request to an internal datagram service, as it does every
# connection to an internal stream service; a flood of them is logged five
# lines a second per service at most, and every request is accounted for:
# logged, counted in the next line's "(N more datagrams)", or told by an
# "N more datagrams" line once the second is over.
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/inetd.conf" <<'CONF'
127.0.0.1:
10007 stream tcp nowait nobody internal echo
10007 dgram  udp wait   nobody internal echo
10013 dgram  udp wait   nobody internal daytime
10009 dgram  udp wait   nobody internal discard
CONF
start_inetd -l "$T/inetd.conf"
wait_udp 10009

assert_eq hello "$(tcp 127.0.0.1 10007 hello)" "echo/tcp"
wait_log '10007/tcp: internal connection from 127.0.0.1$'
assert_eq ping "$(udp 127.0.0.1 10007 ping --sport 40007)" "echo/udp"
wait_log '10007/udp: internal datagram from 127.0.0.1:40007$'
assert_match '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ' \
	"$(udp 127.0.0.1 10013 x --sport 40013)" "daytime/udp"
wait_log '10013/udp: internal datagram from 127.0.0.1:40013$'
assert_eq "NO REPLY" "$(udp 127.0.0.1 10009 x --sport 40009 --timeout 1)" \
	"discard/udp"
wait_log '10009/udp: internal datagram from 127.0.0.1:40009$'

note "a flood of 200 requests"
python3 - <<'PY' || fail "the flood was not answered"
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
for i in range(200):
    s.sendto(b"flood %d" % i, ("127.0.0.1", 10007))
    assert s.recv(100) == b"flood %d" % i
PY
# accounted: requests logged one by one plus those told in numbers; the
# four above were one each.
accounted() {
	_lines=$(log_count 'internal datagram from')
	_told=$(sed -n 's/.*(\([0-9]*\) more datagrams)$/\1/p; s/.*10007\/udp: \([0-9]*\) more datagrams$/\1/p' \
		"$T/inetd.log" | awk '{ n += $1 } END { print n + 0 }')
	echo $((_lines + _told))
}
all_accounted() { [ "$(accounted)" -eq 203 ]; }
wait_until 10 all_accounted
lines=$(log_count '10007/udp: internal datagram from')
note "$lines echo requests logged one by one, the rest in numbers"
[ "$lines" -lt 201 ] || fail "every one of 201 echo requests logged"
[ "$lines" -ge 5 ] || fail "only $lines echo requests logged"
