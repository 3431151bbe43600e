# FreeBSD's dotdot, abspath and s_flag cases, plus symlinks and
# backslashes: every way out of the served directory is an access
# violation (error 2), and nothing outside is ever sent.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd
raw '
for name in ["../outside.txt", "sub/../../outside.txt", "/etc/passwd",
             "link-out", "..\\\\outside.txt", "sub\\\\deep.txt",
             "sub/..", "'"$T"'/outside.txt"]:
    c = Client(PORT)
    c.request(RRQ, name)
    c.expect_error(2, name)
    c = Client(PORT)
    c.request(WRQ, name)
    c.expect_error(2, "write " + name)
# Inside: relative, through an inner symlink, and the served directory
# named in full (abspath).
for name in ["small.txt", "link-in", "sub/deep.txt", "'"$SRV"'/small.txt"]:
    c = Client(PORT)
    c.request(RRQ, name)
    op, block, payload = c.expect(DATA, 1, what=name)
    c.ack(1)
'
assert_eq "outside" "$(cat "$T/outside.txt")" "outside file untouched"
