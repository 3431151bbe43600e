# Rules libwrap accepts (netgroups, pattern files, user@host, options)
# never stop inetd, and neither do malformed ones: each problem is
# reported with the access file's name and line, not inetd.conf's, inetd
# starts and serves, and the rule is taken as libwrap takes it.  inetd -n
# stays strict: an error in an access file makes it exit 1.
. "$TOP/tests/integration/inetd/common.sh"
write_fixture hosts.deny <<'EOF2'
ALL: ALL
EOF2
write_fixture hosts.allow <<'EOF2'
# libwrap's forms, all supported now
id: @trusted
id: /nonexistent/trusted-hosts
id: alice@10.9.9.9
# malformed: a line without a colon, an unknown option, a bad pattern
echo 127.0.0.1
echo: 127.0.0.1: frobnicate
daytime: 127.0.0.1/33 [::1]
ALL: ALL: severity auth.info: setenv X y: umask 022: nice 1: keepalive: \
	linger 5: rfc931 2: banners /nonexistent: spawn true: allow
EOF2
cat > "$T/inetd.conf" <<CONF
echo    stream tcp nowait root internal
daytime stream tcp nowait root internal
10023   stream tcp nowait nobody /usr/bin/id id
CONF

note "-n: errors in hosts.allow fail the check, with hosts.allow's lines"
if out=$("$INETD" -n "$T/inetd.conf" 2>&1); then
	fail "-n accepted a hosts.allow with errors: $out"
fi
printf '%s\n' "$out" > "$T/check.out"
assert_file_match "^inetd: /etc/hosts.allow:6: missing ':' after daemon list 'echo 127.0.0.1'; line ignored$" "$T/check.out" "no colon"
assert_file_match "^inetd: /etc/hosts.allow:7: unknown option 'frobnicate'; a connection this rule decides is refused$" "$T/check.out" "unknown option"
assert_file_match "^inetd: /etc/hosts.allow:8: bad net/mask '127.0.0.1/33'$" "$T/check.out" "bad pattern"
assert_file_match "^inetd: /etc/hosts.allow:3: warning: '/nonexistent/trusted-hosts': No such file or directory; the pattern matches nothing$" "$T/check.out" "missing pattern file"
grep -q 'inetd.conf' "$T/check.out" && fail "a diagnostic blames inetd.conf: $out"
[ "$(grep -c 'hosts.allow:\([2-5]\|9\):' "$T/check.out")" -eq 1 ] ||
	fail "the libwrap forms drew errors: $out"

note "start-up: the same problems are logged and inetd serves"
start_inetd -l "$T/inetd.conf"
wait_log "/etc/hosts.allow:7: unknown option 'frobnicate'"
grep -q 'not starting' "$T/inetd.log" && fail "inetd refused to start"
# Line 7 matches echo from 127.0.0.1 and refuses it, as libwrap does
# after a bad option; line 6 is skipped.
assert_eq "" "$(tcp 127.0.0.1 7 hi)" "echo refused by the rule with a bad option"
wait_log 'echo/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.allow:7\)'
# The bad pattern matches nothing, [::1] in the same rule still does.
[ -n "$(tcp ::1 13)" ] || fail "daytime from ::1 (rest of the rule)"
# Line 9's options decide id (the rules before it do not match).
assert_match '^uid=65534' "$(tcp 127.0.0.1 10023)" "id granted by line 9"
assert_match '^uid=65534' "$(tcp ::1 10023)" "id from ::1"

note "SIGHUP with the same files reloads, errors or not"
reload_inetd
wait_log 'reloaded '
assert_match '^uid=65534' "$(tcp 127.0.0.1 10023)" "id after the reload"
