# -f: as fast as replies come (at least 100 a second), a dot per request
# taken back by each reply, and the ipg/ewma figures.
# serial: a flood of pings would crowd the cases beside it.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

ip netns exec h1 "$PING" -f -c 500 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
assert_file_match '^500 packets transmitted, 500 received, 0% packet loss' \
	"$T/out" "all answered"
assert_file_match 'ipg/ewma [0-9.]+/[0-9.]+ ms$' "$T/out" "ipg/ewma"
# The flood line is the one between the header and the summary: a dot
# per request, and each reply takes one back with backspace, space,
# backspace, as iputils does (a slow reply may come after the next dot).
bs=$(printf '\b')
line=$(sed -n 2p "$T/out")
assert_eq 500 "$(printf '%s' "$line" | tr -cd . | wc -c)" "one dot per request"
assert_eq 500 "$(printf '%s' "$line" | tr -d . | grep -o "$bs $bs" | wc -l)" \
	"a dot taken back per reply"
assert_eq "" "$(printf '%s' "$line" | tr -d . | sed "s/$bs $bs//g")" \
	"nothing else on the flood line"
same_as_iputils h1 -f -q -c 200 10.9.0.2

# Preload with flood keeps several in flight.
ip netns exec h1 "$PING" -f -q -l 8 -c 400 10.9.0.2 > "$T/pre" 2>&1
assert_eq 0 $? "-f -l 8"
assert_file_match '^400 packets transmitted, 400 received' "$T/pre" "-f -l 8"
