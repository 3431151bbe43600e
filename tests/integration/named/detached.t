# Without -d named detaches: the command returns once it serves, its pid
# in the pidfile (-P), logging to syslog (LOG_DAEMON) the line that says
# how many zones it serves; as root it becomes nobody (the default -u)
# after binding; SIGUSR1 sends the query lines to syslog.  SIGTERM ends
# it and removes the pidfile from a directory nobody may write.  A boot
# file it cannot use (an unknown directive) makes the command fail with
# the reason on stderr, and no server is left.
. "$TOP/tests/integration/named/common.sh"
[ -x "$NAMED" ] || fail "$NAMED is not built"
capture_syslog

cat > "$T/d.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.1
ZONE
chmod 644 "$T/d.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
primary		d.test		d.zone
BOOT
mkdir "$T/run" && chown nobody "$T/run" || fail "mkdir $T/run"

note "detached"
"$NAMED" -p 10542 -P "$T/run/named.pid" "$T/named.boot" > "$T/detach.out" 2>&1 ||
	{ cat "$T/detach.out"; fail "named exited $?"; }
[ -s "$T/detach.out" ] && fail "named wrote to the terminal: $(cat "$T/detach.out")"
pid=$(cat "$T/run/named.pid")
_pids="$_pids $pid"
kill -0 "$pid" 2>/dev/null || fail "no process $pid from the pidfile"
# Serving by the time the command returned.
NAMED_PORT=10542
ask a www.d.test A
expect "$T/a" NOERROR aa "a query to the detached server"
[ "$(awk '{ print $6 }' /proc/$pid/stat)" = "$pid" ] || fail "not a session leader"
assert_eq "$(id -u nobody)" "$(awk '/^Uid:/ { print $2 }' /proc/$pid/status)" "running as nobody"
wait_until 10 grep -Eq "named\\[$pid\\]: .*serving 1 zones? on port 10542" "$T/syslog.log"
# SIGUSR1 turns the query lines on, in syslog too.
kill -USR1 "$pid"
i=0
while [ $i -lt 100 ]; do
	i=$((i + 1))
	q "debug$i.d.test" A > /dev/null
	grep -q "named\[$pid\]: .*query: .*debug$i\.d\.test" "$T/syslog.log" && break
done
wait_until 10 grep -q "named\[$pid\]: .*query: .*debug$i\.d\.test" "$T/syslog.log"
kill -TERM "$pid"
wait_until 10 sh -c "! kill -0 $pid 2>/dev/null"
wait_until 5 sh -c "! test -e '$T/run/named.pid'"

note "a boot file it cannot use"
echo "frobnicate	yes" >> "$T/named.boot"
"$NAMED" -p 10543 -P "$T/run/bad.pid" "$T/named.boot" > "$T/bad.out" 2>&1 &&
	fail "named started on a boot file with an unknown directive"
cat "$T/bad.out"
assert_file_match 'named\.boot:3: ' "$T/bad.out" "the reason on stderr"
udp_bound 10543 && fail "something serves port 10543"
exit 0
