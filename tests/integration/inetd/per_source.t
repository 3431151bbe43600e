# Per-source limits: nowait.max.per-source caps one source's concurrent
# children, -C its connections a minute; the excess is refused and
# logged while other sources are admitted.  IPv6 sources count per /64.
. "$TOP/tests/integration/inetd/common.sh"
printf '#!/bin/sh\necho hello\nexec cat > /dev/null\n' > "$T/hello"
chmod 755 "$T/hello"
cat > "$T/inetd.conf" <<CONF
10030 stream tcp nowait.0.2 nobody $T/hello hello
10031 stream tcp nowait     nobody /bin/echo echo hi
CONF
ip -6 addr add fd00:1::1/64 dev lo nodad
ip -6 addr add fd00:1::2/64 dev lo nodad
ip -6 addr add fd00:1::3/64 dev lo nodad
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
# Six at once, so that all fall within the 12 s the rate takes to earn
# one more, however slowly the clients start: five are served.
burst 6 tcp 127.0.0.1 10031
assert_eq 5 "$(burst_count hi)" "served of six within the minute"
assert_eq 1 "$(burst_count '')" "refused of six within the minute"
wait_log '10031/tcp: refused 127.0.0.1: connection rate from this source over the limit'
assert_eq hi "$($CLIENT tcp 127.0.0.1 10031 --source 127.0.0.3)" "another source"

note "IPv6 sources are counted per /64"
burst 3 $CLIENT tcp fd00:1::1 10031 --source fd00:1::1
mv "$T/burst" "$T/burst1"
burst 3 $CLIENT tcp fd00:1::1 10031 --source fd00:1::2
cat "$T/burst1/all" >> "$T/burst/all"
assert_eq 5 "$(burst_count hi)" "served of six from one /64"
assert_eq 1 "$(burst_count '')" "refused of six from one /64"
wait_log '10031/tcp: refused fd00:1::2: connection rate'
assert_eq hi "$($CLIENT tcp fd00:1::1 10031 --source fd00:2::1)" "another /64"

note "IPv6 sources share their /64's concurrent children"
$CLIENT stall fd00:1::1 10030 30 > /dev/null &
$CLIENT stall fd00:1::1 10030 30 > /dev/null &
wait_log '10030/tcp: connection from \[fd00:1::1\]:[0-9]+ pid' 2
assert_eq "" "$($CLIENT tcp fd00:1::1 10030 '' --source fd00:1::3)" "fd00:1::3, same /64"
wait_log '10030/tcp: refused fd00:1::3: too many connections from this source'
assert_eq hello "$($CLIENT tcp fd00:1::1 10030 '' --source fd00:2::1)" "fd00:2::1, another /64"
