# identd.py USERFILE [LOG]: an ident server (RFC 1413) on 127.0.0.1:113 for
# the access cases.  Each query is answered with the user in USERFILE,
# read afresh each time, or not at all while the file is empty; with LOG,
# each query ("client-port , server-port") is appended to it first.
import socket, sys
userfile = sys.argv[1]
log = sys.argv[2] if len(sys.argv) > 2 else None
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 113))
s.listen(16)
while True:
    c, _ = s.accept()
    q = c.makefile("rb").readline().decode().strip()
    if log:
        with open(log, "a") as f:
            f.write(q + "\n")
    user = open(userfile).read().strip()
    if user:
        c.sendall(("%s : USERID : UNIX : %s\r\n" % (q, user)).encode())
    c.close()
