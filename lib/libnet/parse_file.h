// parse_file.h: run a pure parser over a named file.  The only place a
// parser's input is opened; the parsers themselves never touch files.
#pragma once

#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "libnet/diag.h"
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

// Opens a file a parser was told to include (named.boot's include, a
// master file's $INCLUDE) by its path as the parser passes it: the input,
// or null with error set to why not.  Parsers stay pure by calling one of
// these; programs pass file_opener(), tests a map of strings.
using include_opener = std::function<std::unique_ptr<std::istream>(
    const std::string &path, std::string &error)>;

// An include_opener over the file system: regular files only (a directory
// or a device named by mistake is refused), relative paths from the
// working directory.
include_opener file_opener();

// The bounds every include directive keeps (master files' $INCLUDE,
// named.boot's include): includes allowed at all (an opener given), path
// not one of the files being read (reading, outermost first: a loop),
// nesting within max_depth, at most max_total files included in all
// (total counts them).  The opened stream, or an error "<what> 'path':
// why" (or "<what> loop: ...") at line through d, and nullptr.
std::unique_ptr<std::istream> open_include(const include_opener &open,
    std::string_view what, const std::string &path,
    const std::vector<std::string_view> &reading, std::size_t max_depth,
    std::size_t max_total, std::size_t &total, diag_sink &d, unsigned line);

} // namespace net
