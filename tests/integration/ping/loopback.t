# ping 127.0.0.1, ::1 and localhost: counts, summary, exit 0, and the same
# output as iputils ping apart from the times; localhost with and without
# an IPv6 address in /etc/hosts.
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
same_as_iputils - -c 2 -i 0.2 -q 127.0.0.1

# "localhost" as this case's /etc/hosts has it, in both forms: without
# the ::1 line, and with it as on a stock Debian 12, where the resolver
# gives ::1 first and both pings take it.
write_fixture hosts <<EOF2
127.0.0.1 localhost
EOF2
same_as_iputils - -c 2 -i 0.2 localhost
assert_file_match '^PING localhost \(127\.0\.0\.1\) ' "$T/ours" \
	"localhost is 127.0.0.1 alone"
same_as_iputils - -c 2 -i 0.2 -4 localhost
same_as_iputils - -c 2 -i 0.2 -n -4 localhost
# No IPv6 address for the name: the resolver's words, exit 2.
same_as_iputils - -c 1 -6 localhost
assert_eq 2 "$_rc_ours" "exit status of -6 localhost without ::1"
assert_file_match '^ping: localhost: Address family for hostname not supported$' \
	"$T/ours" "-6 localhost without ::1"

write_fixture hosts <<EOF2
127.0.0.1 localhost
::1 localhost ip6-localhost ip6-loopback
EOF2
same_as_iputils - -c 2 -i 0.2 localhost
assert_file_match '^PING localhost\(localhost \(::1\)\) 56 data bytes$' \
	"$T/ours" "localhost is ::1 first"
assert_file_match '^64 bytes from localhost \(::1\): icmp_seq=2 ' \
	"$T/ours" "replies from ::1 named"
same_as_iputils - -c 2 -i 0.2 -6 localhost
same_as_iputils - -c 2 -i 0.2 -n localhost
# With -4 iputils shows the target as "" here (see common.sh).
same_as_iputils_named localhost - -c 2 -i 0.2 -4 localhost
assert_eq 0 "$_rc_ours" "exit status of -4 localhost with ::1"
assert_file_match '^PING localhost \(127\.0\.0\.1\) 56\(84\) bytes of data\.$' \
	"$T/ours" "-4 localhost with ::1"
