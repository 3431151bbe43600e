# Clear errors: unknown host, bad MAC, no such interface, not on a local
# network, permission denied, misuse; warnings for what Linux lacks.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" setpriv
two_hosts
# Names from this case's /etc/hosts alone: no-such-host.invalid is in no
# resolver's hands.
write_fixture hosts <<EOF2
127.0.0.1 localhost
EOF2
ip -n h1 route add 10.7.0.0/16 via 10.9.0.2

check() {
	_want_rc=$1 _want=$2
	shift 2
	ip netns exec h1 "$ARP" "$@" > "$T/out" 2>&1
	_rc=$?
	assert_eq "$_want_rc" "$_rc" "exit status of arp $*"
	assert_file_match "$_want" "$T/out" "message of arp $*"
}

check 1 '^arp: no-such-host\.invalid: unknown host$' -s no-such-host.invalid 02:00:00:00:00:01
check 1 '^arp: no-such-host\.invalid: unknown host$' no-such-host.invalid
check 1 '^arp: invalid ethernet address: 02:00:00:00:00$' -s 10.9.0.5 02:00:00:00:00
check 1 '^arp: invalid ethernet address: 1:2:3:4:5:666$' -s 10.9.0.5 1:2:3:4:5:666
check 1 '^arp: eth9: no such interface$' -i eth9 -s 10.9.0.5 02:00:00:00:00:05
check 1 '^arp: eth9: no such interface$' -a -i eth9
check 1 '^arp: 10\.7\.0\.1: not on a directly attached network \(via 10\.9\.0\.2\)$' \
	-s 10.7.0.1 02:00:00:00:00:05
check 1 '^arp: unknown flag: perm' -s 10.9.0.5 02:00:00:00:00:05 perm
check 2 '^usage: arp ' -s 10.9.0.5
check 2 '^usage: arp ' -a -d 10.9.0.5
check 2 '^usage: arp ' -d 10.9.0.5 temp
check 2 '^usage: arp ' -x
check 2 '^usage: arp ' 10.9.0.5 10.9.0.6
# -e is a form of the listing, -v an addition to it.
check 2 '^usage: arp ' -a -e
check 2 '^usage: arp ' -e -s 10.9.0.5 02:00:00:00:00:05
check 2 '^usage: arp ' -v -d 10.9.0.5
check 2 '^usage: arp ' -v -r 10.9.0.5
check 2 '^usage: arp ' -v -f /dev/null
# With no host, arp lists the table (net-tools' arp -n, say).
for a in "" -n -e -v "-i v1"; do
	ip netns exec h1 "$ARP" $a > "$T/out" 2>&1
	assert_eq 0 $? "exit status of arp $a"
	! grep -q '^usage' "$T/out" || fail "arp $a: usage"
done

check 0 '^arp: trail: Linux has no trailer encapsulation; ignored$' \
	-s 10.9.0.6 02:00:00:00:00:06 trail
assert_match PERMANENT "$(ip -n h1 neigh show 10.9.0.6)" "trail entry set"
check 0 '^arp: namelist and corefile are ignored' -a /unix /dev/kmem

# Only the superuser may change the table; anyone may read it.
ip netns exec h1 setpriv --reuid nobody --regid nogroup --clear-groups \
	"$ARP" -s 10.9.0.7 02:00:00:00:00:07 > "$T/perm" 2>&1
assert_eq 1 $? "arp -s as nobody"
assert_file_match '^arp: set 10\.9\.0\.7: Operation not permitted$' \
	"$T/perm" "permission denied"
ip netns exec h1 setpriv --reuid nobody --regid nogroup --clear-groups \
	"$ARP" -d 10.9.0.6 > "$T/perm" 2>&1
assert_eq 1 $? "arp -d as nobody"
assert_file_match 'Operation not permitted' "$T/perm" "delete denied"
ip netns exec h1 setpriv --reuid nobody --regid nogroup --clear-groups \
	"$ARP" -an > "$T/list" 2>&1
assert_eq 0 $? "arp -a as nobody"
assert_file_match '10\.9\.0\.6' "$T/list" "listing as nobody"

# usage() says what the SYNOPSIS says (-i with -f included).
usage_is_synopsis man8/arp.8 "$ARP" -x
