# peer.sh: BIND 9 beside named in a case (differential answers, zone
# transfers both ways), run from its unpacked Debian package, never
# installed.  The namespaces have no network: the driver fetches the
# peers a case names in its header ("# peers: bind9") before the case
# starts; when that failed (offline), bind_need skips the case.
#
#   bind_need                   skip unless BIND's named can run here
#   bind_setup NAME PORT        a configuration in $T/NAME (printed),
#                               listening on 127.0.0.1 PORT; add zones
#                               with bind9_primary DIR ORIGIN FILE or
#                               bind9_secondary DIR ORIGIN ADDR PORT
#   bind_start NAME             start it, log $T/NAME.log, pid in
#                               $LAST_PID; wait until every primary zone
#                               answers its SOA
#   bind_serve NAME PORT ORIGIN FILE   the three for one primary zone
#   bind_answers PORT ORIGIN    true when the SOA of ORIGIN is answered
#                               with authority
#   dig_all PORT FILE           every question of FILE (dig -f lines; a
#                               "| ..." tail is a note, left out) asked of
#                               127.0.0.1 PORT, each reply as sorted lines
#                               "N ORDER TEXT" to compare: N the
#                               question's number, then its rcode, its aa
#                               and tc flags, each section's records,
#                               without case
. "$TOP/tests/peers/dns.sh"
BIND_ROOT=${PEER_CACHE:-$TOP/tests/bench/.cache}/bind9/root

bind_need() {
	need dig
	[ -d "$BIND_ROOT" ] ||
		skip "BIND 9 is not fetched (offline?); outside the namespaces: tests/peers/fetch bind9"
	_why=$(peer_check "$BIND_ROOT" usr/sbin/named) || skip "$_why"
}

bind_setup() {
	mkdir -p "$T/$1" || fail "cannot make $T/$1"
	bind9_conf "$T/$1" "$2" 1
	echo "$2" > "$T/$1/port"
	echo "$T/$1"
}

bind_start() {
	start_daemon "$1" bind9_exec "$BIND_ROOT" "$T/$1"
	_port=$(cat "$T/$1/port")
	for _z in $(sed -n 's/^zone "\([^"]*\)" { type primary;.*/\1/p' "$T/$1/named.conf"); do
		wait_until 30 bind_answers "$_port" "$_z"
	done
}

bind_serve() {
	_dir=$(bind_setup "$1" "$2")
	bind9_primary "$_dir" "$3" "$4"
	bind_start "$1"
}

bind_answers() {
	dig +norec +time=1 +tries=1 @127.0.0.1 -p "$1" "$2" SOA 2>/dev/null |
		grep -q '^;; flags: qr aa'
}

dig_all() {
	sed 's/ *|.*//' "$2" > "$2.dig"
	dig +norec +time=2 +tries=1 @127.0.0.1 -p "$1" -f "$2.dig" 2>&1 |
		awk '
		/^; <<>> DiG / { n++; sec = 0; next }
		/^;; ->>HEADER<<-/ {
			s = $0; sub(/.*status: /, "", s); sub(/,.*/, "", s)
			printf "%03d 1 status %s\n", n, s
		}
		/^;; flags:/ {
			f = $0; sub(/^;; flags:/, "", f); sub(/;.*/, "", f)
			out = "flags"
			if (f ~ / aa( |$)/) out = out " aa"
			if (f ~ / tc( |$)/) out = out " tc"
			printf "%03d 2 %s\n", n, out
		}
		/^;; ANSWER SECTION:$/ { sec = 3; next }
		/^;; AUTHORITY SECTION:$/ { sec = 4; next }
		/^;; ADDITIONAL SECTION:$/ { sec = 5; next }
		/^$/ { sec = 0 }
		sec && !/^;/ {
			r = tolower($0); gsub(/[ \t]+/, " ", r)
			printf "%03d %d %s\n", n, sec, r
		}' | sort
}
