# A port already in use at start-up does not stop inetd: the line is
# logged with its file:line and the error, the other services are served,
# and the socket is tried again every 30 seconds, as after a reload, and
# at once on SIGHUP.  The IPv6 half of a tcp line whose port is taken is
# not mistaken for a host without IPv6: it is retried too.
# timeout: 150
. "$TOP/tests/integration/inetd/common.sh"
# hold NAME PORT [::]: another program listening on 0.0.0.0:PORT, or on
# [::]:PORT for IPv6 only.
hold() {
	start_daemon "$1" python3 -c '
import socket, sys, time
v6 = sys.argv[2] == "::"
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if v6:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.bind((sys.argv[2], int(sys.argv[1])))
s.listen()
time.sleep(600)
' "$2" "${3:-0.0.0.0}"
	wait_tcp "$2"
}
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}
c=$T/inetd.conf
cat > "$c" <<CONF
10060 stream tcp4 nowait nobody /bin/echo echo sixty
10061 stream tcp4 nowait nobody /bin/echo echo sixty-one
10062 stream tcp4 nowait nobody /bin/echo echo other
10063 stream tcp  nowait nobody /bin/echo echo dual
CONF
hold holder60 10060
holder60=$LAST_PID
hold holder61 10061
holder61=$LAST_PID
hold holder63 10063 ::
holder63=$LAST_PID

# The periodic retry is armed after this moment: nothing but a SIGHUP
# can open a socket before 30 s have passed since.
t0=$(now_ms)
start_inetd "$c"
for l in 1:10060 2:10061; do
	wait_log "${l#*:}/tcp4: bind 0.0.0.0:${l#*:}: Address already in use \\($c:${l%%:*}\\); tried again every 30s and on SIGHUP"
done
assert_eq other "$(tcp 127.0.0.1 10062)" "the other service"
wait_log "10063/tcp: bind \\[::\\]:10063: Address already in use \\($c:4\\)"
assert_eq dual "$(tcp 127.0.0.1 10063)" "the IPv4 half of a tcp line"
[ "$(log_count 'no IPv6 here')" -eq 0 ] || fail "a taken IPv6 port taken for no IPv6"

note "SIGHUP tries again at once"
stop_daemon "$holder61"
stop_daemon "$holder63"
wait_until 10 sh -c '! ss -Hltn "sport = :10061" | grep -q .'
wait_until 10 sh -c '! ss -Hltn "sport = :10063" | grep -q "\[::\]"'
kill -HUP "$INETD_PID"
wait_until 10 sh -c "[ \"\$($CLIENT tcp 127.0.0.1 10061)\" = sixty-one ]"
wait_until 10 sh -c "[ \"\$($CLIENT tcp ::1 10063)\" = dual ]"
elapsed=$(( $(now_ms) - t0 ))
wait_log '10061/tcp4: now listening on 0.0.0.0:10061'
wait_log '10063/tcp: now listening on \[::\]:10063'
if [ "$elapsed" -lt 30000 ]; then
	note "10061 and 10063 served ${elapsed} ms after start-up: only the SIGHUP explains it"
else
	note "served only ${elapsed} ms after start-up, past the first periodic retry: this run cannot tell the SIGHUP from it"
fi
[ "$(log_count '10060/tcp4: now listening')" -eq 0 ] ||
	fail "10060 listening while its port was taken"

note "the periodic retry"
stop_daemon "$holder60"
wait_until 45 sh -c "[ \"\$($CLIENT tcp 127.0.0.1 10060)\" = sixty ]"
wait_log '10060/tcp4: now listening on 0.0.0.0:10060'
# Logged once, not at every retry.
[ "$(log_count '10060/tcp4: bind')" -eq 1 ] || fail "the failure was logged more than once"
true
