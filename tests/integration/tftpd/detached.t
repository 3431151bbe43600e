# -l detaches: the command returns once the daemon runs in the background,
# logging to syslog.  -P writes its pid (the detached process's), locks
# the file so that a second copy refuses to start, and takes a stale file
# left by a dead one.  At exit the pidfile is removed, even though tftpd
# has chrooted and become nobody since: through the directory it opened
# first, when nobody may remove files there (a directory of its own, as
# /run/tftpd); where it may not, the file is emptied so no stale pid
# remains.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
capture_syslog
TFTPD_LOG=$T/syslog.log
LOGP='tftpd\[[0-9]+\]: '
mkdir "$T/run" "$T/own"
chmod 755 "$T/run"
chown nobody "$T/own"
echo 99999 > "$T/run/tftpd.pid"
cd "$T/client" || fail "cd"

# detach PIDFILE PORT: tftpd -l; sets $pid from the pidfile.
detach() {
	"$TFTPD" -l -v -a "127.0.0.1:$2" -s "$SRV" -P "$1" > "$T/detach.out" 2>&1 ||
		{ cat "$T/detach.out"; fail "tftpd -l exited $?"; }
	pid=$(cat "$1")
	_pids="$_pids $pid"
	kill -0 "$pid" 2>/dev/null || fail "no process $pid from $1"
	wait_udp "$2"
}

detach "$T/run/tftpd.pid" $PORT
[ -s "$T/detach.out" ] && fail "tftpd -l wrote to the terminal: $(cat "$T/detach.out")"
assert_eq "$(id -u nobody)" "$(awk '/^Uid:/ { print $2 }' /proc/$pid/status)" "detached, as nobody"
assert_eq "$SRV" "$(readlink /proc/$pid/root)" "detached, chrooted"
[ "$(awk '{ print $6 }' /proc/$pid/stat)" = "$pid" ] || fail "not a session leader"
atftp --get -r small.txt -l s 127.0.0.1 $PORT || fail "get from the detached tftpd"
same s "$SRV/small.txt"
wait_logged "${LOGP}127\.0\.0\.1:[0-9]+ read \"small\.txt\" octet options -: 12 bytes" 1 "transfer logged to syslog"
# A second copy on the same pidfile is refused, naming the running pid.
"$TFTPD" -L -a "127.0.0.1:$((PORT + 1))" -s "$SRV" -P "$T/run/tftpd.pid" \
	> second.out 2>&1 && fail "a second tftpd started on a locked pidfile"
assert_file_match "already locked by running pid $pid" second.out "second copy's message"
kill -TERM "$pid"
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null"
[ -e "$T/run/tftpd.pid" ] || fail "pidfile in a root-owned directory removed by nobody?"
[ -s "$T/run/tftpd.pid" ] && fail "stale pid left: $(cat "$T/run/tftpd.pid")"

detach "$T/own/tftpd.pid" $((PORT + 2))
kill -TERM "$pid"
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null"
wait_until 5 sh -c "! test -e '$T/own/tftpd.pid'"
