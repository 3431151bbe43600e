# common.sh: helpers for the tftpd cases; sourced by each case after
# lib.sh.
#
# Conventions: the served tree is $SRV; start_tftpd runs ours on
# 127.0.0.1:$PORT with whatever extra flags are given, in the way $MODE
# says: "standalone" (the default: -L in the foreground, logging to
# $T/tftpd.log) or "inetd" (behind our inetd, a `wait` line, logging to
# syslog, captured in $T/syslog.log).  The inetd_*.t cases are the
# standalone ones run again with MODE=inetd.  Either way the log is
# $TFTPD_LOG, and $LOGP is the start of a tftpd line in it.
HERE=$TOP/tests/integration/tftpd
PORT=6969
SRV=$T/srv
MODE=${MODE:-standalone}
case $MODE in
standalone)
	TFTPD_LOG=$T/tftpd.log
	LOGP='^tftpd: '
	;;
inetd)
	TFTPD_LOG=$T/syslog.log
	LOGP='tftpd\[[0-9]+\]: '
	;;
*)
	echo "FAIL $CASE: unknown MODE $MODE"
	exit 1
	;;
esac

need "$TFTPD"

# make_tree: the served directory with a few files of known contents.
make_tree() {
	mkdir -p "$SRV/sub" "$T/client"
	chmod 755 "$SRV" "$SRV/sub"
	printf 'hello, tftp\n' > "$SRV/small.txt"
	head -c 100000 /dev/urandom > "$SRV/medium.bin"
	head -c 2048 /dev/urandom > "$SRV/2K.bin"
	: > "$SRV/empty.bin"
	printf 'secret\n' > "$SRV/private.txt"
	printf 'deep\n' > "$SRV/sub/deep.txt"
	printf 'old\n' > "$SRV/writable.bin"
	printf 'old\n' > "$SRV/readonly.bin"
	printf 'outside\n' > "$T/outside.txt"
	ln -s ../outside.txt "$SRV/link-out"
	ln -s small.txt "$SRV/link-in"
	chmod 644 "$SRV"/*.txt "$SRV"/*.bin "$SRV/sub/deep.txt" \
		"$T/outside.txt"
	chmod 600 "$SRV/private.txt"
	chmod 666 "$SRV/writable.bin"
	chmod 644 "$SRV/readonly.bin"
}

# start_tftpd FLAG...: ours on 127.0.0.1:$PORT serving $SRV with -v, as
# $MODE says; $TFTPD_PID is the process to stop (tftpd or inetd).
start_tftpd() {
	case $MODE in
	standalone)
		start_daemon tftpd "$TFTPD" -L -v -a "127.0.0.1:$PORT" \
			-s "$SRV" "$@"
		TFTPD_PID=$LAST_PID
		wait_udp "$PORT"
		;;
	inetd)
		start_inetd_tftpd "$@"
		;;
	esac
}

# stop_tftpd: stops what start_tftpd started.
stop_tftpd() {
	stop_daemon "$TFTPD_PID"
}

# start_inetd_tftpd FLAG...: ours in inetd wait mode, behind our inetd on
# 127.0.0.1:$PORT; inetd logs every tftpd it starts and how it exited to
# $T/inetd.log, tftpd logs to syslog ($T/syslog.log).  INETD_LINE, when
# set, is the inetd.conf line instead (with FLAG... ignored).
start_inetd_tftpd() {
	[ -S /dev/log ] && [ -f "$T/syslog.log" ] || capture_syslog
	echo "${INETD_LINE:-127.0.0.1:$PORT dgram udp wait root $TFTPD tftpd -v -s $SRV $*}" \
		> "$T/inetd.conf"
	start_daemon inetd "$INETD" -d -l -R 0 "$T/inetd.conf"
	TFTPD_PID=$LAST_PID
	wait_udp "$PORT"
}

# logged REGEX [COUNT]: true once COUNT (default 1) lines of $TFTPD_LOG
# match; under inetd each transfer's line comes when it ends, after the
# client may already be done.
logged() {
	[ "$(grep -Ec -- "$1" "$TFTPD_LOG" 2>/dev/null)" -ge "${2:-1}" ]
}

# wait_logged REGEX [COUNT] WHAT: fail unless logged REGEX COUNT becomes
# true within 10 s.
wait_logged() {
	eventually 10 logged "$1" "${2:-1}" ||
		{ cat "$TFTPD_LOG"; fail "${3:-log}: no line matches /$1/ in $TFTPD_LOG"; }
}

# raw PYTHON [ARG...]: runs a raw-packet script with rawtftp imported.
# Values reach it as data, never spliced into its code: rawtftp gives it
# PORT, SRV and T from the environment, and ARGS, the ARGs.
raw() {
	need python3
	_py=$1
	shift
	PYTHONPATH=$HERE PORT=$PORT SRV=$SRV T=$T python3 -c "from rawtftp import *
$_py" "$@" || fail "raw packet check failed"
}

# atftp_get REMOTE LOCAL [OPTION...]: atftp fetch with --option each.
atftp_get() {
	_r=$1 _l=$2
	shift 2
	_args=
	for _o in "$@"; do
		_args="$_args --option '$_o'"
	done
	eval atftp --trace $_args --get -r "'$_r'" -l "'$_l'" 127.0.0.1 "$PORT"
}

# addrconfig_shim: clients that resolve with AI_ADDRCONFIG (tftp-hpa)
# find no address of a family when only loopback has one; a veth pair
# inside the case's namespace with documentation addresses (TEST-NET-1,
# 2001:db8::/32; nothing is ever sent to them) gives them one.
addrconfig_shim() {
	ip link add tshim0 type veth peer name tshim1 ||
		skip "cannot create a veth pair"
	ip addr add 192.0.2.1/32 dev tshim0
	ip -6 addr add 2001:db8::1/128 dev tshim0 nodad
	ip link set tshim0 up
	ip link set tshim1 up
}

# same FILE1 FILE2: fail unless the two files are identical.
same() {
	cmp "$1" "$2" || fail "$1 and $2 differ"
}
