# Every internal service over TCP and UDP, IPv4 and IPv6, on its real port
# from the services database, as the manual's prototype entries give them;
# slow readers and clients that never read hold up nobody but themselves.
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/inetd.conf" <<'CONF'
echo    stream tcp nowait root internal
discard stream tcp nowait root internal
chargen stream tcp nowait root internal
daytime stream tcp nowait root internal
time    stream tcp nowait root internal
echo    dgram  udp wait   root internal
discard dgram  udp wait   root internal
chargen dgram  udp wait   root internal
daytime dgram  udp wait   root internal
time    dgram  udp wait   root internal
CONF
start_inetd "$T/inetd.conf"

daytime_re='^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}'
# RFC 868: seconds since 1900 as four big-endian bytes, close to now.
# usage: check_time WHAT BYTES_AS_DECIMALS
check_time() {
	v=$(echo "$2" | awk '{ printf "%.0f", (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
	now=$(( $(date +%s) + 2208988800 ))
	d=$(( v - now ))
	[ ${d#-} -le 5 ] || fail "$1: time $v is $d s from now ($2)"
}

for host in 127.0.0.1 ::1; do
	note "TCP over $host"
	assert_eq "hello, world" "$(tcp $host 7 'hello, world')" "echo/tcp $host"
	assert_eq "" "$(tcp $host 9 'into the void')" "discard/tcp $host"
	line=$($CLIENT tcp $host 19 --bytes 74)
	assert_eq ' !"#$%&'"'"'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefg' \
		"$(printf '%s' "$line" | head -n 1 | tr -d '\r')" "chargen/tcp $host first line"
	assert_match "$daytime_re"'.$' "$(tcp $host 13)" "daytime/tcp $host"
	check_time "time/tcp $host" "$(tcp $host 37 | od -An -tu1)"
	[ "$(tcp $host 37 | wc -c)" -eq 4 ] || fail "time/tcp $host: not 4 bytes"

	note "UDP over $host"
	assert_eq "ping" "$(udp $host 7 ping --sport 40007)" "echo/udp $host"
	assert_eq "NO REPLY" "$(udp $host 9 x --sport 40009)" "discard/udp $host"
	r=$(udp $host 19 x --sport 40019)
	[ "$r" != "NO REPLY" ] || fail "chargen/udp $host: no reply"
	[ "$(printf '%s' "$r" | wc -c)" -le 512 ] || fail "chargen/udp longer than 512"
	assert_match "$daytime_re" "$(udp $host 13 x --sport 40013)" "daytime/udp $host"
	check_time "time/udp $host" "$(udp $host 37 x --sport 40037 | od -An -tu1)"

	note "loop guard over $host"
	# Replies to privileged ports and to the ports of internal services
	# would start echo/chargen storms: none may be sent.
	assert_eq "NO REPLY" "$(udp $host 7 ping --sport 1000)" "echo/udp to port 1000"
	assert_eq "NO REPLY" "$(udp $host 19 x --sport 7)" "chargen/udp to port 7"
done
wait_log 'source port could start a reply loop'

note "a slow chargen reader stalls nobody else"
$CLIENT stall 127.0.0.1 19 30 > /dev/null 2>&1 &
slow=$!
wait_until 5 sh -c "ss -Htn state established '( sport = :19 )' | grep -q ."
for i in 1 2 3; do
	assert_eq "still here $i" "$(tcp 127.0.0.1 7 "still here $i")" "echo beside a stalled chargen"
done
kill $slow

note "an echo client that sends without reading holds up only itself"
rss() {	# inetd's resident memory in kB
	awk '/^VmRSS:/ { print $2 }' "/proc/$INETD_PID/status"
}
rss_before=$(rss)
$CLIENT push 127.0.0.1 7 64 30 > "$T/push.out" &
pusher=$!
wait_until 30 grep -q . "$T/push.out"
assert_match '^stalled [0-9]+$' "$(cat "$T/push.out")" \
	"inetd stops reading an echo client that does not read"
for i in 1 2 3; do
	assert_eq "beside $i" "$(tcp 127.0.0.1 7 "beside $i")" "echo beside the pusher"
	assert_match "$daytime_re" "$(tcp 127.0.0.1 13)" "daytime beside the pusher"
done
grown=$(( $(rss) - rss_before ))
# The 64 MB offered stay in the client and the socket buffers: inetd keeps
# at most its 64 kB echo buffer for the connection.
[ "$grown" -lt 4096 ] || fail "inetd grew by ${grown} kB for one echo client"
kill $pusher
