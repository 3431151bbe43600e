# -r refuses an option: it is left out of the OACK (and with nothing else
# granted there is no OACK at all, DATA 1 comes straight away).
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd -r blksize -r windowsize
raw '
c = Client(PORT)
c.request(RRQ, "medium.bin", opts=[("blksize", "1428"), ("windowsize", "8")])
op, block, payload = c.expect(DATA, 1, what="no OACK")
assert len(payload) == 512
c.ack(1)
c = Client(PORT)
c.request(RRQ, "medium.bin", opts=[("blksize", "1428"), ("tsize", "0")])
op, opts, _ = c.expect(OACK)
assert opts == {"tsize": "100000"}, opts
'
