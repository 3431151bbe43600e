// TSIG (RFC 8945): key files, signing and verifying one message and a
// stream, every error of RFC 8945 5.2, and messages made by BIND 9 (dig's
// requests, named's AXFR answer and error replies), which we verify and,
// where we would send the same message, reproduce byte for byte.
#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "libnet/dns_message.h"
#include "libnet/dns_rdata.h"
#include "libnet/dns_tsig.h"
#include "libnet/dns_types.h"

#include "hex.h"
#include "skip.h"

#include <CppUTest/TestHarness.h>

using namespace net::dns;

namespace {

// The secret of every vector below (base64).
const char vector_secret[] = "fpGqzwEl9eJBYDKdOyGLl0Xf/smjq8J5oAhK7PFQfo8=";

// Made by dig 9.18.49 -y (BIND's libdns), captured by a UDP listener.
const char dig_sha256_soa[] =
    "382801200001000000000002076578616d706c65036f72670000060001000029"
    "04d000000000000c000a000825509e5bd5d345bf03786672076578616d706c65"
    "0000fa00ff00000000003d0b686d61632d7368613235360000006b103328012c"
    "002031279a08ed55294706aa963d0f723bf2fdd9342d7cab014d5bf2b637adbd"
    "3d66382800000000";
const char dig_sha1_a[] =
    "3b5b0120000100000000000203777777076578616d706c65036f726700000100"
    "0100002904d000000000000c000a0008466d34642b515117026b31076578616d"
    "706c650000fa00ff00000000002f09686d61632d736861310000006b10332c01"
    "2c0014e73cfd1c5ba8870eeaa64d49253117e1a4b67a363b5b00000000";
const char dig_sha512_ixfr[] =
    "2dbb00000001000000010002076578616d706c65036f72670000fb0001c00c00"
    "0600010000000000160000000000050000000000000000000000000000000000"
    "002904d000000000000c000a00081b13835633b68f63046b3531320000fa00ff"
    "00000000005d0b686d61632d7368613531320000006b103331012c004062b563"
    "3b0c63dce513c70456ab6e11ddbc8d2146878e742ec8266855b0170b393f54e2"
    "f57d3832fe6fdd373fda9211b78b2270a085c7caf368cdca846c398dbe2dbb00"
    "000000";

// Our request (signed at 1796223815 ), then BIND 9.18.49's AXFR answer with
// transfer-message-size 512: eight messages, each signed.
const std::uint64_t axfr_now = 1796223815;
const char axfr_request[] =
    "5a5a00000001000000000001076578616d706c65036f72670000fc0001037866"
    "72076578616d706c650000fa00ff00000000003d0b686d61632d736861323536"
    "0000006b103347012c0020a0ca364f7bf4aec4312eeef70ef0deb695f4ab3f3f"
    "2e274182ad02eaf86245965a5a00000000";
const char *const axfr_response[] = {
    "5a5a84000001000800000001076578616d706c65036f72670000fc0001c00c00"
    "06000100000e100027036e7331c00c0a686f73746d6173746572c00c78c42409"
    "00001c2000000e100012750000000e10c00c0002000100000e100002c0290568"
    "6f737431c00c0001000100000e100004c0000201c05e0010000100000e10002a"
    "297265636f7264206e756d6265722031206f6620746865207472616e73666572"
    "2074657374207a6f6e6506686f73743130c00c0001000100000e100004c00002"
    "0ac0aa0010000100000e10002b2a7265636f7264206e756d626572203130206f"
    "6620746865207472616e736665722074657374207a6f6e6506686f73743131c0"
    "0c0001000100000e100004c000020bc0f80010000100000e10002b2a7265636f"
    "7264206e756d626572203131206f6620746865207472616e7366657220746573"
    "74207a6f6e6503786672076578616d706c650000fa00ff00000000003d0b686d"
    "61632d7368613235360000006b103347012c0020149e919bff8e0e937bad4702"
    "c0c4780ba9fdcd815f546f296b95123d0f16f7145a5a00000000",
    "5a5a8400000000080000000106686f73743132076578616d706c65036f726700"
    "0001000100000e100004c000020cc00c0010000100000e10002b2a7265636f72"
    "64206e756d626572203132206f6620746865207472616e736665722074657374"
    "207a6f6e6506686f73743133c0130001000100000e100004c000020dc0650010"
    "000100000e10002b2a7265636f7264206e756d626572203133206f6620746865"
    "207472616e736665722074657374207a6f6e6506686f73743134c01300010001"
    "00000e100004c000020ec0b30010000100000e10002b2a7265636f7264206e75"
    "6d626572203134206f6620746865207472616e736665722074657374207a6f6e"
    "6506686f73743135c0130001000100000e100004c000020fc101001000010000"
    "0e10002b2a7265636f7264206e756d626572203135206f662074686520747261"
    "6e736665722074657374207a6f6e6503786672076578616d706c650000fa00ff"
    "00000000003d0b686d61632d7368613235360000006b103347012c0020fa61a8"
    "b20aa67be916fcefae16dbb7434bf01223bde46588db3e32a2f753679b5a5a00"
    "000000",
    "5a5a8400000000080000000106686f73743136076578616d706c65036f726700"
    "0001000100000e100004c0000210c00c0010000100000e10002b2a7265636f72"
    "64206e756d626572203136206f6620746865207472616e736665722074657374"
    "207a6f6e6506686f73743137c0130001000100000e100004c0000211c0650010"
    "000100000e10002b2a7265636f7264206e756d626572203137206f6620746865"
    "207472616e736665722074657374207a6f6e6506686f73743138c01300010001"
    "00000e100004c0000212c0b30010000100000e10002b2a7265636f7264206e75"
    "6d626572203138206f6620746865207472616e736665722074657374207a6f6e"
    "6506686f73743139c0130001000100000e100004c0000213c101001000010000"
    "0e10002b2a7265636f7264206e756d626572203139206f662074686520747261"
    "6e736665722074657374207a6f6e6503786672076578616d706c650000fa00ff"
    "00000000003d0b686d61632d7368613235360000006b103347012c0020af6974"
    "dcc5e699151e61348274b67c58afb833e1b2abe3d4eea625fdeb952ce05a5a00"
    "000000",
    "5a5a8400000000080000000105686f737432076578616d706c65036f72670000"
    "01000100000e100004c0000202c00c0010000100000e10002a297265636f7264"
    "206e756d6265722032206f6620746865207472616e736665722074657374207a"
    "6f6e6506686f73743230c0120001000100000e100004c0000214c06300100001"
    "00000e10002b2a7265636f7264206e756d626572203230206f66207468652074"
    "72616e736665722074657374207a6f6e6506686f73743231c012000100010000"
    "0e100004c0000215c0b10010000100000e10002b2a7265636f7264206e756d62"
    "6572203231206f6620746865207472616e736665722074657374207a6f6e6506"
    "686f73743232c0120001000100000e100004c0000216c0ff0010000100000e10"
    "002b2a7265636f7264206e756d626572203232206f6620746865207472616e73"
    "6665722074657374207a6f6e6503786672076578616d706c650000fa00ff0000"
    "0000003d0b686d61632d7368613235360000006b103347012c0020d3cfafb2d1"
    "4c897e7de234607afc2581a3de071d2a2ef80fc5dfd2cf3c1876485a5a000000"
    "00",
    "5a5a8400000000080000000106686f73743233076578616d706c65036f726700"
    "0001000100000e100004c0000217c00c0010000100000e10002b2a7265636f72"
    "64206e756d626572203233206f6620746865207472616e736665722074657374"
    "207a6f6e6506686f73743234c0130001000100000e100004c0000218c0650010"
    "000100000e10002b2a7265636f7264206e756d626572203234206f6620746865"
    "207472616e736665722074657374207a6f6e6506686f73743235c01300010001"
    "00000e100004c0000219c0b30010000100000e10002b2a7265636f7264206e75"
    "6d626572203235206f6620746865207472616e736665722074657374207a6f6e"
    "6506686f73743236c0130001000100000e100004c000021ac101001000010000"
    "0e10002b2a7265636f7264206e756d626572203236206f662074686520747261"
    "6e736665722074657374207a6f6e6503786672076578616d706c650000fa00ff"
    "00000000003d0b686d61632d7368613235360000006b103347012c002060c25b"
    "75e890a6eb2a81301ea2ca381af629f730e9828d1e67c0052237586c3e5a5a00"
    "000000",
    "5a5a8400000000080000000106686f73743237076578616d706c65036f726700"
    "0001000100000e100004c000021bc00c0010000100000e10002b2a7265636f72"
    "64206e756d626572203237206f6620746865207472616e736665722074657374"
    "207a6f6e6506686f73743238c0130001000100000e100004c000021cc0650010"
    "000100000e10002b2a7265636f7264206e756d626572203238206f6620746865"
    "207472616e736665722074657374207a6f6e6506686f73743239c01300010001"
    "00000e100004c000021dc0b30010000100000e10002b2a7265636f7264206e75"
    "6d626572203239206f6620746865207472616e736665722074657374207a6f6e"
    "6505686f737433c0130001000100000e100004c0000203c1010010000100000e"
    "10002a297265636f7264206e756d6265722033206f6620746865207472616e73"
    "6665722074657374207a6f6e6503786672076578616d706c650000fa00ff0000"
    "0000003d0b686d61632d7368613235360000006b103347012c002045d5b76fd5"
    "eb221f8c09f91405cde6ce7939be4d6c100d8e4b52956abe15f7f15a5a000000"
    "00",
    "5a5a8400000000080000000106686f73743330076578616d706c65036f726700"
    "0001000100000e100004c000021ec00c0010000100000e10002b2a7265636f72"
    "64206e756d626572203330206f6620746865207472616e736665722074657374"
    "207a6f6e6505686f737434c0130001000100000e100004c0000204c065001000"
    "0100000e10002a297265636f7264206e756d6265722034206f66207468652074"
    "72616e736665722074657374207a6f6e6505686f737435c0130001000100000e"
    "100004c0000205c0b10010000100000e10002a297265636f7264206e756d6265"
    "722035206f6620746865207472616e736665722074657374207a6f6e6505686f"
    "737436c0130001000100000e100004c0000206c0fd0010000100000e10002a29"
    "7265636f7264206e756d6265722036206f6620746865207472616e7366657220"
    "74657374207a6f6e6503786672076578616d706c650000fa00ff00000000003d"
    "0b686d61632d7368613235360000006b103347012c002028edcff837e36a3f14"
    "ff121b2548f8a772a7131342edd435936ddf9b02df22ec5a5a00000000",
    "5a5a8400000000080000000105686f737437076578616d706c65036f72670000"
    "01000100000e100004c0000207c00c0010000100000e10002a297265636f7264"
    "206e756d6265722037206f6620746865207472616e736665722074657374207a"
    "6f6e6505686f737438c0120001000100000e100004c0000208c0630010000100"
    "000e10002a297265636f7264206e756d6265722038206f662074686520747261"
    "6e736665722074657374207a6f6e6505686f737439c0120001000100000e1000"
    "04c0000209c0af0010000100000e10002a297265636f7264206e756d62657220"
    "39206f6620746865207472616e736665722074657374207a6f6e65036e7331c0"
    "120001000100000e100004c0000201c0120006000100000e100023c0fb0a686f"
    "73746d6173746572c01278c4240900001c2000000e100012750000000e100378"
    "6672076578616d706c650000fa00ff00000000003d0b686d61632d7368613235"
    "360000006b103347012c0020c64299c6039cb52618ac501a97fc5ca9957f819e"
    "05e7bf6594b632ae99424cd35a5a00000000",
};

// BIND's answers to a request signed 1000 s before its clock (BADTIME)
// and to one with a key it does not know (BADKEY).
const std::uint64_t bind_now = 1796223829;
const char badtime_request[] =
    "717700000001000000000001076578616d706c65036f72670000060001037866"
    "72076578616d706c650000fa00ff00000000003d0b686d61632d736861323536"
    "0000006b102f6d012c00204fb5ec39a5fc5b5726290a120fbccd8b25aa7e5243"
    "d3243c4a53f1e2edb8a3a8717700000000";
const char badtime_reply[] =
    "717780090001000000000001076578616d706c65036f72670000060001037866"
    "72076578616d706c650000fa00ff0000000000430b686d61632d736861323536"
    "0000006b102f6d012c0020651e27ee302b53a820c8d4b1b5b4f89f8ee8e157a2"
    "c18846aea8c597a40111f571770012000600006b103355";
const char badkey_request[] =
    "0bad00000001000000000001076578616d706c65036f72670000060001066e6f"
    "626f6479076578616d706c650000fa00ff00000000003d0b686d61632d736861"
    "3235360000006b103355012c0020b878f6495c1a3ec077123cd7f26f20d92381"
    "94b0daed64235e1aca8ba9fe4cb40bad00000000";
const char badkey_reply[] =
    "0bad80090001000000000001076578616d706c65036f72670000060001066e6f"
    "626f6479076578616d706c650000fa00ff00000000001d0b686d61632d736861"
    "3235360000006b103355012c00000bad00110000";

// BIND's key file: tsig-keygen -a hmac-sha256 xfr.example.
const char keygen_file[] =
    "key \"xfr.example\" {\n"
    "\talgorithm hmac-sha256;\n"
    "\tsecret \"M2z57eM2OC6sIbxXnLBjnrKCw5UOWPD28TGh8rVN8w8=\";\n"
    "};\n";

// The signing time of each dig request, as its TSIG carries it.
const std::uint64_t dig_sha256_time = 1796223784;
const std::uint64_t dig_sha1_time = 1796223788;
const std::uint64_t dig_sha512_time = 1796223793;

std::vector<std::uint8_t>
vector_secret_bytes()
{
	std::vector<std::uint8_t> s;
	base64_decode(vector_secret, s);
	return s;
}

tsig_key
make_key(const char *key_name, tsig_algorithm a,
    std::vector<std::uint8_t> secret = vector_secret_bytes())
{
	tsig_key k;
	k.key_name = *name::from_text(key_name);
	k.algorithm = a;
	k.secret = std::move(secret);
	return k;
}

// The keyring the BIND vectors were made with, plus the dig keys.
tsig_keyring
vector_ring()
{
	tsig_keyring r;
	r.add(make_key("xfr.example.", tsig_algorithm::hmac_sha256));
	r.add(make_key("k1.example.", tsig_algorithm::hmac_sha1));
	r.add(make_key("k512.", tsig_algorithm::hmac_sha512));
	return r;
}

std::vector<std::uint8_t>
query(std::uint16_t id, const char *qname, std::uint16_t qtype)
{
	message m;
	m.hdr.id = id;
	m.questions.push_back({*name::from_text(qname), qtype, rr_class::in});
	return *build_message(m);
}

std::string
diags(const std::vector<net::diagnostic> &d)
{
	std::string s;
	for (const auto &x : d)
		s += x.str() + "\n";
	return s;
}

tsig_key_load
load(const std::string &text, const char *key_name = "xfr.example.",
    const char *alg = "hmac-sha256")
{
	std::istringstream in(text);
	return read_tsig_key(in, "xfr.secret", key_name, alg);
}

#define NEED_OPENSSL()                                   \
	do {                                             \
		if (!tsig_supported())                   \
			NET_SKIP("not built with OpenSSL"); \
	} while (0)

} // namespace

