// parse_file.h: run a pure parser over a named file.  The only place a
// parser's input is opened; the parsers themselves never touch files.
#pragma once

#include <fstream>
#include <string>
#include <string_view>
#include <type_traits>

#include "libnet/result.h"

namespace net {

// parser(stream, path) over the file at path, or the error opening it.
template <class Parser>
auto
parse_file(const std::string &path, Parser parser)
    -> result<std::invoke_result_t<Parser, std::istream &, std::string_view>>
{
	std::ifstream in(path);
	if (!in)
		return fail("open " + path);
	return parser(in, std::string_view(path));
}

} // namespace net
