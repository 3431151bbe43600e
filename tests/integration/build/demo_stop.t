# make demo told to stop: a TERM (or its terminal hanging up) stops inetd
# and named and removes the demo's scratch directory, as Ctrl-C does.
# While it runs, named answers the demo's query as its banner says (when
# dig is here: bind9-dnsutils, make deps).
# timeout: 300
. "$TOP/tests/integration/build/common.sh"
need unshare
for sig in TERM HUP; do
	# shellcheck disable=SC2086
	DEMO_MAKE="make $BUILD_SWITCHES" "$TOP/lib/mk/demo.sh" > "$T/demo.$sig" 2>&1 &
	demo_pid=$!
	wait_until 240 grep -q 'Ctrl-C stops the demo' "$T/demo.$sig"
	dir=$(sed -n 's|.*\(/tmp/netsuite-demo\.[A-Za-z0-9]*\)/.*|\1|p' "$T/demo.$sig" | head -1)
	[ -n "$dir" ] || fail "no scratch directory named in the demo's output"
	wait_until 20 pgrep -f "$dir/inetd.conf"
	pgrep -f "$dir/named.boot" > /dev/null || fail "no named running with $dir/named.boot"
	grep -q 'dig @127.0.0.1 -p 10053 www.demo.test' "$T/demo.$sig" ||
		fail "the banner has no dig example for named"
	if command -v dig > /dev/null; then
		a=$(dig +short +norec +time=2 +tries=1 @127.0.0.1 -p 10053 www.demo.test)
		assert_eq 192.0.2.80 "$a" "the demo's named answers www.demo.test"
	else
		note "dig is not installed (make deps): named's answer not checked"
	fi
	kill -"$sig" "$demo_pid"
	wait_until 20 sh -c "! kill -0 $demo_pid 2>/dev/null"
	wait "$demo_pid"
	st=$?
	[ "$st" -ne 0 ] || fail "demo exited 0 on SIG$sig"
	! pgrep -f "$dir/inetd.conf" > /dev/null || fail "inetd left running after SIG$sig"
	! pgrep -f "$dir/named.boot" > /dev/null || fail "named left running after SIG$sig"
	[ ! -e "$dir" ] || fail "demo left its scratch directory $dir after SIG$sig"
	note "SIG$sig: demo exit $st, inetd and named stopped, $dir removed"
done
