# A client that vanishes mid-transfer: the next packet to it draws an ICMP
# port unreachable, and the transfer ends at once, logged as such,
# instead of retransmitting until it times out.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd -T 300ms
raw '
c = Client(PORT)
c.request(RRQ, "medium.bin")
c.expect(DATA, 1)
c.ack(1)
c.expect(DATA, 2)
c.sock.close()
c = Client(PORT)
c.request(WRQ, "writable.bin")
c.expect(ACK, 0)
c.data(1, b"x" * 512)
c.expect(ACK, 1)
c.sock.close()
'
# Five retransmissions with backoff would take 0.3+0.6+1.2+2.4+4.8 s; the
# unreachable port ends each transfer after the first.
wait_logged 'read "medium\.bin" octet options -: 512 bytes in [0-9.]+ s, [01] retransmitted: failed: peer port unreachable' 1 "read ended"
wait_logged 'write "writable\.bin" octet options -: 512 bytes in [0-9.]+ s, [01] retransmitted: failed: peer port unreachable' 1 "write ended"
