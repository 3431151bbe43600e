# SIGINT ends the run with the summary (exit 0 when replies came); SIGQUIT
# prints a one-line interim summary on stderr and the run goes on.
. "$TOP/tests/integration/ping/common.sh"
need "$PING"
two_hosts

ip netns exec h1 "$PING" -i 0.2 10.9.0.2 > "$T/out" 2> "$T/err" &
p=$!
_pids="$_pids $p"
wait_until 10 grep -q 'icmp_seq=3 ' "$T/out"
kill -QUIT $p
wait_until 10 grep -q 'packets' "$T/err"
cat "$T/err"
t='[0-9.]+'
assert_file_match \
	"^[0-9]+/[0-9]+ packets, [0-9]+% loss, min/avg/ewma/max = $t/$t/$t/$t ms\$" \
	"$T/err" "interim line"
n=$(grep -c icmp_seq= "$T/out")
wait_until 10 sh -c "[ \$(grep -c icmp_seq= '$T/out') -gt $n ]"
kill -INT $p
wait $p
assert_eq 0 $? "exit status after SIGINT"
cat "$T/out"
assert_file_match '^--- 10\.9\.0\.2 ping statistics ---$' "$T/out" "summary"
assert_file_match '^[0-9]+ packets transmitted, [0-9]+ received, 0% packet loss' \
	"$T/out" "counts"

# SIGINT before any reply: exit 1.
ip netns exec h2 sysctl -qw net.ipv4.icmp_echo_ignore_all=1
ip netns exec h1 "$PING" 10.9.0.2 > "$T/none" 2>&1 &
p=$!
wait_until 10 grep -q '^PING' "$T/none"
kill -INT $p
wait $p
assert_eq 1 $? "exit status with no reply"
assert_file_match '^1 packets transmitted, 0 received, 100% packet loss' \
	"$T/none" "summary with no reply"
