# unix stream services: the socket file is created with the service, the
# child gets the connection, and the file goes when the service does.
. "$TOP/tests/integration/inetd/common.sh"
need socat
cat > "$T/inetd.conf" <<CONF
$T/id.sock stream unix nowait nobody /usr/bin/id id -un
CONF
start_inetd "$T/inetd.conf"
[ -S "$T/id.sock" ] || fail "no socket file"
assert_eq nobody "$(socat - "UNIX-CONNECT:$T/id.sock" < /dev/null)" "unix service"
assert_eq "srw-rw-rw-" "$(stat -c %A "$T/id.sock")" "socket mode"
echo "echo stream tcp nowait root internal" > "$T/inetd.conf"
reload_inetd
[ -e "$T/id.sock" ] && fail "socket file left after the service was removed"
true
