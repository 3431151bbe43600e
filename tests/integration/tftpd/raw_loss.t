# FreeBSD's dropped and duplicated packet cases: a dropped ACK or DATA is
# retransmitted after the timeout; a duplicated ACK never draws a second
# DATA (Sorcerer's Apprentice); a duplicated DATA is stored once.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
head -c 1600 /dev/urandom > "$SRV/three.bin"
chmod 644 "$SRV/three.bin"
start_tftpd -T 1s
raw '
import time
want = open(SRV + "/three.bin", "rb").read()

# rrq_dropped_ack: no ACK for block 1, block 1 comes again.
c = Client(PORT)
c.request(RRQ, "three.bin")
first = c.expect(DATA, 1)[2]
again = c.expect(DATA, 1, timeout=5, what="retransmitted block 1")[2]
assert first == again
c.ack(1)
c.expect(DATA, 2)

# rrq_duped_ack: ACK 1 twice, block 2 comes once.
c = Client(PORT)
c.request(RRQ, "three.bin")
c.expect(DATA, 1)
c.ack(1)
c.ack(1)
c.expect(DATA, 2)
t2 = time.monotonic()
# DATA 2 comes again only when the retransmission timer (1 s) runs out;
# an answer to the duplicate ACK would come at once.  Timed from the
# first DATA 2, however late a loaded machine delivers it.
got = c.recv(5.0)
gap = time.monotonic() - t2
assert got is not None and got[:2] == (DATA, 2), got
assert gap > 0.5, "duplicate ACK drew DATA after %.3f s" % gap
c.ack(2)
c.expect(DATA, 3)
c.ack(3)
op, b, payload = c.expect(DATA, 4)
assert len(payload) == 1600 - 3 * 512
c.ack(4)
c.expect_silence(0.5, "after the final ACK")

# wrq_dropped_data and wrq_duped_data.
c = Client(PORT)
c.request(WRQ, "writable.bin")
c.expect(ACK, 0)
c.expect(ACK, 0, timeout=5, what="ACK 0 again when DATA 1 is lost")
c.data(1, want[:512])
c.expect(ACK, 1)
c.data(1, want[:512])
c.expect(ACK, 1, what="duplicate DATA is acknowledged again")
c.data(2, want[512:1024])
c.expect(ACK, 2)
c.data(3, want[1024:1536])
c.expect(ACK, 3)
c.data(4, want[1536:])
c.expect(ACK, 4)
'
same "$SRV/writable.bin" "$SRV/three.bin"
