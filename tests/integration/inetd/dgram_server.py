#!/usr/bin/env python3
"""A datagram server for the inetd cases; inetd starts it with the socket
on fd 0.  Each answer is "PID DATA" (or the environment, for env).

  dgram_server.py once            answer one datagram and exit (NetBSD's
                                  test_server in dgram mode)
  dgram_server.py linger SECONDS  answer one datagram, exit SECONDS later
  dgram_server.py idle SECONDS    answer every datagram until none comes
                                  for SECONDS, as tftpd does, or until one
                                  says "bye"
  dgram_server.py env             answer one datagram with the environment
"""
import os
import select
import socket
import sys
import time


def answer(s):
    """Answers one datagram; False when it said "bye"."""
    data, peer = s.recvfrom(2048)
    if sys.argv[1] == "env":
        reply = "".join("%s=%s\n" % kv for kv in sorted(os.environ.items()))
        s.sendto(reply.encode(), peer)
    else:
        s.sendto(b"%d %s" % (os.getpid(), data), peer)
    return data != b"bye"


def main():
    s = socket.socket(fileno=0)
    mode = sys.argv[1]
    if mode == "idle":
        while select.select([s], [], [], float(sys.argv[2]))[0]:
            if not answer(s):
                return
        return
    answer(s)
    if mode == "linger":
        time.sleep(float(sys.argv[2]))


if __name__ == "__main__":
    main()
