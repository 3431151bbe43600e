# A line that cannot be used here (a service the services database lacks,
# an rpc line, a program that is not installed, an unknown user) is
# reported with its file:line and left out: inetd starts and serves the
# other lines, as openbsd-inetd does, and -n still fails on the file.  On
# reload the rest applies too, and a running service whose new line
# cannot be used runs on as it was; a line that does not parse keeps the
# whole running configuration.
. "$TOP/tests/integration/inetd/common.sh"
write_fixture services <<'EOF2'
echo		7/tcp
daytime		13/tcp
EOF2
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root internal
nosuchservice stream tcp nowait root internal echo
rstatd/1-5 dgram rpc/udp wait root /usr/sbin/rpc.rstatd rpc.rstatd
10023   stream tcp nowait nobody /usr/sbin/no-such-server x
10024   stream tcp nowait nosuchuser /usr/bin/id id -un
10025   stream tcp nowait nobody /usr/bin/id id -un
CONF
c=$T/inetd.conf
msgs="$c:2: unknown service 'nosuchservice/tcp' (not in /etc/services)
$c:3: rpc services are not supported
$c:4: program /usr/sbin/no-such-server: No such file or directory
$c:5: unknown user 'nosuchuser'"

note "-n is strict"
out=$("$INETD" -n "$c" 2>&1) && fail "-n accepted unusable lines: $out"
assert_eq "$msgs" "$(printf '%s\n' "$out" | sed 's/^inetd: //')" "-n diagnostics"

note "start-up serves the other lines"
start_inetd "$c"
printf '%s\n' "$msgs" | while IFS= read -r m; do
	grep -qF -- "inetd: $m" "$T/inetd.log" || fail "not logged: $m"
done
wait_log "$c: 4 lines with errors left out, serving the other 2 services"
assert_eq hi "$(tcp 127.0.0.1 7 hi)" "echo"
assert_eq nobody "$(tcp 127.0.0.1 10025)" "10025"
tcp_listening 10023 && fail "the line without its program listens"
tcp_listening 10024 && fail "the line with an unknown user listens"

note "reload: a running service's new line cannot be used"
cat > "$c" <<CONF
echo    stream tcp nowait root internal
10025   stream tcp nowait nosuchuser /usr/bin/id id -un
10026   stream tcp nowait nobody /usr/bin/id id -un
10027   stream tcp nowait nobody /no/such/program x
daytime stream tcp nowait root internal
CONF
reload_inetd
wait_log "$c:2: unknown user 'nosuchuser'"
wait_log "$c:4: program /no/such/program: No such file or directory"
wait_log "10025/tcp: the line at $c:2 cannot be used; the service runs on as before \\($c:6\\)"
wait_log "reloaded $c: 4 services, 2 added, 0 removed, 0 changed, 2 lines left out, 1 kept as it was"
assert_eq nobody "$(tcp 127.0.0.1 10025)" "10025 runs on as it was"
assert_eq nobody "$(tcp 127.0.0.1 10026)" "10026, added"
[ -n "$(tcp 127.0.0.1 13)" ] || fail "daytime, added"
tcp_listening 10027 && fail "the new line without its program listens"

note "reload: a line that does not parse keeps the running configuration"
cat > "$c" <<CONF
echo    stream tcp  nowait root internal
10026   stream tcp5 nowait nobody /usr/bin/id id -un
CONF
reload_inetd
wait_log "$c:2: unknown protocol 'tcp5'"
wait_log 'reload: errors in the configuration; the running one stays'
[ -n "$(tcp 127.0.0.1 13)" ] || fail "daytime went away with a file that does not parse"
assert_eq nobody "$(tcp 127.0.0.1 10025)" "10025 after a file that does not parse"

note "the line fixed: the service changes"
cat > "$c" <<CONF
echo    stream tcp nowait root   internal
10025   stream tcp nowait daemon /usr/bin/id id -un
CONF
reload_inetd
wait_log "10025/tcp: changed \\($c:2: user\\)"
wait_log "reloaded $c: 2 services, 0 added, 2 removed, 1 changed\$"
assert_eq daemon "$(tcp 127.0.0.1 10025)" "10025 with its fixed line"
tcp_listening 13 && fail "daytime still listens"
true
