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

note "start-up refuses what -n refuses"
if "$INETD" -d "$T/bad.conf" > "$T/start.log" 2>&1; then
	fail "inetd started with a bad file"
fi
grep -q 'configuration has errors, not starting' "$T/start.log" || fail "start-up message"
out=$("$INETD" -n "$T/missing.conf" 2>&1) && fail "-n on a missing file"
assert_match "missing.conf:0: cannot read .*missing.conf: No such file or directory" "$out" "missing file"
