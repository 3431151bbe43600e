#!/bin/sh
# deps.sh: install the Debian packages the suite needs to build, test and
# benchmark.  Only what is missing, only as root, never interactively, and
# never letting a package start a daemon (policy-rc.d refuses starts).
#
# usage: deps.sh [--if-root [build|check]]
#   --if-root  as root, install what is missing; as another user, stop
#              (exit 1) when a package the goal cannot do without is
#              missing, before anything is compiled, naming the apt-get
#              line to run; other missing packages are only named (the
#              cases that need them are skipped).  The goal is build (make
#              demo) or check (make check, which also builds the unit
#              tests); WITH_OPENSSL=no from the environment drops the
#              OpenSSL headers.
#
# Peer daemons for benchmarks and differential tests (openbsd-inetd,
# xinetd, tftpd-hpa, atftpd, bind9, knot, nsd) are not installed here:
# tests/peers/fetch downloads and unpacks them with apt-get download and
# dpkg -x, so they never run as system services.

# Each package is here for a command or file the build, the tests, the
# demo or the benchmarks use; none may be assumed just because a usual
# Debian install happens to have it.
#   netbase: /etc/services and /etc/protocols, and its postinst writes
#   /etc/networks and /etc/hosts when missing (unit tests parse all four
#   real files); libcap2-bin: setcap/getcap (ping's install, its tests);
#   mount: mount/umount (the integration harness); util-linux: unshare,
#   setpriv; iproute2: ip, ss; procps: ps, pgrep; coreutils: timeout.
# The man page lint (tests/run-manlint) checks that every .Xr names a page
# that exists, so the packages holding the pages ours refer to are here:
#   manpages manpages-dev (sections 2, 3, 7), hostname, openssh-client,
#   tcpd (tcpd(8), tcpdmatch(8)), rsh-client (rsh(1), rlogin(1)),
#   update-inetd, libwrap0 (hosts_options(5)); none of them runs a daemon.
# named's tests and benchmark ask it questions with the usual DNS clients,
# none of which is a server: bind9-dnsutils (dig), knot-dnsutils (kdig,
# kzonecheck), dnsperf (dnsperf, resperf: the query load), ldnsutils
# (ldns-read-zone, ldns-compare-zones: zones put in canonical form and
# compared, for transfers and dumps).
PACKAGES="
	g++ make libcpputest-dev libssl-dev pkg-config
	clang libclang-rt-14-dev
	mandoc manpages manpages-dev hostname openssh-client tcpd rsh-client
	update-inetd
	netbase libcap2-bin mount
	iproute2 procps psmisc util-linux coreutils
	curl socat netcat-openbsd tftp-hpa atftp python3
	libwrap0 libpcre2-8-0
	iputils-ping iputils-arping net-tools tcpdump
	dpkg-dev
	bind9-dnsutils knot-dnsutils dnsperf ldnsutils
"
# The case that checks the clean-up (tests/integration/build) names its own
# package list and policy-rc.d, and puts a stand-in apt-get first in PATH.
[ -z "${DEPS_PACKAGES:-}" ] || PACKAGES=$DEPS_PACKAGES
# What a goal cannot be compiled without.  make itself is running already.
NEED_BUILD="g++"
[ "${WITH_OPENSSL:-yes}" = no ] || NEED_BUILD="$NEED_BUILD libssl-dev"
NEED_CHECK="$NEED_BUILD libcpputest-dev"
policy=${DEPS_POLICY_RC_D:-/usr/sbin/policy-rc.d}

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
	if [ "${1:-}" != --if-root ]; then
		echo "deps: missing packages:$missing"
		echo "deps: run as root: apt-get install -y$missing"
		exit 1
	fi
	case ${2:-check} in
	build) need=$NEED_BUILD ;;
	*) need=$NEED_CHECK ;;
	esac
	blocking=
	for p in $need; do
		case " $missing " in *" $p "*) blocking="$blocking $p" ;; esac
	done
	if [ -n "$blocking" ]; then
		echo "deps: cannot build without:$blocking"
		echo "deps: as root, run: apt-get install -y$missing"
		echo "deps: (or make deps as root, which installs them all)"
		case " $blocking " in *" libssl-dev "*)
			echo "deps: or build without TLS: make WITH_OPENSSL=no ..."
		esac
		exit 1
	fi
	echo "deps: missing packages:$missing"
	echo "deps: the cases that need them are skipped; as root: apt-get install -y$missing"
	exit 0
fi

n=$(echo $missing | wc -w)
echo "deps: installing $n packages with apt-get (a minute or more):$missing"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp -t deps.XXXXXX) || exit 1

# While packages install, policy-rc.d refuses every service start.  A
# policy-rc.d already there is set aside and put back however this script
# ends (an interrupted apt-get must not leave ours blocking every service
# start on the machine, nor lose the administrator's).
saved= ours=
restore_policy() {
	if [ -n "$saved" ]; then
		mv -f "$saved" "$policy"
	elif [ -n "$ours" ]; then
		rm -f "$policy"
	fi
}
trap 'restore_policy' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
if [ -e "$policy" ] || [ -L "$policy" ]; then
	copy=$(mktemp "$(dirname "$policy")/.policy-rc.d.XXXXXX") || exit 1
	cp -P -p "$policy" "$copy" || { rm -f "$copy"; exit 1; }
	saved=$copy
fi
ours=1
# rm first: a symbolic link there must not be written through.
rm -f "$policy"
printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" || exit 1

# install: apt-get install, its whole output in $log and a line for each
# package set up on the terminal, so a long install is seen to progress.
install() {
	{ apt-get install -y -q --no-install-recommends $missing; echo $? > "$log.rc"; } \
		2>&1 | tee "$log" |
		sed -u -n 's/^Setting up \([^ :]*\).*/deps:   set up \1/p'
	read -r _rc < "$log.rc" 2>/dev/null || _rc=1
	rm -f "$log.rc"
	return "$_rc"
}
rc=0
install || {
	echo "deps: apt-get install failed; apt-get update, then again"
	apt-get update -q > /dev/null 2>&1
	install || rc=$?
}
if [ $rc -ne 0 ]; then
	tail -n 20 "$log"
	echo "deps: apt-get failed (exit $rc); see $log"
else
	echo "deps: done"
	rm -f "$log"
fi
exit $rc
