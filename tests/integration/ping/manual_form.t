# The manual's form: ping host [packetsize [count]], with -r (send
# straight onto the attached network) and -v.
. "$TOP/tests/integration/ping/common.sh"
need "$PING"
two_hosts

ip netns exec h1 "$PING" 10.9.0.2 100 2 > "$T/out" 2>&1
assert_eq 0 $? "ping host 100 2"
assert_file_match '^PING 10\.9\.0\.2 \(10\.9\.0\.2\) 100\(128\) bytes of data\.$' \
	"$T/out" "packetsize operand"
assert_file_match '^2 packets transmitted, 2 received' "$T/out" "count operand"
assert_file_match '^108 bytes from 10\.9\.0\.2: icmp_seq=2 ' "$T/out" "size of replies"

# -r: straight to a host on the attached network works...
ip netns exec h1 "$PING" -r -c 1 10.9.0.2 > "$T/r" 2>&1
assert_eq 0 $? "-r to a host on the link"
# ...and a host only reachable through a gateway is an error.
ip -n h1 route add 10.7.0.0/16 via 10.9.0.2
ip netns exec h1 "$PING" -r -c 1 -W 1 10.7.0.1 > "$T/rr" 2>&1
assert_eq 2 $? "-r to a host behind a gateway"
assert_file_match '^ping: connect: Network is unreachable$' "$T/rr" \
	"-r to a host behind a gateway"

# -v shows the identifier, and other ICMP traffic too (verbose.t); our
# own requests, which a raw socket reads on loopback, are not that.
"$PING" -v -c 1 127.0.0.1 > "$T/v" 2>&1
assert_eq 0 $? "-v"
assert_file_match '^64 bytes from 127\.0\.0\.1: icmp_seq=1 ident=[0-9]+ ' \
	"$T/v" "-v shows the identifier"
! grep -q '^From ' "$T/v" || fail "-v lists our own request"
