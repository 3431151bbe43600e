#include "libnet/dns_tsig.h"

#include <algorithm>

#ifdef NET_WITH_OPENSSL
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#endif

#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"
#include "libnet/text.h"

namespace net::dns {

namespace {

struct algorithm_info {
	tsig_algorithm alg;
	const char *text;
	const char *digest;		// OpenSSL's name for the hash
	std::size_t size;
};

const algorithm_info algorithms[] = {
	{tsig_algorithm::hmac_sha1, "hmac-sha1", "SHA1", 20},
	{tsig_algorithm::hmac_sha224, "hmac-sha224", "SHA224", 28},
	{tsig_algorithm::hmac_sha256, "hmac-sha256", "SHA256", 32},
	{tsig_algorithm::hmac_sha384, "hmac-sha384", "SHA384", 48},
	{tsig_algorithm::hmac_sha512, "hmac-sha512", "SHA512", 64},
};

const algorithm_info &
info(tsig_algorithm a)
{
	for (const auto &i : algorithms)
		if (i.alg == a)
			return i;
	return algorithms[2];
}

// The algorithm a TSIG record names, if we implement it.
const algorithm_info *
info_by_name(const name &n)
{
	for (const auto &i : algorithms)
		if (tsig_algorithm_name(i.alg) == n)
			return &i;
	return nullptr;
}

// RFC 8945 5.2.2.1: the shortest MAC allowed, max(10, half the hash).
std::size_t
shortest_mac(std::size_t hash)
{
	return std::max<std::size_t>(10, (hash + 1) / 2);
}

// The MAC length a key signs with.
std::size_t
sign_size(const tsig_key &k)
{
	std::size_t hash = tsig_hash_size(k.algorithm);
	return k.mac_size == 0 ? hash : k.mac_size;
}

void
put_u48(std::vector<std::uint8_t> &out, std::uint64_t v)
{
	for (int shift = 40; shift >= 0; shift -= 8)
		out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void
put_u16(std::vector<std::uint8_t> &out, std::uint16_t v)
{
	out.push_back(static_cast<std::uint8_t>(v >> 8));
	out.push_back(static_cast<std::uint8_t>(v));
}

std::uint16_t
get_u16(bytes_view b, std::size_t at)
{
	return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}

name
lowered(const name &n)
{
	name l = n;
	l.to_lower();
	return l;
}

} // namespace

// ---- the HMAC ----------------------------------------------------------

// One keyed hash under way; kept across messages by the stream classes.
struct tsig_hmac {
#ifdef NET_WITH_OPENSSL
	EVP_MAC_CTX *ctx = nullptr;
	bool failed = false;

	tsig_hmac()
	{
		// Fetched once: a fetch searches the provider tables.
		static EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
		if (mac != nullptr)
			ctx = EVP_MAC_CTX_new(mac);
		failed = ctx == nullptr;
	}
	~tsig_hmac() { EVP_MAC_CTX_free(ctx); }

	bool
	start(const tsig_key &k)
	{
		if (ctx == nullptr || k.secret.empty())
			return !(failed = true);
		OSSL_PARAM params[] = {
			OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
			    const_cast<char *>(info(k.algorithm).digest), 0),
			OSSL_PARAM_construct_end(),
		};
		failed = EVP_MAC_init(ctx, k.secret.data(), k.secret.size(),
		    params) != 1;
		return !failed;
	}

	void
	update(bytes_view b)
	{
		if (!failed && !b.empty() &&
		    EVP_MAC_update(ctx, b.data(), b.size()) != 1)
			failed = true;
	}

