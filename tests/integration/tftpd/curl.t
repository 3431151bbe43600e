# curl's tftp:// client: get with and without blksize, and upload.
. "$TOP/tests/integration/tftpd/common.sh"
need curl
make_tree
start_tftpd
cd "$T/client" || fail "cd"
curl -sS -o m.bin "tftp://127.0.0.1:$PORT/medium.bin" || fail "curl get"
same m.bin "$SRV/medium.bin"
curl -sS --tftp-blksize 1428 -o m2.bin "tftp://127.0.0.1:$PORT/medium.bin" ||
	fail "curl get blksize"
same m2.bin "$SRV/medium.bin"
curl -sS --tftp-no-options -o m3.bin "tftp://127.0.0.1:$PORT/medium.bin" ||
	fail "curl get without options"
same m3.bin "$SRV/medium.bin"
head -c 54321 /dev/urandom > up.bin
curl -sS -T up.bin "tftp://127.0.0.1:$PORT/writable.bin" || fail "curl put"
same up.bin "$SRV/writable.bin"
curl -sS -o x "tftp://127.0.0.1:$PORT/missing.bin" 2> err
rc=$?
# 68: "File not found on TFTP server" (curl's exit codes).
assert_eq 68 "$rc" "curl exit status for a missing file"
