# The standalone server through its rc script (etc/rc.d/tftpd): start
# detaches and reports the pid, status follows it, a second start is a
# no-op, a start that fails says so with tftpd's reason, restart brings
# up a new process with the same settings, stop ends it and clears the
# pidfile.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
capture_syslog
script=$(rc_script tftpd -e "s|@LIBEXECDIR@/tftpd|$TFTPD|g" -e "s|@RUNDIR@|$T/run|g")
mkdir "$T/run" && chown nobody "$T/run"
rc() {
	sh "$script" "$@"
}
cd "$T/client" || fail "cd"

note "settings from rc.conf.d"
mkdir "$T/rc.conf.d"
echo "tftpd_flags=\"-v -a 127.0.0.1:$PORT -s $SRV -u nobody\"" > "$T/rc.conf.d/tftpd"
out=$(rc status) && fail "status before start: $out"
assert_eq 3 "$(rc status > /dev/null; echo $?)" "status exit code when stopped"
assert_match '^tftpd started \(pid [0-9]+\)$' "$(rc start)" "rc start"
pid=$(cat "$T/run/tftpd.pid")
_pids="$_pids $pid"
assert_eq "tftpd is running (pid $pid)" "$(rc status)" "rc status"
assert_eq "1" "$(ps -o ppid= -p "$pid" | tr -d ' ')" "tftpd detached (reparented)"
assert_eq "$(id -u nobody)" "$(awk '/^Uid:/ { print $2 }' /proc/$pid/status)" "runs as nobody"
wait_udp $PORT
atftp --get -r small.txt -l s 127.0.0.1 $PORT || fail "get through the rc-started tftpd"
same s "$SRV/small.txt"
assert_eq "tftpd is already running (pid $pid)" "$(rc start)" "rc start again"

note "restart"
assert_match '^tftpd stopped$' "$(rc restart | head -n 1)" "restart stops"
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null"
new=$(cat "$T/run/tftpd.pid")
_pids="$_pids $new"
[ "$new" != "$pid" ] || fail "restart kept pid $pid"
assert_eq "tftpd is running (pid $new)" "$(rc status)" "status after restart"
wait_udp $PORT
atftp --get -r medium.bin -l m 127.0.0.1 $PORT || fail "get after restart"
same m "$SRV/medium.bin"

note "stop"
assert_eq "tftpd stopped" "$(rc stop)" "rc stop"
wait_until 5 sh -c "! test -e '$T/run/tftpd.pid'"
out=$(rc status) && fail "status after stop: $out"
assert_eq "tftpd is not running" "$(rc stop)" "rc stop when stopped"

note "a start that fails gives tftpd's reason"
rm "$T/rc.conf.d/tftpd"
tftpd_flags="-a 127.0.0.1:$PORT -s $T/nonexistent" rc start > start.out 2>&1 &&
	fail "rc start succeeded without a served directory: $(cat start.out)"
assert_file_match "nonexistent" start.out "tftpd's reason"
assert_file_match "^tftpd: not started$" start.out "rc's verdict"
assert_eq 2 "$(rc bogus > /dev/null 2>&1; echo $?)" "usage exit code"
