# A reload swaps the new zone in whole: queries asked one after another
# while the server reloads a changing 20,000-record zone again and again
# are every one answered, with authority and the record asked for, never
# dropped or answered from a zone half loaded.
. "$TOP/tests/integration/named/common.sh"
need python3

# zone SERIAL: the zone, renamed into place.
zone() {
	awk -v serial="$1" 'BEGIN {
		print "$TTL 300"
		print "@\tSOA\tns hostmaster " serial " 3600 600 86400 300"
		print "\tNS\tns"
		print "ns\tA\t127.0.0.1"
		print "www\tA\t192.0.2.1"
		for (i = 0; i < 20000; i++)
			printf "h%d-%d\tA\t198.51.%d.%d\n", i, serial, int(i / 250) % 256, i % 250
	}' > "$T/busy.zone.new" && mv "$T/busy.zone.new" "$T/busy.zone"
}
zone 1
cat > "$T/named.boot" <<BOOT
directory	$T
primary		busy.test	busy.zone
BOOT
named_start named 10548 "$T/named.boot" -d 0

$RAW flood $NAMED_PORT www.busy.test 6 > "$T/flood" 2>&1 &
flood=$!
serial=1
while kill -0 $flood 2>/dev/null && [ $serial -lt 30 ]; do
	serial=$((serial + 1))
	zone $serial
	kill -HUP "$NAMED_PID"
	wait_until 10 sh -c "[ \"\$(dig +short +norec +time=1 +tries=1 @127.0.0.1 -p $NAMED_PORT busy.test SOA | awk '{ print \$3 }')\" = $serial ]"
done
wait $flood || { cat "$T/flood"; fail "dnsraw.py flood"; }
cat "$T/flood"
note "$((serial - 1)) reloads during the queries"
[ $serial -ge 3 ] || fail "only $((serial - 1)) reloads during the queries"
sent=$(awk 'NR == 1 { print $2 }' "$T/flood")
assert_eq "sent $sent answered $sent good $sent" "$(head -n 1 "$T/flood")" "queries during the reloads"
assert_eq 198.51.79.249 "$(dig +short +norec +time=2 +tries=1 @127.0.0.1 -p $NAMED_PORT h19999-$serial.busy.test A)" \
	"the last record of the last zone"
exit 0
