// tls.h: what TLS support the suite was built with.  make WITH_OPENSSL=no
// builds without OpenSSL; a program that offers TLS (TLS = yes in its
// Makefile) asks here whether it can before offering it.
#pragma once

namespace net {

// The TLS library in this build ("OpenSSL 3.0.17 1 Jul 2025"), or nullptr
// when it was built with WITH_OPENSSL=no.
const char *tls_library_version();

} // namespace net
