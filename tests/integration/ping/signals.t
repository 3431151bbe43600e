# SIGINT ends the run with the summary (exit 0 when replies came); SIGQUIT
# prints a one-line interim summary on stderr and the run goes on.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

# interim PROGRAM OUT ERR: start PROGRAM -i 0.2 to h2 (pid in $p), send it
# SIGQUIT after three replies, and wait for the interim line.
interim() {
	ip netns exec h1 "$1" -i 0.2 10.9.0.2 > "$2" 2> "$3" &
	p=$!
	_pids="$_pids $p"
	wait_until 10 grep -q 'icmp_seq=3 ' "$2"
	kill -QUIT $p
	wait_until 10 grep -q 'packets' "$3"
}

interim "$PING" "$T/out" "$T/err"
cat -A "$T/err"
# As iputils: a carriage return first (the line overwrites what a terminal
# shows), then the counts.
t='[0-9.]+'
cr=$(printf '\r')
assert_file_match \
	"^$cr[0-9]+/[0-9]+ packets, [0-9]+% loss, min/avg/ewma/max = $t/$t/$t/$t ms\$" \
	"$T/err" "interim line"
assert_eq 1 "$(wc -l < "$T/err")" "one interim line"
n=$(grep -c icmp_seq= "$T/out")
wait_until 10 sh -c "[ \$(grep -c icmp_seq= '$T/out') -gt $n ]"
kill -INT $p
wait $p
assert_eq 0 $? "exit status after SIGINT"
cat "$T/out"
assert_file_match '^--- 10\.9\.0\.2 ping statistics ---$' "$T/out" "summary"
assert_file_match '^[0-9]+ packets transmitted, [0-9]+ received, 0% packet loss' \
	"$T/out" "counts"

# The same bytes as iputils' interim line, numbers aside.
shape() {
	od -An -c "$1" | tr -s ' \n' ' ' | sed -E 's/[0-9]( [0-9.])*/N/g'
}
interim "$IPUTILS_PING" "$T/iout" "$T/ierr"
kill -INT $p
wait $p
assert_eq "$(shape "$T/ierr")" "$(shape "$T/err")" "interim line against iputils"

# SIGINT before any reply: exit 1; the interim line has no times.
ip netns exec h2 sysctl -qw net.ipv4.icmp_echo_ignore_all=1
ip netns exec h1 "$PING" 10.9.0.2 > "$T/none" 2> "$T/none.err" &
p=$!
wait_until 10 grep -q '^PING' "$T/none"
kill -QUIT $p
wait_until 10 grep -q 'packets' "$T/none.err"
assert_eq "${cr}0/1 packets, 100% loss" "$(cat "$T/none.err")" \
	"interim line with no reply"
kill -INT $p
wait $p
assert_eq 1 $? "exit status with no reply"
assert_file_match '^1 packets transmitted, 0 received, 100% packet loss' \
	"$T/none" "summary with no reply"
