# Daemon mode through the rc script: inetd detaches, writes its pidfile,
# logs to syslog, survives repeated SIGHUPs (inetutils' inetd.sh), refuses
# a second copy, and on SIGTERM closes its sockets and removes the pidfile.
# Syslog messages carry the facility LOG_DAEMON.
. "$TOP/tests/integration/inetd/common.sh"
capture_syslog
script=$(rc_script inetd -e "s|@SBINDIR@|$TOP/sbin/inetd|g")
cat > "$T/inetd.conf" <<CONF
echo  stream tcp nowait root internal
10023 stream tcp nowait nobody /usr/bin/id id -un
CONF
export inetd_conf="$T/inetd.conf" inetd_pidfile="$T/inetd.pid" inetd_flags="-l"
rc() {
	sh "$script" "$@"
}
out=$(rc status) && fail "status before start: $out"
assert_match '^inetd started \(pid [0-9]+\)$' "$(rc start)" "rc start"
pid=$(cat "$T/inetd.pid")
assert_eq "inetd is running (pid $pid)" "$(rc status)" "rc status"
assert_eq "1" "$(ps -o ppid= -p "$pid" | tr -d ' ')" "inetd detached (reparented)"
[ "$(ps -o sid= -p "$pid" | tr -d ' ')" = "$pid" ] || fail "inetd leads its own session"
assert_eq hi "$(tcp 127.0.0.1 7 hi)" "echo in daemon mode"
wait_until 5 grep -Eq "inetd\[$pid\]: started: $T/inetd.conf" "$T/syslog.log"
# The <pri> of a syslog message is facility * 8 + severity: LOG_DAEMON is
# facility 3, and "started" is a notice (5).
pri=$(sed -n "s/^<\([0-9]*\)>.*inetd\[$pid\]: started: .*/\1/p" "$T/syslog.log" | head -n 1)
assert_eq "3 5" "$((pri / 8)) $((pri % 8))" "facility and severity of the start message"

note "a second copy is refused"
out=$("$INETD" -p "$T/inetd.pid" "$T/inetd.conf" 2>&1) && fail "second inetd started"
assert_match "already locked by running pid $pid" "$out" "second copy"
assert_eq "inetd is already running (pid $pid)" "$(rc start)" "rc start again"

note "repeated reloads"
for i in 1 2 3 4 5; do
	assert_match "^inetd reloaded" "$(rc reload)" "reload $i"
	wait_until 5 sh -c "[ \$(grep -c 'reloaded $T/inetd.conf' '$T/syslog.log') -ge $i ]"
	assert_eq nobody "$(tcp 127.0.0.1 10023)" "service after reload $i"
done
echo "broken line" >> "$T/inetd.conf"
out=$(rc reload) && fail "rc reload accepted a broken file: $out"
assert_match "inetd: not reloaded" "$out" "rc reload refuses"
assert_match "inetd.conf:3: " "$(rc check 2>&1)" "rc check names the line"
assert_eq hi "$(tcp 127.0.0.1 7 hi)" "still serving"

note "stop"
assert_eq "inetd stopped" "$(rc stop)" "rc stop"
[ -e "$T/inetd.pid" ] && fail "pidfile left behind"
tcp_listening 7 && fail "echo still listens"
out=$(rc status) && fail "status after stop: $out"
wait_until 5 grep -q "inetd\[$pid\]: exiting on signal 15" "$T/syslog.log"
