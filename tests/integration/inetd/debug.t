# -d logs each socket inetd sets up, each connection and each server's
# exit with its pid and status, without -l; -f logs none of that.  A file
# that cannot be read is named at the line that named it, and the file
# inetd was given without a line number.
. "$TOP/tests/integration/inetd/common.sh"
printf '#!/bin/sh\necho three\nexit 3\n' > "$T/three"
chmod 755 "$T/three"
c=$T/inetd.conf
cat > "$c" <<CONF
127.0.0.1:7 stream tcp4 nowait root internal echo
10023 stream tcp4 nowait nobody $T/three three
CONF
start_inetd "$c"
wait_log "7/tcp4: listening on 127.0.0.1:7 \\($c:1\\)"
wait_log "10023/tcp4: listening on 0.0.0.0:10023 \\($c:2\\)"
assert_eq three "$(tcp 127.0.0.1 10023)" "the server"
wait_log '10023/tcp4: connection from 127.0.0.1:[0-9]+ pid [0-9]+$'
pid=$(sed -n 's/.*10023\/tcp4: connection from .* pid \([0-9]*\)$/\1/p' "$T/inetd.log")
wait_log "10023/tcp4: pid $pid exited 3 after [0-9.]+s\$"
assert_eq hi "$(tcp 127.0.0.1 7 hi)" "echo"
wait_log '7/tcp4: internal connection from 127.0.0.1$'
stop_daemon "$INETD_PID"

note "-f: none of it"
start_daemon inetd_f "$INETD" -f "$c"
f_pid=$LAST_PID
wait_until 10 grep -q 'started: ' "$T/inetd_f.log"
assert_eq three "$(tcp 127.0.0.1 10023)" "the server with -f"
assert_eq hi "$(tcp 127.0.0.1 7 hi)" "echo with -f"
stop_daemon "$f_pid"
grep -Eq 'listening on|connection from|exited' "$T/inetd_f.log" &&
	fail "-f logged what -d logs: $(cat "$T/inetd_f.log")"

note "cannot read: the line that named the file"
cat > "$T/inc.conf" <<CONF
127.0.0.1:7 stream tcp4 nowait root internal echo
.include $T/missing.conf
CONF
out=$("$INETD" -n "$T/inc.conf" 2>&1) && fail "-n accepted a missing include: $out"
assert_match "^inetd: $T/inc.conf:2: cannot read $T/missing.conf: No such file or directory\$" \
	"$out" "a missing include"
out=$("$INETD" -n "$T/missing.conf" 2>&1) && fail "-n accepted a missing file"
assert_eq "inetd: $T/missing.conf: cannot read: No such file or directory" "$out" \
	"the file given"
true
