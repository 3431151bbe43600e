# A compiler killed mid-file (out of memory, Ctrl-C) can leave its object
# written but empty or cut short; make must delete it, or the next build
# takes it as up to date and the link fails with "undefined reference to
# main".  g++ itself is not killed when its cc1plus is: with -pipe the
# assembler has already made the object from what it got, and g++ reports
# the death of cc1plus and exits 1.  Built in a throwaway program
# directory of a copy of the tree, with a stand-in for that g++.
. "$TOP/tests/integration/build/common.sh"
copy_tree
mkdir -p "$tree/bin/killed"
cat > "$tree/bin/killed/Makefile" <<'EOF2'
PROG = killed
include ../../lib/mk/prog.mk
EOF2
printf 'int\nmain()\n{\n\treturn 0;\n}\n' > "$tree/bin/killed/killed.cc"
cat > "$T/cxx" <<'EOF2'
#!/bin/sh
# Write the object named by -o empty, then fail as g++ does when the
# OOM killer takes its cc1plus.
while [ $# -gt 0 ]; do
	[ "$1" = -o ] && : > "$2"
	shift
done
echo "g++: fatal error: Killed signal terminated program cc1plus" >&2
exit 1
EOF2
chmod 755 "$T/cxx"
# The object directory of this build kind (.obj, or .obj-san for SANITIZE=1).
odir=$_kind
obj=$tree/bin/killed/$odir/killed.o
# shellcheck disable=SC2086
make --no-print-directory -C "$tree/bin/killed" $BUILD_SWITCHES \
	CXX="$T/cxx" "$odir/killed.o" > "$T/make.log" 2>&1 &&
	fail "make succeeded with a failed compiler"
cat "$T/make.log"
[ -e "$obj" ] && fail "the failed compiler's empty object was left: $(ls -l "$obj")"
note "the next make compiles it again"
build_make "$tree/bin/killed" "$odir/killed.o"
assert_eq "bin/killed/killed.cc" "$(compiled)" "recompiled after the failure"
[ -s "$obj" ] || fail "no object after the second make"
