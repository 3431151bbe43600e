#include <string>

#include "libnet/tls.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(tls){};

TEST(tls, the_build_says_whether_it_has_openssl)
{
	// This file is built with the same TLS_DEFS as libnet's tls.o
	// (tests/unit/Makefile), so it knows which answer is right.
	const char *v = net::tls_library_version();
#ifdef NET_WITH_OPENSSL
	CHECK(v != nullptr);
	STRCMP_CONTAINS("OpenSSL ", v);
#else
	POINTERS_EQUAL(nullptr, v);
#endif
}