	// The full MAC into out; false on any failure along the way.
	bool
	finish(tsig_mac &out)
	{
		std::size_t n = 0;
		if (failed || EVP_MAC_final(ctx, out.bytes.data(), &n,
		    out.bytes.size()) != 1)
			return false;
		out.size = static_cast<std::uint8_t>(n);
		return true;
	}
#else
	bool start(const tsig_key &) { return false; }
	void update(bytes_view) {}
	bool finish(tsig_mac &) { return false; }
#endif
};

namespace {

// Equal MACs, in time that does not depend on where they differ.
bool
same_mac(const std::uint8_t *a, const std::uint8_t *b, std::size_t n)
{
#ifdef NET_WITH_OPENSSL
	return CRYPTO_memcmp(a, b, n) == 0;
#else
	std::uint8_t d = 0;
	for (std::size_t i = 0; i < n; i++)
		d |= static_cast<std::uint8_t>(a[i] ^ b[i]);
	return d == 0;
#endif
}

// Feeds a MAC with its length (RFC 8945 4.3.1: the request MAC and the
// prior MAC are covered as MAC Size then MAC).
void
update_mac(tsig_hmac &h, bytes_view mac)
{
	std::vector<std::uint8_t> b;
	put_u16(b, static_cast<std::uint16_t>(mac.size()));
	h.update(b);
	h.update(mac);
}

// The TSIG variables of RFC 8945 4.3.3, names lower-cased.
void
update_variables(tsig_hmac &h, const name &key_name, const name &alg,
    std::uint64_t time_signed, std::uint16_t fudge, std::uint16_t error,
    bytes_view other)
{
	std::vector<std::uint8_t> b;
	auto k = lowered(key_name);
	auto a = lowered(alg);
	b.insert(b.end(), k.wire().begin(), k.wire().end());
	put_u16(b, rr_class::any);
	b.insert(b.end(), 4, 0);	// TTL
	b.insert(b.end(), a.wire().begin(), a.wire().end());
	put_u48(b, time_signed);
	put_u16(b, fudge);
	put_u16(b, error);
	put_u16(b, static_cast<std::uint16_t>(other.size()));
	h.update(b);
	h.update(other);
}

// The timers of a later message of a stream (RFC 8945 4.3.2).
void
update_timers(tsig_hmac &h, std::uint64_t time_signed, std::uint16_t fudge)
{
	std::vector<std::uint8_t> b;
	put_u48(b, time_signed);
	put_u16(b, fudge);
	h.update(b);
}

// The message as covered by the MAC: the header's ID replaced by the
// original ID (RFC 8945 4.3.3), nothing else changed.
void
update_message(tsig_hmac &h, bytes_view msg, std::uint16_t original_id)
{
	std::uint8_t id[2] = {static_cast<std::uint8_t>(original_id >> 8),
	    static_cast<std::uint8_t>(original_id)};
	h.update(id);
	h.update(msg.subspan(2));
}

// True when a TSIG record of these sizes fits in msg's count and size.
bool
record_fits(const std::vector<std::uint8_t> &msg, const name &key_name,
    const name &alg, std::size_t mac, std::size_t other)
{
	return msg.size() >= 12 && get_u16(msg, 10) != 0xffff &&
	    msg.size() + key_name.length() + 10 + alg.length() + 16 + mac +
	    other <= 65535;
}

// Appends the TSIG record and counts it in ARCOUNT; false when either
// count or size would overflow (message left as it was).
bool
append_record(std::vector<std::uint8_t> &msg, const name &key_name,
    const name &alg, std::uint64_t time_signed, std::uint16_t fudge,
    bytes_view mac, std::uint16_t original_id, std::uint16_t error,
    bytes_view other)
{
	if (!record_fits(msg, key_name, alg, mac.size(), other.size()))
		return false;
	std::size_t rdlen = alg.length() + 16 + mac.size() + other.size();
	msg.insert(msg.end(), key_name.wire().begin(), key_name.wire().end());
	put_u16(msg, rr_type::tsig);
	put_u16(msg, rr_class::any);
	msg.insert(msg.end(), 4, 0);
	put_u16(msg, static_cast<std::uint16_t>(rdlen));
	msg.insert(msg.end(), alg.wire().begin(), alg.wire().end());
	put_u48(msg, time_signed);
	put_u16(msg, fudge);
	put_u16(msg, static_cast<std::uint16_t>(mac.size()));
	msg.insert(msg.end(), mac.begin(), mac.end());
	put_u16(msg, original_id);
	put_u16(msg, error);
	put_u16(msg, static_cast<std::uint16_t>(other.size()));
	msg.insert(msg.end(), other.begin(), other.end());
	std::uint16_t ar = static_cast<std::uint16_t>(get_u16(msg, 10) + 1);
	msg[10] = static_cast<std::uint8_t>(ar >> 8);
	msg[11] = static_cast<std::uint8_t>(ar);
	return true;
}

// A TSIG record found in a message.
struct found_tsig {
	const char *formerr = nullptr;	// set: the message is malformed
	bool present = false;
	std::size_t start = 0;		// where its owner name begins
	name owner;
	name alg;
	std::uint64_t time_signed = 0;
	std::uint16_t fudge = 0;
	bytes_view mac;
	std::uint16_t original_id = 0;
	std::uint16_t error = 0;
	bytes_view other;
};

// Walks every record of msg through one bounds-checked reader; a TSIG
// anywhere but last in the additional section is FORMERR (RFC 8945 5.1).
found_tsig
find_tsig(bytes_view msg)
{
	found_tsig f;
	if (msg.size() < 12) {
		f.formerr = "shorter than a header";
		return f;
	}
	std::size_t counts[4];
	for (int i = 0; i < 4; i++)
		counts[i] = get_u16(msg, 4 + 2 * i);
	std::size_t pos = 12;
	name n;
	for (std::size_t i = 0; i < counts[0]; i++) {
		if (name::read(msg, pos, n) != nullptr || msg.size() - pos < 4) {
			f.formerr = "malformed question";
			return f;
		}
		pos += 4;
	}
	std::size_t records = counts[1] + counts[2] + counts[3];
	for (std::size_t i = 0; i < records; i++) {
		std::size_t start = pos;
		if (name::read(msg, pos, n) != nullptr || msg.size() - pos < 10) {
			f.formerr = "malformed record";
			return f;
		}
		std::uint16_t type = get_u16(msg, pos);
		std::uint16_t cls = get_u16(msg, pos + 2);
		bool zero_ttl = get_u16(msg, pos + 4) == 0 &&
		    get_u16(msg, pos + 6) == 0;
		std::size_t rdlen = get_u16(msg, pos + 8);
		pos += 10;
		if (msg.size() - pos < rdlen) {
			f.formerr = "malformed record";
			return f;
		}
		if (type != rr_type::tsig) {
			pos += rdlen;
			continue;
		}
		if (i + 1 != records || counts[3] == 0) {
			f.formerr = "TSIG not the last record";
			return f;
		}
		if (cls != rr_class::any || !zero_ttl) {
			f.formerr = "TSIG class not ANY or TTL not 0";
			return f;
		}
		wire_reader r(msg.subspan(pos, rdlen));
		pos += rdlen;
		// RFC 8945 4.2: the algorithm name is never compressed.
		bytes_view rest = msg.subspan(pos - rdlen, rdlen);
		std::size_t alen = wire_name_length(rest);
		auto alg = name::from_wire(rest.first(alen));
		if (alen == 0 || !alg) {
			f.formerr = "bad TSIG algorithm name";
			return f;
		}
		r.skip(alen);
		std::uint64_t hi = r.u16();
		f.time_signed = hi << 32 | r.u32();
		f.fudge = r.u16();
		f.mac = r.bytes(r.u16());
		f.original_id = r.u16();
		f.error = r.u16();
		f.other = r.bytes(r.u16());
		if (!r.ok() || !r.at_end()) {
			f.formerr = "malformed TSIG record";
			return f;
		}
		f.present = true;
		f.start = start;
		f.owner = n;
		f.alg = *alg;
	}
	if (pos != msg.size()) {
		f.formerr = "bytes after the last record";
		f.present = false;
	}
	return f;
}

// The message without its TSIG record, as the MAC covers it.
std::vector<std::uint8_t>
strip(bytes_view msg, const found_tsig &f)
{
	std::vector<std::uint8_t> out(msg.begin(), msg.begin() + f.start);
	std::uint16_t ar = static_cast<std::uint16_t>(get_u16(msg, 10) - 1);
	out[0] = static_cast<std::uint8_t>(f.original_id >> 8);
	out[1] = static_cast<std::uint8_t>(f.original_id);
	out[10] = static_cast<std::uint8_t>(ar >> 8);
	out[11] = static_cast<std::uint8_t>(ar);
	return out;
}

// A MAC as received (one longer than any hash is cut: it cannot verify).
tsig_mac
mac_of(bytes_view b)
{
	tsig_mac m;
	std::size_t n = std::min(b.size(), tsig_max_mac);
	std::copy_n(b.begin(), n, m.bytes.begin());
	m.size = static_cast<std::uint8_t>(n);
	return m;
}

void
fill(tsig_verdict &v, const found_tsig &f)
{
	v.is_signed = true;
	v.key_name = f.owner;
	v.algorithm_name = f.alg;
	v.time_signed = f.time_signed;
	v.fudge = f.fudge;
	v.original_id = f.original_id;
	v.error = f.error;
	v.other.assign(f.other.begin(), f.other.end());
	if (f.mac.size() <= tsig_max_mac)
		v.mac = mac_of(f.mac);
}

tsig_verdict &
set(tsig_verdict &v, tsig_status s, const char *why)
{
	v.status = s;
	v.reason = why;
	return v;
}

// The checks RFC 8945 5.2 makes after the key is known, in its order:
// MAC length (5.2.2.1), MAC, time (5.2.3), truncation policy (5.2.4).
// h has covered everything before the record's own variables.
tsig_verdict &
check(tsig_verdict &v, const found_tsig &f, const tsig_key &k,
    tsig_hmac &h, bool full_variables, std::uint64_t now)
{
	std::size_t hash = tsig_hash_size(k.algorithm);
	std::size_t len = f.mac.size();
	v.key = &k;
	if (len == 0 && f.error != tsig_error::none)
		return set(v, tsig_status::badsig,
		    "an unsigned error reply (MAC size 0)");
	if (len > hash || len < shortest_mac(hash))
		return set(v, tsig_status::formerr,
		    "MAC longer than the hash or shorter than RFC 8945 allows");
	if (full_variables)
		update_variables(h, f.owner, f.alg, f.time_signed, f.fudge,
		    f.error, f.other);
	else
		update_timers(h, f.time_signed, f.fudge);
	tsig_mac mine;
	if (!h.finish(mine))
		return set(v, tsig_status::badkey, "HMAC failed");
	if (!same_mac(mine.bytes.data(), f.mac.data(), len))
		return set(v, tsig_status::badsig, "MAC does not verify");
	if (now > f.time_signed + f.fudge ||
	    f.time_signed > now + f.fudge)
		return set(v, tsig_status::badtime,
		    "time signed outside the fudge");
	std::size_t least = k.min_mac_size == 0 ? hash : k.min_mac_size;
	if (len < least)
		return set(v, tsig_status::badtrunc,
		    "MAC truncated below the key's policy");
	v.reason = nullptr;
	v.status = tsig_status::ok;
	return v;
}

template <class Find>
tsig_verdict
verify_with(bytes_view msg, Find find_key, std::uint64_t now,
    bytes_view request_mac)
{
	tsig_verdict v;
	auto f = find_tsig(msg);
	if (f.formerr != nullptr)
		return set(v, tsig_status::formerr, f.formerr);
	if (!f.present) {
		v.message.assign(msg.begin(), msg.end());
		return set(v, tsig_status::none, nullptr);
	}
	fill(v, f);
	v.message = strip(msg, f);
	if (!tsig_supported())
		return set(v, tsig_status::badkey, "not built with OpenSSL");
	const auto *alg = info_by_name(f.alg);
	if (alg == nullptr)
		return set(v, tsig_status::badkey, "unknown algorithm");
	const tsig_key *k = find_key(f.owner, alg->alg);
	if (k == nullptr)
		return set(v, tsig_status::badkey, "unknown key");
	tsig_hmac h;
	if (!h.start(*k))
		return set(v, tsig_status::badkey, "HMAC failed");
	if (!request_mac.empty())
		update_mac(h, request_mac);
	h.update(v.message);
	return check(v, f, *k, h, true, now);
}

} // namespace

// ---- algorithms and keys ------------------------------------------------

std::string
tsig_error_to_text(std::uint16_t error)
{
	switch (error) {
	case tsig_error::badsig:
		return "BADSIG";
	case tsig_error::badkey:
		return "BADKEY";
	case tsig_error::badtime:
		return "BADTIME";
	case tsig_error::badtrunc:
		return "BADTRUNC";
	default:
		return rcode_to_text(error);
	}
}

result<tsig_algorithm>
tsig_algorithm_from_text(std::string_view text)
{
	std::string t = to_lower(text);
	if (!t.empty() && t.back() == '.')
		t.pop_back();
	for (const auto &i : algorithms)
		if (t == i.text)
			return i.alg;
	if (t == "hmac-md5" || t == "hmac-md5.sig-alg.reg.int")
		return fail(0, "TSIG algorithm " + quoted(text) +
		    " is refused: MD5 is broken (RFC 8945 section 6); "
		    "make a new key with hmac-sha256");
	return fail(0, "unknown TSIG algorithm " + quoted(text));
}

const char *
tsig_algorithm_text(tsig_algorithm a)
{
	return info(a).text;
}

const name &
tsig_algorithm_name(tsig_algorithm a)
{
	static const name names[] = {
		*name::from_text("hmac-sha1."),
		*name::from_text("hmac-sha224."),
		*name::from_text("hmac-sha256."),
		*name::from_text("hmac-sha384."),
		*name::from_text("hmac-sha512."),
	};
	return names[static_cast<unsigned>(a)];
}

std::size_t
tsig_hash_size(tsig_algorithm a)
{
	return info(a).size;
}

bool
tsig_supported()
{
#ifdef NET_WITH_OPENSSL
	return true;
#else
	return false;
#endif
}

bool
tsig_keyring::add(tsig_key key)
{
	if (find(key.key_name, key.algorithm) != nullptr)
		return false;
	keys_.push_back(std::move(key));
	return true;
}

const tsig_key *
tsig_keyring::find(const name &key_name, tsig_algorithm a) const
{
	for (const auto &k : keys_)
		if (k.algorithm == a && k.key_name == key_name)
			return &k;
	return nullptr;
}

bool
tsig_keyring::has_name(const name &key_name) const
{
	for (const auto &k : keys_)
		if (k.key_name == key_name)
			return true;
	return false;
}

// ---- one message ----------------------------------------------------------

const char *
tsig_status_text(tsig_status s)
{
	switch (s) {
	case tsig_status::ok:
		return "ok";
	case tsig_status::none:
		return "none";
	case tsig_status::formerr:
		return "FORMERR";
	case tsig_status::badkey:
		return "BADKEY";
	case tsig_status::badsig:
		return "BADSIG";
	case tsig_status::badtime:
		return "BADTIME";
	case tsig_status::badtrunc:
		return "BADTRUNC";
	}
	return "?";
}

result<tsig_mac>
tsig_sign(std::vector<std::uint8_t> &message, const tsig_key &key,
    const tsig_sign_args &args)
{
	if (!tsig_supported())
		return fail(0, "TSIG: not built with OpenSSL");
	if (message.size() < 12)
		return fail(0, "TSIG: message shorter than a header");
	std::size_t hash = tsig_hash_size(key.algorithm);
	std::size_t size = sign_size(key);
	if (size > hash || size < shortest_mac(hash))
		return fail(0, "TSIG: key's MAC size out of RFC 8945's bounds");
	std::uint16_t id = args.original_id ? *args.original_id :
	    get_u16(message, 0);
	tsig_hmac h;
	if (!h.start(key))
		return fail(0, "TSIG: HMAC failed (empty secret?)");
	if (args.response)
		update_mac(h, args.request_mac);
	update_message(h, message, id);
	const name &alg = tsig_algorithm_name(key.algorithm);
	update_variables(h, key.key_name, alg, args.time_signed, args.fudge,
	    args.error, args.other);
	tsig_mac mac;
	if (!h.finish(mac))
		return fail(0, "TSIG: HMAC failed");
	mac.size = static_cast<std::uint8_t>(size);
	if (!append_record(message, key.key_name, alg, args.time_signed,
	    args.fudge, mac.view(), id, args.error, args.other))
		return fail(0, "TSIG: the signed message would be too large");
	return mac;
}

tsig_verdict
tsig_verify(bytes_view message, const tsig_keyring &keys, std::uint64_t now,
    bytes_view request_mac)
{
	return verify_with(message, [&keys](const name &n, tsig_algorithm a) {
		return keys.find(n, a);
	}, now, request_mac);
}

tsig_verdict
tsig_verify(bytes_view message, const tsig_key &key, std::uint64_t now,
    bytes_view request_mac)
{
	return verify_with(message, [&key](const name &n, tsig_algorithm a) {
		return n == key.key_name && a == key.algorithm ? &key : nullptr;
	}, now, request_mac);
}

result<tsig_mac>
tsig_sign_reply(std::vector<std::uint8_t> &reply, const tsig_verdict &request,
    std::uint64_t now, std::uint16_t fudge)
{
	if (request.status == tsig_status::none ||
	    request.status == tsig_status::formerr)
		return tsig_mac{};
	if (reply.size() < 12)
		return fail(0, "TSIG: reply shorter than a header");
	if (request.status != tsig_status::ok)
		reply[3] = static_cast<std::uint8_t>((reply[3] & 0xf0) |
		    rcode::notauth);
	tsig_sign_args a;
	a.time_signed = now;
	a.fudge = fudge;
	a.request_mac = request.mac.view();
	a.response = true;
	std::vector<std::uint8_t> now48;
	switch (request.status) {
	case tsig_status::ok:
		break;
	case tsig_status::badtime:
		// RFC 8945 5.2.3: the client's time and fudge, ours in other
		// data, so that the client can verify the reply.
		a.error = tsig_error::badtime;
		a.time_signed = request.time_signed;
		a.fudge = request.fudge;
		put_u48(now48, now);
		a.other = now48;
		break;
	case tsig_status::badtrunc:
		a.error = tsig_error::badtrunc;
		break;
	default: {
		// RFC 8945 5.3.2: never sign when the key or MAC was bad.
		std::uint16_t error = request.status == tsig_status::badkey ?
		    tsig_error::badkey : tsig_error::badsig;
		if (!append_record(reply, request.key_name,
		    request.algorithm_name, now, fudge, {}, get_u16(reply, 0),
		    error, {}))
			return fail(0, "TSIG: the reply would be too large");
		return tsig_mac{};
	}
	}
	if (request.key == nullptr)
		return fail(0, "TSIG: no key for the reply");
	return tsig_sign(reply, *request.key, a);
}

// ---- streams ------------------------------------------------------------

tsig_stream_signer::tsig_stream_signer(const tsig_key &key,
    bytes_view request_mac, std::uint16_t fudge)
    : key_(key), fudge_(fudge), hmac_(std::make_unique<tsig_hmac>())
{
	prior_ = mac_of(request_mac);
}

tsig_stream_signer::~tsig_stream_signer() = default;

result<tsig_mac>
tsig_stream_signer::sign(std::vector<std::uint8_t> &message,
    std::uint64_t now)
{
	result<tsig_mac> mac = tsig_mac{};
	if (messages_ == 0) {
		tsig_sign_args a;
		a.time_signed = now;
		a.fudge = fudge_;
		a.request_mac = prior_.view();
		a.response = true;
		mac = tsig_sign(message, key_, a);
	} else {
		// Checked first: the running HMAC cannot take a message
		// back.
		if (!record_fits(message, key_.key_name,
		    tsig_algorithm_name(key_.algorithm), sign_size(key_), 0))
			return fail(0, "TSIG: message too short or the signed "
			    "message would be too large");
		std::uint16_t id = get_u16(message, 0);
		hmac_->update(message);
		update_timers(*hmac_, now, fudge_);
		tsig_mac m;
		if (!hmac_->finish(m))
			return fail(0, "TSIG: HMAC failed");
		m.size = static_cast<std::uint8_t>(sign_size(key_));
		if (!append_record(message, key_.key_name,
		    tsig_algorithm_name(key_.algorithm), now, fudge_, m.view(),
		    id, tsig_error::none, {}))
			return fail(0,
			    "TSIG: the signed message would be too large");
		mac = m;
	}
	if (!mac)
		return mac;
	prior_ = *mac;
	messages_++;
	unsigned_run_ = 0;
	if (!hmac_->start(key_))
		return fail(0, "TSIG: HMAC failed");
	update_mac(*hmac_, prior_.view());
	return mac;
}

bool
tsig_stream_signer::pass(bytes_view message)
{
	if (messages_ == 0 || unsigned_run_ >= tsig_max_unsigned_run)
		return false;
	hmac_->update(message);
	messages_++;
	unsigned_run_++;
	return true;
}

tsig_stream_verifier::tsig_stream_verifier(const tsig_key &key,
    bytes_view request_mac)
    : key_(key), hmac_(std::make_unique<tsig_hmac>())
{
	prior_ = mac_of(request_mac);
}

tsig_stream_verifier::~tsig_stream_verifier() = default;

tsig_verdict
tsig_stream_verifier::verify(bytes_view message, std::uint64_t now)
{
	tsig_verdict v;
	if (failed_ != tsig_status::ok)
		return set(v, failed_, failed_reason_);
	if (messages_ == 0) {
		v = tsig_verify(message, key_, now, prior_.view());
		if (v.status == tsig_status::none)
			set(v, tsig_status::badsig,
			    "the first message is not signed");
	} else {
		auto f = find_tsig(message);
		if (f.formerr != nullptr) {
			set(v, tsig_status::formerr, f.formerr);
		} else if (!f.present) {
			if (unsigned_run_ >= tsig_max_unsigned_run) {
				set(v, tsig_status::badsig,
				    "more than 99 unsigned messages in a row");
			} else {
				hmac_->update(message);
				messages_++;
				unsigned_run_++;
				v.message.assign(message.begin(), message.end());
				return set(v, tsig_status::ok, nullptr);
			}
		} else {
			fill(v, f);
			v.message = strip(message, f);
			if (f.owner != key_.key_name ||
			    f.alg != tsig_algorithm_name(key_.algorithm)) {
				set(v, tsig_status::badkey,
				    "not the key of the request");
			} else {
				hmac_->update(v.message);
				check(v, f, key_, *hmac_, false, now);
			}
		}
	}
	if (v.status != tsig_status::ok) {
		failed_ = v.status;
		failed_reason_ = v.reason;
		return v;
	}
	v.key = &key_;
	prior_ = v.mac;
	messages_++;
	unsigned_run_ = 0;
	if (hmac_->start(key_))
		update_mac(*hmac_, prior_.view());
	return v;
}

bool
tsig_stream_verifier::complete() const
{
	return failed_ == tsig_status::ok && messages_ > 0 &&
	    unsigned_run_ == 0;
}

// ---- key files ------------------------------------------------------------

namespace {

struct key_token {
	enum kind { word, string, open, close, semi } k = word;
	std::string text;
	unsigned line = 0;
};

// Splits named.conf-style text into tokens; false after an error.
bool
tokenize(const std::vector<std::string> &lines, std::vector<key_token> &out,
    diag_sink &d)
{
	bool in_comment = false;
	unsigned comment_line = 0;
	for (std::size_t ln = 0; ln < lines.size(); ln++) {
		const std::string &s = lines[ln];
		unsigned line = static_cast<unsigned>(ln + 1);
		std::size_t i = 0;
		while (i < s.size()) {
			if (in_comment) {
				auto e = s.find("*/", i);
				if (e == std::string::npos) {
					i = s.size();
					continue;
				}
				in_comment = false;
				i = e + 2;
				continue;
			}
			char c = s[i];
			if (c == ' ' || c == '\t' || c == '\r') {
				i++;
			} else if (c == '#' || s.compare(i, 2, "//") == 0) {
				i = s.size();
			} else if (s.compare(i, 2, "/*") == 0) {
				in_comment = true;
				comment_line = line;
				i += 2;
			} else if (c == '{' || c == '}' || c == ';') {
				out.push_back({c == '{' ? key_token::open :
				    c == '}' ? key_token::close : key_token::semi,
				    std::string(1, c), line});
				i++;
			} else if (c == '"') {
				std::string t;
				i++;
				while (i < s.size() && s[i] != '"') {
					if (s[i] == '\\' && i + 1 < s.size())
						i++;
					t += s[i++];
				}
				if (i == s.size()) {
					d.error(line, "unterminated quoted string");
					return false;
				}
				i++;
				out.push_back({key_token::string, t, line});
			} else {
				std::size_t b = i;
				// Not strchr: it finds a NUL byte in any set.
				while (i < s.size() &&
				    std::string_view(" \t\r{};\"#").find(s[i]) ==
				    std::string_view::npos &&
				    s.compare(i, 2, "//") != 0 &&
				    s.compare(i, 2, "/*") != 0)
					i++;
				out.push_back({key_token::word, s.substr(b, i - b),
				    line});
			}
		}
	}
	if (in_comment) {
		d.error(comment_line, "unterminated /* comment");
		return false;
	}
	return true;
}

// A secret from base64 text, blanks inside allowed as BIND allows them.
bool
decode_secret(std::string_view text, std::vector<std::uint8_t> &out)
{
	std::string s;
	for (char c : text)
		if (c != ' ' && c != '\t')
			s += c;
	out.clear();
	return !s.empty() && base64_decode(s, out) && !out.empty();
}

void
parse_key_statements(const std::vector<key_token> &t,
    parsed<tsig_key_entry> &p, diag_sink &d)
{
	std::size_t i = 0;
	auto at_line = [&t, &i]() {
		return i < t.size() ? t[i].line : t.empty() ? 0 : t.back().line;
	};
	while (i < t.size()) {
		unsigned key_line = t[i].line;
		if (t[i].k != key_token::word || !iequals(t[i].text, "key")) {
			d.error(key_line, "expected a key statement, not " +
			    quoted(t[i].text));
			return;
		}
		i++;
		if (i >= t.size() || (t[i].k != key_token::word &&
		    t[i].k != key_token::string)) {
			d.error(at_line(), "key: missing name");
			return;
		}
		std::string text = t[i].text;
		if (text.empty() || text.back() != '.')
			text += '.';
		auto n = name::from_text(text);
		if (!n) {
			d.error(t[i].line, "key: bad name " + quoted(t[i].text) +
			    ": " + n.err().message());
			return;
		}
		i++;
		if (i >= t.size() || t[i].k != key_token::open) {
			d.error(at_line(), "key " + quoted(text) +
			    ": expected '{'");
			return;
		}
		i++;
		tsig_key_entry e;
		e.name = n->to_text();
		e.line = key_line;
		bool have_alg = false, have_secret = false;
		while (i < t.size() && t[i].k != key_token::close) {
			const key_token &kw = t[i];
			bool is_alg = iequals(kw.text, "algorithm");
			bool is_secret = iequals(kw.text, "secret");
			if (kw.k != key_token::word || (!is_alg && !is_secret)) {
				d.error(kw.line, "key " + quoted(text) +
				    ": unknown clause " + quoted(kw.text));
				return;
			}
			if (i + 2 >= t.size() ||
			    (t[i + 1].k != key_token::word &&
			    t[i + 1].k != key_token::string) ||
			    t[i + 2].k != key_token::semi) {
				d.error(kw.line, "key " + quoted(text) + ": " +
				    kw.text + " needs one value and a ';'");
				return;
			}
			const key_token &val = t[i + 1];
			if ((is_alg && have_alg) || (is_secret && have_secret)) {
				d.error(kw.line, "key " + quoted(text) + ": " +
				    kw.text + " given twice");
				return;
			}
			if (is_alg) {
				e.algorithm = to_lower(val.text);
				have_alg = true;
			} else {
				if (!decode_secret(val.text, e.secret)) {
					d.error(val.line, "key " + quoted(text) +
					    ": secret is not base64");
					return;
				}
				e.line = val.line;
				have_secret = true;
			}
			i += 3;
		}
		if (i >= t.size()) {
			d.error(at_line(), "key " + quoted(text) +
			    ": missing '}'");
			return;
		}
		i++;
		if (i >= t.size() || t[i].k != key_token::semi) {
			d.error(at_line(), "key " + quoted(text) +
			    ": expected ';' after '}'");
			return;
		}
		i++;
		if (!have_alg || !have_secret) {
			d.error(key_line, "key " + quoted(text) + ": no " +
			    (have_alg ? "secret" : "algorithm"));
			continue;
		}
		bool dup = false;
		for (const auto &o : p.entries)
			if (iequals(o.name, e.name))
				dup = true;
		if (dup) {
			d.error(key_line, "key " + quoted(text) +
			    " given twice");
			continue;
		}
		p.entries.push_back(std::move(e));
	}
}

} // namespace

parsed<tsig_key_entry>
parse_tsig_key_file(std::istream &in, std::string_view origin)
{
	parsed<tsig_key_entry> p;
	diag_sink d(p.diagnostics, origin);
	line_reader reader(in, d);
	std::vector<std::string> lines;
	std::string l;
	while (reader.next(l)) {
		// A key file is a few lines; anything much longer is not one.
		if (lines.size() >= 10000) {
			d.error(reader.line_no(), "too many lines for a key file");
			return p;
		}
		lines.push_back(l);
	}
	// BIND's form starts with the word "key" or a comment of its own;
	// anything else is a bare secret (base64 has no blanks, braces,
	// quotes or slashes in pairs).
	std::size_t first = 0;
	for (; first < lines.size(); first++) {
		auto s = trim(lines[first]);
		if (!s.empty() && s[0] != '#' && s[0] != ';')
			break;
	}
	bool bind_form = false;
	if (first < lines.size()) {
		auto s = trim(lines[first]);
		bind_form = s.substr(0, 2) == "//" || s.substr(0, 2) == "/*" ||
		    (s.size() > 3 && iequals(s.substr(0, 3), "key") &&
		    std::string_view(" \t\"{").find(s[3]) !=
		    std::string_view::npos);
	}
	if (bind_form) {
		std::vector<key_token> t;
		if (tokenize(lines, t, d))
			parse_key_statements(t, p, d);
		if (p.entries.empty() && !p.has_errors())
			d.error(0, "no key statement");
		return p;
	}
	if (first == lines.size()) {
		d.error(0, "no secret");
		return p;
	}
	tsig_key_entry e;
	e.line = static_cast<unsigned>(first + 1);
	if (!decode_secret(trim(lines[first]), e.secret)) {
		d.error(e.line, "secret is not base64");
		return p;
	}
	for (std::size_t j = first + 1; j < lines.size(); j++) {
		auto s = trim(lines[j]);
		if (!s.empty() && s[0] != '#' && s[0] != ';') {
			d.error(static_cast<unsigned>(j + 1),
			    "one secret only, alone on its line");
			return p;
		}
	}
	p.entries.push_back(std::move(e));
	return p;
}

tsig_key_load
read_tsig_key(std::istream &in, std::string_view origin,
    std::string_view key_name, std::string_view algorithm)
{
	tsig_key_load r;
	diag_sink d(r.diagnostics, origin);
	std::string text(key_name);
	if (text.empty() || text.back() != '.')
		text += '.';
	auto n = name::from_text(text);
	if (!n) {
		d.error(0, "bad key name " + quoted(key_name));
		return r;
	}
	auto alg = tsig_algorithm_from_text(algorithm);
	if (!alg) {
		d.error(0, "key " + quoted(n->to_text()) + ": " +
		    alg.err().message());
		return r;
	}
	auto p = parse_tsig_key_file(in, origin);
	r.diagnostics.insert(r.diagnostics.end(), p.diagnostics.begin(),
	    p.diagnostics.end());
	if (p.has_errors())
		return r;
	const tsig_key_entry *e = nullptr;
	for (const auto &c : p.entries) {
		if (c.name.empty()) {
			e = &c;
			break;
		}
		auto cn = name::from_text(c.name);
		if (cn && *cn == *n)
			e = &c;
	}
	if (e == nullptr) {
		d.error(0, "no key statement for " + quoted(n->to_text()));
		return r;
	}
	if (!e->algorithm.empty()) {
		auto ea = tsig_algorithm_from_text(e->algorithm);
		if (!ea) {
			d.error(e->line, ea.err().message());
			return r;
		}
		if (*ea != *alg) {
			d.error(e->line, "key " + quoted(n->to_text()) +
			    ": algorithm " + e->algorithm +
			    " here, but " + std::string(algorithm) +
			    " in the boot file");
			return r;
		}
	}
	// RFC 8945 section 6: a secret shorter than the hash weakens it.
	if (e->secret.size() < tsig_hash_size(*alg))
		d.warning(e->line, "key " + quoted(n->to_text()) + ": secret of " +
		    std::to_string(e->secret.size()) + " bytes, shorter than " +
		    tsig_algorithm_text(*alg) + "'s " +
		    std::to_string(tsig_hash_size(*alg)));
	tsig_key k;
	k.key_name = *n;
	k.algorithm = *alg;
	k.secret = e->secret;
	r.key = std::move(k);
	return r;
}

} // namespace net::dns
