# tftp-hpa get and put, octet and netascii, against ours standalone.
. "$TOP/tests/integration/tftpd/common.sh"
need tftp
make_tree
start_tftpd
cd "$T/client" || fail "cd"
tftp 127.0.0.1 $PORT -m binary -c get medium.bin || fail "get medium.bin"
same medium.bin "$SRV/medium.bin"
tftp 127.0.0.1 $PORT -m binary -c get empty.bin || fail "get empty.bin"
same empty.bin "$SRV/empty.bin"
tftp 127.0.0.1 $PORT -m binary -c get sub/deep.txt deep.txt || fail "get sub/deep.txt"
same deep.txt "$SRV/sub/deep.txt"
# 512 * 200 bytes exactly: the transfer ends with an empty block.
head -c 102400 /dev/urandom > exact.bin
cp exact.bin "$SRV/writable.bin"
tftp 127.0.0.1 $PORT -m binary -c get writable.bin got.bin || fail "get exact"
same got.bin exact.bin
head -c 77777 /dev/urandom > up.bin
tftp 127.0.0.1 $PORT -m binary -c put up.bin writable.bin || fail "put"
same up.bin "$SRV/writable.bin"
printf 'line one\nline two\r\nbare\rcr\n' > text.txt
tftp 127.0.0.1 $PORT -m ascii -c put text.txt writable.bin || fail "put ascii"
same text.txt "$SRV/writable.bin"
tftp 127.0.0.1 $PORT -m ascii -c get writable.bin text.back || fail "get ascii"
same text.txt text.back
