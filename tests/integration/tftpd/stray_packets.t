# Datagrams to the server's port that start no transfer.  An ERROR, an
# unknown opcode, or one too short to hold an opcode gets no answer at
# all: answering could start an endless exchange of errors with another
# server.  A stray DATA, ACK or OACK, or a malformed request, gets error
# 4, but at most 10 at once per source address and then one a second, as
# the source may be forged.  A well-formed request is served whatever came
# before it, from that address or another.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd
raw '
import struct, time
for pkt in [b"\0\5\0\0bye\0", b"\0\5\0\1", b"\0\5", b"\0\7foo.txt\0octet\0",
            b"\0\0small.txt\0octet\0", b"\xff\xff\0\1", b"\0", b""]:
    c = Client(PORT)
    c.send_raw(pkt)
    c.expect_silence(0.5, "answer to %r" % pkt)
# A burst of strays from one address, each different (so that nothing
# takes them for copies of one): 10 answers, and only as many more as a
# second each since the first allows.
def stray(i):
    k = struct.pack("!H", i)
    return [b"\0\3" + k + b"data", b"\0\4" + k,
            b"\0\6blksize\0%d\0" % (8 + i), b"\0\1f%d\0ascii\0" % i][i % 4]
a = Client(PORT)
start = time.monotonic()
for i in range(100):
    a.send_raw(stray(i))
n = a.count_replies(1.0)
bound = 10 + int(time.monotonic() - start) + 1
assert 10 <= n <= bound, "%d answers to 100 strays, want 10 to %d" % (n, bound)
# Another address has its own share.
b = Client(PORT, source="127.0.0.2")
b.send_raw(b"\0\4\0\1")
b.expect_error(4, "a stray from another address")
# Requests are served, from the address that used up its share too.
for src in ["127.0.0.1", "127.0.0.2"]:
    c = Client(PORT, source=src)
    c.request(RRQ, "small.txt")
    op, block, payload = c.expect(DATA, 1, what="a request from " + src)
    assert payload == b"hello, tftp\n", payload
    c.ack(1)
'
kill -0 "$TFTPD_PID" || fail "tftpd died"
