# hosts.allow and hosts.deny, built in: checked for every connection and
# datagram, the daemon name is argv[0] (the service name for internal
# services), a refusal is logged with the deciding rule and nothing runs.
. "$TOP/tests/integration/inetd/common.sh"
write_fixture hosts <<'EOF2'
127.0.0.1 localhost
::1 localhost ip6-localhost
127.0.0.2 stranger.example
EOF2
write_fixture hosts.deny <<'EOF2'
# mostly closed
ALL: ALL
EOF2
write_fixture hosts.allow <<'EOF2'
echo: 127.0.0.1
id: [::1]
daytime: ALL EXCEPT 127.0.0.1
uid-by-name: 127.0.0.5 : deny
uid-by-name: localhost
udp_once: 127.0.0.1
EOF2
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root internal
echo    dgram  udp wait   root internal
daytime stream tcp nowait root internal
10023   stream tcp nowait nobody /usr/bin/id id
10024   stream tcp nowait nobody /usr/bin/id uid-by-name -u
10025   dgram  udp wait   nobody $T/udp_once udp_once
10026   dgram  udp nowait nobody $T/udp_once udp_once
CONF
dgram_server "$T/udp_once" once
start_inetd -l "$T/inetd.conf"

note "internal services"
assert_eq "hi" "$(tcp 127.0.0.1 7 hi)" "echo from 127.0.0.1 (allowed)"
assert_eq "" "$(tcp ::1 7 hi)" "echo from ::1 (denied)"
wait_log 'echo/tcp: refused connect from \[::1\]:[0-9]+ \(/etc/hosts.deny:2\)'
# The allow rule does not match 127.0.0.1 (EXCEPT), so hosts.deny decides.
assert_eq "" "$(tcp 127.0.0.1 13)" "daytime from 127.0.0.1 (EXCEPT)"
wait_log 'daytime/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.deny:2\)'
[ -n "$(tcp ::1 13)" ] || fail "daytime from ::1 is allowed"
assert_eq "ping" "$(udp 127.0.0.1 7 ping --sport 40000)" "echo/udp allowed"
assert_eq "NO REPLY" "$(udp ::1 7 ping --sport 40000)" "echo/udp denied"
wait_log 'echo/udp: refused connect from \[::1\]:40000 \(/etc/hosts.deny:2\)'

note "external services: the daemon name is argv[0]"
assert_match '^uid=65534' "$(tcp ::1 10023)" "id from ::1 (allowed)"
n=$(log_count '10023/tcp: connection from')
assert_eq "" "$(tcp 127.0.0.1 10023)" "id from 127.0.0.1 (denied)"
wait_log '10023/tcp: refused connect from 127.0.0.1'
assert_eq "$n" "$(log_count '10023/tcp: connection from')" "nothing spawned for a refused connection"

note "external datagram services: a refused datagram starts nothing"
for port in 10025 10026; do
	assert_eq "NO REPLY" "$(udp ::1 $port denied --timeout 1)" "$port from ::1 (denied)"
	wait_log "$port/udp: refused connect from \\[::1\\]:[0-9]+ \\(/etc/hosts.deny:2\\)"
	# The refused datagram is gone: the next allowed one starts the
	# only server.
	assert_match '^[0-9]+ allowed$' "$(udp 127.0.0.1 $port allowed --timeout 5)" \
		"$port from 127.0.0.1 (allowed)"
	assert_eq 1 "$(log_count "$port/udp: datagram from")" "servers started for $port"
done

note "a rule by host name (looked up and verified in the child)"
assert_eq 65534 "$(tcp 127.0.0.1 10024)" "localhost by name"
assert_eq "" "$($CLIENT tcp 127.0.0.1 10024 --source 127.0.0.2)" "stranger.example"
wait_log '10024/tcp: refused connect from 127.0.0.2:[0-9]+ \(/etc/hosts.deny:2\)'
# A numeric rule before the name rule decides in inetd: no server is
# started (nor a name looked up) for the refused client.
assert_eq "" "$($CLIENT tcp 127.0.0.1 10024 --source 127.0.0.5)" "127.0.0.5"
wait_log '10024/tcp: refused connect from 127.0.0.5:[0-9]+ \(/etc/hosts.allow:4\)'
[ "$(log_count '10024/tcp: connection from 127.0.0.5')" -eq 0 ] ||
	fail "a server was started for a client a numeric rule refuses"

note "SIGHUP rereads the access files"
cat > "$T/fixture.hosts.allow" <<'EOF2'
echo: 127.0.0.1 [::1]
EOF2
reload_inetd
assert_eq "hi" "$(tcp ::1 7 hi)" "echo from ::1 after the reload"
