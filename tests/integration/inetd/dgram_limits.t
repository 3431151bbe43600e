# Per-source limits on datagram services, after NetBSD's t_inetd
# test_ratelimit: -C caps the datagrams a minute one source may start
# servers with (dgram wait, a one-shot server), nowait.max.per-source the
# servers running at once for one source; the excess gets no answer and
# is logged, other sources are served, IPv6 sources count per /64.
. "$TOP/tests/integration/inetd/common.sh"
# NetBSD's test_server in dgram mode: answer one datagram and exit.
dgram_server "$T/test_server" once
# Answers, then stays until killed: a server still running.
dgram_server "$T/holder" linger 60
cat > "$T/inetd.conf" <<CONF
5432 dgram udp wait       nobody $T/test_server test_server
5433 dgram udp nowait.0.1 nobody $T/holder holder
CONF
ip -6 addr add fd00:1::1/64 dev lo nodad
ip -6 addr add fd00:1::2/64 dev lo nodad
ip -6 addr add fd00:2::1/64 dev lo nodad
start_inetd -l -C 3 "$T/inetd.conf"
wait_udp 5433

note "dgram wait, -C 3: three datagrams a minute from one source"
# Four at once, so that all fall within the 20 s the rate takes to earn
# one more, however slowly the clients start: three are answered.
burst 4 udp 127.0.0.1 5432 r --timeout 10
assert_eq 3 "$(grep -c '^[0-9]* r$' "$T/burst/all")" "answered of four within the minute"
assert_eq 1 "$(burst_count 'NO REPLY')" "unanswered of four within the minute"
wait_log '5432/udp: refused 127.0.0.1: connection rate from this source over the limit'
assert_match '^[0-9]+ other$' "$(udp 127.0.0.1 5432 other --source 127.0.0.2 --timeout 5)" \
	"another source"
assert_eq 4 "$(log_count '5432/udp: datagram from .* pid [0-9]+$')" "servers started"

note "dgram nowait.0.1: one server at a time per source"
r=$(udp 127.0.0.1 5433 first --timeout 5)
assert_match '^[0-9]+ first$' "$r" "first datagram"
held=${r% *}
assert_eq "NO REPLY" "$(udp 127.0.0.1 5433 second --timeout 1)" "second while the first runs"
wait_log '5433/udp: refused 127.0.0.1: too many connections from this source'
assert_match '^[0-9]+ third$' "$(udp 127.0.0.1 5433 third --source 127.0.0.2 --timeout 5)" \
	"another source meanwhile"
kill "$held"
wait_log "5433/udp: pid $held killed by signal 15"
assert_match '^[0-9]+ again$' "$(udp 127.0.0.1 5433 again --timeout 5)" \
	"the first source once its server is gone"

note "IPv6 sources count per /64"
r=$(udp fd00:1::1 5433 v6 --source fd00:1::1 --timeout 5)
assert_match '^[0-9]+ v6$' "$r" "fd00:1::1"
assert_eq "NO REPLY" "$(udp fd00:1::1 5433 same64 --source fd00:1::2 --timeout 1)" \
	"fd00:1::2 is in the same /64"
wait_log '5433/udp: refused fd00:1::2: too many connections from this source'
assert_match '^[0-9]+ other64$' "$(udp fd00:1::1 5433 other64 --source fd00:2::1 --timeout 5)" \
	"fd00:2::1 is another /64"