TEST_GROUP(dns_tsig_keyfile){};

TEST(dns_tsig_keyfile, a_bare_secret_with_comments_around_it)
{
	auto r = load("# made for the transfers\n\n"
		      "  M2z57eM2OC6sIbxXnLBjnrKCw5UOWPD28TGh8rVN8w8=  \n"
		      "; end\n");
	STRCMP_EQUAL("", diags(r.diagnostics).c_str());
	CHECK(r.key.has_value());
	CHECK(*name::from_text("xfr.example.") == r.key->key_name);
	CHECK(r.key->algorithm == tsig_algorithm::hmac_sha256);
	LONGS_EQUAL(32, r.key->secret.size());
	LONGS_EQUAL(0x33, r.key->secret[0]);
	LONGS_EQUAL(0x0f, r.key->secret[31]);
}

TEST(dns_tsig_keyfile, bind_key_statements_as_tsig_keygen_writes_them)
{
	auto r = load(keygen_file, "XFR.Example");
	STRCMP_EQUAL("", diags(r.diagnostics).c_str());
	CHECK(r.key.has_value());
	LONGS_EQUAL(32, r.key->secret.size());
	LONGS_EQUAL(0x33, r.key->secret[0]);

	// Several keys, comments of named.conf's three kinds, the name
	// unquoted, the keyword in capitals, a secret split by blanks.
	auto two = load("// keys for the secondaries\n"
			"key other { algorithm hmac-sha1; secret \"AAAA\"; };\n"
			"/* the one\n   we want */ KEY \"xfr.example.\" {\n"
			"  algorithm HMAC-SHA256; # the default\n"
			"  secret \"M2z57eM2OC6sIbxXnLBj nrKCw5UOWPD28TGh8rVN8w8=\";\n"
			"};\n");
	STRCMP_EQUAL("", diags(two.diagnostics).c_str());
	CHECK(two.key.has_value());
	LONGS_EQUAL(32, two.key->secret.size());

	std::istringstream in("key a { algorithm hmac-sha1; secret \"AAAA\"; "
	    "}; key b. { secret \"AQID\"; algorithm hmac-sha512; };");
	auto p = net::dns::parse_tsig_key_file(in, "k");
	LONGS_EQUAL(2, p.entries.size());
	STRCMP_EQUAL("a.", p.entries[0].name.c_str());
	STRCMP_EQUAL("hmac-sha1", p.entries[0].algorithm.c_str());
	STRCMP_EQUAL("b.", p.entries[1].name.c_str());
	LONGS_EQUAL(3, p.entries[1].secret.size());
}

