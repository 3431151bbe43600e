# The options no other case needs: sndbuf= and rcvbuf= as the server sees
# them, -q (the listen queue), -s (the default per-source maximum), -f
# (foreground without debug lines), -p in the foreground, and the usage
# message, which is the manual's SYNOPSIS.
. "$TOP/tests/integration/inetd/common.sh"
need mandoc
# The socket's buffer sizes, as the server reads them from fd 0.
cat > "$T/bufs" <<'PY'
#!/usr/bin/env python3
import socket
s = socket.socket(fileno=0)
got = b"%d %d\n" % (s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF),
                    s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))
if s.type == socket.SOCK_DGRAM:
    _, peer = s.recvfrom(2048)
    s.sendto(got, peer)
else:
    s.sendall(got)
PY
printf '#!/bin/sh\necho hello\nexec cat > /dev/null\n' > "$T/hello"
chmod 755 "$T/bufs" "$T/hello"
cat > "$T/inetd.conf" <<CONF
10120 stream tcp4,sndbuf=96k,rcvbuf=48k nowait nobody $T/bufs bufs
10121 dgram  udp4,sndbuf=40k,rcvbuf=64k wait   nobody $T/bufs bufs
10122 stream tcp4                       nowait nobody $T/hello hello
10123 stream tcp4,rcvbuf=48k            nowait nobody internal echo
CONF
start_inetd -q 7 -s 1 -l "$T/inetd.conf"
wait_udp 10121

note "sndbuf= and rcvbuf=: Linux reports twice the size asked for"
assert_eq "196608 98304" "$(tcp 127.0.0.1 10120)" "stream server's buffers"
assert_eq "81920 131072" "$(udp 127.0.0.1 10121 x --timeout 5)" "dgram server's buffers"
# skmem rb (receive) and tb (send) of the listening socket itself.
skmem() {
	ss -Hltm "sport = :$1" | grep -o "$2[0-9]*" | head -n 1
}
assert_eq rb98304 "$(skmem 10120 rb)" "listening socket's receive buffer"
assert_eq tb196608 "$(skmem 10120 tb)" "listening socket's send buffer"
assert_eq rb98304 "$(skmem 10123 rb)" "an internal service's receive buffer"

note "-q: the listen queue of every stream socket"
for port in 10120 10122 10123; do
	assert_eq 7 "$(ss -Hltn "sport = :$port" | awk '{ print $3 }')" "Send-Q of $port"
done

note "-s 1: one server at a time per source where the line sets none"
$CLIENT stall 127.0.0.1 10122 30 > /dev/null &
wait_log '10122/tcp4: connection from 127.0.0.1:[0-9]+ pid'
assert_eq "" "$(tcp 127.0.0.1 10122 '')" "a second from 127.0.0.1"
wait_log '10122/tcp4: refused 127.0.0.1: too many connections from this source'
assert_eq hello "$($CLIENT tcp 127.0.0.1 10122 '' --source 127.0.0.2)" "another source"
stop_daemon "$INETD_PID"

note "-f: foreground without debug lines; -p there too"
start_daemon inetd_f "$INETD" -f -p "$T/f.pid" "$T/inetd.conf"
f_pid=$LAST_PID
wait_until 10 grep -q 'started: ' "$T/inetd_f.log"
assert_eq "$f_pid" "$(cat "$T/f.pid")" "pidfile in the foreground"
assert_eq "$$" "$(ps -o ppid= -p "$f_pid" | tr -d ' ')" "-f stays a child of its shell"
assert_match "^[0-9]+ [0-9]+\$" "$(tcp 127.0.0.1 10120)" "serving with -f"
grep -q 'started with .* services' "$T/inetd_f.log" &&
	fail "-f logged debug lines: $(cat "$T/inetd_f.log")"
stop_daemon "$f_pid"
[ -e "$T/f.pid" ] && fail "-f left its pidfile"

note "usage"
"$INETD" -Z > /dev/null 2>&1 && fail "inetd -Z succeeded"
usage_is_synopsis man8/inetd.8 "$INETD" -Z
