# inetd -n: check the configuration and the access files, exit 0 or 1,
# with file:line diagnostics, opening no socket.
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/good.conf" <<CONF
# the manual's prototype entries
echo    stream tcp nowait root internal
time    dgram  udp wait   root internal
10023   stream tcp nowait nobody:nogroup /usr/bin/id id
CONF
out=$("$INETD" -n "$T/good.conf" 2>&1) || fail "-n on a good file: $out"
assert_eq "$T/good.conf: 3 services, configuration OK" "$out" "-n output"
tcp_listening 7 && fail "-n opened a socket"

cat > "$T/bad.conf" <<CONF
echo    stream tcp nowait root internal
nosuchservice stream tcp nowait root /usr/bin/id id
echo    stream tcp nowait nobody internal
10023   stream tcp nowait nosuchuser /usr/bin/id id
10024   stream tcp nowait nobody:nosuchgroup /usr/bin/id id
10025   stream tcp nowait nobody /usr/bin/nonexistent x
10026   dgram  tcp wait nobody /usr/bin/id id
10027   stream tcp nowait nobody /usr/bin/id
CONF
if out=$("$INETD" -n "$T/bad.conf" 2>&1); then
	fail "-n accepted a bad file: $out"
fi
for msg in \
	"bad.conf:2: unknown service 'nosuchservice/tcp' (not in /etc/services)" \
	"bad.conf:3: duplicate service: 0.0.0.0:7 is already configured at $T/bad.conf:1" \
	"bad.conf:4: unknown user 'nosuchuser'" \
	"bad.conf:5: unknown group 'nosuchgroup'" \
	"bad.conf:6: program /usr/bin/nonexistent: No such file or directory" \
	"bad.conf:7: socket type 'dgram' does not go with protocol 'tcp'"; do
	printf '%s\n' "$out" | grep -qF -- "$msg" || fail "missing diagnostic: $msg in: $out"
done
[ "$(printf '%s\n' "$out" | wc -l)" -eq 6 ] || fail "expected 6 diagnostics: $out"
# In file order, as an administrator reads them.
assert_eq "2 3 4 5 6 7" "$(printf '%s\n' "$out" | sed 's/.*bad.conf:\([0-9]*\):.*/\1/' | tr '\n' ' ' | sed 's/ $//')" \
	"diagnostics sorted by line"

note "a broken hosts.deny fails the check too"
write_fixture hosts.deny <<'EOF2'
ALL: 10.0.0.0/33
EOF2
if out=$("$INETD" -n "$T/good.conf" 2>&1); then
	fail "-n accepted a broken hosts.deny: $out"
fi
printf '%s\n' "$out" | grep -q '/etc/hosts.deny:1: ' || fail "no hosts.deny diagnostic: $out"

# The broken hosts.deny is not what the cases below are about.
write_fixture hosts.deny <<'EOF2'
EOF2

note "start-up refuses a file with a line that does not parse (line 7)"
if "$INETD" -d "$T/bad.conf" > "$T/start.log" 2>&1; then
	fail "inetd started with a bad file"
fi
grep -q 'configuration has errors, not starting' "$T/start.log" || fail "start-up message"
out=$("$INETD" -n "$T/missing.conf" 2>&1) && fail "-n on a missing file"
# The file as a whole: no line number, not even 0.
assert_eq "inetd: $T/missing.conf: cannot read: No such file or directory" "$out" "missing file"

note "a line with too few fields"
cat > "$T/short.conf" <<CONF
echo stream tcp nowait root internal
daytime stream tcp nowait root
CONF
out=$("$INETD" -n "$T/short.conf" 2>&1) && fail "-n accepted a short line: $out"
assert_eq "inetd: $T/short.conf:2: expected at least 6 fields (service socktype protocol wait|nowait user program), found 5" \
	"$out" "field count"

