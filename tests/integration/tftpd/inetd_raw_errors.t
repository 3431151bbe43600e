# raw_errors.t again, with ours behind our inetd (a `wait` line).
MODE=inetd
. "$TOP/tests/integration/tftpd/raw_errors.t"
