# The manual's rules: only world-readable files are read; without -c only
# existing world-writable files are written; -c creates with the umask.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd
raw '
c = Client(PORT)
c.request(RRQ, "private.txt")
c.expect_error(2, "rrq_eaccess")
c = Client(PORT)
c.request(RRQ, "missing.txt")
c.expect_error(1, "rrq_nonexistent")
c = Client(PORT)
c.request(RRQ, "sub")
c.expect_error(2, "a directory")
c = Client(PORT)
c.request(WRQ, "readonly.bin")
c.expect_error(2, "wrq_eaccess_world_readable")
c = Client(PORT)
c.request(WRQ, "new.bin")
c.expect_error(1, "wrq_nonexistent without -c")
# wrq_small: a world-writable file is replaced (and truncated).
c = Client(PORT)
c.request(WRQ, "writable.bin")
c.expect(ACK, 0, what="wrq ack 0")
c.data(1, b"new")
c.expect(ACK, 1, what="wrq ack 1")
'
assert_eq "new" "$(cat "$SRV/writable.bin")" "world-writable file replaced"
assert_eq "old" "$(cat "$SRV/readonly.bin")" "read-only file untouched"
[ ! -e "$SRV/new.bin" ] || fail "new.bin created without -c"

stop_daemon "$TFTPD_PID"
mkdir "$SRV/incoming" && chmod 777 "$SRV/incoming"
start_tftpd -c -U 027
raw '
c = Client(PORT)
c.request(WRQ, "incoming/new.bin")
c.expect(ACK, 0, what="create")
c.data(1, b"x" * 512)
c.expect(ACK, 1)
c.data(2, b"")
c.expect(ACK, 2)
'
[ "$(stat -c %a "$SRV/incoming/new.bin")" = 640 ] ||
	fail "created mode $(stat -c %a "$SRV/incoming/new.bin"), want 640"
[ "$(stat -c %s "$SRV/incoming/new.bin")" = 512 ] || fail "created size"
[ "$(stat -c %U "$SRV/incoming/new.bin")" = nobody ] ||
	fail "created by $(stat -c %U "$SRV/incoming/new.bin"), want nobody"
