# The NetBSD guide's story: a heavily used service must not slow the
# others.  While one service is flooded (and rate-paused), another keeps
# answering promptly.
# timeout: 180
. "$TOP/tests/integration/inetd/common.sh"
printf '#!/bin/sh\nsleep 0.2\necho slow\n' > "$T/slow"
chmod 755 "$T/slow"
cat > "$T/inetd.conf" <<CONF
10050 stream tcp nowait nobody $T/slow slow
10051 stream tcp nowait nobody /bin/echo echo quick
daytime stream tcp nowait root internal
CONF
start_inetd -R 1200 "$T/inetd.conf"
$CLIENT many 127.0.0.1 10050 1300 --parallel 64 --timeout 60 > "$T/flood.out" &
flood=$!
wait_until 10 sh -c "[ \$(ps -o pid= --ppid $INETD_PID | wc -l) -ge 20 ]"
note "during the flood"
out=$($CLIENT many 127.0.0.1 10051 50 --parallel 2 --expect quick)
assert_match '^ok=50 failed=0' "$out" "the other external service"
slowest=$(printf '%s' "$out" | sed 's/.*slowest=//')
[ "$slowest" -lt 2000 ] || fail "the other service took ${slowest}ms during the flood"
out=$($CLIENT many 127.0.0.1 13 50 --parallel 2)
assert_match '^ok=50 failed=0' "$out" "the internal service"
wait "$flood"
assert_match '^ok=1300 failed=0' "$(cat "$T/flood.out")" "the flooded service served everyone"
wait_log '10050/tcp: more than 1200 spawns a minute, paused'
[ "$(log_count '10050/tcp: more than')" -eq 1 ] || fail "pauses are logged once a minute"
[ "$(log_count '10051/tcp: .*paused')" -eq 0 ] || fail "10051 was paused"
