# The harness itself: each case has a private loopback, no route out, a
# private /etc view, and its own PID namespace.
[ "$(cat /proc/1/comm 2>/dev/null)" != systemd ] || fail "not in a PID namespace"
ip -o link | grep -v ' lo:' | grep -q . && fail "interfaces other than lo are visible"
ip route get 192.0.2.1 >/dev/null 2>&1 && fail "a route out exists"
wait_until 5 ping -c 1 -W 1 127.0.0.1
echo "10.1.2.3 fixturehost" > "$T/hosts"
fixture hosts "$T/hosts"
assert_eq "10.1.2.3 fixturehost" "$(cat /etc/hosts)" "bind-mounted /etc/hosts"
write_fixture no-such-file.conf <<EOF
x
EOF
assert_eq x "$(cat /etc/no-such-file.conf)" "overlay /etc file"
start_daemon sleeper sleep 60
kill -0 "$LAST_PID" || fail "start_daemon"
stop_daemon "$LAST_PID"
eventually 1 false && fail "eventually returned true for false"
two_hosts
ip netns exec h2 ping -c 1 -W 2 fd00:9::1 >/dev/null || fail "v6 across veth"
true
