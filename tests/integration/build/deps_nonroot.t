# As a user without root, make check and make demo stop before compiling
# anything when a package they cannot build without is missing, and say
# what to install (and, for OpenSSL, that WITH_OPENSSL=no builds without
# it); a missing package only some cases need is named and the build goes
# on.  Packages are reported missing by a stand-in dpkg-query first in
# PATH; the top-level Makefile runs in a copy owned by nobody.
. "$TOP/tests/integration/build/common.sh"
need setpriv
tree=$T/tree
mkdir -p "$tree/lib/libnet" "$T/bin"
cp -a "$TOP/Makefile" "$tree/"
cp -a "$TOP/lib/mk" "$tree/lib/"
# The library's make only says that it ran: compiling has begun.
printf 'all:\n\t@echo COMPILING\n' > "$tree/lib/libnet/Makefile"
cat > "$T/bin/dpkg-query" <<'EOF2'
#!/bin/sh
# Everything is installed but the packages in $MISSING.
for p; do :; done
case " $MISSING " in *" $p "*) exit 1 ;; esac
printf 'install ok installed'
EOF2
chmod 755 "$T/bin/dpkg-query"
chown -R nobody "$tree"
chmod 755 "$T"
# as_nobody MISSING TARGET [ARGS]: make TARGET in the copy as nobody.
as_nobody() {
	_m=$1
	shift
	setpriv --reuid nobody --regid nogroup --clear-groups \
		env -i PATH="$T/bin:$PATH" HOME=/ MISSING="$_m" \
		make --no-print-directory -C "$tree" "$@" > "$T/out" 2>&1
}

for goal in check demo; do
	note "make $goal without libssl-dev"
	as_nobody "libssl-dev curl" "$goal" && fail "make $goal succeeded"
	cat "$T/out"
	grep -q COMPILING "$T/out" && fail "make $goal compiled before stopping"
	assert_file_match '^deps: cannot build without: libssl-dev$' "$T/out" \
		"the missing build package ($goal)"
	assert_file_match '^deps: as root, run: apt-get install -y libssl-dev curl$' \
		"$T/out" "the apt-get line ($goal)"
	assert_file_match 'WITH_OPENSSL=no' "$T/out" "the no-TLS build ($goal)"
done

note "make check without the unit test library"
as_nobody "libcpputest-dev" check && fail "make check succeeded"
assert_file_match '^deps: cannot build without: libcpputest-dev$' "$T/out" \
	"CppUTest for check"
grep -q COMPILING "$T/out" && fail "make check compiled before stopping"

note "make demo needs no CppUTest, and WITH_OPENSSL=no no libssl-dev"
as_nobody "libcpputest-dev curl" demo
assert_file_match COMPILING "$T/out" "make demo without CppUTest"
assert_file_match '^deps: missing packages: libcpputest-dev curl$' "$T/out" \
	"the optional packages named"
as_nobody "libssl-dev" WITH_OPENSSL=no demo
assert_file_match COMPILING "$T/out" "make WITH_OPENSSL=no demo without libssl-dev"
grep -q 'cannot build' "$T/out" && fail "WITH_OPENSSL=no still asked for libssl-dev"
exit 0
