# arp -r asks the network now: the peer's MAC, as ip link and arping see
# it, with a round-trip time; silence is an error.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP" arping setpriv
two_hosts

mac=$(mac_of h2 v2)
ip netns exec h1 "$ARP" -rn 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "arp -r"
cat "$T/out"
assert_file_match "^\? \(10\.9\.0\.2\) at $mac on v1 time=[0-9]+\.[0-9]{3} ms$" \
	"$T/out" "answer"
ip netns exec h1 arping -c 1 -I v1 10.9.0.2 > "$T/arping" 2>&1
assert_eq 0 $? "arping"
grep -qi "\[$mac\]" "$T/arping" || { cat "$T/arping"; fail "arping saw another MAC"; }

# From the other side, through an explicit interface.
ip netns exec h2 "$ARP" -rn -i v2 10.9.0.1 > "$T/back" 2>&1
assert_eq 0 $? "arp -r -i"
assert_file_match "at $(mac_of h1 v1) on v2 " "$T/back" "reverse answer"

ip netns exec h1 "$ARP" -rn 10.9.0.99 > "$T/none" 2>&1
assert_eq 1 $? "arp -r of a silent address"
assert_file_match '^arp: 10\.9\.0\.99 \(10\.9\.0\.99\): no reply on v1$' \
	"$T/none" "no reply"
ip netns exec h1 "$ARP" -rn 127.0.0.1 > "$T/lo" 2>&1
assert_eq 1 $? "arp -r over loopback"
assert_file_match 'not an Ethernet interface' "$T/lo" "loopback refused"
ip netns exec h1 setpriv --reuid nobody --regid nogroup --clear-groups \
	"$ARP" -rn 10.9.0.2 > "$T/perm" 2>&1
assert_eq 1 $? "arp -r as nobody"
assert_file_match 'Operation not permitted \(arp -r needs CAP_NET_RAW\)' \
	"$T/perm" "permission"

# Root gives up everything once the packet socket is open: while it waits
# for a silent address (three requests a second apart) it is nobody, with
# no capabilities and no_new_privs, like ping.
t0=$(date +%s%N)
ip netns exec h1 "$ARP" -rn 10.9.0.98 > "$T/drop" 2>&1 &
p=$!
_pids="$_pids $p"
wait_until 5 sh -c "grep -q '^Uid:.*65534' /proc/$p/status"
grep -E '^(Uid|Gid|Groups|Cap(Inh|Prm|Eff)|NoNewPrivs)' /proc/$p/status \
	> "$T/status"
cat "$T/status"
assert_file_match '^Uid:[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534$' \
	"$T/status" "all four uids are nobody"
assert_file_match '^Groups:[[:space:]]*65534[[:space:]]*$' "$T/status" \
	"root's groups are gone"
assert_file_match '^CapPrm:[[:space:]]+0+$' "$T/status" "no capabilities left"
assert_file_match '^CapEff:[[:space:]]+0+$' "$T/status" "none effective"
assert_file_match '^NoNewPrivs:[[:space:]]+1$' "$T/status" "no_new_privs"
wait $p
assert_eq 1 $? "exit status for a silent address"
t=$(( ($(date +%s%N) - t0) / 1000000 ))
assert_file_match 'no reply on v1' "$T/drop" "no reply after the drop"
# Three tries of a second each: about 3 s (generous: the host is loaded).
[ "$t" -ge 2900 ] && [ "$t" -lt 15000 ] ||
	fail "a silent address took ${t}ms, expected about 3000"
