#!/usr/bin/env python3
# responder.py: answers ICMP echo requests from a raw socket, with the
# replies damaged on purpose, so ping's checks can be seen at work.
#
# usage: responder.py MODE[,MODE...]
#   the request with icmp_seq n gets MODES[(n - 1) % len(MODES)]:
#   ok        a correct reply
#   data      byte 20 of the data replaced by 0xff (checksum right)
#   checksum  a correct reply with a wrong checksum
#   truncate  the data cut to 20 bytes (checksum right)
#   dup       two correct replies
#   unreach   an ICMP port unreachable quoting the request, no reply
#   none      nothing
# Prints "ready" once listening.  The kernel's own replies must be off
# (net.ipv4.icmp_echo_ignore_all=1).
import socket
import struct
import sys

def checksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF

def icmp(type_, code, rest, data):
    head = struct.pack("!BBH", type_, code, 0) + rest
    c = checksum(head + data)
    return struct.pack("!BBH", type_, code, c) + rest + data

modes = sys.argv[1].split(",")
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
print("ready", flush=True)
while True:
    pkt, (src, _) = s.recvfrom(65535)
    ihl = (pkt[0] & 15) * 4
    msg = pkt[ihl:]
    if len(msg) < 8 or msg[0] != 8:
        continue
    ident, seq = struct.unpack("!HH", msg[4:8])
    data = msg[8:]
    mode = modes[(seq - 1) % len(modes)]
    rest = msg[4:8]
    if mode == "none":
        continue
    if mode == "unreach":
        s.sendto(icmp(3, 3, b"\0\0\0\0", pkt[:ihl + 8]), (src, 0))
        continue
    if mode == "data" and len(data) > 20:
        data = data[:20] + b"\xff" + data[21:]
    if mode == "truncate":
        data = data[:20]
    reply = icmp(0, 0, rest, data)
    if mode == "checksum":
        reply = reply[:2] + bytes([reply[2] ^ 0x5a]) + reply[3:]
    s.sendto(reply, (src, 0))
    if mode == "dup":
        s.sendto(reply, (src, 0))

