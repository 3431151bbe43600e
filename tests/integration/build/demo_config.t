# make demo's configuration: lib/mk/demo.sh --check installs the suite into
# a scratch directory, writes the demo's inetd.conf from etc/demo (every
# fragment, tftpd's included), its own hosts.allow/hosts.deny and named's
# boot file and zone; inetd -n must accept it all, and named -n the boot
# file and zone without a warning.  The host's access files must not
# matter: a hosts.deny here that would refuse everything is hidden from
# the demo.
# timeout: 300
. "$TOP/tests/integration/build/common.sh"
need unshare
write_fixture hosts.deny <<'EOF2'
ALL: ALL
this line is not hosts_access(5) syntax
EOF2
# Proof that the host file above fails any check that reads it.
echo "echo stream tcp nowait root internal" > "$T/plain.conf"
out=$("$INETD" -n "$T/plain.conf" 2>&1) &&
	fail "inetd -n accepted a broken /etc/hosts.deny: $out"
# shellcheck disable=SC2086
out=$(DEMO_MAKE="make $BUILD_SWITCHES" "$TOP/lib/mk/demo.sh" --check 2>&1) ||
	fail "demo configuration rejected: $out"
assert_match "^/tmp/netsuite-demo\.[A-Za-z0-9]+/inetd.conf: [0-9]+ services, configuration OK$" \
	"$out" "inetd -n on the demo configuration"
if printf '%s\n' "$out" | grep -E '/(named\.boot|demo\.zone):[0-9]+:'; then
	fail "named -n had something to say about the demo's boot file or zone"
fi
n=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) services, .*/\1/p')
want=$(cat "$TOP"/etc/demo/*.conf | grep -Ec '^[0-9]+[[:space:]]')
assert_eq "$want" "$n" "services in the demo configuration"
dir=$(printf '%s\n' "$out" | sed -n 's|^\(/tmp/netsuite-demo\.[A-Za-z0-9]*\)/inetd.conf: .*|\1|p')
[ ! -e "$dir" ] || fail "demo left its scratch directory $dir"
