#!/bin/sh
# deps.sh: install the Debian packages the suite needs to build, test and
# benchmark.  Only what is missing, only as root, never interactively, and
# never letting a package start a daemon (policy-rc.d refuses starts).
#
# usage: deps.sh [--if-root]
#   --if-root  as non-root, just say what is missing and carry on (make check)
#
# Peer daemons for benchmarks (openbsd-inetd, xinetd, tftpd-hpa, atftpd) are
# not installed here: tests/bench fetches and unpacks them with apt-get
# download and dpkg -x, so they never run as system services.

PACKAGES="
	g++ make libcpputest-dev libssl-dev pkg-config
	clang libclang-rt-14-dev
	mandoc
	iproute2 procps psmisc util-linux
	curl socat netcat-openbsd tftp-hpa atftp python3
	libwrap0 libpcre2-8-0
	iputils-ping iputils-arping net-tools tcpdump
	dpkg-dev
"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages:$missing"
	echo "deps: run as root: apt-get install -y$missing"
	[ "${1:-}" = --if-root ] && exit 0
	exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
made_policy=
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy"
	made_policy=1
fi
rc=0
apt-get install -y -q --no-install-recommends $missing > /tmp/deps.log 2>&1 || {
	apt-get update -q > /dev/null 2>&1
	apt-get install -y -q --no-install-recommends $missing > /tmp/deps.log 2>&1 || rc=$?
}
[ -z "$made_policy" ] || rm -f "$policy"
if [ $rc -ne 0 ]; then
	tail -n 20 /tmp/deps.log
	echo "deps: apt-get failed (exit $rc); see /tmp/deps.log"
fi
exit $rc
