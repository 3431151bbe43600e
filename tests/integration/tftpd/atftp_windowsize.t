# atftp with RFC 7440 windowsize 1, 16 and 64, get and put, plus tsize
# and timeout.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
head -c 3000000 /dev/urandom > "$SRV/big.bin"
chmod 644 "$SRV/big.bin"
start_tftpd
cd "$T/client" || fail "cd"
for ws in 1 16 64; do
	atftp_get big.bin "b.$ws" "blksize 1428" "windowsize $ws" \
		> "trace.$ws" 2>&1 || { tail "trace.$ws"; fail "get windowsize $ws"; }
	same "b.$ws" "$SRV/big.bin"
	assert_file_match "OACK <.*windowsize: $ws," "trace.$ws" "OACK windowsize $ws"
done
atftp --option "windowsize 16" --put -l "$SRV/big.bin" -r writable.bin \
	127.0.0.1 $PORT || fail "put windowsize 16"
same "$SRV/big.bin" "$SRV/writable.bin"
atftp_get 2K.bin t.bin "tsize 0" "timeout 2" > trace.ts 2>&1 || fail "tsize"
same t.bin "$SRV/2K.bin"
assert_file_match "OACK <.*tsize: 2048," trace.ts "tsize reports the size"
assert_file_match "OACK <.*timeout: 2," trace.ts "timeout acknowledged"
