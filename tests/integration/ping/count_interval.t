# -c and -i: how many requests, how far apart; -i 0 and -l for root.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

ms() { echo $(( $(date +%s%N) / 1000000 )); }

t0=$(ms)
ip netns exec h1 "$PING" -c 5 -i 0.25 10.9.0.2 > "$T/out" 2>&1
rc=$?
t=$(( $(ms) - t0 ))
assert_eq 0 $rc "exit status"
# Bounds are generous above (a loaded or sanitized build is slow), tight
# below (four intervals cannot take less than a second).
assert_file_match '^5 packets transmitted, 5 received, 0% packet loss, time [12][0-9]{3}ms$' \
	"$T/out" "five requests a quarter second apart (1000ms from first to last)"
[ "$t" -ge 950 ] && [ "$t" -lt 10000 ] ||
	fail "-c 5 -i 0.25 took ${t}ms, expected about 1000"
assert_eq 5 "$(grep -c 'icmp_seq=' "$T/out")" "reply lines"

# Root may go faster than 200 ms, down to 0 (as fast as replies come).
t0=$(ms)
ip netns exec h1 "$PING" -c 50 -i 0 -q 10.9.0.2 > "$T/fast" 2>&1
assert_eq 0 $? "-i 0"
t=$(( $(ms) - t0 ))
[ "$t" -lt 15000 ] || fail "-c 50 -i 0 took ${t}ms"
assert_file_match '^50 packets transmitted, 50 received, 0% packet loss' \
	"$T/fast" "-i 0 summary"
assert_file_match 'ipg/ewma [0-9.]+/[0-9.]+ ms$' "$T/fast" "ipg/ewma for -i 0"

# Preload: three requests at once, before any reply (well under the one
# second interval).
ip netns exec h1 "$PING" -c 3 -l 3 10.9.0.2 > "$T/pre" 2>&1
assert_eq 0 $? "-l 3"
assert_file_match '^3 packets transmitted, 3 received, 0% packet loss, time [0-9]{1,3}ms$' \
	"$T/pre" "preloaded requests leave together"

same_as_iputils h1 -c 4 -i 0.2 10.9.0.2
same_as_iputils h1 -c 20 -i 0 -q 10.9.0.2

# Bad values are refused with exit 2.
for a in "-c 0" "-c x" "-i -1" "-i 1e3" "-i abc" "-l 0" "-s -1" "-t 0" \
	"-t 256" "-W x" "-w 0"; do
	"$PING" $a 127.0.0.1 > "$T/bad" 2>&1
	assert_eq 2 $? "ping $a"
	assert_file_match '^ping: invalid ' "$T/bad" "message for $a"
done
