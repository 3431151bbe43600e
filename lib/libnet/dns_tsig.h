// dns_tsig.h: transaction signatures (TSIG, RFC 8945) with HMAC-SHA1 and
// HMAC-SHA2 for zone transfers, NOTIFY and the queries of a secondary.
// Pure: the time is a parameter, messages are bytes in and bytes out.
//
// A server verifies a request (tsig_verify with its keyring), answers
// with tsig_sign_reply (which also makes the error replies of RFC 8945
// section 5.3.2), and signs a multi-message AXFR or IXFR response with a
// tsig_stream_signer.  A client signs its request with tsig_sign, keeps
// the MAC, and checks the answer with tsig_verify (one message) or a
// tsig_stream_verifier (a transfer).
//
// The HMACs come from OpenSSL's libcrypto: a program that uses this links
// $(CRYPTO_LIBS) (lib/mk/config.mk).  Built with WITH_OPENSSL=no the
// header and the key file reader are the same, tsig_supported() is false,
// signing fails with "not built with OpenSSL" and every signed message
// verifies as BADKEY (RFC 8945 5.2.1: an algorithm not implemented).
//
// Truncated MACs (RFC 8945 5.2.2.1): a MAC longer than the hash or
// shorter than max(10, hash/2) bytes is FORMERR; one in between is checked
// over its length and then refused with BADTRUNC unless the key allows
// that length (tsig_key::min_mac_size; by default the full hash, as BIND
// does without a -bits algorithm).  We sign with the key's mac_size.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"
#include "libnet/dns_name.h"
#include "libnet/result.h"
#include "libnet/wire.h"

namespace net::dns {

// The TSIG error field (RFC 8945 section 3, the RCODE registry).
namespace tsig_error {
inline constexpr std::uint16_t none = 0;
inline constexpr std::uint16_t badsig = 16;
inline constexpr std::uint16_t badkey = 17;
inline constexpr std::uint16_t badtime = 18;
inline constexpr std::uint16_t badtrunc = 22;
} // namespace tsig_error

// "BADSIG", "BADKEY", "BADTIME", "BADTRUNC", "NOERROR", or "RCODEnnn".
std::string tsig_error_to_text(std::uint16_t error);

// The algorithms we implement; HMAC-MD5 is recognised only to refuse it.
enum class tsig_algorithm : std::uint8_t {
	hmac_sha1,
	hmac_sha224,
	hmac_sha256,
	hmac_sha384,
	hmac_sha512,
};

// The fudge we sign with (RFC 8945 section 10 recommends 300 seconds).
inline constexpr std::uint16_t tsig_default_fudge = 300;

// The longest MAC of any algorithm here (SHA-512).
inline constexpr std::size_t tsig_max_mac = 64;

// The algorithm a boot file or key file names ("hmac-sha256", any case,
// with or without a trailing dot); a clear error for hmac-md5 and for
// names we do not know.
result<tsig_algorithm> tsig_algorithm_from_text(std::string_view text);

// "hmac-sha256" and the like.
const char *tsig_algorithm_text(tsig_algorithm a);

// The algorithm's name as the TSIG record carries it ("hmac-sha256.").
const name &tsig_algorithm_name(tsig_algorithm a);

// The length of the algorithm's full MAC in bytes.
std::size_t tsig_hash_size(tsig_algorithm a);

// True when this build can sign and verify (built with OpenSSL).
bool tsig_supported();

// A shared secret.
struct tsig_key {
	name key_name;			// absolute; compared without case
	tsig_algorithm algorithm = tsig_algorithm::hmac_sha256;
	std::vector<std::uint8_t> secret;
	// The MAC length signed with, and the shortest accepted (RFC 8945
	// 5.2.2.1 bounds apply); 0: the full hash for both.
	std::size_t mac_size = 0;
	std::size_t min_mac_size = 0;
};

// The keys a server knows, found by name and algorithm.
class tsig_keyring {
public:
	// Adds key; false when the ring has one of that name and algorithm.
	bool add(tsig_key key);

	// The key of that name (without case) and algorithm, or nullptr.
	const tsig_key *find(const name &key_name, tsig_algorithm a) const;

	// True when some key has that name, whatever its algorithm.
	bool has_name(const name &key_name) const;