TEST(dns_tsig_keyfile, errors_at_their_lines)
{
	struct {
		const char *text;
		const char *want;
	} cases[] = {
		{"", "xfr.secret: no secret\n"},
		{"# only a comment\n", "xfr.secret: no secret\n"},
		{"\nnot*base64\n", "xfr.secret:2: secret is not base64\n"},
		{"AAAA\nAAAA\n",
		    "xfr.secret:2: one secret only, alone on its line\n"},
		{"key \"xfr.example\" {\n algorithm hmac-sha256;\n"
		 " secret \"AAA\";\n};\n",
		    "xfr.secret:3: key 'xfr.example.': secret is not base64\n"},
		{"key \"xfr.example\" {\n algorithm hmac-sha256;\n"
		 " secret \"AAAA;\n};\n",
		    "xfr.secret:3: unterminated quoted string\n"},
		{"key x { algorithm hmac-sha256;\n secret \"AAAA\";\n"
		 " owner me;\n};\n",
		    "xfr.secret:3: key 'x.': unknown clause 'owner'\n"},
		{"key x { algorithm hmac-sha256;\n secret \"AAAA\";\n",
		    "xfr.secret:2: key 'x.': missing '}'\n"},
		{"key x { algorithm hmac-sha256; };\n",
		    "xfr.secret:1: key 'x.': no secret\n"},
		{"key x { secret \"AAAA\"; };\nkey x { secret \"AAAA\"; };\n",
		    "xfr.secret:1: key 'x.': no algorithm\n"
		    "xfr.secret:2: key 'x.': no algorithm\n"},
		{"key x { algorithm hmac-sha1; secret \"AAAA\"; };\n"
		 "options { };\n",
		    "xfr.secret:2: expected a key statement, not 'options'\n"},
		{"/* never closed\nkey x { };\n",
		    "xfr.secret:1: unterminated /* comment\n"},
		{"key other { algorithm hmac-sha256; secret \"AAAA\"; };\n",
		    "xfr.secret: no key statement for 'xfr.example.'\n"},
		{"key xfr.example {\n algorithm hmac-sha1;\n"
		 " secret \"AAAA\";\n};\n",
		    "xfr.secret:3: key 'xfr.example.': algorithm hmac-sha1 "
		    "here, but hmac-sha256 in the boot file\n"},
	};
	for (const auto &c : cases) {
		auto r = load(c.text);
		STRCMP_EQUAL(c.want, diags(r.diagnostics).c_str());
		CHECK(!r.key.has_value());
	}
}

