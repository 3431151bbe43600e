# named through its rc script (etc/rc.d/named, start stop reload status
# check, rc.subr beside it): start detaches and reports the pid, status
# follows it, check is named -n on the boot file, reload checks first
# and sends SIGHUP only for a good boot file (the zone changed is served
# anew; a broken one is refused with named's reason and the old one
# goes on), stop ends it and clears the pidfile.  The boot file is the
# default, SYSCONFDIR/named.boot, SYSCONFDIR being $T here.
. "$TOP/tests/integration/named/common.sh"
[ -f "$TOP/etc/rc.d/named" ] || fail "no etc/rc.d/named"
capture_syslog
script=$(rc_script named -e "s|@SBINDIR@/named|$NAMED|g" -e "s|@RUNDIR@|$T/run|g")
mkdir "$T/run" && chown nobody "$T/run" || fail "mkdir $T/run"
rc() {
	sh "$script" "$@"
}
# zone SERIAL: the zone file.
zone() {
	cat > "$T/rc.zone.new" <<ZONE
\$TTL 3600
@	SOA	ns hostmaster $1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.$1
ZONE
	mv "$T/rc.zone.new" "$T/rc.zone"
}
zone 1
cat > "$T/named.boot" <<BOOT
directory	$T
primary		rc.test		rc.zone
BOOT
mkdir "$T/rc.conf.d"
echo "named_flags=\"-p 10552\"" > "$T/rc.conf.d/named"
NAMED_PORT=10552

note "check"
rc check > "$T/check.out" 2>&1 || { cat "$T/check.out"; fail "rc check on a good boot file"; }

note "start, status"
out=$(rc status) && fail "status before start: $out"
assert_eq 3 "$(rc status > /dev/null; echo $?)" "status exit code when stopped"
assert_match '^named started \(pid [0-9]+\)$' "$(rc start)" "rc start"
pid=$(cat "$T/run/named.pid")
_pids="$_pids $pid"
assert_eq "named is running (pid $pid)" "$(rc status)" "rc status"
assert_eq "1" "$(ps -o ppid= -p "$pid" | tr -d ' ')" "named detached (reparented)"
wait_until 10 named_answers $NAMED_PORT rc.test
assert_eq 192.0.2.1 "$(q +short www.rc.test A)" "an answer from the rc-started named"
assert_eq "named is already running (pid $pid)" "$(rc start)" "rc start again"

note "reload"
zone 2
assert_match "^named reloaded" "$(rc reload)" "rc reload"
wait_until 10 sh -c "[ \"\$(dig +short +norec @127.0.0.1 -p $NAMED_PORT www.rc.test A)\" = 192.0.2.2 ]"
echo "frobnicate	yes" >> "$T/named.boot"
rc reload > "$T/reload.out" 2>&1 && fail "rc reload of a bad boot file: $(cat "$T/reload.out")"
cat "$T/reload.out"
assert_file_match 'named\.boot:3: ' "$T/reload.out" "named's reason"
rc check > /dev/null 2>&1 && fail "rc check passed a bad boot file"
assert_eq 192.0.2.2 "$(q +short www.rc.test A)" "the zone after a refused reload"
assert_eq "named is running (pid $pid)" "$(rc status)" "status after a refused reload"

note "stop"
assert_eq "named stopped" "$(rc stop)" "rc stop"
wait_until 5 sh -c "! test -e '$T/run/named.pid'"
out=$(rc status) && fail "status after stop: $out"
assert_eq "named is not running" "$(rc stop)" "rc stop when stopped"
assert_eq 2 "$(rc bogus > /dev/null 2>&1; echo $?)" "usage exit code"
exit 0
