# hosts.allow and hosts.deny are read again when they change, as libwrap
# read them for every connection: an edit counts for the next connection
# without SIGHUP, a file that appears or vanishes too, and a changed file
# with errors is reported with file:line while inetd goes on serving.
. "$TOP/tests/integration/inetd/common.sh"
# Both files in a private overlay of /etc, so that they can be edited in
# place, created and removed.
remove_fixture hosts.allow
remove_fixture hosts.deny
printf '# nothing denied\n' > /etc/hosts.deny
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root internal
echo    dgram  udp wait   root internal
10023   stream tcp nowait nobody /usr/bin/id id
CONF
start_inetd -l "$T/inetd.conf"

note "allowed at first"
assert_eq "hi" "$(tcp 127.0.0.1 7 hi)" "echo before the edit"
assert_match '^uid=65534' "$(tcp 127.0.0.1 10023)" "id before the edit"

note "an edit to hosts.deny counts for the next connection"
printf 'ALL: 127.0.0.1\n' > /etc/hosts.deny
assert_eq "" "$(tcp 127.0.0.1 7 hi)" "echo after denying"
wait_log 'echo/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.deny:1\)'
assert_eq "" "$(tcp 127.0.0.1 10023)" "id after denying"
wait_log '10023/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.deny:1\)'
assert_eq "NO REPLY" "$(udp 127.0.0.1 7 ping --sport 40000)" "echo/udp after denying"
wait_log 'echo/udp: refused connect from 127.0.0.1:40000 \(/etc/hosts.deny:1\)'
wait_log '/etc/hosts.deny: changed, 1 rules in force'
[ "$(log_count 'reloaded ')" -eq 0 ] || fail "inetd reloaded: no SIGHUP was sent"

note "and back"
printf '# nothing denied\n' > /etc/hosts.deny
assert_eq "hi" "$(tcp 127.0.0.1 7 hi)" "echo after the edit back"
assert_match '^uid=65534' "$(tcp 127.0.0.1 10023)" "id after the edit back"
assert_eq "ping" "$(udp 127.0.0.1 7 ping --sport 40000)" "echo/udp after the edit back"

note "a hosts.allow that appears, then vanishes"
printf 'ALL: ALL\n' > /etc/hosts.deny
assert_eq "" "$(tcp 127.0.0.1 7 hi)" "echo denied by ALL: ALL"
printf 'echo: 127.0.0.1\n' > /etc/hosts.allow
assert_eq "hi" "$(tcp 127.0.0.1 7 hi)" "echo granted by the new hosts.allow"
rm /etc/hosts.allow
assert_eq "" "$(tcp 127.0.0.1 7 hi)" "echo denied once hosts.allow is gone"
wait_log '/etc/hosts.allow: changed, 0 rules in force \(no file\)'

note "a same-size edit within the same second counts too"
printf 'ALL: 127.0.0.2\n' > /etc/hosts.deny
assert_eq "hi" "$(tcp 127.0.0.1 7 hi)" "echo granted (127.0.0.2 denied)"
printf 'ALL: 127.0.0.1\n' > /etc/hosts.deny
assert_eq "" "$(tcp 127.0.0.1 7 hi)" "echo denied after a same-size edit"

note "a changed file with errors: reported, and the rest applies"
cat > /etc/hosts.deny <<'EOF2'
echo: 10.0.0.1/33
daytime 127.0.0.1
ALL EXCEPT echo: 127.0.0.1
echo: 127.0.0.1: bogus
EOF2
assert_eq "" "$(tcp 127.0.0.1 10023)" "id denied by line 3"
wait_log '/etc/hosts.deny:1: bad net/mask'
wait_log "/etc/hosts.deny:2: missing ':' after daemon list"
wait_log "/etc/hosts.deny:4: unknown option 'bogus'"
# Line 1 matches nothing, line 2 is skipped, line 4 refuses (a bad
# option refuses what its rule decides, as libwrap).
assert_eq "" "$(tcp 127.0.0.1 7 hi)" "echo refused by the rule with a bad option"
wait_log 'echo/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.deny:4\)'
kill -0 "$INETD_PID" || fail "inetd exited"
printf '\n' > /etc/hosts.deny
assert_eq "hi" "$(tcp 127.0.0.1 7 hi)" "echo after the fix"
