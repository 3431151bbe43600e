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
#   dnsraw.py tcpsend PORT HEX...
#       for each HEX, a TCP connection of its own carrying it as one frame
#       (its 2-byte length first); print a line for each, in order: the
#       reply described as send does, "closed" when the server closed
#       the connection without one, "no reply" after 1.5 s of nothing
#   dnsraw.py idle PORT [HEX]
#       connect over TCP from 127.0.0.4, send the bytes of HEX (a
#       partial frame, say),
#       then nothing; print how many seconds passed until the server
#       closed the connection ("open" after 20 s)
#   dnsraw.py tcpcap PORT N NAME
#       hold N TCP connections from 127.0.0.1, ask NAME A on each and
#       print "answered K of N"; then, still holding them, ask over TCP
#       from 127.0.0.2 and from 127.0.0.1 again, and after closing them
#       from 127.0.0.1 once more, a line each: "127.0.0.2: ...",
#       "127.0.0.1 held: ...", "127.0.0.1 released: ..." (a reply as
#       send describes it, or "no reply (why)")
#   dnsraw.py flood PORT NAME SECONDS
#       ask NAME A over UDP again and again for SECONDS, one query at a
#       time, each given a second; print "sent N answered N good N"
#       (good: NOERROR with aa and an answer), then the first few bad
#       replies
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


def tcp_ask(port, name, src="127.0.0.1", ident=1):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=3,
                                     source_address=(src, 0))
    except OSError as e:
        return "no reply (%s)" % e
    try:
        q = build(["-i", str(ident), name, "A"])
        s.sendall(struct.pack("!H", len(q)) + q)
        (n,) = struct.unpack("!H", recv_exact(s, 2))
        return describe(recv_exact(s, n))
    except (OSError, EOFError) as e:
        return "no reply (%s)" % e
    finally:
        s.close()


def tcpsend(port, packets):
    socks = []
    for p in packets:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        s.sendall(struct.pack("!H", len(p)) + p)
        socks.append(s)
    # All at once: the silences are waited for together.
    bufs = {s: b"" for s in socks}
    done = {}
    deadline = time.monotonic() + 1.5
    while len(done) < len(socks):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select(
            [s for s in socks if s not in done], [], [], left)
        for s in ready:
            try:
                chunk = s.recv(65537)
            except OSError:
                chunk = b""
            if not chunk:
                done[s] = "closed"
                continue
            bufs[s] += chunk
            b = bufs[s]
            if len(b) >= 2 and len(b) >= 2 + struct.unpack("!H", b[:2])[0]:
                done[s] = describe(b[2:])
    for s in socks:
        s.close()
    return "\n".join(done.get(s, "no reply") for s in socks)


def idle(port, data):
    # From an address of its own: the per-source cap that tcpcap fills
    # from 127.0.0.1 at the same time must not close it.
    s = socket.create_connection(("127.0.0.1", port), timeout=20,
                                 source_address=("127.0.0.4", 0))
    start = time.monotonic()
    if data:
        s.sendall(data)
    try:
        while s.recv(4096):
            pass
    except socket.timeout:
        return "open"
    except OSError:
        pass
    return "%.1f" % (time.monotonic() - start)


def tcpcap(port, n, name):
    held = []
    answered = 0
    for i in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
        except OSError:
            continue
        held.append(s)
        q = build(["-i", str(i + 1), name, "A"])
        try:
            s.sendall(struct.pack("!H", len(q)) + q)
            (m,) = struct.unpack("!H", recv_exact(s, 2))
            recv_exact(s, m)
            answered += 1
        except (OSError, EOFError):
            pass
    lines = ["answered %d of %d" % (answered, n),
             "127.0.0.2: " + tcp_ask(port, name, "127.0.0.2"),
             "127.0.0.1 held: " + tcp_ask(port, name)]
    for s in held:
        s.close()
    # The server sees the closes as it reads them: give it a moment,
    # bounded, for its count to drop.
    deadline = time.monotonic() + 5
    while True:
        r = tcp_ask(port, name)
        if not r.startswith("no reply") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    lines.append("127.0.0.1 released: " + r)
    return "\n".join(lines)


def flood(port, name, seconds):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect(("127.0.0.1", port))
    sent = answered = good = 0
    bad = []
    end = time.monotonic() + seconds
    ident = 0
    while time.monotonic() < end:
        ident = (ident + 1) & 0xffff
        s.send(build(["-i", str(ident), "-f", "0", name, "A"]))
        sent += 1
        s.settimeout(1.0)
        try:
            while True:
                reply = s.recv(65535)
                if reply[:2] == struct.pack("!H", ident):
                    break
        except socket.timeout:
            bad.append("query %d: no reply" % sent)
            continue
        answered += 1
        flags = struct.unpack("!H", reply[2:4])[0]
        an = struct.unpack("!H", reply[6:8])[0]
        if (flags & 15) == 0 and (flags & 0x0400) and an > 0:
            good += 1
        else:
            bad.append("query %d: %s" % (sent, describe(reply)))
    return "\n".join(["sent %d answered %d good %d" % (sent, answered, good)]
                     + bad[:5])


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: dnsraw.py build|send|tcpsend|pipeline|idle|tcpcap|flood ...")
    cmd, args = argv[1], argv[2:]
    if cmd == "build":
        print(build(args).hex())
    elif cmd == "send":
        print(send(int(args[0]), [bytes.fromhex(h.strip("-")) for h in args[1:]]))
    elif cmd == "pipeline":
        print(pipeline(int(args[0]), args[1:]))
    elif cmd == "tcpsend":
        print(tcpsend(int(args[0]),
                      [bytes.fromhex(h.strip("-")) for h in args[1:]]))
    elif cmd == "idle":
        print(idle(int(args[0]), bytes.fromhex(args[1]) if len(args) > 1
                   else b""))
    elif cmd == "tcpcap":
        print(tcpcap(int(args[0]), int(args[1]), args[2]))
    elif cmd == "flood":
        print(flood(int(args[0]), args[1], float(args[2])))
    else:
        sys.exit("dnsraw.py: unknown command " + cmd)


main(sys.argv)
