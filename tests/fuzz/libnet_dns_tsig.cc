// Fuzz target: TSIG (RFC 8945).  Hostile bytes are verified as a request,
// as a response and as the messages of a stream, and answered; a message
// without a TSIG is signed and must then verify to itself; the bytes are
// also read as a key file.  The key is the one of the unit tests' vectors
// and the time theirs, so that the seeds reach the MAC checks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "libnet/dns_rdata.h"
#include "libnet/dns_tsig.h"

namespace {

using namespace net::dns;

constexpr std::uint64_t now = 1796223784;

const tsig_keyring &
ring()
{
	static const tsig_keyring r = [] {
		tsig_keyring k;
		std::vector<std::uint8_t> secret;
		net::dns::base64_decode(
		    "fpGqzwEl9eJBYDKdOyGLl0Xf/smjq8J5oAhK7PFQfo8=", secret);
		k.add({*name::from_text("xfr.example."),
		    tsig_algorithm::hmac_sha256, secret, 0, 0});
		k.add({*name::from_text("k1.example."),
		    tsig_algorithm::hmac_sha1, secret, 0, 0});
		k.add({*name::from_text("k512."), tsig_algorithm::hmac_sha512,
		    secret, 0, 0});
		return k;
	}();
	return r;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	net::bytes_view in(data, size);
	const tsig_key &key = *ring().find(*name::from_text("xfr.example."),
	    tsig_algorithm::hmac_sha256);

	auto v = tsig_verify(in, ring(), now);
	if (v.status == tsig_status::ok && v.key == nullptr)
		std::abort();
	if (v.status != tsig_status::formerr && v.message.size() > size)
		std::abort();
	if (v.status == tsig_status::none && tsig_supported()) {
		// Signed, it verifies, and the TSIG comes off again whole.
		std::vector<std::uint8_t> m(in.begin(), in.end());
		tsig_sign_args a;
		a.time_signed = now;
		if (tsig_sign(m, key, a)) {
			auto back = tsig_verify(m, ring(), now);
			if (!back.ok() || back.message !=
			    std::vector<std::uint8_t>(in.begin(), in.end()))
				std::abort();
		}
	}
	// Whatever the verdict, the reply is made and, when signed, checks.
	if (v.message.size() >= 12) {
		auto reply = v.message;
		auto mac = tsig_sign_reply(reply, v, now);
		if (mac && v.status == tsig_status::ok &&
		    !tsig_verify(reply, *v.key, now, v.mac.view()).ok())
			std::abort();
	}
	// As a response to a request, and as a stream of two messages.
	static const std::uint8_t request_mac[32] = {1, 2, 3};
	(void)tsig_verify(in, key, now, request_mac);
	tsig_stream_verifier sv(key, request_mac);
	(void)sv.verify(in, now);
	(void)sv.verify(in, now);

	std::istringstream text(std::string(reinterpret_cast<const char *>(
	    data), size));
	auto k = read_tsig_key(text, "fuzz", "xfr.example.", "hmac-sha256");
	if (k.key && k.key->secret.empty())
		std::abort();
	return 0;
}