	std::size_t size() const { return keys_.size(); }

private:
	std::vector<tsig_key> keys_;
};

// ---- key files -------------------------------------------------------

// One key as a secret file gives it.
struct tsig_key_entry {
	std::string name;		// absolute text; empty: a bare secret
	std::string algorithm;		// as written; empty: a bare secret
	std::vector<std::uint8_t> secret;
	unsigned line = 0;		// where the secret is
};

// Reads a secret file, in either of two forms: one line holding the
// base64 secret alone (blank lines and lines starting with '#' or ';'
// around it are ignored), or BIND's key statements, as tsig-keygen and
// ddns-confgen write them:
//
//   key "name" { algorithm hmac-sha256; secret "base64"; };
//
// with '#', '//' and '/* */' comments.  Errors at origin:line.
parsed<tsig_key_entry> parse_tsig_key_file(std::istream &in,
    std::string_view origin);

// The key a boot file's key line names, from its secret file: the bare
// secret, or the key statement of that name (whose algorithm must agree).
// key_name and algorithm are the key line's words.  On any error key is
// empty and diagnostics say why, at the file's line or at line 0.
struct tsig_key_load {
	std::optional<tsig_key> key;
	std::vector<diagnostic> diagnostics;
};
tsig_key_load read_tsig_key(std::istream &in, std::string_view origin,
    std::string_view key_name, std::string_view algorithm);

// ---- signing and verifying one message -------------------------------

// A MAC, kept inline (no heap).
struct tsig_mac {
	std::array<std::uint8_t, tsig_max_mac> bytes = {};
	std::uint8_t size = 0;

	bytes_view view() const { return bytes_view(bytes.data(), size); }
	bool empty() const { return size == 0; }
};

// What tsig_sign puts in the record besides the MAC.
struct tsig_sign_args {
	std::uint64_t time_signed = 0;	// seconds since 1970, 48 bits
	std::uint16_t fudge = tsig_default_fudge;
	std::optional<std::uint16_t> original_id;	// default: the header's
	std::uint16_t error = tsig_error::none;
	bytes_view other;		// other data (BADTIME: the server's time)
	// A response: the request's MAC, covered first with its length
	// (RFC 8945 4.3.1).  Empty for a request.
	bytes_view request_mac;
	bool response = false;
};

// Appends a TSIG record signed with key to message, a complete message
// in wire form without one, and adds one to its ARCOUNT.  Returns the MAC
// (a client keeps it to verify the answer).  Fails, leaving message as it
// was, when it is shorter than a header, ARCOUNT is 65535, the result
// would pass 65535 bytes, or this build has no OpenSSL.
result<tsig_mac> tsig_sign(std::vector<std::uint8_t> &message,
    const tsig_key &key, const tsig_sign_args &args);

// Verdicts, in the order RFC 8945 5.2 makes the checks.
enum class tsig_status : std::uint8_t {
	ok,		// signed by a known key, MAC right, in time
	none,		// no TSIG record: the caller's policy decides
	formerr,	// malformed or misplaced TSIG: FORMERR, unsigned
	badkey,		// unknown key or algorithm: NOTAUTH/BADKEY, unsigned
	badsig,		// the MAC does not verify: NOTAUTH/BADSIG, unsigned
	badtime,	// outside the fudge: NOTAUTH/BADTIME, signed
	badtrunc,	// truncated below the key's policy: BADTRUNC, signed
};

// "ok", "none", "FORMERR", "BADKEY", "BADSIG", "BADTIME", "BADTRUNC".
const char *tsig_status_text(tsig_status s);

// What verifying a message found.
struct tsig_verdict {
	tsig_status status = tsig_status::none;
	const char *reason = nullptr;	// static text when not ok or none

	// Whether the message carried a TSIG; in a stream, an unsigned
	// intermediate message is ok with is_signed false.
	bool is_signed = false;

	// The record as received (when it parsed).
	name key_name;
	name algorithm_name;
	std::uint64_t time_signed = 0;
	std::uint16_t fudge = 0;
	tsig_mac mac;			// the MAC received: a reply covers it
	std::uint16_t original_id = 0;
	std::uint16_t error = 0;	// the TSIG error the peer set
	std::vector<std::uint8_t> other;

	// The key that signed it (ok, badtime, badtrunc, badsig), else null.
	const tsig_key *key = nullptr;

