#!/bin/sh
# demo.sh: install the suite into a scratch directory and run it on its
# example configuration (etc/demo/), on 127.0.0.1 with unprivileged ports,
# in the foreground until Ctrl-C.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
demo=$(mktemp -d /tmp/netsuite-demo.XXXXXX)
chmod 755 "$demo"
prefix=/usr/local
root="$demo/root"
# A demo setup may leave read-only directories: made writable to go.
trap 'chmod -R u+w "$demo" 2>/dev/null; rm -rf "$demo"' EXIT
make -C "$top" --no-print-directory install DESTDIR="$root" > "$demo/install.log" 2>&1 ||
	{ cat "$demo/install.log"; exit 1; }
user=$(id -un)
sed -e "s|@DEMO@|$demo|g" -e "s|@PREFIX@|$root$prefix|g" -e "s|@USER@|$user|g" \
	"$top/etc/demo/inetd.conf" > "$demo/inetd.conf"
for f in "$top"/etc/demo/*.conf; do
	case $f in */inetd.conf) continue ;; esac
	sed -e "s|@DEMO@|$demo|g" -e "s|@PREFIX@|$root$prefix|g" \
		-e "s|@USER@|$user|g" "$f" >> "$demo/inetd.conf"
done
[ ! -x "$top/etc/demo/setup" ] || DEMO="$demo" PREFIX="$root$prefix" "$top/etc/demo/setup"

cat <<MSG
The suite is installed in $root$prefix and inetd runs on 127.0.0.1 with
$demo/inetd.conf.  Try, from another terminal:

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

Every connection is logged below.  Ctrl-C stops the demo.

MSG
# Ctrl-C goes to inetd, which exits on it; this shell ignores it so that it
# lives on to remove the scratch directory (inetd sets its own handler).
trap '' INT
"$root$prefix/sbin/inetd" -d -l -R 0 "$demo/inetd.conf" || true
