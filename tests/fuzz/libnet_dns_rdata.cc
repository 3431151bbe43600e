// Fuzz target: rdata text to wire and back.  The first byte picks a type,
// the rest is tokens split at newlines (a token starting with \x01 is a
// quoted one).  What reads must print, check as valid, read back from its
// printed form to the same wire bytes, and print the same again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"

namespace {

const std::uint16_t types[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
    14, 15, 16, 17, 18, 28, 29, 33, 35, 39, 43, 44, 46, 47, 48, 50, 51, 52,
    64, 65, 257, 65280, 41, 252};

// The printed form as a master-file lexer gives it: blank-separated,
// "..." one quoted token, backslash escapes kept.
std::vector<net::token>
lex(const std::string &s)
{
	std::vector<net::token> out;
	std::size_t i = 0;
	while (i < s.size()) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		net::token t;
		bool in_quote = false;
		if (s[i] == '"') {
			t.quoted = true;
			in_quote = true;
			i++;
		}
		while (i < s.size()) {
			char c = s[i];
			if (in_quote && c == '"') {
				i++;
				break;
			}
			if (!in_quote && c == ' ')
				break;
			if (c == '\\' && i + 1 < s.size())
				t.text += s[i++];
			t.text += s[i++];
		}
		out.push_back(t);
	}
	return out;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 1)
		return 0;
	std::uint16_t type = types[data[0] % (sizeof types / sizeof *types)];
	std::vector<net::token> tokens;
	std::string cur;
	for (std::size_t i = 1; i <= size; i++) {
		if (i == size || data[i] == '\n') {
			net::token t;
			if (!cur.empty() && cur[0] == '\x01') {
				t.quoted = true;
				cur.erase(0, 1);
			}
			t.text = cur;
			if (t.quoted || !t.text.empty())
				tokens.push_back(t);
			cur.clear();
			continue;
		}
		cur += static_cast<char>(data[i]);
	}
	auto origin = *net::dns::name::from_text("example.com.",
	    net::dns::name::root());
	auto w1 = net::dns::rdata_from_text(type, tokens, origin);
	if (!w1)
		return 0;
	if (net::dns::rdata_check(type, *w1) != nullptr)
		std::abort();
	std::string t1 = net::dns::rdata_to_text(type, *w1);
	auto w2 = net::dns::rdata_from_text(type, lex(t1), origin);
	if (!w2 || *w1 != *w2)
		std::abort();
	if (net::dns::rdata_to_text(type, *w2) != t1)
		std::abort();
	return 0;
}
