# -v logs each transfer: peer, file, mode, the options granted (and what
# was asked when it differs), bytes, duration and result, for successes,
# refusals and failures; peer strings are made printable.  Standalone the
# lines go to stderr; under inetd (inetd_verbose_log.t) to syslog.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
start_tftpd -B 1024 -W 8
cd "$T/client" || fail "cd"
atftp --option "blksize 1428" --option "tsize 0" --get -r medium.bin -l m \
	127.0.0.1 $PORT || fail "get"
atftp --option "blksize 65464" --option "windowsize 16" \
	--get -r medium.bin -l m 127.0.0.1 $PORT || fail "get capped"
raw '
c = Client(PORT)
c.request(RRQ, "small.txt", opts=[("foo", "1"), ("tsize", "0")])
op, opts, _ = c.expect(OACK)
assert opts == {"tsize": "12"}, opts
c.ack(0)
c.expect(DATA, 1)
c.ack(1)
c = Client(PORT)
c.request(RRQ, "private.txt")
c.expect_error(2)
c = Client(PORT)
c.request(RRQ, "bad\x01name\xc3")
c.expect_error(1)
c = Client(PORT)
c.request(RRQ, "small.txt")
c.expect(DATA, 1)
c.send_raw(b"\0\5\0\3stop\0")
'
wait_logged 'stop' 1 "the last transfer"
# A read's tsize asks with 0 and is answered with the size: no "asked".
wait_logged "${LOGP}127\.0\.0\.1:[0-9]+ read \"medium\.bin\" octet options (blksize=1024 \(asked 1428\),tsize=100000|tsize=100000,blksize=1024 \(asked 1428\)): 100000 bytes in [0-9.]+ s, 0 retransmitted: ok$" 1 "success line"
wait_logged "read \"medium\.bin\" octet options .*blksize=1024 \(asked 65464\).*windowsize=8 \(asked 16\)" 1 "capped options"
wait_logged "read \"small\.txt\" octet options foo=1 \(not granted\),tsize=12: 12 bytes" 1 "unknown option"
wait_logged '127\.0\.0\.1:[0-9]+: read "private\.txt" refused: Access violation \(error 2\)' 1 "refusal line"
wait_logged 'read "bad\\001name\\303\\203" refused' 1 "printable name"
wait_logged 'read "small\.txt" octet options -: 0 bytes .*failed: peer sent error 3: stop' 1 "peer error line"
