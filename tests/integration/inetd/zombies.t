# 500 connections, and afterwards no child and no zombie is left.
# timeout: 180
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/inetd.conf" <<CONF
10060 stream tcp nowait nobody /bin/echo echo ok
10060 dgram  udp nowait nobody /bin/true true
CONF
start_inetd -R 0 "$T/inetd.conf"
out=$($CLIENT many 127.0.0.1 10060 500 --parallel 8 --expect ok --timeout 30)
assert_match '^ok=500 failed=0' "$out" "500 connections"
no_children() {
	[ "$(children_of "$INETD_PID")" -eq 0 ] && [ "$(zombies)" -eq 0 ]
}
wait_until 10 no_children
kill -USR1 "$INETD_PID"
wait_log 'state: 2 services, 0 children'
wait_log 'service 10060/tcp .* 500 connections, 500 spawned'
