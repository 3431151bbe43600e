# inetd `wait` mode behind our inetd (a "dgram udp wait" line): the
# request is taken from fd 0, the transfer runs in a child on a socket of
# its own, and the first process exits at once, so inetd serves the next
# request while the first transfer goes on.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp tftp python3
make_tree
head -c 3000000 /dev/urandom > "$SRV/big.bin"
chmod 644 "$SRV/big.bin"
start_inetd_tftpd
cd "$T/client" || fail "cd"
tftp 127.0.0.1 $PORT -m binary -c get medium.bin m.bin || fail "tftp-hpa get"
same m.bin "$SRV/medium.bin"
head -c 4321 /dev/urandom > up.bin
tftp 127.0.0.1 $PORT -m binary -c put up.bin writable.bin || fail "tftp-hpa put"
same up.bin "$SRV/writable.bin"
atftp --option "blksize 1428" --option "windowsize 16" --get -r big.bin \
	-l b.bin 127.0.0.1 $PORT || fail "atftp windowsize"
same b.bin "$SRV/big.bin"
# Two transfers at once through the one port.
atftp --option "windowsize 16" --get -r medium.bin -l w.bin 127.0.0.1 $PORT &
p1=$!
atftp --option "blksize 1428" --get -r medium.bin -l x.bin 127.0.0.1 $PORT &
p2=$!
wait $p1 || fail "first concurrent get"
wait $p2 || fail "second concurrent get"
same w.bin "$SRV/medium.bin"
same x.bin "$SRV/medium.bin"
# A transfer held open (no ACK) does not block the port: the next request
# is answered while it waits.
raw '
a = Client(PORT, timeout=5)
a.request(RRQ, "medium.bin")
a.expect(DATA, 1)
b = Client(PORT, timeout=5)
b.request(RRQ, "small.txt")
op, blk, payload = b.expect(DATA, 1)
assert payload == b"hello, tftp\n"
b.ack(1)
a.ack(1)
a.expect(DATA, 2)
a.send_raw(b"\0\5\0\0done\0")
c = Client(PORT)
c.request(RRQ, "small.txt", mode="mail")
c.expect_error(4)
c = Client(PORT)
c.request(RRQ, "../outside.txt")
c.expect_error(2)
'
exited_ok() {
	[ "$(grep -Ec "$PORT/udp: pid [0-9]+ exited 0 after" "$T/inetd.log")" -ge 9 ]
}
wait_until 5 exited_ok
grep -E 'pid [0-9]+ (exited [1-9]|killed)' "$T/inetd.log" && fail "a tftpd failed"
# Nothing was written to the client through stderr (fd 2 is the socket):
# every packet above parsed as TFTP, and a usage error goes to syslog.
raw '
c = Client(PORT)
c.send_raw(b"\0\1small.txt\0octet\0")
c.expect(DATA, 1)
c.ack(1)
'
