# Packets dig will not send (dnsraw.py, one UDP socket each, a few over
# TCP too): no reply
# at all to a packet shorter than a header or with QR set (RFC 1035
# 4.1.1; a reply could start a loop between two servers); FORMERR for a
# query with two questions (RFC 9619), with a name cut short or longer
# than 255 bytes, with a question or an additional record counted but
# missing, with a compression pointer that loops, points forward or
# into the header, with a label running past the end, with two OPT
# records, an OPT not owned by the root, or an OPT or option longer
# than what holds it (RFC 6891 6.1.1); and after all that the server
# still answers.
. "$TOP/tests/integration/named/common.sh"
need python3

basic_zone "$T/mal.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
primary		mal.test	mal.zone
BOOT
named_start named 10532 "$T/named.boot"

good=$($RAW build -i 7 www.mal.test A) || fail "dnsraw.py build"
question=$(echo "$good" | cut -c 25-)
# The header with QDCOUNT 1, no flags, id 0x1234 (4660).
h1=123400000001000000000000
formerr='^id=4660 qr=1 opcode=0 rcode=FORMERR'
# An OPT record: the root, type 41, payload 1232, no flags, no options.
opt=00002904d0000000000000
# Each line: what the packet is, the reply expected ("no reply" or a
# regex its description must match), the packet in hex (- for none).
cat > "$T/packets" <<PACKETS
the well-formed query|^id=7 qr=1 opcode=0 rcode=NOERROR qd=1 an=1 |$good
11 bytes|no reply|$(echo "$good" | cut -c 1-22)
an empty packet|no reply|-
QR set|no reply|123480000001000000000000$question
QR set with a rcode|no reply|123480050001000000000000$question
two questions (RFC 9619)|$formerr|123400000002000000000000$question$question
a name cut short (03 www 03 m)|$formerr|${h1}03777777036d
a name cut at a label|$formerr|${h1}03777777036d616c
a name without its type and class|$formerr|${h1}03777777036d616c047465737400
a question counted, none there|$formerr|$h1
a pointer to itself|$formerr|${h1}c00c00010001
a pointer forward|$formerr|${h1}c01000010001000000
a label past the end|$formerr|${h1}3f7777770000010001
a label of 64 (a reserved label type)|$formerr|${h1}40$(printf '61%.0s' $(seq 64))0000010001
a pointer into the header|$formerr|${h1}c00000010001
a name of 256 bytes|$formerr|${h1}$(printf '3f%s' $(printf '61%.0s' $(seq 63)) $(printf '3f%s' $(printf '61%.0s' $(seq 63))) $(printf '3f%s' $(printf '61%.0s' $(seq 63))))3e$(printf '61%.0s' $(seq 62))0000010001
two OPT records (RFC 6891 6.1.1)|$formerr|123400000001000000000002$question$opt$opt
an OPT owned by a name other than the root|$formerr|123400000001000000000001${question}0377777700$(echo "$opt" | cut -c 3-)
an OPT longer than the packet|$formerr|123400000001000000000001${question}00002904d00000000000ff
an EDNS option longer than the OPT|$formerr|123400000001000000000001${question}00002904d0000000000004000a0010
an additional record counted, none there|$formerr|123400000001000000000001$question
PACKETS
# One socket each, all sent at once: the silences are waited for together.
$RAW send $NAMED_PORT $(cut -d '|' -f 3 "$T/packets") > "$T/replies" ||
	fail "dnsraw.py send"
assert_eq "$(wc -l < "$T/packets")" "$(wc -l < "$T/replies")" "replies described"
paste -d '|' "$T/packets" "$T/replies" > "$T/table"
cut -d '|' -f 1,4 "$T/table"
while IFS='|' read -r what want hex got; do
	case $want in
	"no reply") assert_eq "no reply" "$got" "$what" ;;
	*) assert_match "$want" "$got" "$what" ;;
	esac
done < "$T/table"

note "over TCP"
# Each on a connection of its own: FORMERR for what does not parse, no
# reply for what is not a query (the connection may be closed).
$RAW tcpsend $NAMED_PORT "123400000002000000000000$question$question" \
	"${h1}03777777036d" "123480000001000000000000$question" - "$good" > "$T/tcp" ||
	fail "dnsraw.py tcpsend"
cat "$T/tcp"
assert_match "$formerr" "$(sed -n 1p "$T/tcp")" "two questions over TCP"
assert_match "$formerr" "$(sed -n 2p "$T/tcp")" "a name cut short over TCP"
assert_match '^(no reply|closed)$' "$(sed -n 3p "$T/tcp")" "QR set over TCP"
assert_match '^(no reply|closed)$' "$(sed -n 4p "$T/tcp")" "an empty frame over TCP"
assert_match '^id=7 qr=1 opcode=0 rcode=NOERROR qd=1 an=1 ' "$(sed -n 5p "$T/tcp")" \
	"a well-formed query over TCP"

note "the server still answers"
ask after www.mal.test A
expect "$T/after" NOERROR aa "dig after the malformed packets"
assert_eq "www.mal.test. 3600 IN A 192.0.2.1" "$(section ANSWER "$T/after")" "dig after the malformed packets"
ask aftertcp +tcp www.mal.test A
expect "$T/aftertcp" NOERROR aa "dig over TCP after the malformed packets"
kill -0 "$NAMED_PID" || fail "named died"
exit 0
