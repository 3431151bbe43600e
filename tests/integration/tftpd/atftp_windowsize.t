# atftp with RFC 7440 windowsize 1, 16 and 64, get and put, plus tsize
# and timeout.  Uploads with the largest blocks: the receive buffer is
# sized for the window, or the window lowered to what the buffer holds
# (net.core.rmem_max), so the transfer never loses the tail of each window
# and waits for a timeout.
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
for ws in 16 64; do
	atftp --option "windowsize $ws" --put -l "$SRV/big.bin" -r writable.bin \
		127.0.0.1 $PORT || fail "put windowsize $ws"
	same "$SRV/big.bin" "$SRV/writable.bin"
done
# 8 MB in blocks of 65464: at one timeout a window it would take minutes;
# the bound is generous, the transfer should take well under a second.
head -c 8000000 /dev/urandom > up.bin
n=0
for ws in 16 64; do
	n=$((n + 1))
	: > "$SRV/writable.bin"
	t0=$(date +%s%N)
	atftp --trace --option "blksize 65464" --option "windowsize $ws" \
		--put -l up.bin -r writable.bin 127.0.0.1 $PORT \
		> "ptrace.$ws" 2>&1 || { tail "ptrace.$ws"; fail "put 65464 x $ws"; }
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	same up.bin "$SRV/writable.bin"
	note "blksize 65464 windowsize $ws upload: ${ms} ms"
	[ "$ms" -lt 20000 ] || fail "blksize 65464 windowsize $ws upload took ${ms} ms"
	wait_logged "write \"writable.bin\" octet options blksize=65464,windowsize=[0-9]+.*: 8000000 bytes .*: ok" "$n" "upload logged"
done
atftp_get 2K.bin t.bin "tsize 0" "timeout 2" > trace.ts 2>&1 || fail "tsize"
same t.bin "$SRV/2K.bin"
assert_file_match "OACK <.*tsize: 2048," trace.ts "tsize reports the size"
assert_file_match "OACK <.*timeout: 2," trace.ts "timeout acknowledged"
# tsize on an upload: the size the client announces is echoed (RFC 2349).
atftp --trace --option "tsize 0" --put -l "$SRV/medium.bin" -r writable.bin \
	127.0.0.1 $PORT > trace.pts 2>&1 || { cat trace.pts; fail "put tsize"; }
same "$SRV/medium.bin" "$SRV/writable.bin"
assert_file_match "OACK <.*tsize: 100000," trace.pts "upload tsize echoed"
