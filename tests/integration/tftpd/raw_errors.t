# FreeBSD's unknown_modes and unknown_opcode cases and other malformed
# requests: each gets error 4, but an unknown opcode, or none, gets no
# answer at all (stray_packets.t); the server keeps serving.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd
raw '
for mode in ["ascii", "binary", "mail", "en_US.UTF-8"]:
    c = Client(PORT)
    c.request(RRQ, "small.txt", mode=mode)
    c.expect_error(4, "mode " + mode)
for pkt in [b"\0\3\0\1data", b"\0\4\0\1", b"\0\1foo.txt\0octet",
            b"\0\1foo.txt", b"\0\1\0octet\0",
            b"\0\1small.txt\0octet\0blksize\0"]:
    c = Client(PORT)
    c.send_raw(pkt)
    c.expect_error(4, repr(pkt))
for pkt in [b"\0\7foo.txt\0octet\0", b"\0\0foo.txt\0octet\0", b"\0"]:
    c = Client(PORT)
    c.send_raw(pkt)
    c.expect_silence(0.5, "answer to %r" % pkt)
# Still serving, and mode names are case-insensitive.
c = Client(PORT)
c.request(RRQ, "small.txt", mode="OcTeT")
op, block, payload = c.expect(DATA, 1)
assert payload == b"hello, tftp\n", payload
c.ack(1)
'
kill -0 "$TFTPD_PID" || fail "tftpd died"
