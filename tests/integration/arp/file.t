# arp -f: every good line is applied, every bad one reported as
# file:line, and the exit status says something failed.
. "$TOP/tests/integration/arp/common.sh"
need "$ARP"
two_hosts

cat > "$T/entries" <<EOF2
# entries for h1
10.9.0.70 02:00:00:00:00:70

10.9.0.71 zz:00:00:00:00:71
10.9.0.72 02:00:00:00:00:72 temp
no-such-host.invalid 02:00:00:00:00:73
10.9.0.74 02:00:00:00:00:74 trail
10.9.0.75 02:00:00:00:00:75 permanent
10.1.1.1 02:00:00:00:00:76
peer 02:00:00:00:00:77
EOF2
write_fixture hosts <<EOF2
127.0.0.1 localhost
10.9.0.77 peer
EOF2
ip netns exec h1 "$ARP" -f "$T/entries" > "$T/out" 2> "$T/err"
assert_eq 1 $? "exit status with bad lines"
cat "$T/err"
f="$T/entries"
assert_eq "arp: $f:4: invalid ethernet address: zz:00:00:00:00:71
arp: $f:6: no-such-host.invalid: unknown host
arp: $f:7: warning: trail: Linux has no trailer encapsulation; ignored
arp: $f:8: unknown flag: permanent (expected temp, pub or trail)
arp: $f:9: 10.1.1.1: no route to it" "$(cat "$T/err")" "diagnostics"
for a in 10.9.0.70 10.9.0.74 10.9.0.77; do
	assert_match 'PERMANENT' "$(ip -n h1 neigh show $a)" "$a applied"
done
assert_match 'lladdr 02:00:00:00:00:72 (REACHABLE|STALE|DELAY)' \
	"$(ip -n h1 neigh show 10.9.0.72)" "temp line applied"
for a in 10.9.0.71 10.9.0.75; do
	assert_eq "" "$(ip -n h1 neigh show $a)" "$a not applied"
done

printf '10.9.0.80 02:00:00:00:00:80\n' > "$T/good"
ip netns exec h1 "$ARP" -f "$T/good"
assert_eq 0 $? "a good file"
ip netns exec h1 "$ARP" -f "$T/missing" 2> "$T/e2"
assert_eq 1 $? "a missing file"
assert_file_match "missing: cannot open" "$T/e2" "missing file message"

# With -i every line goes on that interface, routed there or not.
printf '10.1.1.2 02:00:00:00:00:82\n' > "$T/iface"
ip netns exec h1 "$ARP" -f -i v1 "$T/iface"
assert_eq 0 $? "-f -i"
assert_match 'dev v1 lladdr 02:00:00:00:00:82 PERMANENT' \
	"$(ip -n h1 neigh show 10.1.1.2)" "-f -i puts the entry on v1"
ip netns exec h1 "$ARP" -f -i nosuchif0 "$T/iface" 2> "$T/e3"
assert_eq 1 $? "-f -i with an unknown interface"
assert_eq "arp: $T/iface:1: nosuchif0: no such interface" "$(cat "$T/e3")" \
	"-f -i unknown interface message"
