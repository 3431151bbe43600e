# stray_packets.t again, with ours behind our inetd (a `wait` line): the
# tftpd started for a stray stays on the port for those that follow, so
# the same limit holds.
MODE=inetd
. "$TOP/tests/integration/tftpd/stray_packets.t"
