# Per-source limits: nowait.max.per-source caps one source's concurrent
# children, -C its connections a minute; the excess is refused and
# logged while other sources are admitted.  IPv6 sources count per /64.
# A dgram nowait child counts against the sender of its datagram.
. "$TOP/tests/integration/inetd/common.sh"
printf '#!/bin/sh\necho hello\nexec cat > /dev/null\n' > "$T/hello"
# One datagram answered, then alive until the file named by its argument
# appears.
cat > "$T/held" <<'PY'
#!/usr/bin/env python3
import os, socket, sys, time
s = socket.socket(fileno=0)
data, peer = s.recvfrom(2048)
s.sendto(b"%d %s" % (os.getpid(), data), peer)
while not os.path.exists(sys.argv[1]):
    time.sleep(0.02)
PY
chmod 755 "$T/hello" "$T/held"
cat > "$T/inetd.conf" <<CONF
10030 stream tcp nowait.0.2 nobody $T/hello hello
10031 stream tcp nowait     nobody /bin/echo echo hi
10032 dgram  udp nowait.0.1 nobody $T/held held $T/stop
CONF
ip -6 addr add fd00:1::1/64 dev lo nodad
ip -6 addr add fd00:1::2/64 dev lo nodad
ip -6 addr add fd00:2::1/64 dev lo nodad
start_inetd -l -C 5 "$T/inetd.conf"

note "concurrent children per source"
$CLIENT stall 127.0.0.1 10030 30 > /dev/null &
$CLIENT stall 127.0.0.1 10030 30 > /dev/null &
wait_log '10030/tcp: connection from 127.0.0.1:[0-9]+ pid' 2
assert_eq "" "$(tcp 127.0.0.1 10030 '')" "a third from 127.0.0.1"
wait_log '10030/tcp: refused 127.0.0.1: too many connections from this source'
assert_eq "hello" "$($CLIENT tcp 127.0.0.1 10030 '' --source 127.0.0.2)" "another source"

note "connections a minute per source (-C 5)"
for i in 1 2 3 4 5; do
	assert_eq hi "$(tcp 127.0.0.1 10031)" "connection $i"
done
assert_eq "" "$(tcp 127.0.0.1 10031)" "the sixth within the minute"
wait_log '10031/tcp: refused 127.0.0.1: connection rate from this source over the limit'
assert_eq hi "$($CLIENT tcp 127.0.0.1 10031 --source 127.0.0.3)" "another source"

note "IPv6 sources are counted per /64"
for i in 1 2 3; do
	assert_eq hi "$($CLIENT tcp fd00:1::1 10031 --source fd00:1::1)" "fd00:1::1 #$i"
done
for i in 1 2; do
	assert_eq hi "$($CLIENT tcp fd00:1::1 10031 --source fd00:1::2)" "fd00:1::2 #$i"
done
assert_eq "" "$($CLIENT tcp fd00:1::1 10031 --source fd00:1::2)" "sixth from the same /64"
wait_log '10031/tcp: refused fd00:1::2: connection rate'
assert_eq hi "$($CLIENT tcp fd00:1::1 10031 --source fd00:2::1)" "another /64"

note "dgram nowait: children per source"
r1=$(udp 127.0.0.1 10032 a --timeout 5)
assert_match '^[0-9]+ a$' "$r1" "first datagram from 127.0.0.1"
assert_eq "NO REPLY" "$(udp 127.0.0.1 10032 b --timeout 1)" "a second from 127.0.0.1 while its child runs"
wait_log '10032/udp: refused 127.0.0.1: too many connections from this source'
assert_match '^[0-9]+ c$' "$(udp 127.0.0.1 10032 c --source 127.0.0.2 --timeout 5)" "another source"
touch "$T/stop"
wait_log "10032/udp: pid ${r1% *} exited 0"
rm -f "$T/stop"
assert_match '^[0-9]+ d$' "$(udp 127.0.0.1 10032 d --timeout 5)" "127.0.0.1 again once its child exited"
touch "$T/stop"
