# Usage errors and unknown hosts exit 2 with a message.
. "$TOP/tests/integration/ping/common.sh"
need "$PING"

"$PING" > "$T/u" 2>&1
assert_eq 2 $? "no host"
assert_file_match '^usage: ping ' "$T/u" "usage"
"$PING" -Z 127.0.0.1 > "$T/u" 2>&1
assert_eq 2 $? "unknown option"
assert_file_match '^usage: ping ' "$T/u" "usage for unknown option"
"$PING" 127.0.0.1 56 1 extra > "$T/u" 2>&1
assert_eq 2 $? "too many operands"
# A name this case's /etc/hosts does not have, asked of nothing else.
write_fixture hosts <<EOF2
127.0.0.1 localhost
EOF2
same_as_iputils - -c 1 no-such-host.invalid
assert_eq 2 "$_rc_ours" "unknown host"
assert_file_match '^ping: no-such-host\.invalid: Name or service not known$' \
	"$T/ours" "unknown host message"
"$PING" -f -i 1 127.0.0.1 > "$T/f" 2>&1
assert_eq 2 $? "-f with -i"
"$PING" -c 1 -I nosuchif0 127.0.0.1 > "$T/i" 2>&1
assert_eq 2 $? "unknown interface"
assert_file_match '^ping: nosuchif0: no such interface$' "$T/i" "interface message"

# usage() says what the SYNOPSIS says.
usage_is_synopsis man8/ping.8 "$PING" -Z 127.0.0.1
