# SIGHUP: added services start, removed ones stop, changed ones change,
# and an unchanged service keeps its socket and its open connection.  A
# configuration with errors is reported with file:line and the running
# one stays.
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
discard stream tcp nowait root   internal
10023   stream tcp nowait nobody /usr/bin/id id -un
CONF
start_inetd "$T/inetd.conf"
assert_eq nobody "$(tcp 127.0.0.1 10023)" "before the reload"
inode_before=$(ss -Hltne 'sport = :7' | grep -o 'ino:[0-9]*' | head -n 1)

note "a connection to echo stays open across the reload"
mkfifo "$T/ctl"
$CLIENT hold 127.0.0.1 7 "$T/ctl" > "$T/hold.out" 2>&1 &
hold=$!
exec 5> "$T/ctl"
echo one >&5
wait_until 5 grep -qx one "$T/hold.out"

cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
daytime stream tcp nowait root   internal
10023   stream tcp nowait daemon /usr/bin/id id -un
CONF
reload_inetd
wait_log 'discard/tcp: removed'
wait_log 'daytime/tcp: added'
wait_log '10023/tcp: changed'
wait_log 'reloaded .*: 3 services, 1 added, 1 removed, 1 changed'

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

note "a broken configuration keeps the running one"
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root   internal
chargen stream tcp nowait nosuchuser internal
time    stream tcp nowait root   /no/such/program x
CONF
reload_inetd
wait_log "$T/inetd.conf:2: unknown user 'nosuchuser'"
wait_log "$T/inetd.conf:3: program /no/such/program: No such file or directory"
wait_log 'reload: errors in the configuration; the running one stays'
[ -n "$(tcp 127.0.0.1 13)" ] || fail "daytime went away with a broken reload"
assert_eq daemon "$(tcp 127.0.0.1 10023)" "10023 unchanged by a broken reload"
tcp_listening 19 && fail "chargen from the broken file is listening"

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
