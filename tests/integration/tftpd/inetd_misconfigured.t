# A tftpd that inetd starts with a bad command line (an unknown option, a
# served directory that does not exist) still takes the request off the
# queue, answers it with error 0 "server misconfigured" and logs why to
# syslog, then exits (2 for a usage error, 1 for the rest): left queued,
# the request would make inetd start tftpd again and again.  Nothing is written to stderr, the client's
# socket.
MODE=inetd
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
capture_syslog
cat > "$T/inetd.conf" <<CONF
127.0.0.1:$PORT dgram udp wait root $TFTPD tftpd -v -Z -s $SRV
127.0.0.1:$((PORT + 1)) dgram udp wait root $TFTPD tftpd -v -s $T/nonexistent
127.0.0.1:$((PORT + 2)) dgram udp wait root $TFTPD tftpd -v -T
CONF
start_daemon inetd "$INETD" -d -l -R 0 "$T/inetd.conf"
wait_udp "$((PORT + 2))"
# ask PORT: one request, answered with error 0 and nothing else.
ask() {
	raw '
c = Client(int(ARGS[0]))
c.request(RRQ, "small.txt")
op, code, msg = c.expect_error(0, "misconfigured")
assert msg == "server misconfigured", msg
c.expect_silence(0.3, "after the error")
' "$1"
}
# spawned PORT: how many tftpd inetd started for PORT.
spawned() {
	grep -Ec "$1/udp: datagram from [^ ]+ pid [0-9]+\$" "$T/inetd.log"
}
for p in $PORT $((PORT + 1)) $((PORT + 2)); do
	st=2
	[ "$p" -ne $((PORT + 1)) ] || st=1
	ask "$p"
	wait_until 5 grep -Eq "$p/udp: pid [0-9]+ exited $st" "$T/inetd.log"
	ask "$p"
	wait_until 5 sh -c "[ \$(grep -Ec '$p/udp: pid [0-9]+ exited $st' '$T/inetd.log') -eq 2 ]"
	# Two requests, two tftpd: none was started for a request already
	# answered.
	assert_eq 2 "$(spawned "$p")" "tftpd started for port $p"
done
wait_logged "${LOGP}unknown option -Z" 2 "the bad option"
wait_logged "${LOGP}directory $T/nonexistent: " 2 "the missing directory"
wait_logged "${LOGP}option -T needs an argument" 2 "the missing argument"
wait_logged "${LOGP}request from 127\.0\.0\.1:[0-9]+ refused: server misconfigured" 6 "the refusals"
# Still serving: inetd has not paused or dropped the services.
assert_eq 2 "$(spawned "$PORT")" "no tftpd started in between"
