# hosts_options(5) acted on: for an external service the child started
# for the client runs the deciding rule's options in order before the
# server (spawn, twist, setenv, umask, nice, user, banners, keepalive,
# linger, aclexec), with %-expansions made shell-safe; a bad option
# refuses after the options before it ran; an internal service refuses
# a rule that would twist.
. "$TOP/tests/integration/inetd/common.sh"
mkdir -p "$T/out" "$T/banners"
chmod 777 "$T/out"
printf 'welcome to %%d from %%a\nsecond line\n' > "$T/banners/bannerd"
cat > "$T/sockopts" <<'EOF2'
#!/usr/bin/python3
import socket, struct
s = socket.socket(fileno=0)
ka = s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
onoff, secs = struct.unpack("ii", s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8))
print("keepalive=%d linger=%d,%d" % (ka, onoff, secs))
EOF2
chmod 755 "$T/sockopts"
dgram_server "$T/udp_env" env
write_fixture hosts.deny <<'EOF2'
EOF2
write_fixture hosts.allow <<EOF2
spawnd: ALL: spawn (echo %d %a %r %u; id -u) > $T/out/spawned: allow
evil: ALL: spawn echo %h > $T/out/evil
twistd: 127.0.0.1: twist /bin/echo twisted %d for %a as \$(id -u)
envd: ALL: setenv GREETING hello %d: setenv PATH /nonexistent
umaskd: ALL: umask 027
niced: ALL: nice 7
userd: ALL: user daemon
bannerd: ALL: banners $T/banners
optd: ALL: keepalive: linger 9
acld: ALL: aclexec [ %a = 127.0.0.1 ]
badd: ALL: spawn touch $T/out/bad: frobnicate: allow
udpenv: ALL: setenv FROM_RULE yes
udpno: ALL: spawn touch $T/out/udp_refused: deny
echo: ALL: twist /bin/echo no
EOF2
cat > "$T/inetd.conf" <<CONF
10023   stream tcp nowait nobody /usr/bin/id spawnd -u
10024   stream tcp nowait nobody /usr/bin/id evil -u
10025   stream tcp nowait nobody /usr/bin/id twistd -u
10026   stream tcp nowait nobody /usr/bin/env envd
10027   stream tcp nowait nobody /bin/sh umaskd -c umask
10028   stream tcp nowait nobody /usr/bin/nice niced
10029   stream tcp nowait nobody /usr/bin/id userd -u
10030   stream tcp nowait nobody /usr/bin/id bannerd -u
10031   stream tcp nowait nobody $T/sockopts optd
10032   stream tcp nowait nobody /usr/bin/id acld -u
10033   stream tcp nowait nobody /usr/bin/id badd -u
10034   dgram  udp wait   nobody $T/udp_env udpenv
10035   dgram  udp wait   nobody $T/udp_env udpno
echo    stream tcp nowait root internal
CONF
# Only the bad option is worth a diagnostic (and fails the check).
out=$("$INETD" -n "$T/inetd.conf" 2>&1) && fail "-n passed a bad option"
assert_eq "inetd: /etc/hosts.allow:11: unknown option 'frobnicate'; a connection this rule decides is refused" \
	"$out" "-n output"
start_inetd -l "$T/inetd.conf"

note "spawn: run as the service's user, waited for, then the server"
assert_eq 65534 "$(tcp 127.0.0.1 10023)" "the server after spawn"
assert_match '^spawnd 127\.0\.0\.1 [0-9]+ unknown$' "$(head -n 1 "$T/out/spawned")" "spawn's expansions"
assert_eq 65534 "$(sed -n 2p "$T/out/spawned")" "spawn's user"

note "expansions cannot reach the shell as anything but a word"
write_fixture hosts <<'EOF2'
127.0.0.1 localhost
127.0.0.2 x;touch${IFS}pwned
EOF2
assert_eq 65534 "$($CLIENT tcp 127.0.0.1 10024 --source 127.0.0.2)" "evil"
[ -e "$T/out/evil" ] || fail "spawn did not run"
[ -e /pwned ] || [ -e "$T/pwned" ] && fail "a host name ran a command"
assert_eq x_touch__ifs_pwned "$(cat "$T/out/evil")" "%h made safe"

note "twist: the command instead of the server, as the service's user"
assert_eq "twisted twistd for 127.0.0.1 as 65534" "$(tcp 127.0.0.1 10025)" "twist"
wait_log '10025/tcp: twist 127\.0\.0\.1:[0-9]+ to /bin/echo twisted twistd'
# The rule does not match ::1: the real server.
assert_eq 65534 "$(tcp ::1 10025)" "no twist for ::1"

note "setenv, umask, nice, user"
out=$(tcp 127.0.0.1 10026)
printf '%s\n' "$out" | grep -qx 'GREETING=hello envd' || fail "setenv: $out"
printf '%s\n' "$out" | grep -qx 'PATH=/nonexistent' || fail "setenv replaces: $out"
[ "$(printf '%s\n' "$out" | grep -c '^PATH=')" -eq 1 ] || fail "two PATHs: $out"
printf '%s\n' "$out" | grep -qx 'REMOTE_ADDR=127.0.0.1' || fail "inetd's variables kept: $out"
assert_eq 0027 "$(tcp 127.0.0.1 10027)" "umask"
assert_eq 7 "$(tcp 127.0.0.1 10028)" "nice"
assert_eq "$(id -u daemon)" "$(tcp 127.0.0.1 10029)" "user"

note "banners: the daemon's file, expanded, CRLF, before the server"
printf 'welcome to bannerd from 127.0.0.1\r\nsecond line\r\n65534\n' > "$T/want"
tcp 127.0.0.1 10030 > "$T/got"
cmp "$T/want" "$T/got" || fail "banner: $(od -c "$T/got" | head)"

note "keepalive and linger on the connection"
assert_eq "keepalive=1 linger=1,9" "$(tcp 127.0.0.1 10031)" "socket options"

note "aclexec: the command's status decides"
assert_eq 65534 "$(tcp 127.0.0.1 10032)" "aclexec true"
assert_eq "" "$(tcp ::1 10032)" "aclexec false"
wait_log "10032/tcp: refused connect from \\[::1\\]:[0-9]+ \\(/etc/hosts.allow:10: aclexec"

note "a bad option: the options before it ran, the client is refused"
assert_eq "" "$(tcp 127.0.0.1 10033)" "bad option"
wait_log '10033/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.allow:11: bad option\)'
[ -e "$T/out/bad" ] || fail "the spawn before the bad option did not run"

note "datagram services: options in the child too"
assert_match '^FROM_RULE=yes$' "$(udp 127.0.0.1 10034 hi --timeout 5)" "setenv for a datagram server"
assert_eq "NO REPLY" "$(udp 127.0.0.1 10035 hi)" "deny with spawn"
wait_until 10 test -e "$T/out/udp_refused"
wait_log '10035/udp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.allow:13\)'
# The refused datagram is gone: nothing is started for it again.
eventually 2 log_has '10035/udp: datagram from' 2 && fail "the refused datagram started another child"
grep -q 'exited without reading' "$T/inetd.log" && fail "the refused datagram was left queued"

note "internal services: twist cannot run there, so it refuses"
assert_eq "" "$(tcp 127.0.0.1 7 hi)" "echo with a twist rule"
wait_log 'echo/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.allow:14\)'
