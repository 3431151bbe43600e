# IPv6: standalone on [::1], and the default dual-stack socket (a port
# operand, no -a) serving IPv4 and IPv6 clients alike.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp tftp
make_tree
addrconfig_shim
start_daemon tftpd6 "$TFTPD" -L -v -a "[::1]:$PORT" -s "$SRV"
p=$LAST_PID
wait_udp "$PORT"
cd "$T/client" || fail "cd"
tftp -6 ::1 $PORT -m binary -c get medium.bin a.bin || fail "tftp-hpa v6"
same a.bin "$SRV/medium.bin"
atftp --option "windowsize 8" --get -r medium.bin -l b.bin ::1 $PORT ||
	fail "atftp v6"
same b.bin "$SRV/medium.bin"
raw '
c = Client(PORT, host="::1")
c.request(RRQ, "../outside.txt")
c.expect_error(2)
'
stop_daemon "$p"
start_daemon tftpd46 "$TFTPD" -s "$SRV" -v "$PORT"
wait_udp "$PORT"
tftp -6 ::1 $PORT -m binary -c get medium.bin c.bin || fail "dual-stack v6"
same c.bin "$SRV/medium.bin"
tftp 127.0.0.1 $PORT -m binary -c get medium.bin d.bin || fail "dual-stack v4"
same d.bin "$SRV/medium.bin"
assert_file_match '^tftpd: 127\.0\.0\.1:[0-9]+ read' "$T/tftpd46.log" "v4 peer logged plainly"