TEST(dns_tsig_keyfile, nul_bytes_are_words_not_ends)
{
	// Found by the fuzz target: a NUL byte inside the text once stopped
	// the tokenizer in place.
	std::string text("key x {\n\0 algorithm hmac-sha256; };\n", 36);
	auto r = load(text, "x");
	STRCMP_EQUAL("xfr.secret:2: key 'x.': unknown clause '\\000'\n",
	    diags(r.diagnostics).c_str());
	auto bare = load(std::string("key\0AAAA\n", 9), "x");
	CHECK(!bare.key.has_value());
}

TEST(dns_tsig_keyfile, a_short_secret_is_a_warning)
{
	auto r = load("AAAAAAAA\n");
	STRCMP_EQUAL("xfr.secret:1: warning: key 'xfr.example.': secret of 6 "
		     "bytes, shorter than hmac-sha256's 32\n",
	    diags(r.diagnostics).c_str());
	CHECK(r.key.has_value());
}

TEST(dns_tsig_keyfile, md5_and_unknown_algorithms_are_refused)
{
	auto r = load("AAAA\n", "x", "hmac-md5");
	STRCMP_EQUAL("xfr.secret: key 'x.': TSIG algorithm 'hmac-md5' is "
		     "refused: MD5 is broken (RFC 8945 section 6); make a new "
		     "key with hmac-sha256\n",
	    diags(r.diagnostics).c_str());
	CHECK(!r.key.has_value());
	CHECK(!tsig_algorithm_from_text("HMAC-MD5.SIG-ALG.REG.INT."));
	auto u = tsig_algorithm_from_text("gss-tsig");
	CHECK(!u);
	STRCMP_EQUAL("unknown TSIG algorithm 'gss-tsig'",
	    u.err().message().c_str());
	auto k = load("key x { algorithm hmac-md5; secret \"AAAA\"; };\n", "x");
	CHECK(!k.key.has_value());
}

TEST(dns_tsig_keyfile, algorithms)
{
	struct {
		const char *text;
		tsig_algorithm a;
		std::size_t size;
	} all[] = {
		{"hmac-sha1", tsig_algorithm::hmac_sha1, 20},
		{"HMAC-SHA224.", tsig_algorithm::hmac_sha224, 28},
		{"hmac-sha256", tsig_algorithm::hmac_sha256, 32},
		{"hmac-sha384", tsig_algorithm::hmac_sha384, 48},
		{"hmac-sha512.", tsig_algorithm::hmac_sha512, 64},
	};
	for (const auto &x : all) {
		auto a = tsig_algorithm_from_text(x.text);
		CHECK(a.ok());
		CHECK(*a == x.a);
		LONGS_EQUAL(x.size, tsig_hash_size(x.a));
		std::string t = tsig_algorithm_text(x.a);
		STRCMP_EQUAL((t + ".").c_str(),
		    tsig_algorithm_name(x.a).to_text().c_str());
	}
	STRCMP_EQUAL("BADTIME", tsig_error_to_text(18).c_str());
	STRCMP_EQUAL("NOTAUTH", tsig_error_to_text(9).c_str());
}

