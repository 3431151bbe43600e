# Which sockets a line opens: -a and "address:" lines for the address,
# tcp (IPv4 and IPv6), tcp4, tcp6 and tcp46 for the families.
. "$TOP/tests/integration/inetd/common.sh"
ip addr add 192.0.2.10/32 dev lo
cat > "$T/inetd.conf" <<CONF
10101 stream tcp   nowait nobody internal echo
10102 stream tcp4  nowait nobody internal echo
10103 stream tcp6  nowait nobody internal echo
10104 stream tcp46 nowait nobody internal echo
192.0.2.10:
10105 stream tcp   nowait nobody internal echo
*:
[::1]:10106 stream tcp nowait nobody internal echo
CONF
socks() {	# PORT: the local addresses listening on it, sorted
	ss -Hltn "sport = :$1" | awk '{ print $4 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
# tcp6 and tcp46 need IPv6: with an IPv4 -a address they are refused.
out=$("$INETD" -n -a 127.0.0.1 "$T/inetd.conf" 2>&1) && fail "-n: $out"
assert_match "inetd.conf:3: address '127.0.0.1' does not go with protocol 'tcp6'" \
	"$out" "tcp6 with an IPv4 default address"
assert_match "inetd.conf:4: address '127.0.0.1' does not go with protocol 'tcp46'" \
	"$out" "tcp46 with an IPv4 default address"
grep -v '^1010[34]' "$T/inetd.conf" > "$T/v4.conf"
start_inetd -a 127.0.0.1 "$T/v4.conf"
# -a gives the lines without an address of their own 127.0.0.1; a plain
# tcp line on one IPv4 address opens only that socket.
assert_eq "127.0.0.1:10101" "$(socks 10101)" "tcp with -a 127.0.0.1"
assert_eq "127.0.0.1:10102" "$(socks 10102)" "tcp4 with -a"
assert_eq "192.0.2.10:10105" "$(socks 10105)" "address: line"
assert_eq "[::1]:10106" "$(socks 10106)" "[::1]: prefix"
assert_eq hi "$(tcp 192.0.2.10 10105 hi)" "echo on 192.0.2.10"
assert_eq "CONNECT FAILED: [Errno 111] Connection refused" \
	"$(tcp 127.0.0.1 10105 hi)" "10105 only on 192.0.2.10"
stop_daemon "$INETD_PID"

note "without -a: every address"
: > "$T/inetd.log"
start_inetd "$T/inetd.conf"
assert_eq "0.0.0.0:10101 [::]:10101" "$(socks 10101)" "tcp: IPv4 and IPv6"
assert_eq "0.0.0.0:10102" "$(socks 10102)" "tcp4: IPv4 only"
assert_eq "[::]:10103" "$(socks 10103)" "tcp6: IPv6 only"
assert_eq "*:10104" "$(socks 10104)" "tcp46: one dual-stack socket"
assert_eq hi "$(tcp ::1 10101 hi)" "tcp over IPv6"
assert_eq hi "$(tcp 127.0.0.1 10104 hi)" "tcp46 over IPv4"
assert_eq "CONNECT FAILED: [Errno 111] Connection refused" \
	"$(tcp ::1 10102 hi)" "tcp4 refuses IPv6"
assert_eq "CONNECT FAILED: [Errno 111] Connection refused" \
	"$(tcp 127.0.0.1 10103 hi)" "tcp6 refuses IPv4"

note "the same families over UDP"
stop_daemon "$INETD_PID"
: > "$T/inetd.log"
cat > "$T/udp.conf" <<CONF
10111 dgram udp   wait nobody internal echo
10112 dgram udp4  wait nobody internal echo
10113 dgram udp6  wait nobody internal echo
10114 dgram udp46 wait nobody internal echo
CONF
start_inetd "$T/udp.conf"
usocks() {	# PORT: the local addresses bound to it, sorted
	ss -Hlun "sport = :$1" | awk '{ print $4 }' | sort | tr '\n' ' ' | sed 's/ $//'
}
assert_eq "0.0.0.0:10111 [::]:10111" "$(usocks 10111)" "udp: IPv4 and IPv6"
assert_eq "0.0.0.0:10112" "$(usocks 10112)" "udp4: IPv4 only"
assert_eq "[::]:10113" "$(usocks 10113)" "udp6: IPv6 only"
assert_eq "*:10114" "$(usocks 10114)" "udp46: one dual-stack socket"
for host in 127.0.0.1 ::1; do
	assert_eq "hi $host" "$(udp $host 10111 "hi $host")" "udp over $host"
	assert_eq "hi $host" "$(udp $host 10114 "hi $host")" "udp46 over $host"
done
assert_eq "v4" "$(udp 127.0.0.1 10112 v4)" "udp4 over IPv4"
assert_eq "NO REPLY" "$(udp ::1 10112 v6)" "udp4 takes no IPv6"
assert_eq "v6" "$(udp ::1 10113 v6)" "udp6 over IPv6"
assert_eq "NO REPLY" "$(udp 127.0.0.1 10113 v4)" "udp6 takes no IPv4"
