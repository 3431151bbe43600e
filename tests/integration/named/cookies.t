# DNS cookies (RFC 7873, RFC 9018): a query with a client cookie gets it
# back with a server cookie; the full cookie sent again is answered; a
# stale or made-up server cookie still gets an answer and a fresh server
# cookie (section 5.2.3); a COOKIE option of a length no cookie has is
# FORMERR (section 5.2.2).
. "$TOP/tests/integration/named/common.sh"

basic_zone "$T/c.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
primary		c.test		c.zone
BOOT
named_start named 10550 "$T/named.boot"

# cookie FILE: the cookie of the reply, in hex.
cookie() {
	sed -n 's/^; COOKIE: \([0-9a-f]*\).*/\1/p' "$1"
}
client=0123456789abcdef
ask first +cookie=$client www.c.test A
expect "$T/first" NOERROR aa "a query with a client cookie"
full=$(cookie "$T/first")
echo "cookie: $full"
assert_match "^$client[0-9a-f]{16,64}\$" "$full" "the client cookie and a server cookie (8 to 32 bytes)"
assert_file_match '^; COOKIE: .*\(good\)' "$T/first" "dig's verdict on the cookie"

ask again +cookie=$full www.c.test A
expect "$T/again" NOERROR aa "the full cookie sent again"
assert_match "^$client[0-9a-f]{16,64}\$" "$(cookie "$T/again")" "the cookie of the second answer"

ask stale +cookie=${client}00112233445566778899aabbccddeeff www.c.test A
expect "$T/stale" NOERROR aa "a made-up server cookie"
assert_match "^$client[0-9a-f]{16,64}\$" "$(cookie "$T/stale")" "a fresh server cookie"
[ "$(cookie "$T/stale")" != "${client}00112233445566778899aabbccddeeff" ] ||
	fail "the made-up server cookie was taken"

# Option 10 (COOKIE) with 5 bytes: shorter than a client cookie.
ask short +nocookie +ednsopt=10:0102030405 www.c.test A
assert_eq FORMERR "$(status_of "$T/short")" "a 5-byte COOKIE option"
# 8 + 4: a server cookie shorter than 8 bytes.
ask odd +nocookie +ednsopt=10:0123456789abcdef01020304 www.c.test A
assert_eq FORMERR "$(status_of "$T/odd")" "a 12-byte COOKIE option"
exit 0