TEST(dns_tsig_keyfile, a_keyring_finds_by_name_and_algorithm)
{
	tsig_keyring r;
	CHECK(r.add(make_key("a.example.", tsig_algorithm::hmac_sha256, {1})));
	CHECK(r.add(make_key("a.example.", tsig_algorithm::hmac_sha1, {2})));
	CHECK(!r.add(make_key("A.EXAMPLE.", tsig_algorithm::hmac_sha256, {3})));
	LONGS_EQUAL(2, r.size());
	auto *k = r.find(*name::from_text("A.Example."),
	    tsig_algorithm::hmac_sha1);
	CHECK(k != nullptr);
	LONGS_EQUAL(2, k->secret[0]);
	CHECK(r.find(*name::from_text("a.example."),
	    tsig_algorithm::hmac_sha512) == nullptr);
	CHECK(r.has_name(*name::from_text("a.example.")));
	CHECK(!r.has_name(*name::from_text("b.example.")));
}

TEST(dns_tsig_keyfile, without_openssl_tsig_says_so)
{
	// Built with the same TLS_DEFS as dns_tsig.o (tests/unit/Makefile).
#ifdef NET_WITH_OPENSSL
	CHECK(tsig_supported());
#else
	CHECK(!tsig_supported());
	auto k = make_key("xfr.example.", tsig_algorithm::hmac_sha256);
	auto m = query(1, "example.org.", rr_type::soa);
	auto s = tsig_sign(m, k, {});
	CHECK(!s);
	STRCMP_EQUAL("TSIG: not built with OpenSSL", s.err().message().c_str());
	auto v = tsig_verify(from_hex(dig_sha256_soa), vector_ring(),
	    dig_sha256_time);
	CHECK(v.status == tsig_status::badkey);
	STRCMP_EQUAL("not built with OpenSSL", v.reason);
	CHECK(v.is_signed);
#endif
}

TEST_GROUP(dns_tsig){};

TEST(dns_tsig, requests_signed_by_dig_verify)
{
	NEED_OPENSSL();
	auto ring = vector_ring();
	struct {
		const char *hex;
		std::uint64_t t;
		const char *key;
		std::size_t mac;
	} reqs[] = {
		{dig_sha256_soa, dig_sha256_time, "xfr.example.", 32},
		{dig_sha1_a, dig_sha1_time, "k1.example.", 20},
		{dig_sha512_ixfr, dig_sha512_time, "k512.", 64},
	};
	for (const auto &r : reqs) {
		auto msg = from_hex(r.hex);
		auto v = tsig_verify(msg, ring, r.t);
		STRCMP_EQUAL("ok", tsig_status_text(v.status));
		CHECK(v.is_signed);
		CHECK(v.key != nullptr);
		CHECK(*name::from_text(r.key) == v.key->key_name);
		LONGS_EQUAL(r.t, v.time_signed);
		LONGS_EQUAL(300, v.fudge);
		LONGS_EQUAL(r.mac, v.mac.size);
		// Without the TSIG: the same header but ARCOUNT, and it parses
		// to a message keeping its OPT record.
		LONGS_EQUAL(msg[11] - 1, v.message[11]);
		auto p = parse_message(v.message);
		CHECK(p.ok());
		CHECK(p->opt.has_value());
		LONGS_EQUAL(0, p->additional.size());
		// RFC 8945 5.2.3: within the fudge either way, not beyond.
		CHECK(tsig_verify(msg, ring, r.t + 300).ok());
		CHECK(tsig_verify(msg, ring, r.t - 300).ok());
		auto late = tsig_verify(msg, ring, r.t + 301);
		STRCMP_EQUAL("BADTIME", tsig_status_text(late.status));
		auto early = tsig_verify(msg, ring, r.t - 301);
		STRCMP_EQUAL("BADTIME", tsig_status_text(early.status));
	}
}

TEST(dns_tsig, unknown_keys_algorithms_and_secrets)
{
	NEED_OPENSSL();
	auto msg = from_hex(dig_sha256_soa);
	tsig_keyring none;
	auto v = tsig_verify(msg, none, dig_sha256_time);
	STRCMP_EQUAL("BADKEY", tsig_status_text(v.status));
	STRCMP_EQUAL("unknown key", v.reason);
	CHECK(v.key == nullptr);

	// The right name with another algorithm is another key.
	tsig_keyring sha1;
	sha1.add(make_key("xfr.example.", tsig_algorithm::hmac_sha1));
	STRCMP_EQUAL("BADKEY", tsig_status_text(
	    tsig_verify(msg, sha1, dig_sha256_time).status));

	tsig_keyring wrong;
	wrong.add(make_key("xfr.example.", tsig_algorithm::hmac_sha256,
	    {1, 2, 3}));
	auto w = tsig_verify(msg, wrong, dig_sha256_time);
	STRCMP_EQUAL("BADSIG", tsig_status_text(w.status));
	STRCMP_EQUAL("MAC does not verify", w.reason);
}

TEST(dns_tsig, any_byte_changed_fails_but_the_id)
{
	NEED_OPENSSL();
	auto ring = vector_ring();
	auto msg = from_hex(dig_sha256_soa);
	auto good = tsig_verify(msg, ring, dig_sha256_time);
	CHECK(good.ok());
	std::size_t tsig_at = good.message.size();
	std::size_t names_end = tsig_at + good.key_name.length() + 10 +
	    good.algorithm_name.length();
	for (std::size_t i = 0; i < msg.size(); i++) {
		for (std::uint8_t bit : {0x01, 0x20, 0x80}) {
			auto bad = msg;
			bad[i] ^= bit;
			auto v = tsig_verify(bad, ring, dig_sha256_time);
			if (i < 2) {
				// RFC 8945 4.3.3: the MAC covers the original
				// ID, so a forwarder may change the header's.
				CHECK(v.ok());
				CHECK(v.message == good.message);
			} else if (i < tsig_at && (i < 4 || i >= 12)) {
				CHECK_TEXT(v.status == tsig_status::badsig ||
				    v.status == tsig_status::formerr,
				    std::to_string(i).c_str());
			} else if (i >= tsig_at && i < names_end && bit == 0x20 &&
			    std::isalpha(msg[i])) {
				// The key and algorithm names are covered in
				// lower case (RFC 8945 4.3.3): their case may
				// change, not their letters.
				CHECK_TEXT(v.ok(), std::to_string(i).c_str());
			} else {
				CHECK_TEXT(!v.ok(), std::to_string(i).c_str());
			}
		}
	}
}

