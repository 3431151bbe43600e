# FreeBSD's dotdot, abspath and s_flag cases, plus symlinks and
# backslashes: every way out of the served directory a client names is an
# access violation (error 2), and nothing outside is ever sent.  Symlinks
# inside the tree resolve with the tree as the root (RESOLVE_IN_ROOT): an
# absolute link to /pxelinux.cfg/default is the served one, a link to
# /etc/passwd is <root>/etc/passwd, and a link climbing out stops at the
# root.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
mkdir -p "$SRV/pxelinux.cfg" "$SRV/etc"
printf 'DEFAULT linux\n' > "$SRV/pxelinux.cfg/default"
printf 'served passwd\n' > "$SRV/etc/passwd"
chmod 755 "$SRV/pxelinux.cfg" "$SRV/etc"
chmod 644 "$SRV/pxelinux.cfg/default" "$SRV/etc/passwd"
ln -s /pxelinux.cfg/default "$SRV/pxelinux.cfg/01-52-54-00-12-34-56"
ln -s /etc/passwd "$SRV/passwd-link"
ln -s "$T/outside.txt" "$SRV/abs-out"
start_tftpd
raw '
for name in ["../outside.txt", "sub/../../outside.txt", "/etc/passwd",
             "..\\\\outside.txt", "sub\\\\deep.txt",
             "sub/..", T + "/outside.txt"]:
    c = Client(PORT)
    c.request(RRQ, name)
    c.expect_error(2, name)
    c = Client(PORT)
    c.request(WRQ, name)
    c.expect_error(2, "write " + name)
# Links that climb out, or name a host path, find nothing in the tree.
for name in ["link-out", "abs-out"]:
    c = Client(PORT)
    c.request(RRQ, name)
    c.expect_error(1, name)
# Inside: relative, through an inner symlink, and the served directory
# named in full (abspath).
for name in ["small.txt", "link-in", "sub/deep.txt", SRV + "/small.txt"]:
    c = Client(PORT)
    c.request(RRQ, name)
    op, block, payload = c.expect(DATA, 1, what=name)
    c.ack(1)
# Absolute links inside the tree, as PXE trees have them.
for name, want in [("pxelinux.cfg/01-52-54-00-12-34-56", b"DEFAULT linux\n"),
                   ("passwd-link", b"served passwd\n")]:
    c = Client(PORT)
    c.request(RRQ, name)
    op, block, payload = c.expect(DATA, 1, what=name)
    assert payload == want, (name, payload)
    c.ack(1)
'
assert_eq "outside" "$(cat "$T/outside.txt")" "outside file untouched"
