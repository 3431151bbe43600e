# Installed with cap_net_raw+p (what make install does), ping works for a
# user outside ping_group_range through a raw socket, raising the
# capability only for the socket call and holding none afterwards.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" setcap getcap setpriv
two_hosts
ip netns exec h1 sysctl -qw net.ipv4.ping_group_range="1 0"

cp "$PING" "$T/ping" && chmod 755 "$T/ping"
setcap cap_net_raw+p "$T/ping" || skip "cannot set file capabilities here"
getcap "$T/ping" | grep -q 'cap_net_raw[=+]p' || skip "capability not kept"

nobody_in h1 "$T/ping" -v -c 2 -i 0.2 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
cat "$T/out"
assert_file_match '^ping: socket: raw' "$T/out" "a raw socket"
assert_file_match '^64 bytes from 10\.9\.0\.2: icmp_seq=2 ' "$T/out" "replies"

# While it runs: back to nobody's ids, no capability at all.
ip netns exec h1 setpriv --reuid nobody --regid nogroup --clear-groups \
	"$T/ping" -i 0.2 10.9.0.2 > /dev/null 2>&1 &
p=$!
_pids="$_pids $p"
wait_until 5 grep -q '^NoNewPrivs:[[:space:]]*1' /proc/$p/status
grep -E '^(Uid|CapPrm|CapEff)' /proc/$p/status > "$T/status"
cat "$T/status"
assert_file_match '^Uid:[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534' \
	"$T/status" "real, effective and saved uid"
assert_file_match '^CapPrm:[[:space:]]+0+$' "$T/status" "no permitted capability"
assert_file_match '^CapEff:[[:space:]]+0+$' "$T/status" "no effective capability"
kill -INT $p

# The same binary without the capability says why it cannot.
cp "$PING" "$T/plain"
nobody_in h1 "$T/plain" -c 1 10.9.0.2 > "$T/err" 2>&1
assert_eq 2 $? "no capability, no range"
assert_file_match 'not in net\.ipv4\.ping_group_range and no CAP_NET_RAW' \
	"$T/err" "the reason"
