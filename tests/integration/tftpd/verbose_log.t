# -v logs each transfer: peer, file, mode, options, bytes, duration and
# result, for successes, refusals and failures; peer strings are made
# printable.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
start_tftpd
cd "$T/client" || fail "cd"
atftp --option "blksize 1428" --option "tsize 0" --get -r medium.bin -l m \
	127.0.0.1 $PORT || fail "get"
raw '
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
log=$T/tftpd.log
wait_until 5 grep -q 'stop' "$log"
assert_file_match '^tftpd: 127\.0\.0\.1:[0-9]+ read "medium\.bin" octet options (blksize=1428,tsize=0|tsize=0,blksize=1428): 100000 bytes in [0-9.]+ s, 0 retransmitted: ok$' "$log" "success line"
assert_file_match '127\.0\.0\.1:[0-9]+: read "private\.txt" refused: Access violation \(error 2\)' "$log" "refusal line"
assert_file_match 'read "bad\\001name\\303\\203" refused' "$log" "printable name"
assert_file_match 'read "small\.txt" octet options -: 0 bytes .*failed: peer sent error 3: stop' "$log" "peer error line"
