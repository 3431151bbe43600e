# Compiled-in default paths follow SYSCONFDIR and RUNDIR: inetd built with
# SYSCONFDIR=$T/conf RUNDIR=$T/run reads its configuration, services and
# access files there and writes its pidfile there, with no path given on
# the command line.  The variant is built in a copy of the built tree so
# the tree under test is not touched; only lib/libnet/paths.cc, the one
# object compiled with the install directories, may be recompiled.
# timeout: 300
. "$TOP/tests/integration/build/common.sh"
need python3
copy_tree lib/libnet sbin/inetd
conf=$T/conf run=$T/run
mkdir -p "$conf" "$run"
build_make "$tree/lib/libnet" SYSCONFDIR="$conf" RUNDIR="$run"
assert_eq "lib/libnet/paths.cc" "$(compiled)" "recompiled for new install directories"
build_make "$tree/sbin/inetd" SYSCONFDIR="$conf" RUNDIR="$run"
assert_eq "" "$(compiled)" "inetd sources recompiled"
inetd=$tree/sbin/inetd/inetd
[ -x "$inetd" ] || fail "variant inetd not linked"

note "no configuration file named: SYSCONFDIR/inetd.conf"
out=$("$inetd" -n 2>&1) && fail "inetd -n without $conf/inetd.conf: $out"
assert_match "$conf/inetd.conf: cannot read: No such file" "$out" \
	"the compiled-in configuration path"

note "services come from SYSCONFDIR/services"
# A service name only the variant's services file knows.
echo "netsuite-test	10123/tcp" > "$conf/services"
cat > "$conf/inetd.conf" <<EOF
127.0.0.1:
netsuite-test stream tcp nowait nobody /bin/cat cat
EOF
out=$("$inetd" -n 2>&1) || fail "inetd -n: $out"
assert_eq "$conf/inetd.conf: 1 services, configuration OK" "$out" "inetd -n"
tcp_listening 10123 && fail "-n opened a socket"

note "detached without -p: the pidfile is RUNDIR/inetd.pid"
"$inetd" || fail "inetd did not start"
wait_until 10 test -s "$run/inetd.pid"
pid=$(cat "$run/inetd.pid")
_pids="$_pids $pid"
kill -0 "$pid" || fail "no inetd with the pid in $run/inetd.pid"
wait_tcp 10123
client="python3 $TOP/tests/integration/inetd/client.py"
reply=$($client tcp 127.0.0.1 10123 hello)
assert_eq hello "$reply" "service through the variant's configuration"

note "hosts.deny comes from SYSCONFDIR/hosts.deny"
echo "ALL: ALL" > "$conf/hosts.deny"
kill -HUP "$pid"
refused() {
	[ -z "$($client tcp 127.0.0.1 10123 hello 2>/dev/null)" ]
}
eventually 10 refused ||
	fail "the variant's hosts.deny was not applied"
rm -f "$conf/hosts.deny"

stop_daemon "$pid"
[ -e "$run/inetd.pid" ] && fail "pidfile left in $run"

note "make install from the variant: rc script and samples name its directories"
stage=$T/stage
build_make "$tree" install DESTDIR="$stage" SYSCONFDIR="$conf" RUNDIR="$run"
assert_eq "" "$(compiled)" "sources compiled by make install"
assert_file_match "^pidfile=\\\$\\{inetd_pidfile:-$run/inetd.pid\\}\$" "$stage$conf/rc.d/inetd" \
	"rc.d/inetd pidfile"
assert_file_match "^conf=\\\$\\{inetd_conf:-$conf/inetd.conf\\}\$" "$stage$conf/rc.d/inetd" \
	"rc.d/inetd configuration"
cmp -s "$inetd" "$stage/usr/local/sbin/inetd" || fail "installed inetd is not the variant"
