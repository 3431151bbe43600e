# The NetBSD guide's story: a heavily used service must not hold up the
# others.  While one service is flooded past its spawn rate (and paused),
# another external service and an internal one keep answering, with no
# connection failing; the flooded service serves every client in the end
# and its pause is logged once a minute at most, the other service is
# never paused.  How fast the others answer during the flood is a
# measurement, not a test: tests/bench/inetd (flood).
# timeout: 240
. "$TOP/tests/integration/inetd/common.sh"
printf '#!/bin/sh\nsleep 0.2\necho slow\n' > "$T/slow"
chmod 755 "$T/slow"
cat > "$T/inetd.conf" <<CONF
10050 stream tcp nowait nobody $T/slow slow
10051 stream tcp nowait nobody /bin/echo echo quick
daytime stream tcp nowait root internal
CONF
start_inetd -R 1200 "$T/inetd.conf"
now_s() {
	date +%s
}
before=$($CLIENT many 127.0.0.1 10051 50 --parallel 2 --expect quick)
assert_match '^ok=50 failed=0' "$before" "the other service before the flood"
note "before the flood: $before"

# The flood goes on until the case has measured: it cannot be over too
# soon on a slow machine.
t_flood=$(now_s)
$CLIENT many 127.0.0.1 10050 1300 --parallel 64 --timeout 60 \
	--until "$T/stop" > "$T/flood.out" &
flood=$!
wait_until 120 log_has '10050/tcp: more than 1200 spawns a minute, paused' 1
during=$($CLIENT many 127.0.0.1 10051 50 --parallel 2 --expect quick)
internal=$($CLIENT many 127.0.0.1 13 50 --parallel 2)
kill -0 "$flood" 2>/dev/null || fail "the flood client ended before it was told to"
note "during the flood: $during"
note "internal during the flood: $internal"
assert_match '^ok=50 failed=0' "$during" "the other external service"
assert_match '^ok=50 failed=0' "$internal" "the internal service"
touch "$T/stop"
wait "$flood"
span=$(( $(now_s) - t_flood ))
flood_out=$(cat "$T/flood.out")
note "the flood: $flood_out"
assert_match '^ok=[0-9]+ failed=0' "$flood_out" "the flooded service served everyone"
[ "$(printf '%s' "$flood_out" | sed 's/^ok=\([0-9]*\).*/\1/')" -ge 1300 ] ||
	fail "fewer than 1300 connections in the flood: $flood_out"
# Once a minute at most: one line for a flood shorter than a minute.
pauses=$(log_count '10050/tcp: more than')
[ "$pauses" -le $(( 1 + span / 60 )) ] ||
	fail "$pauses pause lines in a flood of ${span}s: more than one a minute"
[ "$(log_count '10051/tcp: .*paused')" -eq 0 ] || fail "10051 was paused"
[ "$(log_count 'daytime/tcp: .*paused')" -eq 0 ] || fail "daytime was paused"
true
