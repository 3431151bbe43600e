# ping 127.0.0.1, ::1 and localhost: counts, summary, exit 0, and the same
# output as iputils ping apart from the times.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"

"$PING" -c 3 -i 0.2 127.0.0.1 > "$T/out" 2>&1
assert_eq 0 $? "exit status for 127.0.0.1"
cat "$T/out"
assert_file_match '^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 56\(84\) bytes of data\.$' \
	"$T/out" "header"
for i in 1 2 3; do
	assert_file_match \
		"^64 bytes from 127\.0\.0\.1: icmp_seq=$i ttl=64 time=[0-9.]+ ms$" \
		"$T/out" "reply $i"
done
assert_eq 3 "$(grep -c 'bytes from' "$T/out")" "reply lines"
assert_file_match '^3 packets transmitted, 3 received, 0% packet loss, time [0-9]+ms$' \
	"$T/out" "summary"
ms='[0-9]+\.[0-9]{3}'
assert_file_match "^rtt min/avg/max/mdev = $ms/$ms/$ms/$ms ms\$" \
	"$T/out" "rtt line"

"$PING" -c 2 -i 0.2 ::1 > "$T/out6" 2>&1
assert_eq 0 $? "exit status for ::1"
assert_file_match '^PING ::1\(::1\) 56 data bytes$' "$T/out6" "v6 header"
assert_file_match '^64 bytes from ::1: icmp_seq=2 ttl=64 time=' "$T/out6" "v6 reply"
assert_file_match '^2 packets transmitted, 2 received, 0% packet loss' \
	"$T/out6" "v6 summary"

same_as_iputils - -c 3 -i 0.2 127.0.0.1
same_as_iputils - -c 2 -i 0.2 ::1
same_as_iputils - -c 2 -i 0.2 -4 localhost
same_as_iputils - -c 2 -i 0.2 -n -4 localhost
same_as_iputils - -c 2 -i 0.2 -q 127.0.0.1
