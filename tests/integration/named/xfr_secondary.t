# peers: bind9
# Secondary zones between two hosts (namespaces h1 and h2, both on the
# domain port, as real servers are): ours transfers a zone from ours and
# from BIND 9, writes its backup file, is told of a new serial by NOTIFY
# and fetches it at once by IXFR (the SOA's refresh is an hour), keeps serving
# when the master goes away, starts from its backup file when no master
# answers, and answers SERVFAIL once the zone has expired.  BIND 9 as a
# secondary of ours takes the zone and our NOTIFY.
. "$TOP/tests/integration/named/hosts.sh"
NAMED=$TOP/sbin/named/named
mkdir -p "$T/h1" "$T/h2"
chmod 777 "$T/h2"	# named writes the backup as nobody

sec_zone 1 > "$T/h1/sec.zone"
cat > "$T/h1/named.boot" <<EOF2
directory $T/h1
primary sec.test sec.zone
EOF2
cat > "$T/h2/named.boot" <<EOF2
directory $T/h2
secondary sec.test 10.9.0.1 sec.bak
EOF2

note "ours transfers from ours, and writes the backup"
start_daemon h1 ip netns exec h1 "$NAMED" -d 1 "$T/h1/named.boot"
master=$LAST_PID
wait_until 10 answers h1 10.9.0.1 www.sec.test 192.0.2.1
start_daemon h2 ip netns exec h2 "$NAMED" -d 1 "$T/h2/named.boot"
secondary=$LAST_PID
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.1
on h2 dig +norec +time=1 +tries=1 @10.9.0.2 www.sec.test A > "$T/aa"
assert_file_match 'flags: qr aa' "$T/aa" "the secondary answers with authority"
wait_until 5 test -s "$T/h2/sec.bak"
assert_file_match '^www\.sec\.test\..*192\.0\.2\.1$' "$T/h2/sec.bak" "the backup file"

note "a new serial on the master: NOTIFY, and the secondary has it at once"
sec_zone 2 > "$T/h1/sec.zone.new"
mv "$T/h1/sec.zone.new" "$T/h1/sec.zone"
kill -HUP "$master"
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.2
assert_file_match 'NOTIFY for sec\.test\.' "$T/h2.log" "the NOTIFY arrived"
assert_file_match 'serial 2 from 10\.9\.0\.1 by IXFR' "$T/h2.log" "the transfer is logged, incremental"

note "the master stops: the secondary keeps serving"
stop_daemon "$master"
assert_eq 192.0.2.2 "$(q h2 10.9.0.2 www.sec.test)" "served without its master"

note "a restart with no master answering serves the backup file"
stop_daemon "$secondary"
start_daemon h2b ip netns exec h2 "$NAMED" -d 1 "$T/h2/named.boot"
secondary=$LAST_PID
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.2
stop_daemon "$secondary"

note "an expire of 3 seconds: SERVFAIL once no master answered for that long"
sec_zone 3 3 > "$T/h1/sec.zone"
start_daemon h1b ip netns exec h1 "$NAMED" -d 1 "$T/h1/named.boot"
master=$LAST_PID
wait_until 10 answers h1 10.9.0.1 www.sec.test 192.0.2.3
rm -f "$T/h2/sec.bak"
start_daemon h2c ip netns exec h2 "$NAMED" -d 1 "$T/h2/named.boot"
secondary=$LAST_PID
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.3
stop_daemon "$master"
wait_until 15 sh -c "ip netns exec h2 dig +norec +time=1 +tries=1 @10.9.0.2 www.sec.test A | grep -q 'status: SERVFAIL'"
assert_file_match 'sec\.test\. expired' "$T/h2c.log" "the expiry is logged"
stop_daemon "$secondary"

. "$TOP/tests/integration/named/peer.sh"
bind_need

note "BIND 9 as the master, ours as the secondary"
mkdir -p "$T/b1"
sec_zone 7 > "$T/b1/sec.zone"
bind9_conf "$T/b1" 53 1
sed -i 's/listen-on port 53 { 127.0.0.1; };/listen-on port 53 { 10.9.0.1; };/' "$T/b1/named.conf"
bind9_primary "$T/b1" sec.test. "$T/b1/sec.zone"
start_daemon b1 ip netns exec h1 sh -c ". '$TOP/tests/peers/dns.sh'; bind9_exec '$BIND_ROOT' '$T/b1'"
wait_until 20 answers h1 10.9.0.1 www.sec.test 192.0.2.7
rm -f "$T/h2/sec.bak"
start_daemon h2d ip netns exec h2 "$NAMED" -d 1 "$T/h2/named.boot"
secondary=$LAST_PID
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.7
stop_daemon "$secondary"

note "ours as the master, BIND 9 as the secondary: transfer and NOTIFY"
kill "$(cat "$T/b1/named.pid")" 2>/dev/null
sec_zone 8 > "$T/h1/sec.zone"
start_daemon h1c ip netns exec h1 "$NAMED" -d 1 "$T/h1/named.boot"
master=$LAST_PID
wait_until 10 answers h1 10.9.0.1 www.sec.test 192.0.2.8
mkdir -p "$T/b2"
bind9_conf "$T/b2" 53 1
sed -i 's/listen-on port 53 { 127.0.0.1; };/listen-on port 53 { 10.9.0.2; };/' "$T/b2/named.conf"
printf 'zone "sec.test." { type secondary; primaries { 10.9.0.1; }; file "%s/sec.sec"; };\n' \
	"$T/b2" >> "$T/b2/named.conf"
start_daemon b2 ip netns exec h2 sh -c ". '$TOP/tests/peers/dns.sh'; bind9_exec '$BIND_ROOT' '$T/b2'"
wait_until 20 answers h2 10.9.0.2 www.sec.test 192.0.2.8
sec_zone 9 > "$T/h1/sec.zone"
kill -HUP "$master"
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.9
exit 0
