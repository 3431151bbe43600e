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
# Uploads: 8-byte blocks are 2500 lock-step blocks here; 65464 is the
# largest datagram there is.
head -c 20000 /dev/urandom > up.8
head -c 300000 /dev/urandom > up.1428
head -c 1000000 /dev/urandom > up.65464
for bs in 8 1428 65464; do
	atftp --trace --option "blksize $bs" --put -l "up.$bs" -r writable.bin \
		127.0.0.1 $PORT > "ptrace.$bs" 2>&1 ||
		{ tail "ptrace.$bs"; fail "put blksize $bs"; }
	same "up.$bs" "$SRV/writable.bin"
	assert_file_match "OACK <.*blksize: $bs," "ptrace.$bs" "put OACK for $bs"
done
# -B caps what is granted; the OACK says the smaller value.
stop_tftpd
start_tftpd -B 1024
atftp_get medium.bin capped "blksize 65464" > trace.cap 2>&1 || fail "capped get"
same capped "$SRV/medium.bin"
assert_file_match "OACK <.*blksize: 1024," trace.cap "OACK capped by -B"
wait_logged "${LOGP}127\.0\.0\.1:[0-9]+ read \"medium\.bin\" octet options blksize=1024 \(asked 65464\): 100000 bytes" 1 "granted blksize logged"
