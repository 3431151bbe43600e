# Every program of the tree: --help prints the usage (the words of its man
# page's SYNOPSIS) on stdout and exits 0; an unknown option prints it on
# stderr and exits 2, the status of every usage error in the suite.
need mandoc
n=0
for mk in "$TOP"/bin/*/Makefile "$TOP"/sbin/*/Makefile "$TOP"/libexec/*/Makefile; do
	dir=$(dirname "$mk")
	prog=$(basename "$dir")
	[ -x "$dir/$prog" ] || skip "$prog is not built (make)"
	page=$(sed -n 's/^MAN *= *\([^ ]*\).*/\1/p' "$mk")
	[ -n "$page" ] || fail "$prog names no man page"
	note "$prog ($page)"
	"$dir/$prog" --help > "$T/out" 2> "$T/err"
	assert_eq 0 $? "$prog --help exit status"
	[ -s "$T/err" ] && fail "$prog --help wrote on stderr: $(cat "$T/err")"
	# usage_is_synopsis reads stderr: the same text, moved there.
	usage_is_synopsis "$page" sh -c 'cat "$1" >&2' sh "$T/out"
	"$dir/$prog" --no-such-option > "$T/out" 2> "$T/err"
	assert_eq 2 $? "$prog --no-such-option exit status"
	[ -s "$T/out" ] && fail "$prog wrote its usage error on stdout"
	usage_is_synopsis "$page" "$dir/$prog" --no-such-option
	n=$((n + 1))
done
[ "$n" -ge 4 ] || fail "only $n programs found"
