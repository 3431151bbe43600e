# curl.t again, with ours behind our inetd (a `wait` line).
MODE=inetd
. "$TOP/tests/integration/tftpd/curl.t"
