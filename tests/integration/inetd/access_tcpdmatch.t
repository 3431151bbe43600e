# Our decisions against libwrap's on the same files: for netgroups,
# pattern files, user@host and malformed rules, each client is asked of
# tcpdmatch(8) (Debian's tcpd) and made to connect to inetd for real.
. "$TOP/tests/integration/inetd/common.sh"
need tcpdmatch
lookup_fixtures
write_fixture hosts.deny <<'EOF2'
ALL: ALL
EOF2
write_fixture hosts.allow <<EOF2
ngd: @trusted
filed: $T/lists/trusted
byuser: alice@127.0.0.1
nouser: UNKNOWN@ALL
knownd: KNOWN@ALL
badopt: ALL: frobnicate
badpat: 127.0.0.1/33 127.0.0.2
exc: ALL EXCEPT 127.0.0.0/33
nocolon ALL
trail: ALL:
EOF2
port=10023
conf=
for d in ngd filed byuser nouser knownd badopt badpat exc nocolon trail; do
	conf="$conf$port stream tcp nowait nobody /usr/bin/id $d -u
"
	eval "port_$d=$port"
	port=$((port + 1))
done
printf '%s' "$conf" > "$T/inetd.conf"
# The ident server answers with the user set by set_ident_user, or not at
# all while that is empty.
start_identd ""
start_inetd "$T/inetd.conf"

# ours DAEMON SOURCE: granted or denied, by connecting from SOURCE.
ours() {
	eval "_p=\$port_$1"
	if [ "$($CLIENT tcp 127.0.0.1 "$_p" --source "$2")" = 65534 ]; then
		echo granted
	else
		echo denied
	fi
}
# theirs DAEMON CLIENT: tcpdmatch's verdict for CLIENT (a name, an
# address, or user@either).
theirs() {
	tcpdmatch "$1" "$2" 2>/dev/null | sed -n 's/^access: *//p'
}
# same DAEMON SOURCE TCPDMATCH-CLIENT [USER]
same() {
	set_ident_user "${4:-}"
	_o=$(ours "$1" "$2")
	_t=$(theirs "$1" "$3")
	assert_eq "$_t" "$_o" "$1 from $3: tcpdmatch says $_t"
	echo "$1 $3: $_o"
}
same ngd 127.0.0.2 gw.example
same ngd 127.0.0.4 127.0.0.4
same filed 127.0.0.5 127.0.0.5
same filed 127.0.0.2 gw.example
same filed 127.0.0.3 127.0.0.3
same byuser 127.0.0.1 alice@127.0.0.1 alice
same byuser 127.0.0.1 bob@127.0.0.1 bob
same byuser 127.0.0.1 127.0.0.1
same nouser 127.0.0.1 127.0.0.1
same nouser 127.0.0.1 alice@127.0.0.1 alice
same knownd 127.0.0.1 bob@127.0.0.1 bob
same knownd 127.0.0.1 127.0.0.1
same badopt 127.0.0.1 127.0.0.1
same badpat 127.0.0.2 127.0.0.2
same badpat 127.0.0.1 127.0.0.1
same exc 127.0.0.1 127.0.0.1
same nocolon 127.0.0.1 127.0.0.1
same trail 127.0.0.1 127.0.0.1

note "the one documented difference: a netgroup by address"
assert_eq denied "$(theirs ngd 127.0.0.3)" "tcpdmatch: netgroups by name only"
assert_eq granted "$(ours ngd 127.0.0.3)" "inetd: the address is asked too"
