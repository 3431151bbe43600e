# -p: the pattern is announced, really carried on the wire, echoed back
# and checked.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING" tcpdump
two_hosts

ip netns exec h2 tcpdump -l -n -x -i v2 -c 1 'icmp[icmptype] = icmp-echo' \
	> "$T/dump" 2> "$T/tcpdump.err" &
dump=$!
_pids="$_pids $dump"
wait_until 10 grep -q 'listening on' "$T/tcpdump.err"
ip netns exec h1 "$PING" -c 1 -s 40 -p c0ffee 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
assert_file_match '^PATTERN: 0xc0ffee$' "$T/out" "pattern line"
assert_file_match '^48 bytes from 10\.9\.0\.2: icmp_seq=1 ttl=64 time=' \
	"$T/out" "reply"
! grep -q 'wrong data byte' "$T/out" || fail "reply data reported wrong"
wait_until 10 sh -c "! kill -0 $dump 2>/dev/null"
cat "$T/dump"
# The request's data after the 16-byte timestamp: c0ffee repeated.
hex=$(sed -n 's/^[[:space:]]*0x[0-9a-f]*:[[:space:]]*//p' "$T/dump" | tr -d ' \n')
assert_match 'c0ffeec0ffeec0ffeec0ffee' "$hex" "pattern on the wire"

same_as_iputils h1 -c 2 -i 0.2 -p ff00 10.9.0.2
same_as_iputils h1 -c 2 -i 0.2 -p 1 10.9.0.2

for bad in xyz 123456789012345678901234567890123 ""; do
	"$PING" -c 1 -p "$bad" 127.0.0.1 > "$T/bad" 2>&1
	assert_eq 2 $? "-p '$bad'"
done
