# Through our inetd (sbin/inetd/inetd): a `dgram udp wait` line for tftpd
# on a test port; get, put and two transfers at once.
. "$TOP/tests/integration/tftpd/common.sh"
[ -x "$INETD" ] || skip "sbin/inetd/inetd is not built yet (inetd comes in its own branch)"
need atftp tftp
make_tree
cat > "$T/inetd.conf" <<CONF
$PORT dgram udp wait root $TFTPD tftpd -v -s $SRV
CONF
start_daemon inetd "$INETD" -d "$T/inetd.conf"
wait_udp "$PORT"
cd "$T/client" || fail "cd"
tftp 127.0.0.1 $PORT -m binary -c get medium.bin m.bin || fail "get via inetd"
same m.bin "$SRV/medium.bin"
head -c 5555 /dev/urandom > up.bin
tftp 127.0.0.1 $PORT -m binary -c put up.bin writable.bin || fail "put via inetd"
same up.bin "$SRV/writable.bin"
atftp --option "windowsize 16" --get -r medium.bin -l w.bin 127.0.0.1 $PORT &
p1=$!
atftp --option "blksize 1428" --get -r medium.bin -l x.bin 127.0.0.1 $PORT &
p2=$!
wait $p1 || fail "first concurrent get"
wait $p2 || fail "second concurrent get"
same w.bin "$SRV/medium.bin"
same x.bin "$SRV/medium.bin"
