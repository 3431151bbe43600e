# wait services: the child gets the socket itself (fds 0-2) and inetd
# leaves it alone until the child exits; then the next request starts a
# new child.  dgram nowait: a child per datagram, and never a storm of
# children for a datagram nobody reads.
. "$TOP/tests/integration/inetd/common.sh"

# A server in the manner of tftpd: it answers every request arriving on
# the socket it was given and exits after 0.5 s without one.
cat > "$T/dgram_server" <<'PY'
#!/usr/bin/env python3
import os, select, socket
s = socket.socket(fileno=0)
while select.select([s], [], [], 0.5)[0]:
    data, peer = s.recvfrom(2048)
    s.sendto(b"%d %s" % (os.getpid(), data), peer)
PY
cat > "$T/stream_server" <<'PY'
#!/usr/bin/env python3
import os, select, socket
s = socket.socket(fileno=0)
while select.select([s], [], [], 0.5)[0]:
    c, _ = s.accept()
    c.sendall(b"%d\n" % os.getpid())
    c.close()
PY
# One datagram per child, answered; the child lives on a little.
cat > "$T/one_shot" <<'PY'
#!/usr/bin/env python3
import os, socket, time
s = socket.socket(fileno=0)
data, peer = s.recvfrom(2048)
s.sendto(b"%d %s" % (os.getpid(), data), peer)
time.sleep(0.3)
PY
printf '#!/bin/sh\nexit 0\n' > "$T/lazy"
chmod 755 "$T/dgram_server" "$T/stream_server" "$T/one_shot" "$T/lazy"
cat > "$T/inetd.conf" <<CONF
127.0.0.1:
10069 dgram  udp wait   nobody $T/dgram_server dgram_server
10070 stream tcp wait   nobody $T/stream_server stream_server
10071 dgram  udp nowait nobody $T/one_shot one_shot
10072 dgram  udp nowait nobody $T/lazy lazy
CONF
start_inetd -l "$T/inetd.conf"

note "dgram wait"
r1=$(udp 127.0.0.1 10069 a --timeout 5)
r2=$(udp 127.0.0.1 10069 b --timeout 5)
p1=${r1% *}
assert_match '^[0-9]+ a$' "$r1" "first datagram"
assert_eq "$p1 b" "$r2" "second datagram, same child (inetd did not start another)"
wait_log "10069/udp: pid $p1 exited 0"
r3=$(udp 127.0.0.1 10069 c --timeout 5)
assert_match '^[0-9]+ c$' "$r3" "after the child exits"
[ "${r3% *}" != "$p1" ] || fail "the third datagram went to the exited child's pid"
assert_eq 2 "$(log_count '10069/udp: pid [0-9]+$')" "children started for 10069"

note "stream wait"
s1=$(tcp 127.0.0.1 10070)
s2=$(tcp 127.0.0.1 10070)
assert_match '^[0-9]+$' "$s1" "first connection"
assert_eq "$s1" "$s2" "second connection accepted by the same child"
wait_log "10070/tcp: pid $s1 exited 0"
s3=$(tcp 127.0.0.1 10070)
[ -n "$s3" ] && [ "$s3" != "$s1" ] || fail "a new child after the first exited (got '$s3')"

note "dgram nowait"
n1=$(udp 127.0.0.1 10071 x --timeout 5)
n2=$(udp 127.0.0.1 10071 y --timeout 5)
assert_match '^[0-9]+ x$' "$n1" "first datagram"
assert_match '^[0-9]+ y$' "$n2" "second datagram"
[ "${n1% *}" != "${n2% *}" ] || fail "nowait: both datagrams went to one child"

note "a child that never reads its datagram"
assert_eq "NO REPLY" "$(udp 127.0.0.1 10072 ignored --timeout 0.5)" "lazy server"
wait_log '10072/udp: pid [0-9]+ exited without reading its datagram; datagram dropped'
assert_eq 1 "$(log_count '10072/udp: connection from 127.0.0.1:[0-9]+ pid [0-9]+$')" "children started for one unread datagram"
