# EDNS0 (RFC 6891) and the probes of RFC 8906 section 8: a plain query
# gets the OPT record with payload 1232; version 1 gets BADVERS with an
# OPT of version 0, whatever else the query has; an unknown option and
# an unknown flag are ignored and not echoed; DO is echoed; a query
# without EDNS gets no OPT; an unknown type gets NODATA; CD and AD in a
# query change nothing; an unknown opcode gets NOTIMP; the header's Z
# bit is not echoed; RRSIGs in the zone come with answers to DO queries
# only.  An
# RRset too big for the client's size comes back truncated (TC) over UDP
# and whole over TCP; queries pipelined on one TCP connection are all
# answered.
. "$TOP/tests/integration/named/common.sh"
need python3

{
	echo '$TTL 3600'
	echo '@	SOA	ns hostmaster 1 3600 600 86400 300'
	echo '	NS	ns'
	echo 'ns	A	127.0.0.1'
	echo 'www	A	192.0.2.1'
	# Served as data, the zone looking signed: a signature only a DO
	# query is given (BIND 9 attaches them only to a zone whose own
	# keys verify, so this is checked against the issue, not BIND).
	echo '@	DNSKEY	257 3 13 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=='
	echo '@	NSEC	big.edns.test. SOA NS DNSKEY NSEC RRSIG'
	echo 'www	RRSIG	A 13 3 3600 20300101000000 20200101000000 12345 edns.test. AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=='
	# 30 strings of 100 bytes: some 3.4 kB, over 1232 as well as 512.
	i=10
	while [ $i -lt 40 ]; do
		printf 'big\tTXT\t"%s-%s"\n' $i "$(printf '%097d' 0)"
		i=$((i + 1))
	done
} > "$T/edns.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
primary		edns.test	edns.zone
BOOT
named_start named 10531 "$T/named.boot"

# opt FILE: the EDNS line of dig's output ("; EDNS: version: 0, ...").
opt() {
	grep '^; EDNS:' "$1"
}

note "a plain query: OPT, payload 1232 (minimal EDNS)"
ask plain www.edns.test A
expect "$T/plain" NOERROR aa "plain EDNS query"
assert_match '^; EDNS: version: 0, flags:; udp: 1232$' "$(opt "$T/plain")" "OPT of the answer"

note "no EDNS, no OPT"
ask noedns +noedns www.edns.test A
expect "$T/noedns" NOERROR aa "query without EDNS"
grep -q 'OPT PSEUDOSECTION' "$T/noedns" && fail "an OPT record answering a query without one"

note "version 1: BADVERS with version 0 (version negotiation)"
ask v1 +edns=1 +noednsnegotiation www.edns.test A
expect "$T/v1" BADVERS "" "EDNS version 1"
assert_match '^; EDNS: version: 0,' "$(opt "$T/v1")" "OPT of BADVERS"
assert_eq "" "$(section ANSWER "$T/v1")" "no answer with BADVERS"

note "an unknown option is ignored, not echoed"
ask opt100 +ednsopt=100 www.edns.test A
expect "$T/opt100" NOERROR aa "unknown EDNS option"
assert_eq "www.edns.test. 3600 IN A 192.0.2.1" "$(section ANSWER "$T/opt100")" "answer beside an unknown option"
grep -Eq 'OPT=100|EDNS OPT' "$T/opt100" && fail "the unknown option echoed: $(grep OPT= "$T/opt100")"

note "an unknown flag is ignored, not echoed"
ask flag +ednsflags=0x80 www.edns.test A
expect "$T/flag" NOERROR aa "unknown EDNS flag"
assert_eq "www.edns.test. 3600 IN A 192.0.2.1" "$(section ANSWER "$T/flag")" "answer beside an unknown flag"
assert_match '^; EDNS: version: 0, flags:; udp: 1232$' "$(opt "$T/flag")" "flags of the OPT (no MBZ)"

note "DO echoed"
ask do +dnssec www.edns.test A
expect "$T/do" NOERROR aa "DO set"
assert_match '^; EDNS: version: 0, flags: do; udp: 1232$' "$(opt "$T/do")" "DO in the answer's OPT"

note "RRSIGs with DO, none without"
assert_eq "" "$(section ANSWER "$T/plain" | grep RRSIG)" "an RRSIG without DO"
assert_match 'www\.edns\.test\. 3600 IN RRSIG A 13 3 3600 ' "$(section ANSWER "$T/do")" "the RRSIG with DO"

