# The demo's claim (etc/demo/setup, tftpd.conf): uploads land in
# incoming/ and nowhere else, even when make demo runs as a normal user,
# whose tftpd is that user and owns the tree.  Served as in the demo (-c)
# by a tftpd running as the tree's owner.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp setpriv
DEMO=$T/demo "$TOP/etc/demo/setup" || fail "etc/demo/setup"
chown -R nobody "$T/demo"
boot=$T/demo/tftpboot
mkdir -p "$T/client" && cd "$T/client" || fail "cd"
start_daemon tftpd setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$TFTPD" -L -v -c -a "127.0.0.1:$PORT" -s "$boot"
wait_udp "$PORT"
echo upload > up.txt
atftp --put -l up.txt -r incoming/up.txt 127.0.0.1 $PORT ||
	fail "upload to incoming/"
same up.txt "$boot/incoming/up.txt"
for name in up.txt pxelinux.cfg/up.txt; do
	atftp --put -l up.txt -r "$name" 127.0.0.1 $PORT > out 2>&1 &&
		fail "upload to $name accepted"
	[ ! -e "$boot/$name" ] || fail "$name created"
done
atftp --get -r pxelinux.cfg/default -l default 127.0.0.1 $PORT ||
	fail "get pxelinux.cfg/default"
same default "$boot/pxelinux.cfg/default"
chmod -R u+w "$T/demo"
