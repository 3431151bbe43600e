// Fuzz target: the token lexer, its options chosen by the first byte.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "libnet/lexer.h"

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size == 0)
		return 0;
	net::lexer_options o;
	std::uint8_t flags = data[0];
	o.parentheses = flags & 1;
	o.quotes = flags & 2;
	o.escapes = flags & 4;
	o.join_indented = flags & 8;
	o.comment_chars = flags & 16 ? "#" : ";";
	// Small limits reach the overlong-line path with small inputs.
	o.max_line = flags & 32 ? 16 : 65535;
	std::istringstream in(
	    std::string(reinterpret_cast<const char *>(data + 1), size - 1));
	std::vector<net::diagnostic> diags;
	net::diag_sink sink(diags, "fuzz");
	net::lexer lx(in, sink, o);
	net::token_line l;
	unsigned last = 0;
	while (lx.next(l)) {
		// Lines come in order, each with a token, none beyond the
		// lines read.
		if (l.tokens.empty() || l.line <= last ||
		    l.line > lx.lines_read())
			__builtin_trap();
		unsigned prev = l.line;
		for (const auto &t : l.tokens) {
			if (t.line < prev || t.line > lx.lines_read())
				__builtin_trap();
			if (t.text.size() > o.max_line)
				__builtin_trap();
			prev = t.line;
		}
		last = prev;
	}
	for (const auto &d : diags)
		if (d.line == 0 || d.line > lx.lines_read())
			__builtin_trap();
	return 0;
}
