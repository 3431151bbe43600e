# -R: the route each reply took, printed once, then "(same route)".
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

ip netns exec h1 "$PING" -c 3 -i 0.2 -R 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
cat "$T/out"
assert_file_match '^PING 10\.9\.0\.2 \(10\.9\.0\.2\) 56\(124\) bytes of data\.$' \
	"$T/out" "header counts the option"
printf 'RR: \t10.9.0.1\n\t10.9.0.2\n\t10.9.0.2\n\t10.9.0.1\n' > "$T/want"
grep -A3 '^RR:' "$T/out" > "$T/got"
diff -u "$T/want" "$T/got" || fail "recorded route"
assert_eq 2 "$(grep -c '(same route)$' "$T/out")" "later replies"
same_as_iputils h1 -c 3 -i 0.2 -R 10.9.0.2
same_as_iputils - -c 1 -R 127.0.0.1

"$PING" -c 1 -R ::1 > "$T/v6" 2>&1
assert_eq 2 $? "-R over IPv6"
