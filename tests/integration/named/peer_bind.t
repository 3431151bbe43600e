# peers: bind9
# The BIND 9 peer that named's differential and transfer cases run beside
# it (peer.sh): started from its unpacked package with a zone, it answers
# dig over UDP and TCP, refers below a cut with glue, denies a name that
# does not exist, and transfers the zone to a secondary; a zone and
# queries from the benchmark's generator load and get the answers the
# generator meant.  Skips when BIND could not be fetched (offline).
. "$TOP/tests/integration/named/peer.sh"
bind_need

cat > "$T/zone" <<'EOF2'
$ORIGIN peer.test.
$TTL 300
@	SOA	ns hostmaster 7 3600 600 86400 300
@	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.10
	AAAA	2001:db8::10
mail	MX	10 www
alias	CNAME	www
sub	NS	ns.sub
ns.sub	A	192.0.2.53
EOF2
bind_serve bind 10053 peer.test. "$T/zone"

q() {	# ARGS: dig's short answer over UDP
	dig +short +norec +time=2 +tries=1 @127.0.0.1 -p 10053 "$@"
}
assert_eq 192.0.2.10 "$(q www.peer.test A)" "www A"
assert_eq 2001:db8::10 "$(q www.peer.test AAAA)" "www AAAA"
assert_eq "10 www.peer.test." "$(q +tcp mail.peer.test MX)" "mail MX over TCP"
assert_eq "www.peer.test.
192.0.2.10" "$(q alias.peer.test A)" "the CNAME chased"
dig +norec +time=2 +tries=1 @127.0.0.1 -p 10053 nothing.peer.test A > "$T/nx"
assert_file_match 'status: NXDOMAIN' "$T/nx" "a name that does not exist"
assert_file_match '^peer\.test\..*SOA' "$T/nx" "the SOA with the denial"
dig +norec +time=2 +tries=1 @127.0.0.1 -p 10053 host.sub.peer.test A > "$T/ref"
assert_file_match '^sub\.peer\.test\..*NS[[:space:]]+ns\.sub\.peer\.test\.' "$T/ref" "the referral"
assert_file_match '^ns\.sub\.peer\.test\..*A[[:space:]]+192\.0\.2\.53' "$T/ref" "its glue"

note "a secondary transfers the zone"
dir=$(bind_setup secondary 10055)
bind9_secondary "$dir" peer.test. 127.0.0.1 10053
bind_start secondary
wait_until 30 bind_answers 10055 peer.test.
assert_eq "10 www.peer.test." \
	"$(dig +short +norec +time=2 +tries=1 @127.0.0.1 -p 10055 mail.peer.test MX)" \
	"mail MX from the secondary"

note "the benchmark's generated zone and queries"
gen=$TOP/tests/bench/named/gen-zone
"$gen" -s 7 zone 2000 > "$T/gen.zone" || fail "gen-zone zone"
"$gen" -s 7 queries 2000 200 > "$T/gen.queries" || fail "gen-zone queries"
dir=$(bind_setup gen 10054)
bind9_primary "$dir" bench.test. "$T/gen.zone"
bind_start gen
# Every query of the file gets the answer the generator meant: an
# answer for the names it drew from the zone, NXDOMAIN for the others.
dig +norec +time=2 +tries=1 -p 10054 @127.0.0.1 -f "$T/gen.queries" > "$T/gen.out"
asked=$(grep -c '^;; QUESTION SECTION' "$T/gen.out")
assert_eq 200 "$asked" "queries answered"
nx=$(grep -c '^nx-' "$T/gen.queries")
assert_eq "$nx" "$(grep -c 'status: NXDOMAIN' "$T/gen.out")" "NXDOMAIN answers"
answered=$(awk '/status: NOERROR/ { ok = 1; next }
	/^;; flags:/ { if (ok && $0 !~ /ANSWER: 0,/) n++; ok = 0 }
	END { print n + 0 }' "$T/gen.out")
assert_eq $((200 - nx)) "$answered" "answers for the zone's names"
exit 0
