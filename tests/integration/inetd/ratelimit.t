# -R: past the spawn rate a service pauses (connections wait in the
# listen queue) and resumes by itself, logged both ways; it is never
# disabled for good.  Other services are not paused with it.
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/inetd.conf" <<CONF
10040 stream tcp nowait nobody /bin/echo echo served
10041 stream tcp nowait nobody /bin/echo echo other
CONF
start_inetd -R 120 "$T/inetd.conf"
# A burst of 120 is allowed, then 2 a second: 125 take a few seconds
# more, and every one is served.
out=$($CLIENT many 127.0.0.1 10040 125 --parallel 4 --expect served --timeout 20)
assert_match '^ok=125 failed=0' "$out" "burst past the rate"
wait_log '10040/tcp: more than 120 spawns a minute, paused for [0-9]+\.[0-9]{2}s'
wait_log '10040/tcp: resumed'
assert_eq "other" "$(tcp 127.0.0.1 10041)" "the other service"
[ "$(log_count '10041/tcp: .*paused')" -eq 0 ] || fail "10041 was paused too"
assert_eq "served" "$(tcp 127.0.0.1 10040)" "after resuming"
