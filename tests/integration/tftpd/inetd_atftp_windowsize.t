# atftp_windowsize.t again, with ours behind our inetd (a `wait` line).
MODE=inetd
. "$TOP/tests/integration/tftpd/atftp_windowsize.t"
