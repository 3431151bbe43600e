#!/usr/bin/env python3
"""A syslog receiver for tests: every message sent to the UNIX datagram
socket SOCKET is appended, one per line, to FILE.

usage: syslogd.py SOCKET FILE
"""
import os
import socket
import sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
with open(sys.argv[2], "ab", buffering=0) as f:
    f.write(b"")
    while True:
        f.write(s.recv(65536).rstrip(b"\0\n") + b"\n")
