# -M caps transfers per source address and -m overall: the request over
# the limit gets an error, and is served once a slot frees.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd -M 2 -m 3 -T 5s
raw '
held = []
for i in range(2):
    c = Client(PORT)
    c.request(RRQ, "medium.bin")
    c.expect(DATA, 1)
    held.append(c)
c = Client(PORT)
c.request(RRQ, "medium.bin")
op, code, msg = c.expect_error(0, "third from one address")
assert "too many" in msg, msg
# Another source address (127.0.0.2) has its own count, up to -m 3.
c = Client(PORT)
c.sock.close()
import socket
c.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.sock.bind(("127.0.0.2", 0))
c.request(RRQ, "medium.bin")
c.expect(DATA, 1)
held.append(c)
c = Client(PORT)
c.sock.close()
c.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.sock.bind(("127.0.0.3", 0))
c.request(RRQ, "medium.bin")
c.expect_error(0, "fourth overall")
# A peer that gives up frees its slot (polled, bounded).
held[0].send_raw(b"\0\5\0\0bye\0")
import time
for attempt in range(100):
    c = Client(PORT)
    c.request(RRQ, "small.txt")
    got = c.recv()
    if got and got[0] == DATA:
        break
    time.sleep(0.02)
else:
    fail("the slot was never freed")
'
