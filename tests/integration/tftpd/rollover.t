# timeout: 200
# A 40 MiB file at blksize 512 is 81920 blocks: the block number wraps
# past 65535.  Fetched with atftp and tftp-hpa, compared with cmp.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp tftp
make_tree
head -c $((40 * 1048576)) /dev/urandom > "$SRV/big.bin"
chmod 644 "$SRV/big.bin"
start_tftpd
cd "$T/client" || fail "cd"
atftp --get -r big.bin -l a.bin 127.0.0.1 $PORT || fail "atftp get"
same a.bin "$SRV/big.bin"
rm -f a.bin
tftp 127.0.0.1 $PORT -m binary -c get big.bin h.bin || fail "tftp-hpa get"
same h.bin "$SRV/big.bin"
wait_logged "read \"big.bin\" octet .*: 41943040 bytes .*: ok" 2 \
	"logged as complete"
