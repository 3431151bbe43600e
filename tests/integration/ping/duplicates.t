# Two hosts answer every request (twins on a flooding bridge): the second
# answer is marked DUP! and counted apart.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
hub_twins

ip netns exec h1 "$PING" -c 3 -i 0.2 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
cat "$T/out"
assert_file_match '^64 bytes from 10\.9\.0\.2: icmp_seq=1 ttl=64 time=[0-9.]+ ms \(DUP!\)$' \
	"$T/out" "duplicate marked"
# The run ends at the third reply, before the third duplicate.
assert_eq 2 "$(grep -c 'DUP!' "$T/out")" "one duplicate per earlier request"
assert_file_match '^3 packets transmitted, 3 received, \+2 duplicates, 0% packet loss' \
	"$T/out" "summary counts duplicates apart"
same_as_iputils h1 -c 3 -i 0.2 10.9.0.2
