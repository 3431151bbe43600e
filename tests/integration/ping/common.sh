# common.sh: helpers for the ping cases (sourced by each case).

IPUTILS_PING=/usr/bin/ping

# norm: ping output with the parts that vary between runs and
# implementations (times, the kernel's error timing, the program name
# before a message) replaced by placeholders, so two outputs of the same
# run shape compare equal.
# "pipe N" goes too: how many requests were out at once depends on
# timing (a flood may send again before a slow reply), and iputils prints
# it for errors on some paths only (raw IPv6 errors read from the error
# queue never count), ours always; tests/unit/ping pins it.
norm() {
	sed -E -e "s|^$IPUTILS_PING: |ping: |" \
		-e 's/^pipe [0-9]+$//' -e 's/, pipe [0-9]+//' \
		-e 's/time=[0-9.]+ ms/time=T ms/' \
		-e 's/time [0-9]+ms/time Tms/' \
		-e 's#= [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms#= R ms#' \
		-e 's#ipg/ewma [0-9.]+/[0-9.]+ ms#ipg/ewma I ms#' \
		-e 's/ident=[0-9]+ //'
}

# run_both NS ARGS...: run our ping and iputils ping with ARGS in namespace
# NS (or "-" for this one); ours is left in $T/ours, theirs in $T/theirs,
# the exit statuses in $_rc_ours and $_rc_theirs.
run_both() {
	_ns=$1
	shift
	_run=
	[ "$_ns" = - ] || _run="ip netns exec $_ns"
	$_run "$PING" "$@" > "$T/ours" 2>&1
	_rc_ours=$?
	$_run "$IPUTILS_PING" "$@" > "$T/theirs" 2>&1
	_rc_theirs=$?
}

# same_as_iputils NS ARGS...: run_both, then fail unless both exit alike
# and their normalized outputs are equal.
same_as_iputils() {
	run_both "$@"
	shift
	norm < "$T/ours" > "$T/ours.n"
	norm < "$T/theirs" > "$T/theirs.n"
	if ! diff -u "$T/theirs.n" "$T/ours.n"; then
		fail "output of ping $* differs from iputils (above)"
	fi
	assert_eq "$_rc_theirs" "$_rc_ours" "exit status of ping $*"
}

# same_as_iputils_named NAME NS ARGS...: same_as_iputils for a run with -4
# whose name has IPv6 addresses too, first: iputils shows its target as
# "" there (glibc gives the canonical name with the first address only,
# and iputils takes the one of the address it uses), ours as NAME, the
# resolver's name; apart from that the two agree.
same_as_iputils_named() {
	_name=$1
	shift
	run_both "$@"
	shift
	norm < "$T/ours" > "$T/ours.n"
	norm < "$T/theirs" | sed -e "s/^PING  (/PING $_name (/" \
		-e "s/^---  ping/--- $_name ping/" > "$T/theirs.n"
	if ! diff -u "$T/theirs.n" "$T/ours.n"; then
		fail "output of ping $* differs from iputils (above)"
	fi
	assert_eq "$_rc_theirs" "$_rc_ours" "exit status of ping $*"
}

# shapes FILE: the kinds of line in a ping output: normalized (norm), with
# sequence numbers and the counts that depend on timing replaced, each
# kind once, sorted.
shapes() {
	norm < "$1" | sed -E -e 's/icmp_seq=[0-9]+/icmp_seq=N/' \
		-e 's/\+[0-9]+ (errors|duplicates)/+N \1/g' \
		-e 's/^[0-9]+ packets transmitted, [0-9]+ received/N packets transmitted, N received/' \
		-e 's/, [0-9.]+% packet loss/, L% packet loss/' |
		sort -u
}

# same_shapes_as_iputils NS ARGS...: like same_as_iputils for runs whose
# sequence numbers and counts depend on timing (the kernel's neighbour
# discovery, the order replies race in): the exit statuses and the kinds
# of line must agree.
same_shapes_as_iputils() {
	run_both "$@"
	shift
	shapes "$T/ours" > "$T/ours.s"
	shapes "$T/theirs" > "$T/theirs.s"
	if ! diff -u "$T/theirs.s" "$T/ours.s"; then
		cat "$T/theirs" "$T/ours"
		fail "kinds of line of ping $* differ from iputils (above)"
	fi
	assert_eq "$_rc_theirs" "$_rc_ours" "exit status of ping $*"
}

# increasing FILE REGEX MAX: the icmp_seq numbers of the lines of FILE
# that match REGEX (with the number as \1) rise strictly and stay within
# 1..MAX; fail otherwise or when there are none.
increasing() {
	_seqs=$(sed -En "s/$2/\1/p" "$1" | tr '\n' ' ')
	[ -n "$_seqs" ] || fail "no line of $1 matches /$2/"
	_prev=0
	for _s in $_seqs; do
		[ "$_s" -gt "$_prev" ] && [ "$_s" -le "$3" ] ||
			fail "icmp_seq $_seqs: not rising within 1..$3"
		_prev=$_s
	done
}

