#!/usr/bin/env python3
"""Test client for the inetd integration cases.

  client.py tcp HOST PORT [DATA] [--source ADDR] [--timeout S] [--bytes N]
      connect, send DATA (then shut down writing), print what comes back
      until EOF (or N bytes); exit 1 if the connection fails, 2 on timeout
  client.py udp HOST PORT DATA [--sport N] [--source ADDR] [--timeout S]
      send one datagram, print the reply, or "NO REPLY" after the timeout
  client.py many HOST PORT N [--parallel P] [--expect TEXT] [--timeout S]
                 [--until FILE]
      N connections (P at a time), each read to EOF; prints
      "ok=N failed=N slowest=MS p50=MS p95=MS" (latencies in ms); with
      --until, at least N and more until FILE exists
  client.py stall HOST PORT SECONDS
      connect and never read, for at most SECONDS (a slow reader)
  client.py push HOST PORT MEGABYTES SECONDS
      connect and send up to MEGABYTES without ever reading; print
      "stalled N" (bytes sent) once nothing more goes out for a second,
      or "sent N" when everything went, then keep the connection SECONDS
  client.py hold HOST PORT CONTROL [--source ADDR]
      connect and keep the connection; for every line read from the file
      CONTROL (a FIFO), send it and print the reply line
"""
import argparse
import os
import select
import socket
import sys
import threading
import time


def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def connect(host, port, source=None, timeout=5.0):
    s = socket.socket(family_of(host), socket.SOCK_STREAM)
    s.settimeout(timeout)
    if source:
        s.bind((source, 0))
    s.connect((host, port))
    return s


def read_all(s, limit=None):
    chunks = []
    got = 0
    while limit is None or got < limit:
        b = s.recv(65536 if limit is None else min(65536, limit - got))
        if not b:
            break
        chunks.append(b)
        got += len(b)
    return b"".join(chunks)


def cmd_tcp(a):
    try:
        s = connect(a.host, a.port, a.source, a.timeout)
    except OSError as e:
        print("CONNECT FAILED: %s" % e)
        return 1
    try:
        if a.data is not None:
            s.sendall(a.data.encode())
            s.shutdown(socket.SHUT_WR)
        out = read_all(s, a.bytes)
    except socket.timeout:
        print("TIMEOUT")
        return 2
    except (ConnectionResetError, BrokenPipeError, OSError):
        # Refused connections are closed at once: nothing came back.
        out = b""
    sys.stdout.buffer.write(out)
    return 0


def cmd_udp(a):
    s = socket.socket(family_of(a.host), socket.SOCK_DGRAM)
    s.settimeout(a.timeout)
    if a.sport or a.source:
        # The exact loopback address with SO_REUSEADDR: the source port
        # may be one inetd listens on too (the loop guard cases), and a
        # reply sent there must still come to this socket.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        default = "::1" if ":" in a.host else "127.0.0.1"
        s.bind((a.source or default, a.sport or 0))
    s.sendto(a.data.encode(), (a.host, a.port))
    try:
        data, _ = s.recvfrom(65536)
    except socket.timeout:
        print("NO REPLY")
        return 0
    sys.stdout.buffer.write(data)
    return 0


def cmd_many(a):
    lock = threading.Lock()
    stats = {"ok": 0, "failed": 0, "slowest": 0.0}
    times = []
    todo = list(range(a.n))

    def worker():
        while True:
            with lock:
                if todo:
                    todo.pop()
                elif a.until is None or os.path.exists(a.until):
                    return
            t0 = time.monotonic()
            try:
                s = connect(a.host, a.port, timeout=a.timeout)
                out = read_all(s)
                s.close()
                good = a.expect is None or a.expect.encode() in out
            except OSError:
                good = False
            ms = (time.monotonic() - t0) * 1000
            with lock:
                stats["ok" if good else "failed"] += 1
                stats["slowest"] = max(stats["slowest"], ms)
                times.append(ms)

    threads = [threading.Thread(target=worker) for _ in range(a.parallel)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()

    def pct(p):
        return times[min(len(times) - 1, int(len(times) * p))] if times else 0

    print("ok=%d failed=%d slowest=%.0f p50=%.0f p95=%.0f" %
          (stats["ok"], stats["failed"], stats["slowest"], pct(0.5),
           pct(0.95)))
    return 0


def cmd_stall(a):
    s = connect(a.host, a.port)
    print("connected", flush=True)
    time.sleep(a.seconds)
    s.close()
    return 0


def cmd_push(a):
    s = connect(a.host, a.port)
    s.setblocking(False)
    chunk = b"x" * 65536
    total, limit = 0, a.megabytes * 1024 * 1024
    last = time.monotonic()
    while total < limit:
        try:
            total += s.send(chunk)
            last = time.monotonic()
        except BlockingIOError:
            if time.monotonic() - last >= 1.0:
                break
            select.select([], [s], [], 0.1)
    print("%s %d" % ("sent" if total >= limit else "stalled", total),
          flush=True)
    time.sleep(a.seconds)
    s.close()
    return 0


def cmd_hold(a):
    s = connect(a.host, a.port, a.source, timeout=10.0)
    f = s.makefile("rwb", buffering=0)
    print("connected", flush=True)
    with open(a.control) as ctl:
        for line in ctl:
            f.write(line.encode())
            reply = f.readline()
            print(reply.decode().rstrip("\r\n") or "EOF", flush=True)
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("tcp")
    t.add_argument("host")
    t.add_argument("port", type=int)
    t.add_argument("data", nargs="?")
    t.add_argument("--source")
    t.add_argument("--timeout", type=float, default=5.0)
    t.add_argument("--bytes", type=int,
                   help="stop after this many bytes (endless services)")
    u = sub.add_parser("udp")
    u.add_argument("host")
    u.add_argument("port", type=int)
    u.add_argument("data")
    u.add_argument("--sport", type=int)
    u.add_argument("--source")
    u.add_argument("--timeout", type=float, default=1.0)
    m = sub.add_parser("many")
    m.add_argument("host")
    m.add_argument("port", type=int)
    m.add_argument("n", type=int)
    m.add_argument("--parallel", type=int, default=1)
    m.add_argument("--expect")
    m.add_argument("--timeout", type=float, default=10.0)
    m.add_argument("--until")
    st = sub.add_parser("stall")
    st.add_argument("host")
    st.add_argument("port", type=int)
    st.add_argument("seconds", type=float)
    pu = sub.add_parser("push")
    pu.add_argument("host")
    pu.add_argument("port", type=int)
    pu.add_argument("megabytes", type=int)
    pu.add_argument("seconds", type=float)
    h = sub.add_parser("hold")
    h.add_argument("host")
    h.add_argument("port", type=int)
    h.add_argument("control")
    h.add_argument("--source")
    a = p.parse_args()
    return {"tcp": cmd_tcp, "udp": cmd_udp, "many": cmd_many,
            "stall": cmd_stall, "push": cmd_push,
            "hold": cmd_hold}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
