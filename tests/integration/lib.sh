# lib.sh: helpers for integration cases; sourced by the driver before each
# case, inside the case's own network, mount and PID namespaces.
#
# Conventions: $T is a scratch directory for the case; daemons started with
# start_daemon log to $T/<name>.log; every wait is a poll with a bound.

set -u
T=$(mktemp -d /tmp/itest.XXXXXX)
# A private tmpfs: whatever the case leaves there vanishes with it.
mount -t tmpfs -o mode=755 none "$T" || { echo "FAIL: tmpfs on $T"; exit 1; }
export T

# Programs under test.
INETD=$TOP/sbin/inetd/inetd
TFTPD=$TOP/libexec/tftpd/tftpd
PING=$TOP/bin/ping/ping
ARP=$TOP/sbin/arp/arp
NAMED=$TOP/sbin/named/named

_pids=
cleanup() {
	for p in $_pids; do
		kill "$p" 2>/dev/null
	done
	for p in $_pids; do
		eventually 5 sh -c "! kill -0 $p 2>/dev/null"
	done
	# A sanitizer report in any daemon's output fails the case (run
	# checks $SANDIR), even one written while it was being stopped.
	for _log in "$T"/*.log; do
		grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error: |Sanitizer has encountered' \
			"$_log" 2>/dev/null &&
			cp "$_log" "${SANDIR:-/tmp}/$(basename "$_log")"
	done
	umount -R -l /etc 2>/dev/null
	umount -R -l /dev 2>/dev/null
	umount -R -l "$T" 2>/dev/null
	rmdir "$T" 2>/dev/null
}
trap cleanup EXIT

ip link set lo up

# rc_script NAME [-e SED-EXPR]...: etc/rc.d/NAME as if installed with
# SYSCONFDIR=$T (rc.subr beside it in $T/rc.d), other placeholders
# replaced by the sed expressions; prints its path.
rc_script() {
	_n=$1
	shift
	mkdir -p "$T/rc.d"
	sed "s|@SYSCONFDIR@|$T|g" "$TOP/etc/rc.d/rc.subr" > "$T/rc.d/rc.subr"
	sed -e "s|@SYSCONFDIR@|$T|g" "$@" "$TOP/etc/rc.d/$_n" > "$T/rc.d/$_n"
	echo "$T/rc.d/$_n"
}

# skip REASON: the case cannot run here; counts as skipped.
skip() {
	echo "SKIP $CASE: $*"
	exit 77
}

# fail MESSAGE: the case failed; the end of every daemon log goes with it.
fail() {
	for _log in "$T"/*.log; do
		[ -f "$_log" ] || continue
		echo "--- last lines of $(basename "$_log"):"
		tail -n 15 "$_log"
	done
	echo "FAIL $CASE: $*"
	exit 1
}

# note MESSAGE: progress for the log.
note() {
	echo "--- $*"
}

# need COMMAND...: skip unless every command exists.
need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || [ -x "$c" ] ||
			skip "$c is not installed (make deps)"
	done
}

# wait_until SECONDS COMMAND...: poll COMMAND every 20 ms until it succeeds;
# fail the case when SECONDS pass.
wait_until() {
	_limit=$1
	shift
	_end=$(( $(date +%s%N) / 1000000 + _limit * 1000 ))
	while ! "$@" >/dev/null 2>&1; do
		[ $(( $(date +%s%N) / 1000000 )) -lt "$_end" ] ||
			fail "timed out after ${_limit}s waiting for: $*"
		sleep 0.02
	done
}

# eventually SECONDS COMMAND...: like wait_until but returns 1 instead of
# failing, for conditions the case wants to test itself.
eventually() {
	_limit=$1
	shift
	_end=$(( $(date +%s%N) / 1000000 + _limit * 1000 ))
	while ! "$@" >/dev/null 2>&1; do
		[ $(( $(date +%s%N) / 1000000 )) -lt "$_end" ] || return 1
		sleep 0.02
	done
}

# tcp_listening PORT [ADDR]: true when something listens on the TCP port.
tcp_listening() {
	ss -Hltn "sport = :$1" | grep -q "${2:-}"
}

# udp_bound PORT [ADDR]: true when a UDP socket is bound to the port.
udp_bound() {
	ss -Hlun "sport = :$1" | grep -q "${2:-}"
}

# wait_tcp PORT [SECONDS]: wait until the TCP port listens.
wait_tcp() {
	wait_until "${2:-10}" tcp_listening "$1"
}

# wait_udp PORT [SECONDS]: wait until the UDP port is bound.
wait_udp() {
	wait_until "${2:-10}" udp_bound "$1"
}

# start_daemon NAME COMMAND...: run COMMAND in the background, output to
# $T/NAME.log; its pid is in $LAST_PID and it is killed at exit.
start_daemon() {
	_name=$1
	shift
	"$@" > "$T/$_name.log" 2>&1 &
	LAST_PID=$!
	_pids="$_pids $LAST_PID"
}

# stop_daemon PID: SIGTERM and wait for it to exit (bounded).
stop_daemon() {
	kill -TERM "$1" 2>/dev/null || return 0
	eventually 10 sh -c "! kill -0 $1 2>/dev/null" ||
		{ kill -KILL "$1" 2>/dev/null; fail "pid $1 ignored SIGTERM"; }
	wait "$1" 2>/dev/null
	return 0
}

# fixture ETCFILE CONTENT_FILE: CONTENT_FILE appears as /etc/ETCFILE for
# this case only (bind-mounted over it, or created in a private overlay of
# /etc when the file does not exist).
fixture() {
	if [ -e "/etc/$1" ]; then
		mount --bind "$2" "/etc/$1" ||
			fail "fixture: cannot bind $2 over /etc/$1"
	else
		_etc_private
		cp "$2" "/etc/$1" || fail "fixture: cannot create /etc/$1"
	fi
}

# write_fixture ETCFILE <<EOF ... EOF: the text on stdin becomes
# /etc/ETCFILE.  Feed it with a here-document, not a pipe (a pipe runs it in
# a subshell where a failure cannot end the case).
write_fixture() {
	_f="$T/fixture.$(echo "$1" | tr / _)"
	cat > "$_f"
	fixture "$1" "$_f"
}

# remove_fixture ETCFILE: /etc/ETCFILE is gone for this case only (removed
# from a private overlay of /etc).
remove_fixture() {
	_etc_private
	rm -f "/etc/$1" || fail "remove_fixture: cannot remove /etc/$1"
}

_etc_private_done=
_etc_private() {
	[ -z "$_etc_private_done" ] || return 0
	mkdir -p "$T/etc.upper" "$T/etc.work" "$T/etc.merged"
	mount -t overlay overlay \
		-o "lowerdir=/etc,upperdir=$T/etc.upper,workdir=$T/etc.work" \
		"$T/etc.merged" || fail "cannot overlay /etc"
	mount --bind "$T/etc.merged" /etc || fail "cannot bind the /etc overlay"
	_etc_private_done=1
}

# A case sees the same name databases on every machine, not the host's:
# a stock Debian 12 /etc/hosts (with its ::1 line), the suite's own
# services and protocols (etc/), names from files only (nothing can ask a
# resolver, which a namespace has no route to anyway), no access rules.
# A case that needs other names writes its own with write_fixture.
_standard_etc() {
	_etc_private
	_h=$(hostname)
	rm -f /etc/hosts /etc/resolv.conf /etc/nsswitch.conf /etc/services \
		/etc/protocols /etc/hosts.allow /etc/hosts.deny /etc/netgroup
	cat > /etc/hosts <<EOF_ETC
127.0.0.1	localhost
127.0.1.1	$_h
::1		localhost ip6-localhost ip6-loopback
ff02::1		ip6-allnodes
ff02::2		ip6-allrouters
EOF_ETC
	cat > /etc/nsswitch.conf <<'EOF_ETC'
passwd:		files
group:		files
shadow:		files
hosts:		files
networks:	files
protocols:	files
services:	files
ethers:		files
rpc:		files
netgroup:	files
EOF_ETC
	echo "nameserver 127.0.0.1" > /etc/resolv.conf
	cp "$TOP/etc/services" "$TOP/etc/protocols" /etc/ ||
		fail "cannot install the standard services and protocols"
	: > /etc/hosts.allow
	: > /etc/hosts.deny
}

# capture_syslog: give this case a /dev/log of its own (an overlay of
# /dev, so nothing is created in the host's /dev) and collect what daemons
# log there in $T/syslog.log.
capture_syslog() {
	mkdir -p "$T/dev.upper" "$T/dev.work" "$T/dev"
	mount -t overlay overlay \
		-o "lowerdir=/dev,upperdir=$T/dev.upper,workdir=$T/dev.work" \
		"$T/dev" || fail "cannot overlay /dev"
	for _sub in pts shm mqueue; do
		[ -d "/dev/$_sub" ] && mount --rbind "/dev/$_sub" "$T/dev/$_sub"
	done
	mount --bind "$T/dev" /dev || fail "cannot bind the /dev overlay"
	rm -f /dev/log
	start_daemon syslogd python3 "$TOP/tests/integration/syslogd.py" \
		/dev/log "$T/syslog.log"
	# python3 can take seconds to start on a loaded machine.
	wait_until 30 test -S /dev/log
}

# assert_eq EXPECTED ACTUAL WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
}

# assert_match REGEX TEXT WHAT (grep -E)
assert_match() {
	printf '%s\n' "$2" | grep -Eq -- "$1" || fail "$3: '$2' does not match /$1/"
}

# assert_file_match REGEX FILE WHAT
assert_file_match() {
	grep -Eq -- "$1" "$2" || { cat "$2"; fail "$3: no line matches /$1/ in $2"; }
}

# two_hosts: namespaces h1 (10.9.0.1, fd00:9::1) and h2 (10.9.0.2,
# fd00:9::2) joined by a veth pair; run commands there with "ip netns exec".
two_hosts() {
	mkdir -p /run/netns
	mount -t tmpfs -o size=1m none /run/netns ||
		fail "cannot mount a private /run/netns"
	ip netns add h1 && ip netns add h2 || fail "ip netns add"
	ip link add v1 netns h1 type veth peer name v2 netns h2 ||
		fail "ip link add veth"
	ip -n h1 link set lo up
	ip -n h2 link set lo up
	ip -n h1 addr add 10.9.0.1/24 dev v1
	ip -n h2 addr add 10.9.0.2/24 dev v2
	ip -n h1 -6 addr add fd00:9::1/64 dev v1 nodad
	ip -n h2 -6 addr add fd00:9::2/64 dev v2 nodad
	ip -n h1 link set v1 up
	ip -n h2 link set v2 up
	wait_until 10 ip netns exec h1 ping -c 1 -W 1 10.9.0.2
}

# usage_is_synopsis PAGE COMMAND...: fail unless the usage message COMMAND
# prints on stderr has the words of the SYNOPSIS of man page PAGE (a path
# under man/), white space aside.
usage_is_synopsis() {
	need mandoc
	_man=$1
	_page=$TOP/man/$1
	shift
	"$@" > /dev/null 2> "$T/usage"
	_bs=$(printf '\b')
	# getopt's own complaint comes first.
	_u=$(sed -n '/^usage: /,$p' "$T/usage" | sed 's/^usage: //' |
		tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//')
	_s=$(mandoc -Tascii -O width=200 "$_page" | sed "s/.$_bs//g" |
		sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
		tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//')
	[ -n "$_s" ] || fail "no SYNOPSIS in $_page"
	assert_eq "$_s" "$_u" "usage against the SYNOPSIS of $_man"
}

_standard_etc
