# Under inetd, -m and -M do not apply: each request has processes of its
# own.  With a `wait` line, a request the client sends again after the
# first tftpd has read it and exited starts a second transfer, from a
# second transfer ID.  inetd's limits bound both, with a `nowait` line
# and -N (the process inetd starts is the transfer): .max caps the
# tftpd processes running at once (the next request waits in the queue),
# .per-source those of one client (a request over it is dropped, and the
# client's own resend is one).
MODE=inetd
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
capture_syslog
cat > "$T/inetd.conf" <<CONF
127.0.0.1:$PORT dgram udp wait root $TFTPD tftpd -v -T 5s -s $SRV
127.0.0.1:$((PORT + 1)) dgram udp nowait.2 root $TFTPD tftpd -N -v -T 5s -s $SRV
127.0.0.1:$((PORT + 2)) dgram udp nowait.0.1 root $TFTPD tftpd -N -v -T 5s -s $SRV
CONF
start_daemon inetd "$INETD" -d -l -R 0 "$T/inetd.conf"
INETD_PID=$LAST_PID
wait_udp "$((PORT + 2))"

note "wait: a request sent again after tftpd exited is a second transfer"
raw '
import socket
c = Client(PORT)
c.request(RRQ, "medium.bin")
c.expect(DATA, 1)
first = c.peer
c.peer = None
c.request(RRQ, "medium.bin")
op, block, _ = c.recv(5.0) or (None, None, None)
assert (op, block) == (DATA, 1), (op, block)
second = c.peer
assert second != first, "the second answer came from the first transfer id"
for tid in (first, second):
    c.send_raw(b"\0\5\0\0bye\0", to=tid)
'

note "nowait.2 with -N: two tftpd at most, the third request waits"
raw '
import subprocess, time
held = []
for i in range(2):
    c = Client(PORT + 1, timeout=5)
    c.request(RRQ, "medium.bin")
    c.expect(DATA, 1, what="transfer %d" % i)
    held.append(c)
def running():
    return int(subprocess.run(["pgrep", "-c", "-P", ARGS[0],
                               "-x", "tftpd"], capture_output=True,
                              text=True).stdout or 0)
assert running() == 2, "%d tftpd running, want 2" % running()
third = Client(PORT + 1, timeout=5)
third.request(RRQ, "small.txt")
third.expect_silence(1.0, "a third transfer while two run")
held[0].send_raw(b"\0\5\0\0bye\0")
op, block, payload = third.expect(DATA, 1, timeout=10,
                                  what="the third once one ended")
assert payload == b"hello, tftp\n"
assert running() <= 2, "%d tftpd running, want 2" % running()
third.ack(1)
held[1].send_raw(b"\0\5\0\0bye\0")
' "$INETD_PID"

note "nowait.0.1 with -N: one transfer per client, its resend dropped"
raw '
import socket
c = Client(PORT + 2, timeout=5)
c.request(RRQ, "medium.bin")
c.expect(DATA, 1)
first = c.peer
c.request(RRQ, "medium.bin")
# Anything from another transfer id fails recv(); -T 5s: nothing from
# the first either, this soon.
c.peer = first
c.expect_silence(1.0, "the resend")
other = Client(PORT + 2)
other.sock.close()
other.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
other.sock.bind(("127.0.0.2", 0))
other.request(RRQ, "small.txt")
other.expect(DATA, 1, what="another client")
other.ack(1)
c.send_raw(b"\0\5\0\0bye\0", to=first)
'
wait_until 10 grep -Eq "$((PORT + 2))/udp: refused 127\.0\.0\.1: too many connections from this source" "$T/inetd.log"
