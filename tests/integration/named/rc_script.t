# named through its rc script (etc/rc.d/named): start detaches and
# reports the pid, status follows it, reload after a changed zone serves
# the new data, a reload with a broken boot file is refused with named -n's
# errors and the old data goes on being served, check names the line,
# stop ends it and removes the pidfile, and status then says 3.
NAMED=${NAMED:-$TOP/sbin/named/named}
need dig "$NAMED"
capture_syslog
PORT=10553
script=$(rc_script named -e "s|@SBINDIR@/named|$NAMED|g" -e "s|@RUNDIR@|$T/run|g")
# Started as root, named becomes nobody: the pidfile's directory is
# nobody's so that it can remove the file at exit.
mkdir "$T/run" && chown nobody "$T/run"
rc() {
	sh "$script" "$@"
}
q() {	# NAME TYPE: dig's short answer over UDP
	dig +short +norec +time=2 +tries=1 @127.0.0.1 -p $PORT "$@"
}

cat > "$T/named.boot" <<EOF
directory	$T
primary		rc.test		rc.zone
EOF
zone() {	# SERIAL ADDRESS: write rc.zone
	cat > "$T/rc.zone" <<EOF
\$TTL 300
@	IN	SOA	ns hostmaster $1 3600 600 86400 300
	IN	NS	ns
ns	IN	A	127.0.0.1
www	IN	A	$2
EOF
}
zone 1 192.0.2.1
mkdir "$T/rc.conf.d"
cat > "$T/rc.conf.d/named" <<EOF
named_flags="-p $PORT"
named_boot=$T/named.boot
EOF

note "start"
out=$(rc status) && fail "status before start: $out"
assert_eq 3 "$(rc status > /dev/null; echo $?)" "status exit code when stopped"
assert_match '^named started \(pid [0-9]+\)$' "$(rc start)" "rc start"
pid=$(cat "$T/run/named.pid")
_pids="$_pids $pid"
assert_eq "named is running (pid $pid)" "$(rc status)" "rc status"
assert_eq 0 "$(rc status > /dev/null; echo $?)" "status exit code when running"
assert_eq "1" "$(ps -o ppid= -p "$pid" | tr -d ' ')" "named detached (reparented)"
assert_eq 192.0.2.1 "$(q www.rc.test A)" "www before the reload"
wait_until 5 grep -Eq "named\[$pid\]: .*serving 1 zones? on port $PORT" "$T/syslog.log"
assert_eq "named is already running (pid $pid)" "$(rc start)" "rc start again"

note "reload picks up a changed zone"
zone 2 192.0.2.22
assert_eq "named reloaded (pid $pid)" "$(rc reload 2>&1)" "rc reload"
new_address() {
	[ "$(q www.rc.test A)" = 192.0.2.22 ]
}
eventually 10 new_address || fail "www after the reload: $(q www.rc.test A)"
assert_eq 2 "$(q rc.test SOA | awk '{ print $3 }')" "serial after the reload"

note "a broken boot file: reload refused, the old data served"
cp "$T/named.boot" "$T/named.boot.good"
echo "zone rc2.test rc.zone" >> "$T/named.boot"
out=$(rc reload 2>&1) && fail "rc reload accepted a broken boot file: $out"
assert_match "named: not reloaded" "$out" "rc reload refuses"
assert_match "$T/named.boot:3: " "$out" "rc reload prints named -n's error"
out=$(rc check 2>&1) && fail "rc check accepted a broken boot file: $out"
assert_match "$T/named.boot:3: " "$out" "rc check names the line"
assert_eq "named is running (pid $pid)" "$(rc status)" "still running"
assert_eq 192.0.2.22 "$(q www.rc.test A)" "still serving"
mv "$T/named.boot.good" "$T/named.boot"
rc check > "$T/check.out" 2>&1 || { cat "$T/check.out"; fail "rc check on the good boot file"; }

note "stop"
assert_eq "named stopped" "$(rc stop)" "rc stop"
wait_until 5 sh -c "! test -e '$T/run/named.pid'"
out=$(rc status) && fail "status after stop: $out"
assert_eq 3 "$(rc status > /dev/null; echo $?)" "status exit code after stop"
udp_bound $PORT && fail "port $PORT still bound after stop"
assert_eq "named is not running" "$(rc stop)" "rc stop when stopped"
exit 0
