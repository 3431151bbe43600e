# peers: bind9
# Ours and BIND 9 serve the same zone and are asked the same questions
# (names that exist, do not, have no data of the type, CNAME chains,
# within a zone and across zones, wildcards, a referral with glue, the
# DS at a cut, a child zone served beside its parent, DNAME, ANY, mixed
# case, a name in no zone, over UDP and TCP): the rcode, the aa and tc
# flags and each section, records sorted, TTLs included, are the same.
#
# Intended differences, and how the comparison allows for them:
# - BIND adds the zone's NS records (and their addresses) to the
#   authority section of positive answers unless told otherwise; ours
#   leaves them out (RFC 1034 makes them optional; they only make the
#   answer bigger) and keeps the additional addresses of MX, SRV and NS
#   targets, so BIND is told minimal-responses no-auth, which is that.
# - An answer's owner names may keep the zone's case or the question's
#   (RFC 4343); records are compared without case (answers.t checks the
#   question's case is echoed).
# - A CNAME pointing into another zone that the server has: ours goes on
#   with the chain there (RFC 1034 4.3.2 step 3a restarts the lookup
#   with the new name, in all the server's data), BIND 9 stops at the
#   zone's edge; and ours takes additional addresses from those zones
#   too.  For the questions marked "| more" ours may add records to the
#   answer and additional sections, nothing else.
. "$TOP/tests/integration/named/common.sh"
. "$TOP/tests/integration/named/peer.sh"
bind_need

cat > "$T/example.zone" <<'ZONE'
$ORIGIN example.test.
$TTL 3600
@	SOA	ns hostmaster 2026120201 3600 600 86400 300
	NS	ns
	NS	ns2.elsewhere.test.
	MX	10 mail
	MX	20 mail2.elsewhere.test.
ns	A	127.0.0.1
www	A	192.0.2.1
	A	192.0.2.2
	AAAA	2001:db8::1
mail	A	192.0.2.25
alias	CNAME	alias2
alias2	CNAME	www
away	CNAME	www.elsewhere.test.
text	TXT	"only text here" "and a second string"
srv	SRV	0 5 5060 www
caa	CAA	0 issue "ca.example.net"
*.w	A	192.0.2.99
	TXT	"from the wildcard"
exists.w	A	192.0.2.100
host.e.w	A	192.0.2.101
walias	CNAME	x.w
deleg	NS	ns.deleg
	NS	ns.elsewhere.test.
	DS	12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
ns.deleg	A	192.0.2.53
	AAAA	2001:db8::53
old	DNAME	new.example.test.
www.new	A	192.0.2.7
short	300	A	192.0.2.3
; A child zone served here too, and names pointing into other zones.
child	NS	ns.child
	DS	54321 13 2 FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210
ns.child	A	127.0.0.1
tochild	CNAME	www.child
todeleg	CNAME	host.deleg
toother	CNAME	www.other.test.
mx2	MX	10 www.child
	MX	20 ns.deleg
*.wc	CNAME	www
under.deleg	A	192.0.2.250
e\.scaped	TXT	"a dot in a label"
; A DNAME whose substitution can make a name too long (RFC 6672 2.2).
long	DNAME	aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.example.test.
ZONE
cat > "$T/child.zone" <<'ZONE'
$ORIGIN child.example.test.
$TTL 600
@	SOA	ns hostmaster 5 3600 600 86400 60
	NS	ns
ns	A	127.0.0.1
www	A	192.0.2.201
back	CNAME	www.example.test.
ZONE
cat > "$T/other.zone" <<'ZONE'
$ORIGIN other.test.
$TTL 120
@	SOA	ns.example.test. hostmaster.example.test. 9 3600 600 86400 120
	NS	ns.example.test.