# nobody_in NS COMMAND...: run COMMAND in namespace NS (or "-" for this
# one) as nobody:nogroup with no other groups.
nobody_in() {
	_ns=$1
	shift
	if [ "$_ns" = - ]; then
		setpriv --reuid nobody --regid nogroup --clear-groups "$@"
	else
		ip netns exec "$_ns" setpriv --reuid nobody --regid nogroup \
			--clear-groups "$@"
	fi
}

# allow_ping_sockets NS: let nogroup (and root's group) open ICMP datagram
# sockets in namespace NS (the range is per namespace).
allow_ping_sockets() {
	_g=$(getent group nogroup | cut -d: -f3)
	ip netns exec "$1" sysctl -qw net.ipv4.ping_group_range="0 $_g" ||
		fail "cannot set ping_group_range"
}

# v6_ready: wait until IPv6 works both ways between h1 and h2 (the first
# exchange after setup can take a second of neighbour discovery).
v6_ready() {
	wait_until 10 ip netns exec h1 "$IPUTILS_PING" -c 1 -W 1 fd00:9::2
	wait_until 10 ip netns exec h2 "$IPUTILS_PING" -c 1 -W 1 fd00:9::1
}

# routed_hosts: h1 (10.9.1.1, fd00:1::1) -- r (10.9.1.254 | 10.9.2.254,
# fd00:1::fe | fd00:2::fe) -- h3 (10.9.2.1, fd00:2::1), r forwarding.
routed_hosts() {
	mkdir -p /run/netns
	mount -t tmpfs -o size=1m none /run/netns ||
		fail "cannot mount a private /run/netns"
	for n in h1 r h3; do
		ip netns add $n || fail "ip netns add $n"
		ip -n $n link set lo up
	done
	ip link add a1 netns h1 type veth peer name ra netns r
	ip link add a3 netns h3 type veth peer name rb netns r
	ip -n h1 addr add 10.9.1.1/24 dev a1
	ip -n r addr add 10.9.1.254/24 dev ra
	ip -n r addr add 10.9.2.254/24 dev rb
	ip -n h3 addr add 10.9.2.1/24 dev a3
	ip -n h1 -6 addr add fd00:1::1/64 dev a1 nodad
	ip -n r -6 addr add fd00:1::fe/64 dev ra nodad
	ip -n r -6 addr add fd00:2::fe/64 dev rb nodad
	ip -n h3 -6 addr add fd00:2::1/64 dev a3 nodad
	for l in "h1 a1" "r ra" "r rb" "h3 a3"; do
		set -- $l
		ip -n $1 link set $2 up
	done
	ip -n h1 route add default via 10.9.1.254
	ip -n h3 route add default via 10.9.2.254
	ip -n h1 -6 route add default via fd00:1::fe
	ip -n h3 -6 route add default via fd00:2::fe
	ip netns exec r sysctl -qw net.ipv4.ip_forward=1
	ip netns exec r sysctl -qw net.ipv6.conf.all.forwarding=1
	wait_until 10 ip netns exec h1 "$IPUTILS_PING" -c 1 -W 1 10.9.2.1
	wait_until 10 ip netns exec h1 "$IPUTILS_PING" -c 1 -W 1 fd00:2::1
}

# hub_twins: h1 (10.9.0.1) on a bridge that floods every frame (ageing 0)
# to two hosts, t1 and t2, that share 10.9.0.2 and one MAC: every request
# reaches both and is answered twice.
hub_twins() {
	mkdir -p /run/netns
	mount -t tmpfs -o size=1m none /run/netns ||
		fail "cannot mount a private /run/netns"
	ip link add hub type bridge ageing_time 0 stp_state 0 ||
		fail "ip link add bridge"
	ip link set hub up
	for n in h1 t1 t2; do
		ip netns add $n || fail "ip netns add $n"
		ip -n $n link set lo up
		ip link add p$n type veth peer name e0 netns $n
		ip link set p$n master hub up
		ip -n $n link set e0 up
	done
	ip -n h1 addr add 10.9.0.1/24 dev e0
	for n in t1 t2; do
		ip -n $n link set e0 address 02:00:00:00:99:02
		ip -n $n addr add 10.9.0.2/24 dev e0
	done
	wait_until 10 ip netns exec h1 "$IPUTILS_PING" -c 1 -W 1 10.9.0.2
}

# responder MODES: h2 stops answering echo requests itself and a raw-socket
# responder answers for it, damaging each reply as MODES says (see
# responder.py: ok, data, checksum, truncate, dup, unreach, none, one per
# icmp_seq in turn).  A responder started before is stopped first.
_responders=0
responder() {
	need python3
	[ -z "${RESPONDER_PID:-}" ] || stop_daemon "$RESPONDER_PID"
	_responders=$((_responders + 1))
	ip netns exec h2 sysctl -qw net.ipv4.icmp_echo_ignore_all=1
	start_daemon responder$_responders ip netns exec h2 python3 \
		"$TOP/tests/integration/ping/responder.py" "$1"
	RESPONDER_PID=$LAST_PID
	wait_until 10 grep -q '^ready$' "$T/responder$_responders.log"
}
