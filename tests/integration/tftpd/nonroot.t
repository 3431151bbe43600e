# Started by an ordinary user, tftpd cannot chroot: openat2 alone
# confines every path to -s, with the same refusals and the same symlink
# rules as under root, and uploads work to what that user may write.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp setpriv
make_tree
ln -s /sub/deep.txt "$SRV/abs-in"
chmod 755 "$T/client"
start_daemon tftpd setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$TFTPD" -L -v -a "127.0.0.1:$PORT" -s "$SRV"
TFTPD_PID=$LAST_PID
wait_udp "$PORT"
pid=$(pgrep -x tftpd) || fail "no tftpd"
assert_eq "$(id -u nobody)" "$(awk '/^Uid:/ { print $2 }' /proc/$pid/status)" "running as nobody"
assert_eq "/" "$(readlink /proc/$pid/root)" "no chroot"
raw '
for name in ["../outside.txt", "sub/../../outside.txt", "/etc/passwd",
             T + "/outside.txt", "a\\\\b"]:
    c = Client(PORT)
    c.request(RRQ, name)
    c.expect_error(2, name)
for name in ["link-out"]:
    c = Client(PORT)
    c.request(RRQ, name)
    c.expect_error(1, name)
c = Client(PORT)
c.request(RRQ, "abs-in")
op, block, payload = c.expect(DATA, 1, what="absolute link inside")
assert payload == b"deep\n", payload
c.ack(1)
'
cd "$T/client" || fail "cd"
head -c 5000 /dev/urandom > up.bin
chmod 644 up.bin
atftp --put -l up.bin -r writable.bin 127.0.0.1 $PORT || fail "put as nobody"
same up.bin "$SRV/writable.bin"
wait_logged "write \"writable\.bin\" octet options -: 5000 bytes .*: ok" 1 "upload logged"
