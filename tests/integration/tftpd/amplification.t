# A request from an address that never answers (a forged source) draws
# one window of one block and two retransmissions, however large the
# windowsize it asked for; the transfer then ends.
. "$TOP/tests/integration/tftpd/common.sh"
make_tree
start_tftpd -T 100ms
raw '
c = Client(PORT)
c.request(RRQ, "medium.bin")
n = 0
while c.recv(1.0) is not None:
    n += 1
assert n == 3, n
c = Client(PORT)
c.request(RRQ, "medium.bin", opts=[("windowsize", "64"), ("blksize", "1428")])
n = 0
while True:
    got = c.recv(1.0)
    if got is None:
        break
    assert got[0] == OACK, got[:2]
    n += 1
assert n == 3, n
'
assert_file_match 'read "medium.bin" .*: 0 bytes .*failed: timed out' "$T/tftpd.log" "logged"
