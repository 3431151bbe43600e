# Two hosts answer every request (twins on a flooding bridge): the second
# answer is marked DUP! and counted apart.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
hub_twins

ip netns exec h1 "$PING" -c 3 -i 0.2 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
cat "$T/out"
# Whichever twin answers first, each request has one first reply and at
# most one duplicate; the run ends at the third first reply, so the last
# duplicate may or may not be in.
for i in 1 2 3; do
	assert_eq 1 "$(grep -Ec "^64 bytes from 10\.9\.0\.2: icmp_seq=$i ttl=64 time=[0-9.]+ ms\$" "$T/out")" \
		"one first reply to $i"
	[ "$(grep -c "icmp_seq=$i .*(DUP!)" "$T/out")" -le 1 ] ||
		fail "more than one duplicate of $i"
done
n=$(grep -c '(DUP!)$' "$T/out")
[ "$n" -ge 1 ] || fail "no duplicate marked"
assert_file_match \
	"^3 packets transmitted, 3 received, \\+$n duplicates, 0% packet loss" \
	"$T/out" "summary counts duplicates apart"
same_shapes_as_iputils h1 -c 3 -i 0.2 10.9.0.2
