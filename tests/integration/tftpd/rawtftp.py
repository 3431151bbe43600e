"""rawtftp: hand-made TFTP packets for the integration cases that need
what no client does on purpose (FreeBSD's functional cases: duplicated and
dropped packets, unknown modes and opcodes).  Every wait has a bound."""
import os
import socket
import struct
import sys

RRQ, WRQ, DATA, ACK, ERROR, OACK = 1, 2, 3, 4, 5, 6

# What the case hands the script (common.sh, raw): the server's port, the
# served tree and the scratch directory from the environment, and the
# script's own arguments.
PORT = int(os.environ.get("PORT", "6969"))
SRV = os.environ.get("SRV", "")
T = os.environ.get("T", "")
ARGS = sys.argv[1:]


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


class Client:
    def __init__(self, port, host="127.0.0.1", timeout=3.0, source=None):
        fam = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.server = (host, port)
        self.peer = None
        self.sock = socket.socket(fam, socket.SOCK_DGRAM)
        self.sock.bind((source or host, 0))
        self.timeout = timeout

    def send_raw(self, data, to=None):
        self.sock.sendto(data, to or self.peer or self.server)

    def request(self, op, name, mode="octet", opts=()):
        pkt = struct.pack("!H", op) + name.encode() + b"\0" + \
            mode.encode() + b"\0"
        for k, v in opts:
            pkt += k.encode() + b"\0" + str(v).encode() + b"\0"
        self.peer = None
        self.send_raw(pkt, self.server)

    def ack(self, block):
        self.send_raw(struct.pack("!HH", ACK, block & 0xffff))

    def data(self, block, payload):
        self.send_raw(struct.pack("!HH", DATA, block & 0xffff) + payload)

    def recv(self, timeout=None):
        """The next packet as (opcode, a, b): DATA (block, payload),
        ACK (block, None), ERROR (code, message), OACK (dict, None); None
        when nothing comes within the timeout."""
        self.sock.settimeout(self.timeout if timeout is None else timeout)
        try:
            pkt, addr = self.sock.recvfrom(70000)
        except socket.timeout:
            return None
        if self.peer is None:
            self.peer = addr
        elif addr != self.peer:
            fail("packet from a second transfer id %r" % (addr,))
        op = struct.unpack("!H", pkt[:2])[0]
        if op == DATA:
            return (op, struct.unpack("!H", pkt[2:4])[0], pkt[4:])
        if op == ACK:
            return (op, struct.unpack("!H", pkt[2:4])[0], None)
        if op == ERROR:
            return (op, struct.unpack("!H", pkt[2:4])[0],
                    pkt[4:].split(b"\0")[0].decode(errors="replace"))
        if op == OACK:
            parts = pkt[2:].split(b"\0")[:-1]
            return (op, dict(zip([p.decode() for p in parts[0::2]],
                                 [p.decode() for p in parts[1::2]])), None)
        return (op, None, None)

    def expect(self, op, a=None, timeout=None, what=""):
        got = self.recv(timeout)
        if got is None:
            fail("%s: nothing received, expected opcode %d %r" %
                 (what, op, a))
        if got[0] != op or (a is not None and got[1] != a):
            fail("%s: expected opcode %d %r, got %r" %
                 (what, op, a, got[:2] + (got[2][:40] if got[2] else None,)))
        return got

    def expect_error(self, code, what=""):
        return self.expect(ERROR, code, what=what)

    def count_replies(self, quiet):
        """How many datagrams arrive, from any port, until none has for
        quiet seconds."""
        n = 0
        self.sock.settimeout(quiet)
        while True:
            try:
                self.sock.recvfrom(70000)
            except socket.timeout:
                return n
            n += 1

    def expect_silence(self, seconds, what=""):
        got = self.recv(seconds)
        if got is not None:
            fail("%s: expected nothing, got %r" % (what, got[:2]))
