# -W (how long to wait when nothing answers) and -w (when to stop, however
# many were sent or received).
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# h2 ignores echo requests: nothing ever comes back.
ip netns exec h2 sysctl -qw net.ipv4.icmp_echo_ignore_all=1

t0=$(ms)
ip netns exec h1 "$PING" -c 1 -W 1 10.9.0.2 > "$T/w1" 2>&1
rc=$?
t=$(( $(ms) - t0 ))
assert_eq 1 $rc "-W 1 with no reply"
# Generous above: the host is loaded and sanitized builds are slow.
[ "$t" -ge 900 ] && [ "$t" -lt 10000 ] || fail "-W 1 took ${t}ms"
assert_file_match '^1 packets transmitted, 0 received, 100% packet loss' \
	"$T/w1" "-W summary"

t0=$(ms)
ip netns exec h1 "$PING" -w 2 -i 0.5 10.9.0.2 > "$T/d2" 2>&1
rc=$?
t=$(( $(ms) - t0 ))
assert_eq 1 $rc "-w 2 with no reply"
[ "$t" -ge 1900 ] && [ "$t" -lt 10000 ] || fail "-w 2 took ${t}ms"
assert_file_match '^[45] packets transmitted, 0 received, 100% packet loss' \
	"$T/d2" "requests every half second until the deadline"

ip netns exec h2 sysctl -qw net.ipv4.icmp_echo_ignore_all=0

# With a deadline, the count is of replies: stop at 3 replies.
t0=$(ms)
ip netns exec h1 "$PING" -w 5 -c 3 -i 0.2 10.9.0.2 > "$T/d5" 2>&1
rc=$?
t=$(( $(ms) - t0 ))
assert_eq 0 $rc "-w 5 -c 3"
[ "$t" -lt 4800 ] || fail "-w 5 -c 3 took ${t}ms, should stop at 3 replies"
assert_file_match '^3 packets transmitted, 3 received' "$T/d5" "-w -c summary"

# Fewer replies than the count by the deadline: exit 1.
ip netns exec h1 "$PING" -w 1 -c 100 -i 0.2 10.9.0.2 > "$T/short" 2>&1
assert_eq 1 $? "-w 1 -c 100 falls short"

same_as_iputils h1 -w 1 -c 3 -i 0.2 10.9.0.2
# Requests at 0, 0.4 and 0.8 s: 200 ms from the deadline either way.
same_as_iputils h1 -w 1 -c 100 -i 0.4 10.9.0.2
