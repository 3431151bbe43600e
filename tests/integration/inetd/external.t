# External nowait services: the child runs as the configured user and
# group with the connection on fds 0-2, a laundered environment and the
# peer's address in it, over IPv4, IPv6 and v4-mapped sockets.
. "$TOP/tests/integration/inetd/common.sh"
cat > "$T/inetd.conf" <<CONF
10023 stream tcp  nowait nobody:nogroup /usr/bin/id id
10024 stream tcp  nowait nobody         /usr/bin/env env
10025 stream tcp46 nowait nobody        /usr/bin/env env
10026 stream tcp4 nowait daemon.daemon  /usr/bin/id id -G
10027 stream tcp  nowait nobody         $T/fds fds
10028 stream tcp  nowait nobody         $T/gone gone
10029 dgram  udp   wait   nobody         $T/udp_env udp_env
10030 dgram  udp46 nowait nobody         $T/udp_env udp_env
CONF
# A datagram server answering with its environment.
dgram_server "$T/udp_env" env
printf '#!/bin/sh\necho never\n' > "$T/gone"
# The descriptors open in the child, as the server itself sees them.
printf '#!/bin/sh\nexec ls /proc/$$/fd\n' > "$T/fds"
chmod 755 "$T/fds"
chmod 755 "$T/gone"
# Something in inetd's own environment that must not reach a child.
SECRET_TOKEN=leak LD_LIBRARY_PATH=/nonexistent start_inetd -l "$T/inetd.conf"

note "user and group"
assert_eq "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)" \
	"$(tcp 127.0.0.1 10023)" "id as nobody:nogroup"
assert_eq "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)" \
	"$(tcp ::1 10023)" "id over IPv6"
daemon_groups=$(id -G daemon)
assert_eq "$daemon_groups" "$(tcp 127.0.0.1 10026)" "user.group form, supplementary groups"

note "environment"
env4=$(tcp 127.0.0.1 10024)
for v in REMOTE_ADDR=127.0.0.1 TCPREMOTEIP=127.0.0.1 TCPLOCALIP=127.0.0.1 \
	TCPLOCALPORT=10024 PROTO=TCP USER=nobody LOGNAME=nobody \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; do
	printf '%s\n' "$env4" | grep -qx "$v" || fail "env over IPv4 lacks $v: $env4"
done
printf '%s\n' "$env4" | grep -Eqx 'REMOTE_PORT=[0-9]+' || fail "no REMOTE_PORT"
printf '%s\n' "$env4" | grep -Eqx 'TCPREMOTEPORT=[0-9]+' || fail "no TCPREMOTEPORT"
printf '%s\n' "$env4" | grep -q 'SECRET_TOKEN\|LD_LIBRARY_PATH' &&
	fail "inetd's environment leaked into the child: $env4"
env6=$(tcp ::1 10024)
for v in REMOTE_ADDR=::1 TCPREMOTEIP=::1 TCPLOCALIP=::1 PROTO=TCP6; do
	printf '%s\n' "$env6" | grep -qx "$v" || fail "env over IPv6 lacks $v: $env6"
done
mapped=$(tcp 127.0.0.1 10025)
printf '%s\n' "$mapped" | grep -qx 'REMOTE_ADDR=127.0.0.1' ||
	fail "an IPv4 client of a tcp46 socket must appear as IPv4: $mapped"
printf '%s\n' "$mapped" | grep -qx 'PROTO=TCP' || fail "tcp46 v4 client PROTO"
# ss shows a dual-stack IPv6 socket as "*:port".
ss -Hltn 'sport = :10025' | grep -q ' \*:10025' || fail "tcp46 is one dual-stack socket"
[ "$(ss -Hltn 'sport = :10025' | wc -l)" -eq 1 ] || fail "tcp46 opened more than one socket"
[ "$(ss -Hltn 'sport = :10026' | grep -c '0.0.0.0')" -eq 1 ] || fail "tcp4 socket"
ss -Hltn 'sport = :10026' | grep -q '\[' && fail "tcp4 opened an IPv6 socket"

note "environment of datagram servers"
# has_all WHAT ENV VAR=VALUE...: every line is in ENV.
has_all() {
	_what=$1 _env=$2
	shift 2
	for _v in "$@"; do
		printf '%s\n' "$_env" | grep -qx -- "$_v" || fail "$_what lacks $_v: $_env"
	done
}
for port in 10029 10030; do
	e=$(udp 127.0.0.1 $port x --sport 40100 --timeout 5)
	has_all "udp $port over IPv4" "$e" REMOTE_ADDR=127.0.0.1 REMOTE_PORT=40100 \
		PROTO=UDP UDPREMOTEIP=127.0.0.1 UDPREMOTEPORT=40100 \
		UDPLOCALIP=127.0.0.1 UDPLOCALPORT=$port USER=nobody
	printf '%s\n' "$e" | grep -q '^TCP' && fail "TCP variables for a datagram: $e"
	e=$(udp ::1 $port x --sport 40101 --timeout 5)
	has_all "udp $port over IPv6" "$e" REMOTE_ADDR=::1 REMOTE_PORT=40101 \
		PROTO=UDP6 UDPREMOTEIP=::1 UDPREMOTEPORT=40101 UDPLOCALIP=::1 \
		UDPLOCALPORT=$port
done

note "only fds 0-2 reach the child"
# ls lists /proc/<its own pid>/fd after exec: 0-2 and the directory
# it is reading.
assert_eq "0 1 2 3" "$(tcp 127.0.0.1 10027 | tr '\n' ' ' | sed 's/ $//')" \
	"open descriptors in the child"

note "a server that cannot run is reported, and inetd goes on"
rm "$T/gone"
assert_eq "" "$(tcp 127.0.0.1 10028)" "vanished program"
wait_log '10028/tcp: exec .*/gone: No such file or directory'
assert_eq "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)" \
	"$(tcp 127.0.0.1 10023)" "still serving"
wait_log '10023/tcp: connection from 127\.0\.0\.1:[0-9]+ pid [0-9]+'
wait_log '10023/tcp: pid [0-9]+ exited 0 after'
