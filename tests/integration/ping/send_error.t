# A request the kernel refuses (the route went away mid-run) is said on
# stderr in iputils' words ("sendmsg: reason"), counted as sent and lost,
# not as an error; in a flood it is an "E".
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

ip netns exec h1 "$PING" -i 0.2 10.9.0.2 > "$T/out" 2> "$T/err" &
p=$!
_pids="$_pids $p"
wait_until 10 grep -q 'icmp_seq=2 ' "$T/out"
ip -n h1 addr flush dev v1
wait_until 10 sh -c "[ \$(grep -c sendmsg '$T/err') -ge 2 ]"
kill -INT $p
wait $p
assert_eq 0 $? "exit status (replies came before)"
cat "$T/out" "$T/err"
assert_eq "ping: sendmsg: Network is unreachable" "$(sort -u "$T/err")" \
	"the refusal"
# iputils counts a refused request the same way (it says nothing, though).
assert_file_match '^[0-9]+ packets transmitted, [0-9]+ received, [0-9.]+% packet loss, time [0-9]+ms$' \
	"$T/out" "sent and lost, no +N errors"
n=$(grep -c sendmsg "$T/err")
sent=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' "$T/out")
[ $(( ${sent% *} - ${sent#* } )) -ge "$n" ] ||
	fail "$n refusals but only ${sent% *} sent, ${sent#* } received"

# A flood: one "E" per refused request, at least 100 a second.
ip -n h1 addr add 10.9.0.1/24 dev v1
wait_until 10 ip netns exec h1 "$IPUTILS_PING" -c 1 -W 1 10.9.0.2
ip netns exec h1 "$PING" -f -w 4 10.9.0.2 > "$T/flood" 2>&1 &
p=$!
_pids="$_pids $p"
wait_until 10 sh -c "[ \$(wc -c < '$T/flood') -gt 200 ]"
ip -n h1 addr flush dev v1
wait $p
assert_eq 0 $? "flood exit status"
n=$(sed -n 2p "$T/flood" | tr -cd E | wc -c)
[ "$n" -ge 10 ] || fail "only $n refusals marked E in the flood"
assert_eq "" "$(sed -n 2p "$T/flood" | tr -d ".E $(printf '\b')")" \
	"nothing else on the flood line"