TEST(dns_tsig, bind_axfr_stream_verifies)
{
	NEED_OPENSSL();
	auto ring = vector_ring();
	auto req = tsig_verify(from_hex(axfr_request), ring, axfr_now);
	CHECK(req.ok());
	tsig_stream_verifier sv(*req.key, req.mac.view());
	CHECK(!sv.complete());
	unsigned soa = 0, records = 0;
	for (const char *hex : axfr_response) {
		auto v = sv.verify(from_hex(hex), axfr_now);
		STRCMP_EQUAL("ok", tsig_status_text(v.status));
		CHECK(v.is_signed);
		CHECK(sv.complete());
		auto p = parse_message(v.message);
		CHECK(p.ok());
		for (const auto &r : p->answer) {
			records++;
			soa += r.type == rr_type::soa;
		}
	}
	LONGS_EQUAL(2, soa);
	LONGS_EQUAL(64, records);

	// Out of order, or answering another request, they do not verify.
	tsig_stream_verifier skipped(*req.key, req.mac.view());
	CHECK(skipped.verify(from_hex(axfr_response[0]), axfr_now).ok());
	auto v = skipped.verify(from_hex(axfr_response[2]), axfr_now);
	STRCMP_EQUAL("BADSIG", tsig_status_text(v.status));
	// Once failed, always failed.
	CHECK(!skipped.verify(from_hex(axfr_response[1]), axfr_now).ok());
	CHECK(!skipped.complete());
	tsig_stream_verifier other(*req.key, from_hex(axfr_response[0]));
	CHECK(!other.verify(from_hex(axfr_response[0]), axfr_now).ok());
}

TEST(dns_tsig, our_stream_signer_makes_binds_bytes)
{
	NEED_OPENSSL();
	auto ring = vector_ring();
	auto req = tsig_verify(from_hex(axfr_request), ring, axfr_now);
	CHECK(req.ok());
	tsig_stream_verifier sv(*req.key, req.mac.view());
	tsig_stream_signer signer(*req.key, req.mac.view());
	for (const char *hex : axfr_response) {
		auto bind = from_hex(hex);
		auto v = sv.verify(bind, axfr_now);
		CHECK(v.ok());
		auto ours = v.message;
		auto mac = signer.sign(ours, v.time_signed);
		CHECK(mac.ok());
		CHECK(mac->view().size() == v.mac.size);
		CHECK(ours == bind);
	}
}

TEST(dns_tsig, error_replies_as_bind_makes_them)
{
	NEED_OPENSSL();
	auto ring = vector_ring();

	// A request signed 1000 s before the server's clock: BADTIME,
	// signed, with the client's time and the server's in other data.
	auto req = tsig_verify(from_hex(badtime_request), ring, bind_now);
	STRCMP_EQUAL("BADTIME", tsig_status_text(req.status));
	CHECK(req.key != nullptr);
	auto bind = from_hex(badtime_reply);
	auto as_client = tsig_verify(bind, ring, req.time_signed,
	    req.mac.view());
	STRCMP_EQUAL("ok", tsig_status_text(as_client.status));
	STRCMP_EQUAL("BADTIME", tsig_error_to_text(as_client.error).c_str());
	LONGS_EQUAL(6, as_client.other.size());
	LONGS_EQUAL(bind_now & 0xff, as_client.other[5]);
	auto ours = as_client.message;
	ours[3] &= 0xf0;	// our reply before the TSIG code sets NOTAUTH
	auto mac = tsig_sign_reply(ours, req, bind_now);
	CHECK(mac.ok());
	CHECK(!mac->empty());
	CHECK(ours == bind);

	// A key the server does not know: an unsigned BADKEY.
	auto unknown = tsig_verify(from_hex(badkey_request), ring, bind_now);
	STRCMP_EQUAL("BADKEY", tsig_status_text(unknown.status));
	auto bind_badkey = from_hex(badkey_reply);
	auto seen = tsig_verify(bind_badkey, ring, bind_now);
	STRCMP_EQUAL("BADKEY", tsig_status_text(seen.status));
	LONGS_EQUAL(tsig_error::badkey, seen.error);
	auto reply = seen.message;
	reply[3] &= 0xf0;
	auto none = tsig_sign_reply(reply, unknown, bind_now);
	CHECK(none.ok());
	CHECK(none->empty());
	CHECK(reply == bind_badkey);

	// The client with the key it used gets BADSIG: nothing verifies an
	// unsigned error, and the server's complaint is in error.
	tsig_key nobody = make_key("nobody.example.",
	    tsig_algorithm::hmac_sha256);
	auto c = tsig_verify(bind_badkey, nobody, bind_now, unknown.mac.view());
	STRCMP_EQUAL("BADSIG", tsig_status_text(c.status));
	LONGS_EQUAL(tsig_error::badkey, c.error);
}

TEST(dns_tsig, round_trips_with_every_algorithm)
{
	NEED_OPENSSL();
	for (auto a : {tsig_algorithm::hmac_sha1, tsig_algorithm::hmac_sha224,
	    tsig_algorithm::hmac_sha256, tsig_algorithm::hmac_sha384,
	    tsig_algorithm::hmac_sha512}) {
		auto key = make_key("Mixed.Case.Key.", a);
		tsig_keyring ring;
		ring.add(key);
		auto q = query(0x4242, "example.org.", rr_type::axfr);
		auto plain = q;
		tsig_sign_args args;
		args.time_signed = 1700000000;
		auto mac = tsig_sign(q, key, args);
		CHECK(mac.ok());
		LONGS_EQUAL(tsig_hash_size(a), mac->size);
		LONGS_EQUAL(1, q[11]);
		auto v = tsig_verify(q, ring, 1700000100);
		STRCMP_EQUAL("ok", tsig_status_text(v.status));
		CHECK(v.message == plain);
		CHECK(v.mac.view().size() == mac->size);

		// The server's reply covers the request's MAC.
		auto reply = plain;
		reply[2] |= 0x80;
		auto rplain = reply;
		auto rmac = tsig_sign_reply(reply, v, 1700000101);
		CHECK(rmac.ok());
		auto c = tsig_verify(reply, key, 1700000102, mac->view());
		STRCMP_EQUAL("ok", tsig_status_text(c.status));
		CHECK(c.message == rplain);
		// Not without it, nor over another request's.
		CHECK(tsig_verify(reply, key, 1700000102).status ==
		    tsig_status::badsig);
		auto other = *mac;
		other.bytes[0] ^= 1;
		CHECK(tsig_verify(reply, key, 1700000102, other.view())
			  .status == tsig_status::badsig);
	}
}

