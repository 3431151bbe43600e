#!/bin/sh
# demo.sh: install the suite into a scratch directory and run it on its
# example configuration (etc/demo/), on 127.0.0.1 with unprivileged ports,
# in the foreground until Ctrl-C: inetd with its services, and named
# serving the demo zone on port 10053.
#
# usage: demo.sh [--check]
#   --check  install and write the configuration, check it with named -n
#            and inetd -n, and exit with their status
#            (tests/integration/build)
#
# inetd reads hosts.allow and hosts.deny from its compiled-in SYSCONFDIR and
# has no option to name others, so the host's policy would apply to the
# demo.  As root the demo runs inetd in a mount namespace of its own with
# etc/demo's access files bound over the host's; as another user it says
# when the host's files hold rules.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
check=
[ "${1:-}" != --check ] || check=1
demo=$(mktemp -d /tmp/netsuite-demo.XXXXXX)
chmod 755 "$demo"
prefix=/usr/local
root="$demo/root"
named_pid=
# At exit named is stopped (it is never stopped by Ctrl-C: see below), and
# the scratch directory removed; a demo setup may leave read-only
# directories there, made writable to go.
clean_up() {
	set +e
	if [ -n "$named_pid" ]; then
		kill "$named_pid" 2>/dev/null
		wait "$named_pid" 2>/dev/null
	fi
	chmod -R u+w "$demo" 2>/dev/null
	rm -rf "$demo"
}
trap clean_up EXIT
# DEMO_MAKE: the make to install with (the build case passes its switches).
[ -n "$check" ] || echo "demo: installing the suite into $root$prefix"
${DEMO_MAKE:-make} -C "$top" --no-print-directory install DESTDIR="$root" \
	> "$demo/install.log" 2>&1 || { cat "$demo/install.log"; exit 1; }
user=$(id -un)
fill() {
	sed -e "s|@DEMO@|$demo|g" -e "s|@PREFIX@|$root$prefix|g" \
		-e "s|@USER@|$user|g" "$1"
}
fill "$top/etc/demo/inetd.conf" > "$demo/inetd.conf"
for f in "$top"/etc/demo/*.conf; do
	case $f in */inetd.conf) continue ;; esac
	fill "$f" >> "$demo/inetd.conf"
done
for f in hosts.allow hosts.deny named.boot; do
	fill "$top/etc/demo/$f" > "$demo/$f"
done
cp "$top/etc/demo/demo.zone" "$demo/demo.zone"
[ ! -x "$top/etc/demo/setup" ] || DEMO="$demo" PREFIX="$root$prefix" "$top/etc/demo/setup"
inetd="$root$prefix/sbin/inetd"
named="$root$prefix/sbin/named"
# The port of etc/demo/named.boot's comment, and of the banner below.
named_port=10053

# own_access COMMAND...: COMMAND with the demo's hosts.allow and hosts.deny
# in place of the host's (root only: a private mount namespace).  A host
# file that does not exist has no rules to hide.
own_access=
if [ "$(id -u)" -eq 0 ] && unshare --mount --propagation private true 2>/dev/null; then
	own_access=1
fi
# run_inetd [exec] INETD ARGS...: inetd with the demo's own access files
# when it has them; "exec": in place of the (sub)shell that calls it, so a
# background run's $! is inetd's own process.
run_inetd() {
	_exec=
	[ "$1" != exec ] || { _exec=1; shift; }
	if [ -n "$own_access" ]; then
		set -- unshare --mount --propagation private sh -c '
			for f in hosts.allow hosts.deny; do
				[ ! -e "/etc/$f" ] ||
					mount --bind "$DEMO/$f" "/etc/$f" || exit 1
			done
			exec "$@"' sh "$@"
	fi
	if [ -n "$_exec" ]; then
		DEMO="$demo" exec "$@"
	fi
	DEMO="$demo" "$@"
}

if [ -n "$check" ]; then
	st=0
	"$named" -n "$demo/named.boot" || st=1
	run_inetd "$inetd" -n "$demo/inetd.conf" || st=1
	exit $st
