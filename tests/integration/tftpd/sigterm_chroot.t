# Started as root with -s, tftpd chroots into the served directory; it
# still exits at once, with status 0, on SIGTERM (standalone) or once its
# transfer ends (under inetd).  In a sanitizer build (make check
# SANITIZE=1) this is where LeakSanitizer's check at exit cannot work, with
# no /proc in the chroot: tftpd turns the check off itself there, instead
# of failing at exit or spinning for ever over a report it cannot write
# (the driver's log_path is outside the chroot).  So the check is on
# here, whatever ASAN_OPTIONS the case was given.
. "$TOP/tests/integration/tftpd/common.sh"
export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=1"
make_tree

# exited PID: true once PID is gone or a zombie.
exited() {
	[ ! -e "/proc/$1" ] || grep -q '^[0-9]* (.*) Z' "/proc/$1/stat"
}

start_tftpd
assert_eq "$SRV" "$(readlink "/proc/$TFTPD_PID/root")" "chrooted"
raw '
c = Client(PORT)
c.request(RRQ, "small.txt")
op, block, payload = c.expect(DATA, 1)
assert payload == b"hello, tftp\n", payload
c.ack(1)
'
wait_logged 'read "small\.txt" .*: ok' 1 "the transfer"
kill -TERM "$TFTPD_PID"
eventually 10 exited "$TFTPD_PID" ||
	{ kill -KILL "$TFTPD_PID"; fail "tftpd still running 10 s after SIGTERM"; }
wait "$TFTPD_PID"
assert_eq 0 "$?" "exit status after SIGTERM"

# Under inetd, the process that served the transfer ends with it.
MODE=inetd
TFTPD_LOG=$T/syslog.log
LOGP='tftpd\[[0-9]+\]: '
start_inetd_tftpd
raw '
c = Client(PORT)
c.request(RRQ, "small.txt")
op, block, payload = c.expect(DATA, 1)
c.ack(1)
'
wait_logged "${LOGP}.*read \"small\.txt\" .*: ok" 1 "the transfer under inetd"
eventually 10 sh -c '! pgrep -x tftpd' ||
	{ pgrep -a tftpd; fail "tftpd still running 10 s after its transfer"; }
