# The command line: the last boot file named wins (-b or the operand);
# -u runs the server as another user once its sockets are bound; -w sets
# the number of UDP worker threads; -p with a port in use fails with the
# reason.
. "$TOP/tests/integration/named/common.sh"
[ -x "$NAMED" ] || fail "$NAMED is not built"

cat > "$T/o.zone" <<'ZONE'
$TTL 3600
@	SOA	ns hostmaster 1 3600 600 86400 300
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.1
ZONE
cat > "$T/good.boot" <<BOOT
directory	$T
primary		o.test		o.zone
BOOT
cat > "$T/bad.boot" <<BOOT
directory	$T
frobnicate	yes
BOOT

note "the last boot file named wins"
"$NAMED" -n -b "$T/good.boot" "$T/bad.boot" > "$T/1.out" 2>&1 &&
	fail "-b good bad: the good one was read"
assert_file_match 'bad\.boot:2: ' "$T/1.out" "-b good bad"
"$NAMED" -n -b "$T/bad.boot" -b "$T/good.boot" > "$T/2.out" 2>&1 ||
	{ cat "$T/2.out"; fail "-b bad -b good: the bad one was read"; }
"$NAMED" -n -b "$T/bad.boot" "$T/good.boot" > "$T/3.out" 2>&1 ||
	{ cat "$T/3.out"; fail "-b bad good: the bad one was read"; }

note "-u: another user after binding"
named_start daemon 10553 "$T/good.boot" -u daemon
assert_eq "$(id -u daemon)" "$(awk '/^Uid:/ { print $2 }' /proc/$NAMED_PID/status)" "-u daemon"
ask a www.o.test A
expect "$T/a" NOERROR aa "a query to the server run as daemon"
grep -q '^CapEff:[[:space:]]*0*$' /proc/$NAMED_PID/status ||
	fail "capabilities left: $(grep ^Cap /proc/$NAMED_PID/status)"

note "-w: UDP worker threads"
named_start w1 10554 "$T/good.boot" -w 1
w1=$(ls /proc/$NAMED_PID/task | wc -l)
named_start w3 10555 "$T/good.boot" -w 3
w3=$(ls /proc/$NAMED_PID/task | wc -l)
assert_eq 2 "$((w3 - w1))" "threads of -w 3 beyond those of -w 1 ($w3 and $w1)"
for i in 1 2 3 4 5 6; do
	ask w3.$i www.o.test A
	expect "$T/w3.$i" NOERROR aa "query $i to -w 3"
done

note "a port in use"
timeout 10 "$NAMED" -d 0 -p 10555 "$T/good.boot" > "$T/inuse.out" 2>&1 &&
	fail "a second server started on port 10555"
cat "$T/inuse.out"
assert_file_match '10555|in use' "$T/inuse.out" "the reason"
exit 0