www	CNAME	alias.example.test.
ZONE
cat > "$T/named.boot" <<BOOT
directory	$T
primary		example.test	example.zone
primary		child.example.test	child.zone
primary		other.test	other.zone
BOOT
named_start named 10540 "$T/named.boot"
dir=$(bind_setup bind 10541)
sed -i 's/^\([[:space:]]*\)recursion no;/&\n\1minimal-responses no-auth;/' "$dir/named.conf"
grep -q 'minimal-responses no-auth;' "$dir/named.conf" || fail "cannot set minimal-responses"
bind9_primary "$dir" example.test. "$T/example.zone"
bind9_primary "$dir" child.example.test. "$T/child.zone"
bind9_primary "$dir" other.test. "$T/other.zone"
bind_start bind

ask_all() {	# PORT
	dig_all "$1" "$T/questions"
}

cat > "$T/questions" <<'Q'
www.example.test A
www.example.test AAAA
www.example.test MX
example.test SOA
example.test NS
example.test MX
mail.example.test A
alias.example.test A
alias.example.test CNAME
alias.example.test AAAA
away.example.test A
nothing.example.test A
deeper.nothing.example.test MX
text.example.test A
text.example.test TXT
srv.example.test SRV
caa.example.test CAA
x.w.example.test A
y.z.w.example.test TXT
x.w.example.test AAAA
exists.w.example.test TXT
e.w.example.test A
q.e.w.example.test A
walias.example.test A
host.deleg.example.test A
deleg.example.test NS
deleg.example.test DS
deleg.example.test A
ns.deleg.example.test A
www.old.example.test A
old.example.test DNAME
old.example.test A
a.b.old.example.test AAAA
WwW.ExAmple.test A
www.example.test ANY
short.example.test A
nowhere.test A
test SOA
www.child.example.test A
child.example.test NS
child.example.test SOA
child.example.test DS
nothing.child.example.test A
back.child.example.test A | more
tochild.example.test A | more
todeleg.example.test A
toother.example.test A | more
www.other.test A | more
mx2.example.test MX | more
x.wc.example.test A
x.wc.example.test TXT
under.deleg.example.test A
deleg.example.test ANY
example.test DS
example.test DNSKEY
example.test ANY
e\.scaped.example.test TXT
ns.example.test AAAA
www.example.test RRSIG
www.example.test NSEC
+tcp www.child.example.test A
deleg.example.test SOA
www.example.test MAILB
www.example.test MAILA
www.example.test A CH
cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.long.example.test A
x.long.example.test A
example.test TYPE1000
+tcp alias.example.test A
+tcp host.deleg.example.test A
+noedns nothing.example.test A
Q
ask_all 10540 > "$T/ours.canon"
ask_all 10541 > "$T/bind.canon"
n=$(wc -l < "$T/questions")
assert_eq "$n" "$(grep -c ' 1 status [A-Z]' "$T/ours.canon")" "questions answered by ours"
assert_eq "$n" "$(grep -c ' 1 status [A-Z]' "$T/bind.canon")" "questions answered by BIND"
diff "$T/bind.canon" "$T/ours.canon" > "$T/diff"
# Each question answered differently, with the lines that differ (<
# BIND 9, > ours); a "| more" question may only have ours add to the
# answer (3) and additional (5) sections.
bad=0
for i in $(sed -n 's/^[<>] \([0-9]*\) .*/\1/p' "$T/diff" | sort -u); do
	question=$(sed -n "$(expr "$i" + 0)p" "$T/questions")
	case $question in
	*"| more")
		if ! grep "^[<>] $i " "$T/diff" | grep -qv "^> $i [35] "; then
			echo "--- ours answers more (intended): $question"
			grep "^[<>] $i " "$T/diff"
			continue
		fi
		;;
	esac
	bad=$((bad + 1))
	echo "--- differs: $question"
	grep "^[<>] $i " "$T/diff"
done
note "$n questions, $bad answered differently"
assert_eq 0 "$bad" "questions answered differently from BIND 9"
exit 0