	// The message without its TSIG: ARCOUNT one less and the original
	// ID restored (RFC 8945 4.3.3); the whole message when it had none;
	// empty when FORMERR came from the message's layout.
	std::vector<std::uint8_t> message;

	bool ok() const { return status == tsig_status::ok; }
};

// Verifies message, whose TSIG (if any) must be the last record, with
// the key of the ring its record names, at time now.  For a response,
// request_mac is the MAC our request was signed with.  A response that
// verifies with a nonzero error (a signed BADTIME) is ok: the peer's
// complaint is in verdict.error.  An unsigned error reply (MAC size 0)
// is badsig, with the peer's error in verdict.error.
tsig_verdict tsig_verify(bytes_view message, const tsig_keyring &keys,
    std::uint64_t now, bytes_view request_mac = {});

// The same with one key (a client checks the answer to its own request).
tsig_verdict tsig_verify(bytes_view message, const tsig_key &key,
    std::uint64_t now, bytes_view request_mac = {});

// Signs reply, the answer to a request that verified as request, the way
// RFC 8945 5.3 says: ok: signed over the request's MAC; badtime: signed,
// the request's time and fudge, our time in the other data; badtrunc:
// signed; badkey, badsig: an unsigned TSIG (MAC size 0) with the error
// and the request's key and algorithm names.  For each error the reply's
// RCODE is set to NOTAUTH.  formerr and none: nothing is added (the
// caller sends FORMERR, or an unsigned answer).  The MAC of a signed
// reply, or an empty one.
result<tsig_mac> tsig_sign_reply(std::vector<std::uint8_t> &reply,
    const tsig_verdict &request, std::uint64_t now,
    std::uint16_t fudge = tsig_default_fudge);

// ---- multi-message responses (AXFR, IXFR over TCP) --------------------

struct tsig_hmac;

// Signs the messages of one response in order (RFC 8945 5.3.1): the
// first over the request's MAC as a single response is, each later one
// over the prior MAC, the unsigned messages since, and its timers only.
class tsig_stream_signer {
public:
	tsig_stream_signer(const tsig_key &key, bytes_view request_mac,
	    std::uint16_t fudge = tsig_default_fudge);
	~tsig_stream_signer();
	tsig_stream_signer(const tsig_stream_signer &) = delete;
	tsig_stream_signer &operator=(const tsig_stream_signer &) = delete;

	// Signs the next message of the response at time now (see
	// tsig_sign).  A message too large to sign is refused before the
	// stream takes it in: the caller may split it and go on.
	result<tsig_mac> sign(std::vector<std::uint8_t> &message,
	    std::uint64_t now);

	// Sends the next message unsigned, covered by the next signature.
	// RFC 8945 wants every message signed; this is for tests and for
	// peers that sign sparsely.  False (nothing done) for the first
	// message and after 99 in a row.
	bool pass(bytes_view message);

private:
	tsig_key key_;
	tsig_mac prior_;
	std::uint16_t fudge_;
	unsigned messages_ = 0;
	unsigned unsigned_run_ = 0;
	std::unique_ptr<tsig_hmac> hmac_;
};

// Verifies the messages of a response in order (RFC 8945 5.3.1): the
// first must be signed; up to 99 unsigned ones in a row may come between
// signed ones, each covered by the next signature.
class tsig_stream_verifier {
public:
	tsig_stream_verifier(const tsig_key &key, bytes_view request_mac);
	~tsig_stream_verifier();
	tsig_stream_verifier(const tsig_stream_verifier &) = delete;
	tsig_stream_verifier &operator=(const tsig_stream_verifier &) =
	    delete;

	// The next message.  Once a message fails, every later one gets the
	// same verdict: the transfer is over.
	tsig_verdict verify(bytes_view message, std::uint64_t now);

	// True when the messages so far may end the response: the last was
	// signed and verified.
	bool complete() const;

private:
	tsig_key key_;
	tsig_mac prior_;
	unsigned messages_ = 0;
	unsigned unsigned_run_ = 0;
	tsig_status failed_ = tsig_status::ok;
	const char *failed_reason_ = nullptr;
	std::unique_ptr<tsig_hmac> hmac_;
};

// The most unsigned messages in a row a stream may hold (RFC 8945 5.3.1).
inline constexpr unsigned tsig_max_unsigned_run = 99;

} // namespace net::dns