TEST(dns_tsig, the_original_id_is_signed_and_restored)
{
	NEED_OPENSSL();
	auto key = make_key("k.", tsig_algorithm::hmac_sha256);
	auto q = query(0x2222, "example.org.", rr_type::soa);
	tsig_sign_args args;
	args.time_signed = 1000;
	args.original_id = 0x1111;
	CHECK(tsig_sign(q, key, args).ok());
	auto v = tsig_verify(q, key, 1000);
	CHECK(v.ok());
	LONGS_EQUAL(0x1111, v.original_id);
	LONGS_EQUAL(0x11, v.message[0]);
	LONGS_EQUAL(0x11, v.message[1]);
	LONGS_EQUAL(0x22, q[0]);
}

TEST(dns_tsig, truncated_macs)
{
	NEED_OPENSSL();
	auto key = make_key("k.", tsig_algorithm::hmac_sha256);
	auto short16 = key;
	short16.mac_size = 16;
	auto q = query(7, "example.org.", rr_type::soa);
	auto plain = q;
	tsig_sign_args args;
	args.time_signed = 5000;
	auto mac = tsig_sign(q, short16, args);
	CHECK(mac.ok());
	LONGS_EQUAL(16, mac->size);

	// Checked over its 16 bytes, then refused by a key that wants all.
	tsig_keyring strict;
	strict.add(key);
	auto v = tsig_verify(q, strict, 5000);
	STRCMP_EQUAL("BADTRUNC", tsig_status_text(v.status));
	auto reply = plain;
	reply[2] |= 0x80;
	CHECK(tsig_sign_reply(reply, v, 5000).ok());
	LONGS_EQUAL(rcode::notauth, reply[3] & 15);
	auto c = tsig_verify(reply, key, 5000, mac->view());
	CHECK(c.ok());
	LONGS_EQUAL(tsig_error::badtrunc, c.error);

	// Accepted by a key that allows 16.
	auto lenient = key;
	lenient.min_mac_size = 16;
	CHECK(tsig_verify(q, lenient, 5000).ok());
	// A wrong truncated MAC is BADSIG before the policy.
	auto bad = q;
	bad[bad.size() - 7] ^= 1;	// the MAC's last byte
	CHECK(tsig_verify(bad, lenient, 5000).status == tsig_status::badsig);

	// RFC 8945 5.2.2.1: under max(10, 32/2) is FORMERR, as is over 32;
	// we never sign so.
	auto tiny = key;
	tiny.mac_size = 15;
	auto t = plain;
	CHECK(!tsig_sign(t, tiny, args).ok());
	CHECK(t == plain);
	tiny.mac_size = 33;
	CHECK(!tsig_sign(t, tiny, args).ok());
	// Hand-made: the 16-byte MAC's size field says 15 and the record is
	// one byte shorter.
	auto cut = q;
	std::size_t mac_at = cut.size() - 6 - 16;
	cut[mac_at - 1] = 15;
	cut.erase(cut.begin() + static_cast<long>(mac_at));
	std::size_t rdlen_at = plain.size() + 3 + 10 - 2;
	cut[rdlen_at + 1]--;
	auto f = tsig_verify(cut, lenient, 5000);
	STRCMP_EQUAL("FORMERR", tsig_status_text(f.status));
}

TEST(dns_tsig, misplaced_and_malformed_records_are_formerr)
{
	NEED_OPENSSL();
	auto key = make_key("k.", tsig_algorithm::hmac_sha256);
	auto q = query(9, "example.org.", rr_type::soa);
	auto plain = q;
	tsig_sign_args args;
	args.time_signed = 5000;
	CHECK(tsig_sign(q, key, args).ok());

	// Not signed at all: none, and the message as it is.
	auto n = tsig_verify(plain, key, 5000);
	STRCMP_EQUAL("none", tsig_status_text(n.status));
	CHECK(!n.is_signed);
	CHECK(n.message == plain);

	// A record after the TSIG.
	auto after = q;
	const std::uint8_t a_rr[] = {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2,
	    3, 4};
	after.insert(after.end(), a_rr, a_rr + sizeof a_rr);
	after[11]++;
	STRCMP_EQUAL("FORMERR", tsig_status_text(
	    tsig_verify(after, key, 5000).status));

	// Two TSIGs.
	auto twice = q;
	CHECK(tsig_sign(twice, key, args).ok());
	auto v = tsig_verify(twice, key, 5000);
	STRCMP_EQUAL("FORMERR", tsig_status_text(v.status));
	STRCMP_EQUAL("TSIG not the last record", v.reason);

	// In the authority section.
	auto authority = q;
	authority[9] = 1;
	authority[11] = 0;
	STRCMP_EQUAL("FORMERR", tsig_status_text(
	    tsig_verify(authority, key, 5000).status));

	// Class IN, not ANY; a TTL; bytes after the end; cut short.
	std::size_t rr = plain.size() + 3;	// past the owner "k."
	auto in = q;
	in[rr + 3] = 1;
	STRCMP_EQUAL("FORMERR", tsig_status_text(
	    tsig_verify(in, key, 5000).status));
	auto ttl = q;
	ttl[rr + 7] = 1;
	STRCMP_EQUAL("FORMERR", tsig_status_text(
	    tsig_verify(ttl, key, 5000).status));
	auto extra = q;
	extra.push_back(0);
	STRCMP_EQUAL("FORMERR", tsig_status_text(
	    tsig_verify(extra, key, 5000).status));
	for (std::size_t len = 0; len < q.size(); len++) {
		auto cut = tsig_verify(net::bytes_view(q.data(), len), key,
		    5000);
		CHECK(!cut.ok());
	}
	// Nothing is added to answer an unsigned request.
	auto answer = plain;
	CHECK(tsig_sign_reply(answer, n, 5000).ok());
	CHECK(answer == plain);

	// A request with an empty MAC is FORMERR: only error replies may
	// have one (RFC 8945 5.2.2.1).
	tsig_verdict badkey;
	badkey.status = tsig_status::badkey;
	badkey.key_name = key.key_name;
	badkey.algorithm_name = tsig_algorithm_name(key.algorithm);
	auto empty = plain;
	CHECK(tsig_sign_reply(empty, badkey, 5000).ok());
	empty[3] &= 0xf0;
	empty[empty.size() - 3] = 0;	// the error: BADKEY to none
	auto e = tsig_verify(empty, key, 5000);
	STRCMP_EQUAL("FORMERR", tsig_status_text(e.status));
}

