# SIGHUP: added services start, removed ones stop, changed ones change,
# and an unchanged service keeps its socket and its open connection.  A
# configuration that does not parse is reported with file:line and the
# running one stays; a line that loses its port to an earlier one is left
# out and the rest applies (more in unusable.t).
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
discard stream tcp nowait root   internal
10023   stream tcp nowait nobody /usr/bin/id id -un
10024   stream tcp nowait nobody /bin/cat cat
CONF
start_inetd -l "$T/inetd.conf"
assert_eq nobody "$(tcp 127.0.0.1 10023)" "before the reload"
inode_before=$(ss -Hltne 'sport = :7' | grep -o 'ino:[0-9]*' | head -n 1)
inode_cat=$(ss -Hltne 'sport = :10024' | grep -o 'ino:[0-9]*' | sort | tr '\n' ' ')

note "a server of an unchanged service runs on across the reload"
mkfifo "$T/ctl2"
$CLIENT hold 127.0.0.1 10024 "$T/ctl2" > "$T/cat.out" 2>&1 &
cat_client=$!
exec 6> "$T/ctl2"
echo before >&6
wait_until 5 grep -qx before "$T/cat.out"
cat_pid=$(sed -n 's/.*10024\/tcp: connection from .* pid \([0-9]*\)$/\1/p' "$T/inetd.log")
[ -n "$cat_pid" ] && kill -0 "$cat_pid" || fail "no cat server running"

note "a connection to echo stays open across the reload"
mkfifo "$T/ctl"
# Not holding the cat client's FIFO open (fd 6): it must see its end.
$CLIENT hold 127.0.0.1 7 "$T/ctl" > "$T/hold.out" 2>&1 6>&- &
hold=$!
exec 5> "$T/ctl"
echo one >&5
wait_until 5 grep -qx one "$T/hold.out"

cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
daytime stream tcp nowait root   internal
10023   stream tcp nowait daemon /usr/bin/id id -un
10024   stream tcp nowait nobody /bin/cat cat
CONF
reload_inetd
wait_log 'discard/tcp: removed'
wait_log 'daytime/tcp: added'
wait_log "10023/tcp: changed \\($T/inetd.conf:3: user\\)"
wait_log 'reloaded .*: 4 services, 1 added, 1 removed, 1 changed'
[ "$(log_count '10024/tcp: (changed|removed|added)')" -eq 0 ] ||
	fail "the unchanged 10024 was touched by the reload"

echo after >&6
wait_until 5 grep -qx after "$T/cat.out"
kill -0 "$cat_pid" || fail "the cat server died in the reload"
exec 6>&-
wait "$cat_client" || fail "the held cat connection broke"
wait_log "10024/tcp: pid $cat_pid exited 0"
assert_eq "$inode_cat" "$(ss -Hltne 'sport = :10024' | grep -o 'ino:[0-9]*' | sort | tr '\n' ' ')" \
	"10024 kept its listening sockets"
assert_eq "again" "$(tcp 127.0.0.1 10024 again)" "10024 after the reload"

echo two >&5
wait_until 5 grep -qx two "$T/hold.out"
exec 5>&-
wait "$hold" || fail "the held echo connection broke"
assert_eq "$inode_before" "$(ss -Hltne 'sport = :7' | grep -o 'ino:[0-9]*' | head -n 1)" \
	"echo kept its listening socket"
assert_eq "back" "$(tcp 127.0.0.1 7 back)" "echo after the reload"
[ -n "$(tcp 127.0.0.1 13)" ] || fail "daytime was added"
tcp_listening 9 && fail "discard still listens"
assert_eq "CONNECT FAILED: [Errno 111] Connection refused" \
	"$(tcp 127.0.0.1 9 x)" "discard after removal"
assert_eq daemon "$(tcp 127.0.0.1 10023)" "the changed user"

note "a configuration that does not parse keeps the running one"
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
chargen stream tcp nowait root   internal
time    stream tcp,sndbuf=x nowait root internal
CONF
reload_inetd
wait_log "$T/inetd.conf:3: bad buffer size in 'sndbuf=x'"
wait_log 'reload: errors in the configuration; the running one stays'
[ -n "$(tcp 127.0.0.1 13)" ] || fail "daytime went away with a broken reload"
assert_eq daemon "$(tcp 127.0.0.1 10023)" "10023 unchanged by a broken reload"
tcp_listening 19 && fail "chargen from the broken file is listening"

note "a wildcard and a specific address on one TCP port: the later line is left out"
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
daytime stream tcp nowait root   internal
127.0.0.1:daytime stream tcp nowait root internal
10023   stream tcp nowait daemon /usr/bin/id id -un
CONF
reload_inetd
wait_log "$T/inetd.conf:3: 127.0.0.1:13 and 0.0.0.0:13 \\($T/inetd.conf:2\\) cannot both listen"
wait_log 'reloaded .*: 3 services, 0 added, 1 removed, 0 changed, 1 line left out$'
[ -n "$(tcp 127.0.0.1 13)" ] || fail "daytime went away with a conflicting reload"
assert_eq daemon "$(tcp 127.0.0.1 10023)" "10023 unchanged by a conflicting reload"
tcp_listening 10024 && fail "10024 still listens"

note "the same file fixed"
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
chargen stream tcp nowait nobody internal
CONF
reload_inetd
wait_log 'reloaded .*: 2 services, 1 added, 2 removed, 0 changed'
[ -n "$($CLIENT tcp 127.0.0.1 19 --bytes 10)" ] || fail "chargen after the fix"
tcp_listening 13 && fail "daytime still listens"
true