fi
echo "demo: checking the configuration ($named -n, $inetd -n)"
"$named" -n "$demo/named.boot" ||
	{ echo "demo: the example boot file or zone has errors"; exit 1; }
run_inetd "$inetd" -n "$demo/inetd.conf" ||
	{ echo "demo: the example configuration has errors"; exit 1; }

if [ -z "$own_access" ]; then
	for f in /etc/hosts.allow /etc/hosts.deny; do
		if [ -r "$f" ] && grep -q '^[[:space:]]*[^#[:space:]]' "$f"; then
			echo "demo: $f has rules and applies to the demo too;" \
				"run make demo as root to give it its own"
		fi
	done
fi

# named in the foreground (-d 0: notices, and the queries query-log
# logs), in a session of its own: Ctrl-C at the terminal would make it
# dump its zones (SIGINT), not stop; it is stopped below once inetd has
# gone.  Run as root it serves as nobody, who can read the scratch
# directory.
named_ready() {
	ss -Hlun "sport = :$named_port" 2>/dev/null | grep -q .
}
if named_ready; then
	echo "demo: UDP port $named_port is taken; named cannot serve there"
	exit 1
fi
# Until inetd runs, Ctrl-C ends the demo through clean_up.
trap 'exit 130' INT
setsid "$named" -d 0 -p $named_port "$demo/named.boot" &
named_pid=$!
_i=0
while ! named_ready; do
	if ! kill -0 "$named_pid" 2>/dev/null || [ $_i -ge 100 ]; then
		echo "demo: named did not start on port $named_port"
		exit 1
	fi
	_i=$((_i + 1))
	sleep 0.1
done

cat <<MSG
The suite is installed in $root$prefix and inetd runs on 127.0.0.1 with
$demo/inetd.conf; named serves demo.test on port $named_port of every
address with $demo/named.boot.  Try, from another terminal:

  echo hello | nc -q1 127.0.0.1 10007       echo (TCP)
  nc -w1 127.0.0.1 10013                     daytime
  nc 127.0.0.1 10019 | head -n 3             chargen
  echo gone | nc -q1 127.0.0.1 10009         discard: nothing comes back
  nc -w1 127.0.0.1 10037 | od -An -tu1       time: seconds since 1900
  echo hi | socat - UDP:127.0.0.1:10007      echo (UDP)
  echo | socat - UDP:127.0.0.1:10019         chargen (UDP): 0 to 512 characters
  echo gone | socat -u - UDP:127.0.0.1:10009 discard (UDP): nothing comes back
  echo | socat - UDP:127.0.0.1:10013         daytime (UDP)
  nc -w1 127.0.0.1 10079                     an external service: env
$( [ ! -f "$top/etc/demo/README" ] || cat "$top/etc/demo/README")
  kill -USR1 \$(pgrep -f $demo/inetd.conf)   inetd's state, in this window
  dig @127.0.0.1 -p $named_port www.demo.test      named: an address
  dig @127.0.0.1 -p $named_port www.demo.test AAAA its IPv6 address
  dig @127.0.0.1 -p $named_port demo.test MX       the mail exchanger
  dig @127.0.0.1 -p $named_port ftp.demo.test      a CNAME, followed in the zone
  dig @127.0.0.1 -p $named_port demo.test TXT      a text record
  dig @127.0.0.1 -p $named_port demo.test AXFR     the whole zone, over TCP
  dig @127.0.0.1 -p $named_port example.com        not ours: REFUSED

Every connection and every query is logged below.  Ctrl-C stops the demo.

MSG
# Ctrl-C goes to inetd, which exits on it; this shell ignores it so that it
# lives on to remove the scratch directory (inetd sets its own handler).
trap '' INT
run_inetd exec "$inetd" -d -l -R 0 "$demo/inetd.conf" &
inetd_pid=$!
# Told to stop (kill) or its terminal gone: inetd is stopped first (a
# hang-up would only make it reread its configuration), then clean_up
# stops named and removes the scratch directory.
stop_demo() {
	kill "$inetd_pid" 2>/dev/null
	wait "$inetd_pid"
	exit "$1"
}
trap 'stop_demo 143' TERM
trap 'stop_demo 129' HUP
wait "$inetd_pid" || true