note "a wildcard and a specific address on one TCP port"
cat > "$T/overlap.conf" <<CONF
echo stream tcp nowait root internal
127.0.0.1:echo stream tcp nowait root internal
127.0.0.1:echo dgram udp wait root internal
echo dgram udp wait root internal
CONF
out=$("$INETD" -n "$T/overlap.conf" 2>&1) && fail "-n accepted the overlap: $out"
assert_eq "inetd: $T/overlap.conf:2: 127.0.0.1:7 and 0.0.0.0:7 ($T/overlap.conf:1) cannot both listen: a wildcard address takes the port on every address" \
	"$out" "the overlap names both lines"
# Started, the second line is left out and the others are served.
start_inetd "$T/overlap.conf"
grep -q 'overlap.conf:2: 127.0.0.1:7 and 0.0.0.0:7' "$T/inetd.log" ||
	fail "start-up does not name the overlap: $(cat "$T/inetd.log")"
assert_eq hi "$(tcp 127.0.0.1 7 hi)" "echo from the first line"
assert_eq "hi" "$(udp 127.0.0.1 7 hi)" "echo/udp from the third line"
[ "$(ss -Hltn 'sport = :7' | grep -c '127.0.0.1:7 ')" -eq 0 ] ||
	fail "the left-out line listens"
stop_daemon "$INETD_PID"

note "hosts_access rules inetd cannot apply are warnings"
cat > "$T/waitsvc" <<'EOF2'
#!/bin/sh
exit 0
EOF2
chmod 755 "$T/waitsvc"
cat > "$T/wait.conf" <<CONF
10040 stream tcp wait nobody $T/waitsvc waitsvc
$T/u.sock stream unix nowait nobody $T/waitsvc unixsvc
10041 dgram udp wait nobody $T/waitsvc dgramsvc
CONF
write_fixture hosts.deny <<'EOF2'
waitsvc unixsvc dgramsvc: ALL
ALL: 192.0.2.1
EOF2
out=$("$INETD" -n "$T/wait.conf" 2>&1) || fail "-n failed on warnings: $out"
printf '%s\n' "$out" | grep -qF "wait.conf:1: warning: the rule at /etc/hosts.deny:1 for 'waitsvc' is not applied: inetd does not see the connections of a stream wait service, the server must check them itself" ||
	fail "no warning for the stream wait service: $out"
printf '%s\n' "$out" | grep -qF "wait.conf:2: warning: the rule at /etc/hosts.deny:1 for 'unixsvc' is not applied: unix socket clients have no address to check" ||
	fail "no warning for the unix service: $out"
# A dgram wait service's first datagram is checked; ALL rules are not
# warned about (they are meant for everything).
[ "$(printf '%s\n' "$out" | grep -c warning)" -eq 2 ] || fail "extra warnings: $out"
printf '%s\n' "$out" | tail -n 1 | grep -q 'configuration OK' || fail "-n verdict: $out"

note "the protocols database"
remove_fixture protocols
out=$("$INETD" -d -n "$T/good.conf" 2>&1) || fail "-n failed without /etc/protocols: $out"
assert_match "open /etc/protocols: No such file or directory; built-in protocol numbers: tcp 6, udp 17" \
	"$out" "missing protocols database (debug)"
[ "$(printf '%s\n' "$out" | grep -c protocols)" -eq 1 ] ||
	fail "a missing protocols database is more than a debug line: $out"
write_fixture protocols <<'EOF2'
ip	0	IP
udp	17	UDP
EOF2
out=$("$INETD" -n "$T/good.conf" 2>&1) || fail "-n failed without tcp in protocols: $out"
assert_match "/etc/protocols: warning: no entry for tcp; using 6" "$out" "missing tcp entry"
write_fixture protocols <<'EOF2'
# tcp with the number of udp: no stream socket has it
tcp	17	TCP
udp	17	UDP
EOF2
out=$("$INETD" -n "$T/good.conf" 2>&1) && fail "-n accepted tcp as 17: $out"
assert_match "/etc/protocols:2: tcp is 17, which this kernel has no tcp sockets for" \
	"$out" "a protocol number the kernel refuses"
