# The RFC 2349 timeout option sets the retransmission timeout, without
# backoff: asked for 1 s of a server whose own (-T) is 2 s doubling, the
# OACK comes again after about 1 s and 1 s; without the option, DATA 1
# comes again after about 2 s and then 4 s.  The bounds are generous (a
# loaded machine delays, it never hurries), only the two cases' order of
# magnitude must differ.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd -T 2s
raw '
import time

def gaps(c, first):
    """Arrival times of the first packet and its two retransmissions."""
    got = c.recv(8.0)
    assert got is not None and got[0] == first, got
    t = [time.monotonic()]
    for i in range(2):
        again = c.recv(8.0)
        assert again is not None and again[0] == first, again
        t.append(time.monotonic())
    return t[1] - t[0], t[2] - t[1]

c = Client(PORT)
c.request(RRQ, "medium.bin", opts=[("timeout", "1")])
g1, g2 = gaps(c, OACK)
print("timeout 1: %.3f %.3f" % (g1, g2))
assert 0.7 < g1 < 1.8 and 0.7 < g2 < 1.8, (g1, g2)

c = Client(PORT)
c.request(RRQ, "medium.bin")
g1, g2 = gaps(c, DATA)
print("-T 2s: %.3f %.3f" % (g1, g2))
assert 1.7 < g1 and 3.4 < g2 and g2 < 8, (g1, g2)
'
