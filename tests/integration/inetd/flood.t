# The NetBSD guide's story: a heavily used service must not slow the
# others.  While one service is flooded (and rate-paused), another keeps
# answering: its latency during the flood stays within a generous bound
# of what it was before, and no connection to it fails.
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
# p95 LINE: the p95 latency in ms of a "many" result line.
p95() {
	printf '%s' "$1" | sed 's/.*p95=\([0-9]*\).*/\1/'
}
before=$($CLIENT many 127.0.0.1 10051 50 --parallel 2 --expect quick)
assert_match '^ok=50 failed=0' "$before" "the other service before the flood"
note "before the flood: $before"

$CLIENT many 127.0.0.1 10050 1300 --parallel 64 --timeout 60 > "$T/flood.out" &
flood=$!
wait_until 10 sh -c "[ \$(ps -o pid= --ppid $INETD_PID | wc -l) -ge 20 ]"
during=$($CLIENT many 127.0.0.1 10051 50 --parallel 2 --expect quick)
internal=$($CLIENT many 127.0.0.1 13 50 --parallel 2)
# The flood is paced by -R: it lasts several seconds past its first
# 1200 spawns, so both measurements above fell inside it.
kill -0 "$flood" 2>/dev/null || fail "the flood was over before the measurement ended"
note "during the flood: $during"
note "internal during the flood: $internal"
assert_match '^ok=50 failed=0' "$during" "the other external service"
assert_match '^ok=50 failed=0' "$internal" "the internal service"
# Generous: 200 ms, or four times the quiet p95 on a slow machine.  A
# service held up by the flood takes seconds.
limit=$(( $(p95 "$before") * 4 ))
[ "$limit" -ge 200 ] || limit=200
[ "$(p95 "$during")" -lt "$limit" ] ||
	fail "p95 of the other service: $(p95 "$during") ms during the flood (limit $limit ms)"
[ "$(p95 "$internal")" -lt "$limit" ] ||
	fail "p95 of the internal service: $(p95 "$internal") ms during the flood (limit $limit ms)"
wait "$flood"
assert_match '^ok=1300 failed=0' "$(cat "$T/flood.out")" "the flooded service served everyone"
wait_log '10050/tcp: more than 1200 spawns a minute, paused'
[ "$(log_count '10050/tcp: more than')" -eq 1 ] || fail "pauses are logged once a minute"
[ "$(log_count '10051/tcp: .*paused')" -eq 0 ] || fail "10051 was paused"
