# unix stream services: the socket file is created with the service, the
# child gets the connection, and the file goes when the service does.
# Unix clients have no address: hosts.allow/deny and the per-source
# limits do not apply to them (the socket file's permissions do), and the
# server is told no peer.
. "$TOP/tests/integration/inetd/common.sh"
need socat
write_fixture hosts.deny <<'EOF2'
ALL: ALL
EOF2
printf '#!/bin/sh\necho "${REMOTE_ADDR:-no peer}"\nexec cat > /dev/null\n' > "$T/peer"
chmod 755 "$T/peer"
cat > "$T/inetd.conf" <<CONF
$T/id.sock stream unix nowait nobody /usr/bin/id id -un
$T/peer.sock stream unix nowait nobody $T/peer peer
CONF
start_inetd -l -s 1 "$T/inetd.conf"
[ -S "$T/id.sock" ] || fail "no socket file"
assert_eq nobody "$(socat - "UNIX-CONNECT:$T/id.sock" < /dev/null)" \
	"unix service despite hosts.deny ALL: ALL"
assert_eq "srw-rw-rw-" "$(stat -c %A "$T/id.sock")" "socket mode"
[ "$(log_count 'refused')" -eq 0 ] || fail "a unix client was refused"

note "no per-source limit (-s 1) between unix clients"
socat -u "UNIX-CONNECT:$T/peer.sock" "OPEN:$T/first.out,creat" < /dev/null &
first=$!
wait_until 5 grep -q . "$T/first.out"
assert_eq "no peer" "$(cat "$T/first.out")" "no peer address for a unix client"
assert_eq "no peer" "$(timeout 5 socat - "UNIX-CONNECT:$T/peer.sock" < /dev/null)" \
	"a second unix client while the first is connected"
kill "$first"

echo "echo stream tcp nowait root internal" > "$T/inetd.conf"
reload_inetd
[ -e "$T/id.sock" ] && fail "socket file left after the service was removed"
true
