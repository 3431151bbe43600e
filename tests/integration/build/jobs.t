# A plain make builds with one job per CPU; an explicit -j is left alone.
# Run on the top-level Makefile over stand-in library and program
# directories that print the flags their make got.
. "$TOP/tests/integration/build/common.sh"
tree=$T/tree
mkdir -p "$tree/lib/libnet" "$tree/bin/flags"
cp -a "$TOP/Makefile" "$tree/"
cp -a "$TOP/lib/mk" "$tree/lib/"
printf 'all:\n\t@echo "libnet: $(MAKEFLAGS)"\n' > "$tree/lib/libnet/Makefile"
printf 'all:\n\t@echo "prog: $(MAKEFLAGS)"\n' > "$tree/bin/flags/Makefile"
cpus=$(nproc)

make --no-print-directory -C "$tree" all > "$T/out" 2>&1 ||
	{ cat "$T/out"; fail "make all"; }
cat "$T/out"
assert_file_match "^prog: .*-j$cpus( |\$)" "$T/out" "jobs of a plain make"
assert_file_match "^libnet: .*-j$cpus( |\$)" "$T/out" "jobs of libnet's make"

make --no-print-directory -C "$tree" -j1 all > "$T/out" 2>&1 ||
	{ cat "$T/out"; fail "make -j1 all"; }
cat "$T/out"
grep -q -- "-j$cpus" "$T/out" && [ "$cpus" -ne 1 ] &&
	fail "make -j1 was given $cpus jobs"
make --no-print-directory -C "$tree" -j3 all > "$T/out" 2>&1 ||
	{ cat "$T/out"; fail "make -j3 all"; }
assert_file_match "^prog: .*-j3( |\$)" "$T/out" "make -j3"
exit 0
