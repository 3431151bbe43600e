# Response rate limiting (rate-limit lines, ours): a source asking the
# same question faster than the limit gets a burst answered, then every
# second limited answer truncated (slip 2: TC, no data, so a real client
# asks again over TCP) and the others dropped; TCP is never limited, nor
# a client that shows a valid server cookie, nor an exempt network; what
# was turned away is counted in the statistics and logged a few lines
# at a time.
. "$TOP/tests/integration/named/common.sh"
basic_zone "$T/rl.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
primary		rl.test	rl.zone
rate-limit	responses 5 window 5 slip 2
rate-limit	exempt 127.0.0.9/32
BOOT
named_start named 10557 "$T/named.boot"
mkdir -p /var/tmp && mount -t tmpfs none /var/tmp

# burst SOURCE N [COOKIE]: N queries for www.rl.test A from SOURCE at
# once; prints "answered A truncated T" after a second of replies.
burst() {
	/usr/bin/python3 - "$1" "$2" "${3:-}" $NAMED_PORT <<'PY'
import socket, struct, sys, time
src, n, cookie, port = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((src, 0))
def query(i):
    q = struct.pack(">HHHHHH", i, 0, 1, 0, 0, 1)
    q += b"\x03www\x02rl\x04test\x00" + struct.pack(">HH", 1, 1)
    opt = b""
    if cookie:
        c = bytes.fromhex(cookie)
        opt = struct.pack(">HH", 10, len(c)) + c
    return q + b"\x00" + struct.pack(">HHIH", 41, 1232, 0, len(opt)) + opt
for i in range(n):
    s.sendto(query(i), ("127.0.0.1", port))
answered = truncated = 0
s.settimeout(0.3)
end = time.monotonic() + 1.5
while time.monotonic() < end:
    try:
        r = s.recv(2048)
    except socket.timeout:
        break
    if r[2] & 0x02:
        truncated += 1
    else:
        answered += 1
print("answered %d truncated %d" % (answered, truncated))
PY
}

note "a burst from one source: 5 answered, then half the rest truncated"
out=$(burst 127.0.0.2 40)
echo "$out"
set -- $out
[ "$2" -ge 5 ] && [ "$2" -le 8 ] || fail "answers in a burst of 40: $out"
[ "$4" -ge 14 ] && [ "$4" -le 20 ] || fail "truncated answers (slip 2): $out"

note "another source (another /24) is not held back by the first"
out=$(burst 127.0.1.3 5)
assert_eq "answered 5 truncated 0" "$out" "a second source"

note "an exempt network is never limited"
out=$(burst 127.0.0.9 40)
assert_eq "answered 40 truncated 0" "$out" "the exempt source"

note "TCP is never limited"
for i in 1 2 3 4 5 6 7 8 9 10; do
	dig +tcp +short +norec +time=2 +tries=1 -b 127.0.0.2 @127.0.0.1 -p $NAMED_PORT www.rl.test A
done > "$T/tcp"
assert_eq 10 "$(grep -c '^192\.0\.2\.1$' "$T/tcp")" "answers over TCP while limited over UDP"

note "a valid server cookie (from an answer over TCP) lifts the limit"
dig +tcp +cookie=0123456789abcdef +norec +time=2 +tries=1 -b 127.0.0.4 @127.0.0.1 -p $NAMED_PORT www.rl.test A > "$T/cookie"
server=$(sed -n 's/^; COOKIE: \([0-9a-f]*\).*/\1/p' "$T/cookie")
[ ${#server} -eq 48 ] || fail "no server cookie: $(cat "$T/cookie")"
out=$(burst 127.0.0.4 40 "$server")
assert_eq "answered 40 truncated 0" "$out" "a client with a valid cookie"

note "counted, and logged a few lines at a time"
kill -ABRT "$NAMED_PID"
wait_until 10 grep -q 'rate-limited: dropped' /var/tmp/named.stats
dropped=$(awk '/rate-limited: dropped/ { print $NF }' /var/tmp/named.stats)
[ "$dropped" -ge 10 ] || fail "dropped answers counted: $dropped"
wait_until 20 grep -q 'rate-limit: 127\.0\.0\.0/24: [0-9]* dropped' "$T/named.log"
exit 0