note "version 1 with an unknown flag, an unknown option, DO: BADVERS all the same"
ask v1flag +edns=1 +noednsnegotiation +ednsflags=0x80 www.edns.test A
expect "$T/v1flag" BADVERS "" "EDNS version 1, flag 0x80"
ask v1opt +edns=1 +noednsnegotiation +ednsopt=100 www.edns.test A
expect "$T/v1opt" BADVERS "" "EDNS version 1, option 100"
ask v1do +edns=1 +noednsnegotiation +dnssec www.edns.test A
expect "$T/v1do" BADVERS "" "EDNS version 1, DO"
assert_match '^; EDNS: version: 0, flags: do;' "$(opt "$T/v1do")" "DO in the OPT of BADVERS"

note "an unknown type: NODATA"
ask t1000 www.edns.test TYPE1000
expect "$T/t1000" NOERROR aa "TYPE1000"
assert_eq "" "$(section ANSWER "$T/t1000")" "TYPE1000 answer"
assert_match '^edns\.test\. 300 IN SOA ' "$(section AUTHORITY "$T/t1000")" "TYPE1000 authority"

note "CD and AD in a query: answered as usual, AD not set on unsigned data"
ask cd +cdflag www.edns.test A
expect "$T/cd" NOERROR "aa -ad" "CD=1"
ask ad +adflag www.edns.test A
expect "$T/ad" NOERROR "aa -ad" "AD=1"

note "an unknown opcode: NOTIMP"
ask op15 +opcode=15 www.edns.test A
expect "$T/op15" NOTIMP "-aa" "opcode 15"
ask op15n +noedns +opcode=15 www.edns.test A
expect "$T/op15n" NOTIMP "-aa" "opcode 15 without EDNS"

note "the Z bit is not echoed"
ask z +zflag www.edns.test A
expect "$T/z" NOERROR aa "Z set"
grep '^;; flags:' "$T/z" | grep -q MBZ && fail "Z echoed: $(grep '^;; flags:' "$T/z")"

note "too big for UDP: TC, whole over TCP"
ask tc512 +noedns +ignore big.edns.test TXT
expect "$T/tc512" NOERROR "aa tc" "3.4 kB over UDP without EDNS"
ask tc1232 +bufsize=1232 +ignore big.edns.test TXT
expect "$T/tc1232" NOERROR "aa tc" "3.4 kB over UDP with a payload of 1232"
ask tcp +tcp big.edns.test TXT
expect "$T/tcp" NOERROR "aa -tc" "3.4 kB over TCP"
assert_eq 30 "$(section ANSWER "$T/tcp" | grep -c ' TXT ')" "TXT records over TCP"
# dig's default: retry over TCP on TC.
ask retry +noedns big.edns.test TXT
assert_eq 30 "$(section ANSWER "$T/retry" | grep -c ' TXT ')" "TXT records after dig's retry over TCP"
# A payload the server may fill: 1232 is its own limit (DNS flag day
# 2020), so 3.4 kB stays truncated even for a client offering 4096.
ask tc4096 +bufsize=4096 +ignore big.edns.test TXT
expect "$T/tc4096" NOERROR "aa tc" "3.4 kB over UDP with a payload of 4096"

note "queries pipelined on one TCP connection"
$RAW pipeline $NAMED_PORT www.edns.test nx.edns.test big.edns.test \
	www.edns.test www.other.test > "$T/pipe" 2>&1 || { cat "$T/pipe"; fail "pipeline"; }
cat "$T/pipe"
assert_eq 5 "$(grep -c '^id=' "$T/pipe")" "replies on the pipelined connection"
assert_eq "1 2 3 4 5" "$(sed -n 's/^id=\([0-9]*\) .*/\1/p' "$T/pipe" | sort -n | tr '\n' ' ' | sed 's/ $//')" \
	"ids answered"
assert_match 'id=2 qr=1 opcode=0 rcode=NXDOMAIN' "$(cat "$T/pipe")" "the NXDOMAIN in the pipeline"
assert_match 'id=5 qr=1 opcode=0 rcode=REFUSED' "$(cat "$T/pipe")" "the REFUSED in the pipeline"
need kdig
kdig +tcp +keepopen +norec -p $NAMED_PORT @127.0.0.1 www.edns.test A \
	nx.edns.test A www.edns.test AAAA > "$T/kdig" 2>&1 || fail "kdig over one connection"
assert_eq 3 "$(grep -c '^;; ->>HEADER<<-' "$T/kdig")" "kdig's answers over one connection"
exit 0
