# An ordinary user pings through an ICMP datagram socket when
# net.ipv4.ping_group_range lets their group; without it, and without
# CAP_NET_RAW, ping says why.  Flooding and intervals below 2 ms stay
# root's, as in iputils.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING" setpriv
getent passwd nobody > /dev/null || skip "no user nobody"
getent group nogroup > /dev/null || skip "no group nogroup"
two_hosts
v6_ready
allow_ping_sockets h1

nobody_in h1 "$PING" -v -c 2 -i 0.2 10.9.0.2 > "$T/v4" 2>&1
assert_eq 0 $? "nobody, IPv4"
assert_file_match '^ping: socket: icmp datagram' "$T/v4" "a datagram socket"
assert_file_match '^64 bytes from 10\.9\.0\.2: icmp_seq=2 ident=[0-9]+ ttl=64 time=' \
	"$T/v4" "replies"
nobody_in h1 "$PING" -c 2 -i 0.2 fd00:9::2 > "$T/v6" 2>&1
assert_eq 0 $? "nobody, IPv6"
assert_file_match '^64 bytes from fd00:9::2: icmp_seq=2 ttl=64 time=' \
	"$T/v6" "v6 replies"
nobody_in h1 "$PING" -c 2 -i 0.2 -R 10.9.0.2 > "$T/rr" 2>&1
assert_eq 0 $? "nobody, record route"
assert_file_match '^RR: 	10\.9\.0\.1$' "$T/rr" "record route through IP_RECVOPTS"

# Same output as iputils run the same way.
nobody_in h1 "$IPUTILS_PING" -c 2 -i 0.2 10.9.0.2 > "$T/theirs" 2>&1
nobody_in h1 "$PING" -c 2 -i 0.2 10.9.0.2 > "$T/ours" 2>&1
norm < "$T/ours" > "$T/ours.n"
norm < "$T/theirs" > "$T/theirs.n"
diff -u "$T/theirs.n" "$T/ours.n" || fail "unprivileged output differs"

# What needs root: flooding and intervals below iputils' 2 ms, in its
# words, and a preload above 3.
for a in "-f" "-i 0.0019" "-i 0" "-l 4"; do
	nobody_in h1 "$PING" -c 2 $a 10.9.0.2 > "$T/root" 2>&1
	assert_eq 2 $? "nobody with $a"
	assert_file_match '^ping: cannot ' "$T/root" "message for $a"
done
for a in "-f" "-i 0.0019" "-i 0"; do
	nobody_in h1 "$PING" -c 2 $a 10.9.0.2 > "$T/ours" 2>&1
	nobody_in h1 "$IPUTILS_PING" -c 2 $a 10.9.0.2 > "$T/theirs" 2>&1
	# (iputils finds out after its header line.)
	assert_eq "$(norm < "$T/theirs" | grep -v '^PING ')" \
		"$(norm < "$T/ours")" "nobody with $a, as iputils"
done
assert_file_match '^ping: cannot flood; minimal interval allowed for user is 2ms$' \
	"$T/ours" "the 2 ms minimum"
nobody_in h1 "$PING" -c 1 -i 0.2 -l 3 10.9.0.2 > /dev/null 2>&1
assert_eq 0 $? "nobody may preload 3 and use 0.2 s"
for a in 0.002 0.05; do
	nobody_in h1 "$PING" -c 5 -i $a 10.9.0.2 > "$T/fast" 2>&1
	assert_eq 0 $? "nobody may use -i $a"
	assert_file_match '^5 packets transmitted, 5 received, ' "$T/fast" \
		"-i $a as nobody"
	nobody_in h1 "$IPUTILS_PING" -c 5 -i $a 10.9.0.2 > "$T/theirs" 2>&1
	norm < "$T/fast" > "$T/ours.n"
	norm < "$T/theirs" > "$T/theirs.n"
	diff -u "$T/theirs.n" "$T/ours.n" || fail "-i $a as nobody differs"
done

# Outside the range there is no socket to be had.
ip netns exec h1 sysctl -qw net.ipv4.ping_group_range="1 0"
nobody_in h1 "$PING" -c 1 10.9.0.2 > "$T/denied" 2>&1
assert_eq 2 $? "nobody outside ping_group_range"
assert_file_match 'ping_group_range' "$T/denied" "says why"

# Root drops to nobody once its socket is open.
ip netns exec h1 "$PING" -i 0.2 10.9.0.2 > /dev/null 2>&1 &
p=$!
_pids="$_pids $p"
wait_until 5 sh -c "grep -q '^Uid:.*65534' /proc/$p/status"
grep -E '^(Cap(Inh|Prm|Eff)|NoNewPrivs)' /proc/$p/status > "$T/status"
cat "$T/status"
assert_file_match '^CapPrm:[[:space:]]+0+$' "$T/status" "no capabilities left"
assert_file_match '^NoNewPrivs:[[:space:]]+1$' "$T/status" "no_new_privs"
kill -INT $p
