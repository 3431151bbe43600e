# Hosts in the inet_aton(3) forms are addresses, not names, as iputils
# takes them: 127.1 is 127.0.0.1, 0 this host (the kernel's source for
# it), and replies from them are shown by number.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
# A name for 127.0.0.1 that a lookup would show.
write_fixture hosts <<EOF2
127.0.0.1 localhost
EOF2

same_as_iputils - -c 2 -i 0.2 127.1
assert_file_match '^PING 127\.1 \(127\.0\.0\.1\) 56\(84\) bytes of data\.$' \
	"$T/ours" "127.1 header"
assert_file_match '^64 bytes from 127\.0\.0\.1: icmp_seq=2 ' "$T/ours" \
	"127.1 replies by number"
same_as_iputils - -c 2 -i 0.2 0
assert_file_match '^PING 0 \(127\.0\.0\.1\) 56\(84\) bytes of data\.$' \
	"$T/ours" "0 is this host"
assert_file_match '^64 bytes from 127\.0\.0\.1: icmp_seq=2 ' "$T/ours" \
	"0 replies by number"
same_as_iputils - -c 1 0x7f.1
same_as_iputils - -c 1 127.0.1
# An address of the other family: the resolver's words, exit 2.
same_as_iputils - -c 1 -6 127.1
assert_eq 2 "$_rc_ours" "exit status of -6 127.1"
same_as_iputils - -c 1 -4 ::1
assert_file_match '^ping: ::1: Address family for hostname not supported$' \
	"$T/ours" "-4 ::1"

# 0 from an interface, or from a source address, is that address.
two_hosts
same_as_iputils h1 -c 1 -I v1 0
assert_file_match '^PING 0 \(10\.9\.0\.1\) from 10\.9\.0\.1 v1: ' \
	"$T/ours" "0 on v1"
same_as_iputils h1 -c 1 -I 10.9.0.1 0
