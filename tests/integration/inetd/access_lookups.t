# The patterns libwrap has beyond names and addresses: @netgroup (from
# /etc/netgroup through nsswitch "netgroup: files"), /file (read at each
# match), and user@host, which asks the client's ident server (RFC 1413)
# from the child, "unknown" when none answers.
. "$TOP/tests/integration/inetd/common.sh"
lookup_fixtures
write_fixture hosts.deny <<'EOF2'
ALL: ALL
EOF2
write_fixture hosts.allow <<EOF2
ngd: @trusted
filed: $T/lists/trusted
byuser: alice@127.0.0.1 KNOWN@127.0.0.6
nouser: UNKNOWN@ALL
whod: ALL: twist /bin/echo user=%u client=%c
EOF2
cat > "$T/inetd.conf" <<CONF
10023   stream tcp nowait nobody /usr/bin/id ngd -u
10024   stream tcp nowait nobody /usr/bin/id filed -u
10025   stream tcp nowait nobody /usr/bin/id byuser -u
10026   stream tcp nowait nobody /usr/bin/id nouser -u
10027   stream tcp nowait nobody /usr/bin/id whod -u
CONF
out=$("$INETD" -n "$T/inetd.conf" 2>&1) || fail "-n: $out"
start_inetd -l "$T/inetd.conf"
from() {
	$CLIENT tcp 127.0.0.1 "$2" --source "$1"
}

note "@netgroup: the verified name, or the address"
assert_eq 65534 "$(from 127.0.0.2 10023)" "gw.example, a member by name"
assert_eq 65534 "$(from 127.0.0.3 10023)" "127.0.0.3, a member by address"
assert_eq "" "$(from 127.0.0.4 10023)" "127.0.0.4, no member"
wait_log '10023/tcp: refused connect from 127.0.0.4:[0-9]+ \(/etc/hosts.deny:1\)'

note "/file: its patterns, read when the rule is tried"
assert_eq 65534 "$(from 127.0.0.5 10024)" "127.0.0.5, listed"
assert_eq 65534 "$(from 127.0.0.2 10024)" "gw.example, by .example"
assert_eq "" "$(from 127.0.0.3 10024)" "127.0.0.3, not listed"
printf '127.0.0.3\n' >> "$T/lists/trusted"
assert_eq 65534 "$(from 127.0.0.3 10024)" "127.0.0.3, once added to the file"

note "user@host without an ident server: the user is unknown"
assert_eq "" "$(from 127.0.0.1 10025)" "alice@127.0.0.1 with no answer"
assert_eq 65534 "$(from 127.0.0.1 10026)" "UNKNOWN@ALL with no answer"
assert_eq "user=unknown client=localhost" "$(from 127.0.0.1 10027)" "%u and %c with no answer"

note "user@host with an ident server on port 113"
# Answers every query with the user given, for the ports asked about; it
# logs each query so that the case can see which were made.
start_identd alice "$T/queries"
assert_eq 65534 "$(from 127.0.0.1 10025)" "alice@127.0.0.1"
# The query named the client's port and the service's, in that order.
assert_match '^[0-9]+ , 10025$' "$(tail -n 1 "$T/queries")" "the ident query"
assert_eq "" "$(from 127.0.0.1 10026)" "UNKNOWN@ALL once alice is known"
assert_eq "user=alice client=alice@localhost" "$(from 127.0.0.1 10027)" "%u and %c"
# No ident query for a client whose host part does not match: the
# responder is asked nothing for 127.0.0.4 (alice@127.0.0.1 fails first).
n=$(wc -l < "$T/queries")
assert_eq "" "$(from 127.0.0.4 10025)" "127.0.0.4"
assert_eq "$n" "$(wc -l < "$T/queries")" "ident queries for a client no user pattern could match"
set_ident_user bob
assert_eq "" "$(from 127.0.0.1 10025)" "bob@127.0.0.1"
wait_log '10025/tcp: refused connect from 127.0.0.1:[0-9]+ \(/etc/hosts.deny:1\)'
