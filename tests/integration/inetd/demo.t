# make demo's inetd.conf: every internal service it lists answers as the
# demo's instructions say, over TCP and UDP.
. "$TOP/tests/integration/inetd/common.sh"
need socat
sed -e "s|@DEMO@|$T|g" -e "s|@PREFIX@|/nonexistent|g" -e "s|@USER@|nobody|g" \
	"$TOP/etc/demo/inetd.conf" > "$T/inetd.conf"
start_inetd "$T/inetd.conf"
wait_udp 10037
daytime_re='^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) '
assert_eq hello "$(echo hello | socat -t 2 - TCP:127.0.0.1:10007)" "echo (TCP)"
assert_eq "" "$(echo gone | socat -t 2 - TCP:127.0.0.1:10009)" "discard (TCP)"
[ "$(socat -u TCP:127.0.0.1:10019 - 2>/dev/null | head -c 74 | wc -c)" -eq 74 ] ||
	fail "chargen (TCP)"
assert_match "$daytime_re" "$(socat - TCP:127.0.0.1:10013 < /dev/null)" "daytime (TCP)"
[ "$(socat - TCP:127.0.0.1:10037 < /dev/null | wc -c)" -eq 4 ] || fail "time (TCP)"
assert_eq hi "$(echo hi | socat -T 2 - UDP:127.0.0.1:10007)" "echo (UDP)"
# chargen (UDP) answers 0 to 512 characters (RFC 864): an empty answer,
# one in 513, looks like none to socat, so three tries.
for _try in 1 2 3; do
	r=$(echo | socat -T 2 - UDP:127.0.0.1:10019)
	[ -z "$r" ] || break
done
[ -n "$r" ] || fail "chargen (UDP): no datagram in three tries"
[ "$(printf '%s' "$r" | wc -c)" -le 512 ] || fail "chargen (UDP) longer than 512"
assert_eq "" "$(echo gone | socat -T 1 - UDP:127.0.0.1:10009)" "discard (UDP)"
assert_match "$daytime_re" "$(echo | socat -T 2 - UDP:127.0.0.1:10013)" "daytime (UDP)"
[ "$(echo | socat -T 2 - UDP:127.0.0.1:10037 | wc -c)" -eq 4 ] || fail "time (UDP)"
# Every port of the demo's configuration is in what make demo prints
# (demo.sh, with etc/demo/README for the other servers' lines).
for port in $(awk '/^[0-9]+[ \t]/ { print $1 }' "$TOP"/etc/demo/*.conf | sort -u); do
	cat "$TOP/lib/mk/demo.sh" "$TOP/etc/demo/README" |
		grep -q "127.0.0.1[: ]$port" || fail "make demo does not mention port $port"
done
