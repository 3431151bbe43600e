#include "libnet/tls.h"

#ifdef NET_WITH_OPENSSL
#include <openssl/crypto.h>
#endif

namespace net {

const char *
tls_library_version()
{
#ifdef NET_WITH_OPENSSL
	// The version of the library actually loaded, which is what a
	// security advisory is checked against.
	return OpenSSL_version(OPENSSL_VERSION);
#else
	return nullptr;
#endif
}

} // namespace net
