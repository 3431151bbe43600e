# dgram nowait: one child per datagram, never two, and no datagram lost,
# over IPv4 and IPv6 sockets of one plain udp line, with services side by
# side, and with servers that exit as soon as they have answered.
. "$TOP/tests/integration/inetd/common.sh"
# One datagram per child, answered with the child's pid; it lives on a
# little so that later datagrams find it still running.
dgram_server "$T/one_shot" linger 0.3
# The same, gone the moment it has answered.
dgram_server "$T/quick" once
cat > "$T/inetd.conf" <<CONF
10081 dgram udp nowait nobody $T/one_shot one_shot
10082 dgram udp nowait nobody $T/one_shot one_shot
10083 dgram udp nowait nobody $T/quick quick
CONF
start_inetd -l -R 0 "$T/inetd.conf"
wait_udp 10083

# spawned SERVICE: children started so far (every spawn before the
# state dump is in the log once the dump is).
spawned() {
	_n=$(log_count '^inetd: state: ')
	kill -USR1 "$INETD_PID"
	wait_log '^inetd: state: ' $((_n + 1))
	log_count "$1: datagram from .* pid [0-9]+\$"
}
no_children() {
	[ "$(children_of "$INETD_PID")" -eq 0 ]
}

for host in ::1 127.0.0.1; do
	note "one datagram, one child, over $host"
	before=$(spawned 10081/udp)
	r=$(udp $host 10081 "to $host" --timeout 5)
	assert_match "^[0-9]+ to $host\$" "$r" "reply over $host"
	wait_until 10 no_children
	assert_eq $((before + 1)) "$(spawned 10081/udp)" "children for one datagram over $host"
done

note "two dgram nowait services at once"
for round in 1 2 3 4 5; do
	udp 127.0.0.1 10081 "a$round" --timeout 5 > "$T/a.out" &
	a=$!
	udp 127.0.0.1 10082 "b$round" --timeout 5 > "$T/b.out" &
	b=$!
	udp ::1 10082 "c$round" --timeout 5 > "$T/c.out" &
	c=$!
	wait $a $b $c
	assert_match "^[0-9]+ a$round\$" "$(cat "$T/a.out")" "10081 in round $round"
	assert_match "^[0-9]+ b$round\$" "$(cat "$T/b.out")" "10082 in round $round"
	assert_match "^[0-9]+ c$round\$" "$(cat "$T/c.out")" "10082 over IPv6 in round $round"
done
wait_until 10 no_children
assert_eq 7 "$(spawned 10081/udp)" "children for 10081 (2 + 5 datagrams)"
assert_eq 10 "$(spawned 10082/udp)" "children for 10082 (10 datagrams)"

note "servers that exit at once lose no datagram queued behind theirs"
for round in 1 2 3 4 5 6 7 8 9 10; do
	for i in 1 2 3; do
		udp 127.0.0.1 10083 "q$round.$i" --timeout 5 > "$T/q$i.out" &
		eval "q$i=\$!"
	done
	wait $q1 $q2 $q3
	for i in 1 2 3; do
		assert_match "^[0-9]+ q$round.$i\$" "$(cat "$T/q$i.out")" \
			"datagram $i of round $round"
	done
done
wait_until 10 no_children
assert_eq 30 "$(spawned 10083/udp)" "one child for each of 30 datagrams"
[ "$(log_count 'exited without reading')" -eq 0 ] ||
	fail "a datagram was dropped as unread"