TEST(dns_tsig, sign_refuses_what_cannot_be_signed)
{
	NEED_OPENSSL();
	auto key = make_key("k.", tsig_algorithm::hmac_sha256);
	std::vector<std::uint8_t> tiny(11);
	CHECK(!tsig_sign(tiny, key, {}).ok());
	auto q = query(1, "example.org.", rr_type::soa);
	q[10] = q[11] = 0xff;
	auto before = q;
	CHECK(!tsig_sign(q, key, {}).ok());
	CHECK(q == before);
	std::vector<std::uint8_t> big(65535 - 40);
	auto r = tsig_sign(big, key, {});
	CHECK(!r.ok());
	STRCMP_EQUAL("TSIG: the signed message would be too large",
	    r.err().message().c_str());
	auto nokey = key;
	nokey.secret.clear();
	auto s = query(1, "example.org.", rr_type::soa);
	CHECK(!tsig_sign(s, nokey, {}).ok());
}

TEST(dns_tsig, streams_with_unsigned_messages_between)
{
	NEED_OPENSSL();
	auto key = make_key("k.", tsig_algorithm::hmac_sha256);
	auto q = query(3, "example.org.", rr_type::axfr);
	tsig_sign_args args;
	args.time_signed = 100;
	auto qmac = tsig_sign(q, key, args);
	CHECK(qmac.ok());

	auto msg = [](unsigned i) {
		auto n = "m" + std::to_string(i) + ".example.org.";
		auto m = query(3, n.c_str(), rr_type::axfr);
		m[2] |= 0x80;
		return m;
	};
	tsig_stream_signer signer(key, qmac->view());
	CHECK(!signer.pass(msg(0)));	// the first is always signed
	std::vector<std::vector<std::uint8_t>> stream;
	auto first = msg(0);
	CHECK(signer.sign(first, 101).ok());
	stream.push_back(first);
	for (unsigned i = 1; i <= 99; i++) {
		CHECK(signer.pass(msg(i)));
		stream.push_back(msg(i));
	}
	CHECK(!signer.pass(msg(100)));	// a hundredth must be signed
	// One too large to sign is refused and the stream goes on.
	std::vector<std::uint8_t> huge(65535 - 50);
	CHECK(!signer.sign(huge, 102).ok());
	auto last = msg(100);
	CHECK(signer.sign(last, 102).ok());
	stream.push_back(last);

	tsig_stream_verifier sv(key, qmac->view());
	for (std::size_t i = 0; i < stream.size(); i++) {
		auto v = sv.verify(stream[i], 103);
		CHECK_TEXT(v.ok(), std::to_string(i).c_str());
		CHECK(v.is_signed == (i == 0 || i == stream.size() - 1));
		CHECK(sv.complete() == v.is_signed);
	}

	// An unsigned message changed: the next signature fails.
	auto tampered = stream;
	tampered[50][2] ^= 0x04;
	tsig_stream_verifier tv(key, qmac->view());
	for (std::size_t i = 0; i + 1 < tampered.size(); i++)
		CHECK(tv.verify(tampered[i], 103).ok());
	auto tv_last = tv.verify(tampered.back(), 103);
	STRCMP_EQUAL("BADSIG", tsig_status_text(tv_last.status));

	// A hundred unsigned in a row.
	tsig_stream_verifier lv(key, qmac->view());
	CHECK(lv.verify(stream[0], 103).ok());
	for (unsigned i = 1; i <= 99; i++)
		CHECK(lv.verify(stream[i], 103).ok());
	auto hundredth = lv.verify(stream[1], 103);
	STRCMP_EQUAL("BADSIG", tsig_status_text(hundredth.status));
	STRCMP_EQUAL("more than 99 unsigned messages in a row",
	    hundredth.reason);

	// The first unsigned; a stream signed by another key; too late.
	tsig_stream_verifier fv(key, qmac->view());
	STRCMP_EQUAL("BADSIG", tsig_status_text(
	    fv.verify(stream[1], 103).status));
	auto other = make_key("other.", tsig_algorithm::hmac_sha256);
	tsig_stream_signer os(other, qmac->view());
	auto o1 = msg(0), o2 = msg(1);
	CHECK(os.sign(o1, 101).ok());
	CHECK(os.sign(o2, 101).ok());
	tsig_stream_verifier ov(key, qmac->view());
	STRCMP_EQUAL("BADKEY", tsig_status_text(ov.verify(o1, 103).status));
	tsig_stream_verifier late(key, qmac->view());
	for (std::size_t i = 0; i + 1 < stream.size(); i++)
		CHECK(late.verify(stream[i], 103).ok());
	auto lt = late.verify(stream.back(), 1000);
	STRCMP_EQUAL("BADTIME", tsig_status_text(lt.status));
	CHECK(!late.complete());
}
