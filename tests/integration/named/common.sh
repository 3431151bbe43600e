# common.sh: helpers for the named cases (sourced by each case).
#
#   named_start NAME PORT BOOTFILE [ARGS...]
#                       our named in the foreground (-d 1) on PORT with
#                       pidfile $T/NAME.pid, log $T/NAME.log, pid in
#                       $NAMED_PID; returns once the SOA of every primary
#                       zone of BOOTFILE is answered with authority
#   q ARGS...           dig +norec, one try, at the last named started
#                       ($NAMED_PORT); ask OUT ARGS... keeps it in $T/OUT
#   status_of FILE      the rcode of dig's output in FILE
#   has_flag FILE FLAG  true when FLAG (aa, tc...) is in its header
#   section NAME FILE   the records of section NAME (ANSWER, AUTHORITY,
#                       ADDITIONAL) of FILE, one a line, blanks squeezed
#   soa_serial PORT ZONE   the serial the server at PORT answers
#   expect FILE RCODE FLAGS WHAT   fail unless FILE has that rcode and
#                       those flags set ("aa") or clear ("-aa")
#   named_answers PORT ZONE  true when ZONE's SOA is answered with aa
#   basic_zone FILE     the smallest zone the cases share: SOA, NS ns,
#                       ns A 127.0.0.1, www A 192.0.2.1
#
# $RAW runs dnsraw.py, beside this file, which sends what dig cannot
# (see its header).
need dig

# dnsraw.py, run by the system's python3 when there is one: a version
# manager's shim first in PATH costs half a second a start, which adds
# up under load.
if [ -x /usr/bin/python3 ]; then
	RAW="/usr/bin/python3 $TOP/tests/integration/named/dnsraw.py"
else
	RAW="python3 $TOP/tests/integration/named/dnsraw.py"
fi

NAMED_PORT=
NAMED_PID=

# named_primaries BOOTFILE: the zones of its primary lines.
named_primaries() {
	sed -n 's/^[[:space:]]*primary[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/Ip' "$1"
}

# named_answers PORT ZONE: true when the SOA of ZONE is answered with aa.
named_answers() {
	dig +norec +time=1 +tries=1 @127.0.0.1 -p "$1" "$2" SOA 2>/dev/null |
		grep -q '^;; flags: qr aa'
}

# _named_up PID PORT ZONE: the zone answers, or the server is gone
# (named_start says which).
_named_up() {
	kill -0 "$1" 2>/dev/null || return 0
	named_answers "$2" "$3"
}

named_start() {
	_nn=$1
	NAMED_PORT=$2
	_nb=$3
	shift 3
	[ -x "$NAMED" ] || fail "$NAMED is not built"
	start_daemon "$_nn" "$NAMED" -d 1 -p "$NAMED_PORT" -P "$T/$_nn.pid" "$@" "$_nb"
	NAMED_PID=$LAST_PID
	for _nz in $(named_primaries "$_nb"); do
		wait_until 10 _named_up "$NAMED_PID" "$NAMED_PORT" "$_nz"
		kill -0 "$NAMED_PID" 2>/dev/null ||
			fail "named exited before serving $_nz"
	done
	wait_until 10 grep -q "serving [0-9]* zones* on port $NAMED_PORT" "$T/$_nn.log"
}

q() {
	dig +norec +time=2 +tries=1 @127.0.0.1 -p "$NAMED_PORT" "$@"
}

ask() {
	_out=$1
	shift
	q "$@" > "$T/$_out" 2>&1
}

status_of() {
	sed -n 's/^;; ->>HEADER<<-.* status: \([A-Z0-9]*\),.*/\1/p' "$1"
}

has_flag() {
	sed -n 's/^;; flags: \([a-z ]*\);.*/ \1 /p' "$1" | grep -q " $2 "
}

section() {
	awk -v s=";; $1 SECTION:" '
		$0 == s { on = 1; next }
		on && /^$/ { exit }
		on { print }' "$2" | tr -s ' \t' '  '
}

soa_serial() {
	dig +short +norec +time=2 +tries=1 @127.0.0.1 -p "$1" "$2" SOA |
		awk '{ print $3 }'
}

# expect FILE STATUS FLAGS WHAT: FILE's rcode is STATUS; FLAGS is a list
# of header flags that must be set ("aa") or clear ("-aa").
expect() {
	assert_eq "$2" "$(status_of "$1")" "$4: rcode"
	for _f in $3; do
		case $_f in
		-*) has_flag "$1" "${_f#-}" &&
			fail "$4: flag ${_f#-} set: $(grep '^;; flags' "$1")" ;;
		*) has_flag "$1" "$_f" ||
			fail "$4: flag $_f clear: $(grep '^;; flags' "$1")" ;;
		esac
	done
	return 0
}

basic_zone() {
	cat > "$1" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.1
ZONE
}
