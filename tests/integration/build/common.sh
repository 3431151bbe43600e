# common.sh: helpers for the build and install cases (sourced by each case).
#
# These cases run make on the tree the suite was just built in, so they
# must ask for exactly the build it holds: a different flag set would
# rewrite the objects' stamps and rebuild everything (slowly, and under the
# other cases' feet).  The switches are read back from that build.

# The kind and flags of the last build of the programs.
_kind=$(cat "$TOP/.build-kind" 2>/dev/null) || skip "the tree is not built (make)"
_stamp=$TOP/lib/libnet/$_kind/.config
[ -f "$_stamp" ] || skip "the tree is not built (no $_stamp)"
BUILD_SWITCHES=
[ "$_kind" != .obj-san ] || BUILD_SWITCHES="SANITIZE=1"
grep -q -- '-Werror' "$_stamp" && BUILD_SWITCHES="$BUILD_SWITCHES WERROR=1"
grep -q -- '-DNET_WITH_OPENSSL=1' "$TOP/lib/libnet/$_kind/.tls" 2>/dev/null ||
	BUILD_SWITCHES="$BUILD_SWITCHES WITH_OPENSSL=no"
# The make that runs this case (make check) must not hand its jobserver or
# its command line to these makes: each is given its switches explicitly.
unset MAKEFLAGS MFLAGS MAKELEVEL
need make install

# build_make DIR ARGS...: make in DIR with the build's switches; output in
# $T/make.log (also shown when it fails).
build_make() {
	_dir=$1
	shift
	# shellcheck disable=SC2086
	make --no-print-directory -C "$_dir" $BUILD_SWITCHES "$@" \
		> "$T/make.log" 2>&1 || { cat "$T/make.log"; fail "make -C $_dir $*"; }
}

# compiled: the sources the last build_make compiled, one per line.
compiled() {
	sed -n 's/^  CXX *//p' "$T/make.log"
}

# copy_tree DIR...: a copy of the built tree in $T/tree with the top-level
# Makefile, lib/mk, man, etc and, for each DIR (lib/libnet, sbin/inetd),
# its files and the objects of the current build, but not the program.
copy_tree() {
	tree=$T/tree
	mkdir -p "$tree/lib"
	cp -a "$TOP/Makefile" "$TOP/man" "$TOP/etc" "$TOP/.build-kind" "$tree/"
	cp -a "$TOP/lib/mk" "$tree/lib/"
	for _d in "$@"; do
		mkdir -p "$tree/$_d"
		(cd "$TOP/$_d" && find . -maxdepth 1 -type f \
			! -name "$(basename "$_d")" -exec cp -a {} "$tree/$_d/" \;)
		cp -a "$TOP/$_d/$_kind" "$tree/$_d/"
	done
}
