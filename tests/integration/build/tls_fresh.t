# WITH_OPENSSL=no in a tree never built before: libnet's tls.o depends on
# a stamp of its TLS flags, which are empty without OpenSSL; the stamp
# must still be made ("No rule to make target '.obj/.tls'" otherwise).
# Only tls.cc is compiled, in a copy of libnet's sources with no objects.
. "$TOP/tests/integration/build/common.sh"
tree=$T/tree
mkdir -p "$tree/lib/libnet"
cp -a "$TOP/Makefile" "$tree/"
cp -a "$TOP/lib/mk" "$tree/lib/"
cp -a "$TOP"/lib/libnet/*.cc "$TOP"/lib/libnet/*.h "$TOP/lib/libnet/Makefile" \
	"$tree/lib/libnet/"
for want in no yes; do
	note "WITH_OPENSSL=$want"
	rm -rf "$tree/lib/libnet/$_kind"
	# shellcheck disable=SC2086
	make --no-print-directory -C "$tree/lib/libnet" \
		$(echo "$BUILD_SWITCHES" | sed 's/WITH_OPENSSL=[a-z]*//') \
		WITH_OPENSSL=$want "$_kind/tls.o" > "$T/make.log" 2>&1 ||
		{ cat "$T/make.log"; fail "make tls.o with WITH_OPENSSL=$want in a fresh tree"; }
	[ -s "$tree/lib/libnet/$_kind/tls.o" ] || fail "no tls.o ($want)"
done
