# atftp with blksize 8, 512, 1428 and 65464 (RFC 2348), get and put.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
start_tftpd
cd "$T/client" || fail "cd"
for bs in 8 512 1428 65464; do
	atftp_get medium.bin "m.$bs" "blksize $bs" > "trace.$bs" 2>&1 ||
		{ cat "trace.$bs"; fail "get blksize $bs"; }
	same "m.$bs" "$SRV/medium.bin"
	assert_file_match "OACK <.*blksize: $bs," "trace.$bs" "OACK for $bs"
done
head -c 300000 /dev/urandom > up.bin
atftp --option "blksize 1428" --put -l up.bin -r writable.bin 127.0.0.1 $PORT ||
	fail "put blksize 1428"
same up.bin "$SRV/writable.bin"
# -B caps what is granted; the OACK says the smaller value.
stop_daemon "$TFTPD_PID"
start_tftpd -B 1024
atftp_get medium.bin capped "blksize 65464" > trace.cap 2>&1 || fail "capped get"
same capped "$SRV/medium.bin"
assert_file_match "OACK <.*blksize: 1024," trace.cap "OACK capped by -B"
