# tests/run-manlint passes a page whose cross-references all resolve (ours
# included, .Xr inetd 8) and fails one naming a manual that exists nowhere,
# with mandoc's message.
. "$TOP/tests/integration/build/common.sh"
need mandoc
mkdir -p "$T/man/man5" "$T/r"
page() {	# NAME XR: a minimal page named NAME referring to XR
	cat > "$T/man/man5/$1.5" <<EOF2
.Dd November 22, 2026
.Dt $(echo "$1" | tr a-z A-Z) 5
.Os
.Sh NAME
.Nm $1
.Nd a test page
.Sh DESCRIPTION
Read by
.Xr $2 .
EOF2
}
page good "inetd 8"
page bad "netsuite-nonexistent 8"
RESULTS=$T/r "$TOP/tests/run-manlint" "$T/man/man5/good.5" "$T/man/man5/bad.5" \
	> "$T/lint.out" 2>&1
cat "$T/lint.out"
assert_file_match 'bad.5:.*referenced manual not found: Xr netsuite-nonexistent 8' \
	"$T/lint.out" "the message for the dead reference"
assert_file_match "^FAIL manlint $T/man/man5/bad.5\$" "$T/lint.out" "bad.5 fails"
grep -q "FAIL manlint $T/man/man5/good.5" "$T/lint.out" && fail "good.5 failed"
assert_eq "pass 1 fail 1 skip 0" "$(tr '\n' ' ' < "$T/r/manlint" | sed 's/ $//')" \
	"counts"
