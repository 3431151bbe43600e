# The manual's rules: only world-readable files are read; without -c only
# existing world-writable files are written; -c creates with the -U umask,
# whatever umask tftpd inherited.  A write request empties the file only
# when the client's first DATA block comes: one never followed by DATA
# (a forged request, a client gone) leaves the file as it was.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd -T 100ms
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
# A write request and then silence: ACK 0, its retransmissions, the end.
c = Client(PORT)
c.request(WRQ, "writable.bin")
c.expect(ACK, 0, what="wrq ack 0")
while c.recv(1.0) is not None:
    pass
'
wait_logged "write \"writable.bin\" .*failed: timed out" 1 "silent writer given up"
assert_eq "old" "$(cat "$SRV/writable.bin")" "file intact after a WRQ without DATA"
raw '
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

stop_tftpd
mkdir "$SRV/incoming" && chmod 777 "$SRV/incoming"
# create NAME: a 512-byte upload that creates incoming/NAME.
create() {
	raw '
c = Client(PORT)
c.request(WRQ, "incoming/" + ARGS[0])
c.expect(ACK, 0, what="create")
c.data(1, b"x" * 512)
c.expect(ACK, 1)
c.data(2, b"")
c.expect(ACK, 2)
' "$1"
}
# mode_is NAME MODE: incoming/NAME has MODE, 512 bytes, and belongs to
# nobody (the user tftpd became).
mode_is() {
	_f=$SRV/incoming/$1
	[ "$(stat -c %a "$_f")" = "$2" ] ||
		fail "$1: created mode $(stat -c %a "$_f"), want $2"
	[ "$(stat -c %s "$_f")" = 512 ] || fail "$1: created size"
	[ "$(stat -c %U "$_f")" = nobody ] ||
		fail "$1: created by $(stat -c %U "$_f"), want nobody"
}
start_tftpd -c -U 027
create new.bin
mode_is new.bin 640
stop_tftpd
# -U 000 under an inherited umask of 022: the files are 0666 all the
# same.
umask 022
start_tftpd -c -U 000
create open.bin
mode_is open.bin 666
