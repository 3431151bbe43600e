# get_put_tftp_hpa.t again, with ours behind our inetd (a `wait` line).
MODE=inetd
. "$TOP/tests/integration/tftpd/get_put_tftp_hpa.t"
