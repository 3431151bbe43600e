"""inetd-launcher: a test stand-in for inetd's dgram `wait` semantics.

usage: inetd-launcher.py ADDR PORT PROGRAM ARG...

Binds the UDP socket, waits until a datagram is queued, forks a child
that gets the socket as fds 0-2 (the datagram still queued) and execs
PROGRAM; stops watching until the child exits, then loops.  Prints one
line per spawn, so a case can count them."""
import os
import select
import socket
import sys

addr, port, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((addr, port))
spawns = 0
while True:
    select.select([s], [], [])
    pid = os.fork()
    if pid == 0:
        for fd in range(3):
            os.dup2(s.fileno(), fd)
        os.execv(argv[0], argv[1:])
    spawns += 1
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    print("spawn %d exit %d" % (spawns, code), flush=True)
    if code != 0:
        # What the failed child left queued would wake us at once again.
        s.setblocking(False)
        try:
            s.recv(65536)
        except BlockingIOError:
            pass
        s.setblocking(True)
