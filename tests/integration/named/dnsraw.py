#!/usr/bin/env python3
# dnsraw.py: DNS packets dig will not send, for the named cases.
#
#   dnsraw.py build [-i ID] [-f FLAGS] [-n QUESTIONS] NAME TYPE
#       print, in hex, a query for NAME TYPE (IN): id ID (default 4660),
#       header flags FLAGS (the 16-bit word, default 0), the question
#       repeated QUESTIONS times (default 1) and counted in QDCOUNT
#   dnsraw.py send PORT HEX...
#       send the bytes of each HEX (- for none) over UDP to 127.0.0.1 PORT, each from
#       a socket of its own, all at once, and print a line for each, in
#       order: its reply as "id=N qr=1 opcode=N rcode=NAME qd=N an=N
#       ns=N ar=N", or "no reply" when none came within a second
#   dnsraw.py pipeline PORT NAME...
#       one TCP connection, one write holding an A query for each NAME
#       (ids 1, 2...); print a reply line as send does for each answer,
#       in the order they come, until all came or 5 s passed
import select
import socket
import struct
import sys
import time

TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "MX": 15, "TXT": 16,
         "AAAA": 28, "DS": 43, "DNAME": 39, "AXFR": 252, "ANY": 255}
RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
          "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"]


def wire_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def build(args):
    ident, flags, count = 0x1234, 0, 1
    while args and args[0].startswith("-"):
        opt, val = args[0], args[1]
        args = args[2:]
        if opt == "-i":
            ident = int(val, 0)
        elif opt == "-f":
            flags = int(val, 0)
        elif opt == "-n":
            count = int(val, 0)
    name, qtype = args
    q = wire_name(name) + struct.pack("!HH", TYPES[qtype.upper()], 1)
    return struct.pack("!HHHHHH", ident, flags, count, 0, 0, 0) + q * count


def describe(reply):
    if len(reply) < 12:
        return "short reply of %d bytes" % len(reply)
    ident, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", reply[:12])
    rcode = flags & 15
    return "id=%d qr=%d opcode=%d rcode=%s qd=%d an=%d ns=%d ar=%d" % (
        ident, flags >> 15, (flags >> 11) & 15,
        RCODES[rcode] if rcode < len(RCODES) else str(rcode), qd, an, ns, ar)


def send(port, packets):
    socks = []
    for p in packets:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.sendto(p, ("127.0.0.1", port))
        socks.append(s)
    replies = {}
    deadline = time.monotonic() + 1.0
    while len(replies) < len(socks):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select(
            [s for s in socks if s not in replies], [], [], left)
        for s in ready:
            replies[s] = describe(s.recv(65535))
    return "\n".join(replies.get(s, "no reply") for s in socks)


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError("connection closed after %d of %d bytes" %
                           (len(buf), n))
        buf += chunk
    return buf


def pipeline(port, names):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    data = b""
    for i, name in enumerate(names, 1):
        q = build(["-i", str(i), name, "A"])
        data += struct.pack("!H", len(q)) + q
    s.sendall(data)
    deadline = time.monotonic() + 5
    lines = []
    for _ in names:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            (n,) = struct.unpack("!H", recv_exact(s, 2))
            lines.append(describe(recv_exact(s, n)))
        except (socket.timeout, EOFError) as e:
            lines.append("no reply (%s)" % e)
            break
    return "\n".join(lines)


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: dnsraw.py build|send|pipeline ...")
    cmd, args = argv[1], argv[2:]
    if cmd == "build":
        print(build(args).hex())
    elif cmd == "send":
        print(send(int(args[0]), [bytes.fromhex(h.strip("-")) for h in args[1:]]))
    elif cmd == "pipeline":
        print(pipeline(int(args[0]), args[1:]))
    else:
        sys.exit("dnsraw.py: unknown command " + cmd)


main(sys.argv)
