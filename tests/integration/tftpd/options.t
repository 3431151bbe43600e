# -W caps the windowsize granted (the OACK says the smaller value); -d
# adds debug lines to the log: each request, the socket buffers, every
# retransmission and every repeated request.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
start_tftpd -W 4 -d -T 200ms
cd "$T/client" || fail "cd"
atftp --trace --option "windowsize 16" --get -r medium.bin -l m.bin \
	127.0.0.1 $PORT > trace 2>&1 || { cat trace; fail "get"; }
same m.bin "$SRV/medium.bin"
assert_file_match "OACK <.*windowsize: 4," trace "windowsize capped by -W"
raw '
c = Client(PORT)
c.request(RRQ, "small.txt")
c.request(RRQ, "small.txt")
c.expect(DATA, 1)
c.expect(DATA, 1, what="retransmitted")
c.ack(1)
'
wait_logged "${LOGP}127\.0\.0\.1:[0-9]+: read \"medium\.bin\" octet$" 1 "request line"
wait_logged "${LOGP}127\.0\.0\.1:[0-9]+: send buffer [0-9]+ bytes for 4 x 512$" 1 "buffer line"
wait_logged "${LOGP}127\.0\.0\.1:[0-9]+: request repeated; the transfer under way answers it$" 1 "repeated request"
wait_logged "${LOGP}127\.0\.0\.1:[0-9]+: timed out, 1 packet sent again$" 1 "retransmission line"
wait_logged "read \"medium\.bin\" octet options windowsize=4 \(asked 16\): 100000 bytes" 1 "transfer line"
# Without -d, none of that.
stop_tftpd
: > "$TFTPD_LOG"
start_tftpd -T 200ms
raw '
c = Client(PORT)
c.request(RRQ, "small.txt")
c.expect(DATA, 1)
c.expect(DATA, 1, what="retransmitted")
c.ack(1)
'
wait_logged 'read "small\.txt" octet options -: 12 bytes .* 1 retransmitted: ok' 1 "transfer line"
grep -E 'sent again|send buffer|: read "small\.txt" octet$' "$TFTPD_LOG" &&
	fail "debug lines without -d"
exit 0
