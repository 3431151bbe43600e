# common.sh: helpers for the inetd cases (sourced by each case).
need python3
CLIENT="python3 $TOP/tests/integration/inetd/client.py"

# start_inetd ARGS... CONF: inetd in the foreground with debug logging;
# returns once it has opened its sockets.
start_inetd() {
	start_daemon inetd "$INETD" -d "$@"
	INETD_PID=$LAST_PID
	wait_until 10 grep -q 'started: ' "$T/inetd.log"
}

# log_count REGEX: how many inetd log lines match.
log_count() {
	grep -Ec -- "$1" "$T/inetd.log"
}

# log_has REGEX N: true when at least N log lines match.
log_has() {
	[ "$(grep -Ec -- "$1" "$T/inetd.log")" -ge "$2" ]
}

# wait_log REGEX [N]: wait until at least N (default 1) log lines match.
wait_log() {
	wait_until 10 log_has "$1" "${2:-1}"
}

# reload_inetd: SIGHUP, then wait for the outcome to be logged.
reload_inetd() {
	_n=$(log_count 'reloaded |reload: errors')
	kill -HUP "$INETD_PID"
	wait_log 'reloaded |reload: errors' $((_n + 1))
}

# tcp HOST PORT [DATA]: connect, send DATA, print the reply to EOF.
tcp() {
	$CLIENT tcp "$@"
}

# burst N COMMAND...: run COMMAND N times at once (a rate limit's test
# must not depend on how fast clients start); each output, one line per
# run, in $T/burst/all.
burst() {
	_n=$1
	shift
	rm -rf "$T/burst"
	mkdir -p "$T/burst"
	_bp=
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_i=$((_i + 1))
		"$@" > "$T/burst/$_i" 2>&1 &
		_bp="$_bp $!"
	done
	for _p in $_bp; do
		wait "$_p"
	done
	for _f in "$T"/burst/[0-9]*; do
		printf '%s\n' "$(cat "$_f")"
	done > "$T/burst/all"
}

# burst_count LINE: how many runs of the last burst printed exactly LINE.
burst_count() {
	grep -cx -- "$1" "$T/burst/all"
}

# udp HOST PORT DATA [--sport N]: one datagram, its reply or NO REPLY.
udp() {
	$CLIENT udp "$@"
}

# dgram_server FILE MODE [ARG]: FILE becomes a program inetd can run (as
# any user) that is dgram_server.py in MODE: once, linger S, idle S, env.
# The script is copied into $T: the tree may be where other users cannot
# read (a checkout under /root), and the servers run as nobody.
dgram_server() {
	[ -f "$T/dgram_server.py" ] ||
		install -m 644 "$TOP/tests/integration/inetd/dgram_server.py" "$T/"
	printf '#!/bin/sh\nexec python3 %s/dgram_server.py %s %s\n' \
		"$T" "$2" "${3:-}" > "$1"
	chmod 755 "$1"
}

# children_of PID: the number of live child processes of PID.
children_of() {
	ps -o pid= --ppid "$1" | wc -l
}

# zombies: the number of zombie processes in this PID namespace.
zombies() {
	ps -eo stat= | grep -c '^Z'
}

# lookup_fixtures: the /etc the lookup-pattern cases share: a netgroup
# "trusted" (gw.example by name, 127.0.0.3 by address), hosts naming
# 127.0.0.2 gw.example, nsswitch with netgroups from files, and a pattern
# file $T/lists/trusted (127.0.0.5 and .example).  The netgroup file comes
# first: a file new to /etc makes a private overlay of it, which must exist
# before the other fixtures are bound over its files.
lookup_fixtures() {
	write_fixture netgroup <<'EOF2'
trusted (gw.example,-,) (127.0.0.3,-,)
EOF2
	write_fixture hosts <<'EOF2'
127.0.0.1 localhost
127.0.0.2 gw.example
EOF2
	write_fixture nsswitch.conf <<'EOF2'
passwd: files
group: files
shadow: files
hosts: files
netgroup: files
EOF2
	mkdir -p "$T/lists"
	printf '# hosts let in by the file\n127.0.0.5 .example\n' > "$T/lists/trusted"
}

# start_identd USER [LOG]: identd.py on port 113 answering USER (none when
# empty), its user changed later with set_ident_user.
start_identd() {
	printf '%s\n' "$1" > "$T/ident_user"
	start_daemon identd python3 "$TOP/tests/integration/inetd/identd.py" \
		"$T/ident_user" ${2:+"$2"}
	wait_tcp 113
}

# set_ident_user USER: the user identd.py answers from now on.
set_ident_user() {
	printf '%s\n' "$1" > "$T/ident_user"
}
