# A flood of refused connections: at most five lines a second per
# service, and every refusal is accounted for: logged, counted in the
# next line's "(N more refused)", or told by an "N more refused" line
# once the second is over.
. "$TOP/tests/integration/inetd/common.sh"
write_fixture hosts.deny <<'EOF2'
closed: ALL
EOF2
cat > "$T/inetd.conf" <<CONF
10040 stream tcp nowait nobody /bin/echo closed hi
CONF
start_inetd "$T/inetd.conf"
burst 40 tcp 127.0.0.1 10040
assert_eq 40 "$(burst_count '')" "refused of forty"
# accounted: refusals logged one by one plus those told in numbers.
accounted() {
	_lines=$(log_count '10040/tcp: refused connect from')
	_told=$(sed -n 's/.*(\([0-9]*\) more refused)$/\1/p; s/.*10040\/tcp: \([0-9]*\) more refused$/\1/p' \
		"$T/inetd.log" | awk '{ n += $1 } END { print n + 0 }')
	echo $((_lines + _told))
}
all_accounted() { [ "$(accounted)" -eq 40 ]; }
wait_until 10 all_accounted
lines=$(log_count '10040/tcp: refused connect from')
note "$lines refusals logged one by one, the rest in numbers"
[ "$lines" -lt 40 ] || fail "every one of forty refusals logged"
[ "$lines" -ge 5 ] || fail "only $lines refusals logged"
