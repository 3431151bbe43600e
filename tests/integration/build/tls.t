# WITH_OPENSSL: yes links OpenSSL into what asks for TLS, no builds the same
# code without it, anything else is refused.  Built in a copy of the built
# tree (lib/libnet, inetd, and a throwaway program that says TLS = yes);
# the switch must rebuild libnet's two OpenSSL users (tls.cc, and
# dns_tsig.cc for TSIG's HMAC) and the TLS program only.
# timeout: 300
. "$TOP/tests/integration/build/common.sh"
need ldd
copy_tree lib/libnet sbin/inetd
mkdir -p "$tree/sbin/tlsprobe"
cat > "$tree/sbin/tlsprobe/Makefile" <<'EOF2'
PROG = tlsprobe
TLS = yes
INSTALL_DIR = $(SBINDIR)
include ../../lib/mk/prog.mk
EOF2
cat > "$tree/sbin/tlsprobe/tlsprobe.cc" <<'EOF2'
#include <cstdio>

#include "libnet/tls.h"

int
main()
{
#ifdef NET_WITH_OPENSSL
	const char *built = "with";
#else
	const char *built = "without";
#endif
	const char *v = net::tls_library_version();
	std::printf("%s %s\n", built, v ? v : "none");
	return 0;
}
EOF2

linked() {	# BINARY LIB: true when BINARY needs the shared library LIB
	ldd "$1" | grep -q "^[[:space:]]*$2\\.so"
}

for want in no yes no; do
	note "WITH_OPENSSL=$want"
	build_make "$tree/lib/libnet" WITH_OPENSSL=$want
	got=$(compiled)
	# The first build with the tree's own setting has nothing to do.
	[ -z "$got" ] || assert_eq "lib/libnet/dns_tsig.cc
lib/libnet/tls.cc" "$(echo "$got" | sort)" "libnet sources rebuilt"
	build_make "$tree/sbin/inetd" WITH_OPENSSL=$want
	assert_eq "" "$(compiled)" "inetd sources rebuilt (it does not ask for TLS)"
	linked "$tree/sbin/inetd/inetd" libcrypto && fail "inetd linked OpenSSL"
	build_make "$tree/sbin/tlsprobe" WITH_OPENSSL=$want
	out=$("$tree/sbin/tlsprobe/tlsprobe")
	if [ $want = yes ]; then
		assert_match '^with OpenSSL [0-9]' "$out" "tlsprobe built with OpenSSL"
		linked "$tree/sbin/tlsprobe/tlsprobe" libcrypto ||
			fail "tlsprobe does not link libcrypto"
	else
		assert_eq "without none" "$out" "tlsprobe built without OpenSSL"
		linked "$tree/sbin/tlsprobe/tlsprobe" libcrypto &&
			fail "tlsprobe links libcrypto with WITH_OPENSSL=no"
	fi
done

note "a value that is neither yes nor no is refused"
# shellcheck disable=SC2086
if make --no-print-directory -C "$tree/lib/libnet" $BUILD_SWITCHES \
	WITH_OPENSSL=maybe > "$T/maybe.log" 2>&1; then
	fail "WITH_OPENSSL=maybe was accepted"
fi
assert_file_match 'WITH_OPENSSL=maybe: say yes or no' "$T/maybe.log" "the refusal"
