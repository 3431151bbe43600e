# peers: bind9
# IXFR in and TSIG on what named sends, between two hosts on the domain
# port, with BIND 9 both ways.  The boot file's server line names the key
# for a master or a secondary: ours as BIND's secondary asks the SOA and
# the transfers signed (BIND allows transfers only with the key) and, on
# BIND's NOTIFY, fetches the new serial by IXFR; BIND as ours's secondary
# signs its requests, gets the answers signed, takes our signed NOTIFY and
# fetches by IXFR.  Between two of ours the signed IXFR stream verifies;
# with a wrong secret the master's answers fail and nothing is served.
. "$TOP/tests/integration/named/hosts.sh"
. "$TOP/tests/integration/named/peer.sh"
bind_need
NAMED=$TOP/sbin/named/named
mkdir -p "$T/h1" "$T/h2" "$T/b1" "$T/b2"
chmod 777 "$T/h1" "$T/h2"	# named writes the backup and journal as nobody
secret=$(head -c 32 /dev/urandom | base64)
echo "$secret" > "$T/xfr.key"
head -c 32 /dev/urandom | base64 > "$T/wrong.key"
bind_key() {	# DIR PEER: the key, and what is sent to PEER signed with it
	cat >> "$1/named.conf" <<EOF2
key "xfr-key." { algorithm hmac-sha256; secret "$secret"; };
server $2 { keys { "xfr-key."; }; };
EOF2
}

note "BIND 9 the master, transfers only with the key; ours its secondary"
sec_zone 1 > "$T/b1/sec.zone"
bind9_conf "$T/b1" 53 1
sed -i 's/listen-on port 53 { 127.0.0.1; };/listen-on port 53 { 10.9.0.1; };/' "$T/b1/named.conf"
bind_key "$T/b1" 10.9.0.2
printf 'zone "sec.test." { type primary; file "%s"; notify yes; notify-delay 0; ixfr-from-differences yes; max-ixfr-ratio unlimited; allow-transfer { key "xfr-key."; }; };\n' \
	"$T/b1/sec.zone" >> "$T/b1/named.conf"
start_daemon b1 ip netns exec h1 sh -c ". '$TOP/tests/peers/dns.sh'; bind9_exec '$BIND_ROOT' '$T/b1'"
bind=$LAST_PID
wait_until 20 answers h1 10.9.0.1 www.sec.test 192.0.2.1
cat > "$T/h2/named.boot" <<EOF2
directory $T/h2
key xfr-key. hmac-sha256 $T/xfr.key
server 10.9.0.1 key xfr-key.
secondary sec.test 10.9.0.1 sec.bak
EOF2
start_daemon h2 ip netns exec h2 "$NAMED" -d 1 "$T/h2/named.boot"
secondary=$LAST_PID
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.1
assert_file_match 'serial 1 transferred from 10\.9\.0\.1' "$T/h2.log" "the signed AXFR"

note "a new serial on BIND: its NOTIFY, and ours fetches it by IXFR, signed"
sec_zone 2 > "$T/b1/sec.zone.new"
mv "$T/b1/sec.zone.new" "$T/b1/sec.zone"
kill -HUP "$bind"
wait_until 15 answers h2 10.9.0.2 www.sec.test 192.0.2.2
assert_file_match 'serial 2 from 10\.9\.0\.1 by IXFR \(2 records changed' "$T/h2.log" "the incremental transfer"
assert_file_match 'key xfr-key.*IXFR ended|IXFR ended.*' "$T/b1.log" "BIND sent IXFR"
stop_daemon "$secondary"
stop_daemon "$bind"

note "ours the master, unsigned transfers refused; BIND 9 its secondary, signed"
sec_zone 3 > "$T/h1/sec.zone"
cat > "$T/h1/named.boot" <<EOF2
directory $T/h1
key xfr-key. hmac-sha256 $T/xfr.key
server 10.9.0.2 key xfr-key.
xfrnets 10.1.0.0&255.255.0.0
primary sec.test sec.zone
EOF2
start_daemon h1 ip netns exec h1 "$NAMED" -d 1 "$T/h1/named.boot"
master=$LAST_PID
wait_until 10 answers h1 10.9.0.1 www.sec.test 192.0.2.3
on h2 dig +time=2 +tries=1 @10.9.0.1 sec.test AXFR > "$T/plain" 2>&1
assert_file_match 'Transfer failed' "$T/plain" "an unsigned AXFR from h2"
bind9_conf "$T/b2" 53 1
sed -i 's/listen-on port 53 { 127.0.0.1; };/listen-on port 53 { 10.9.0.2; };/' "$T/b2/named.conf"
bind_key "$T/b2" 10.9.0.1
printf 'zone "sec.test." { type secondary; primaries { 10.9.0.1; }; file "%s/sec.sec"; };\n' \
	"$T/b2" >> "$T/b2/named.conf"
start_daemon b2 ip netns exec h2 sh -c ". '$TOP/tests/peers/dns.sh'; bind9_exec '$BIND_ROOT' '$T/b2'"
bind=$LAST_PID
wait_until 20 answers h2 10.9.0.2 www.sec.test 192.0.2.3

note "a new serial on ours: the signed NOTIFY, and BIND fetches by IXFR"
sec_zone 4 > "$T/h1/sec.zone"
kill -HUP "$master"
wait_until 15 answers h2 10.9.0.2 www.sec.test 192.0.2.4
assert_file_match 'NOTIFY of sec\.test\. \(serial 4\) to 10\.9\.0\.2: accepted' "$T/h1.log" "the signed NOTIFY accepted, its answer verified"
assert_file_match 'IXFR \(incremental\) of sec\.test\. \(serial 4\) to 10\.9\.0\.2' "$T/h1.log" "IXFR sent to BIND"
stop_daemon "$bind"

note "ours the secondary of ours: a signed IXFR stream"
cat > "$T/h2/named.boot" <<EOF2
directory $T/h2
key xfr-key. hmac-sha256 $T/xfr.key
server 10.9.0.1 key xfr-key.
secondary sec.test 10.9.0.1 sec.bak
EOF2
rm -f "$T/h2/sec.bak"
start_daemon h2b ip netns exec h2 "$NAMED" -d 1 "$T/h2/named.boot"
secondary=$LAST_PID
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.4
sec_zone 5 > "$T/h1/sec.zone"
kill -HUP "$master"
wait_until 10 answers h2 10.9.0.2 www.sec.test 192.0.2.5
assert_file_match 'serial 5 from 10\.9\.0\.1 by IXFR' "$T/h2b.log" "the incremental transfer"
stop_daemon "$secondary"

note "a wrong secret: the master's answers fail TSIG, nothing is served"
sed -i "s|$T/xfr.key|$T/wrong.key|" "$T/h2/named.boot"
rm -f "$T/h2/sec.bak"
start_daemon h2c ip netns exec h2 "$NAMED" -d 1 "$T/h2/named.boot"
wait_until 10 grep -q 'no master could be used.*TSIG' "$T/h2c.log"
on h2 dig +norec +time=1 +tries=1 @10.9.0.2 www.sec.test A > "$T/none" 2>&1
assert_file_match 'status: SERVFAIL' "$T/none" "a secondary with no data"
exit 0
