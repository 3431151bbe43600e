# The boot file's "options query-log" logs every query at notice level,
# with no debugging asked for: "query: CLIENT QNAME CLASS TYPE".
. "$TOP/tests/integration/named/common.sh"

basic_zone "$T/ql.zone"
cat > "$T/named.boot" <<BOOT
directory	$T
options		query-log
primary		ql.test		ql.zone
BOOT
named_start named 10544 "$T/named.boot" -d 0
q www.ql.test AAAA > /dev/null
q +tcp nothing.ql.test MX > /dev/null
wait_until 10 grep -Eq 'query: 127\.0\.0\.1.* www\.ql\.test\.? IN AAAA' "$T/named.log"
wait_until 10 grep -Eq 'query: 127\.0\.0\.1.* nothing\.ql\.test\.? IN MX' "$T/named.log"
grep 'query: ' "$T/named.log"

note "without query-log, at -d 0, no query lines"
cat > "$T/quiet.boot" <<BOOT
directory	$T
primary		ql.test		ql.zone
BOOT
named_start quiet 10545 "$T/quiet.boot" -d 0
q www.ql.test TXT > /dev/null
q +tcp www.ql.test TXT > /dev/null
grep -q 'query: ' "$T/quiet.log" && fail "queries logged without query-log: $(grep 'query: ' "$T/quiet.log")"
exit 0
