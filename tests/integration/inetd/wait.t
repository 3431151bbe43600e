# wait services: the child gets the socket itself (fds 0-2) and inetd
# leaves it alone until the child exits; then the next request starts a
# new child.  dgram nowait: a child per datagram, and never a storm of
# children for a datagram nobody reads.
. "$TOP/tests/integration/inetd/common.sh"

# A server in the manner of tftpd: it answers every request arriving on
# the socket it was given until one says "bye" (or none comes for 30 s).
dgram_server "$T/dgram_server" idle 30
# Its stream twin: accepts connections from the listening socket until
# one sends "bye".
cat > "$T/stream_server" <<'PY'
#!/usr/bin/env python3
import os, select, socket
s = socket.socket(fileno=0)
while select.select([s], [], [], 30)[0]:
    c, _ = s.accept()
    data = b""
    while True:
        b = c.recv(64)
        if not b:
            break
        data += b
    c.sendall(b"%d\n" % os.getpid())
    c.close()
    if data == b"bye":
        break
PY
# One datagram per child, answered; the child lives on a little.
dgram_server "$T/one_shot" linger 0.3
# Truly one-shot, as NetBSD's test_server: one datagram, then exit.
dgram_server "$T/once" once
printf '#!/bin/sh\nexit 0\n' > "$T/lazy"
chmod 755 "$T/stream_server" "$T/lazy"
cat > "$T/inetd.conf" <<CONF
127.0.0.1:
10069 dgram  udp wait   nobody $T/dgram_server dgram_server
10070 stream tcp wait   nobody $T/stream_server stream_server
10071 dgram  udp nowait nobody $T/one_shot one_shot
10072 dgram  udp nowait nobody $T/lazy lazy
10073 dgram  udp wait   nobody $T/once once
10074 dgram  udp wait   nobody $T/lazy lazy
CONF
start_inetd -l "$T/inetd.conf"

note "dgram wait"
r1=$(udp 127.0.0.1 10069 a --timeout 5)
r2=$(udp 127.0.0.1 10069 b --timeout 5)
p1=${r1% *}
assert_match '^[0-9]+ a$' "$r1" "first datagram"
assert_eq "$p1 b" "$r2" "second datagram, same child (inetd did not start another)"
assert_eq "$p1 bye" "$(udp 127.0.0.1 10069 bye --timeout 5)" "the same child says goodbye"
wait_log "10069/udp: pid $p1 exited 0"
r3=$(udp 127.0.0.1 10069 c --timeout 5)
assert_match '^[0-9]+ c$' "$r3" "after the child exits"
[ "${r3% *}" != "$p1" ] || fail "the third datagram went to the exited child's pid"
assert_eq 2 "$(log_count '10069/udp: datagram from .* pid [0-9]+$')" "children started for 10069"

note "dgram wait with a one-shot server: inetd takes the socket back"
o1=$(udp 127.0.0.1 10073 one --timeout 5)
assert_match '^[0-9]+ one$' "$o1" "first datagram"
wait_log "10073/udp: pid ${o1% *} exited 0"
o2=$(udp 127.0.0.1 10073 two --timeout 5)
assert_match '^[0-9]+ two$' "$o2" "the next client"
[ "${o2% *}" != "${o1% *}" ] || fail "the next client reached the exited server"
# Two at once: the first server takes one and exits, and the other,
# still queued, starts the next.
udp 127.0.0.1 10073 three --timeout 5 > "$T/three.out" &
a=$!
udp 127.0.0.1 10073 four --timeout 5 > "$T/four.out" &
b=$!
wait $a $b
assert_match '^[0-9]+ three$' "$(cat "$T/three.out")" "third datagram"
assert_match '^[0-9]+ four$' "$(cat "$T/four.out")" "fourth datagram"
[ "$(cut -d' ' -f1 "$T/three.out")" != "$(cut -d' ' -f1 "$T/four.out")" ] ||
	fail "one one-shot server answered two datagrams"
assert_eq 4 "$(log_count '10073/udp: datagram from .* pid [0-9]+$')" "servers for 10073"

note "dgram wait: a server that never reads its datagram"
assert_eq "NO REPLY" "$(udp 127.0.0.1 10074 ignored --timeout 0.5)" "lazy wait server"
wait_log '10074/udp: pid [0-9]+ exited without reading its datagram; datagram dropped'
assert_eq 1 "$(log_count '10074/udp: datagram from .* pid [0-9]+$')" "servers for one unread datagram"

note "stream wait"
s1=$(tcp 127.0.0.1 10070 x)
s2=$(tcp 127.0.0.1 10070 y)
assert_match '^[0-9]+$' "$s1" "first connection"
assert_eq "$s1" "$s2" "second connection accepted by the same child"
assert_eq "$s1" "$(tcp 127.0.0.1 10070 bye)" "the same child says goodbye"
wait_log "10070/tcp: pid $s1 exited 0"
s3=$(tcp 127.0.0.1 10070 z)
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
assert_eq 1 "$(log_count '10072/udp: datagram from .* pid [0-9]+$')" "children started for one unread datagram"
