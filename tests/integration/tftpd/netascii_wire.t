# FreeBSD's rrq_netascii and wrq_netascii: on the wire LF is CR LF and a
# bare CR is CR NUL, both directions, across block boundaries.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
# 511 bytes then a newline: the CR LF pair straddles blocks 1 and 2.
{ head -c 511 /dev/zero | tr '\0' a; printf '\nx\ry\n'; } > "$SRV/text.txt"
chmod 644 "$SRV/text.txt"
start_tftpd
raw '
src = open(SRV + "/text.txt", "rb").read()
wire = src.replace(b"\r", b"\r\0").replace(b"\n", b"\r\n")
c = Client(PORT)
c.request(RRQ, "text.txt", mode="netascii")
got = b""
block = 1
while True:
    op, b, payload = c.expect(DATA, block & 0xffff)
    got += payload
    c.ack(block)
    if len(payload) < 512:
        break
    block += 1
assert got == wire, (got[-20:], wire[-20:])
assert block == 2

c = Client(PORT)
c.request(WRQ, "writable.bin", mode="netascii")
c.expect(ACK, 0)
c.data(1, wire[:512])
c.expect(ACK, 1)
c.data(2, wire[512:])
c.expect(ACK, 2)
'
same "$SRV/writable.bin" "$SRV/text.txt"
