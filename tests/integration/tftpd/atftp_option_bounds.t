# atftp's option boundary cases: blksize 7 and 65465, timeout 0 and 256
# fail negotiation (ERROR 8); the limits themselves are accepted.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
start_tftpd
cd "$T/client" || fail "cd"
for o in "blksize 7" "blksize 65465" "timeout 0" "timeout 256" \
	"windowsize 0" "windowsize 65536"; do
	atftp_get 2K.bin out "$o" > trace 2>&1 && fail "$o was accepted"
	assert_file_match "error received from server <[a-z]+ out of range>" trace "$o refused"
done
for o in "blksize 8" "blksize 65464" "timeout 1" "timeout 255" \
	"windowsize 1" "windowsize 65535"; do
	atftp_get 2K.bin out "$o" > trace 2>&1 || { cat trace; fail "$o refused"; }
	same out "$SRV/2K.bin"
done
# The raw view: the error code on the wire is 8.
raw '
c = Client(PORT)
c.request(RRQ, "2K.bin", opts=[("blksize", "7")])
c.expect_error(8, "blksize 7")
c = Client(PORT)
c.request(RRQ, "2K.bin", opts=[("timeout", "256")])
c.expect_error(8, "timeout 256")
'
