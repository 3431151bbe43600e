#include "libnet/parse_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "libnet/text.h"

namespace net {

include_opener
file_opener()
{
	return [](const std::string &path, std::string &error)
	    -> std::unique_ptr<std::istream> {
		// Asked before opening: opening a FIFO named by mistake would
		// block, and a directory opens and then reads as nothing.
		struct stat st;
		if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
			error = "not a regular file";
			return nullptr;
		}
		auto in = std::make_unique<std::ifstream>(path);
		if (!*in) {
			error = std::strerror(errno);
			return nullptr;
		}
		return in;
	};
}

std::unique_ptr<std::istream>
open_include(const include_opener &open, std::string_view what,
    const std::string &path, const std::vector<std::string_view> &reading,
    std::size_t max_depth, std::size_t max_total, std::size_t &total,
    diag_sink &d, unsigned line)
{
	std::string head = std::string(what) + " " + quoted(path);
	if (!open) {
		d.error(line, head + ": includes are not allowed here");
		return nullptr;
	}
	for (std::string_view r : reading) {
		if (r == path) {
			d.error(line, std::string(what) + " loop: " +
			    quoted(path) + " is already being read");
			return nullptr;
		}
	}
	if (reading.size() > max_depth) {
		d.error(line, head + ": nested deeper than " +
		    std::to_string(max_depth));
		return nullptr;
	}
	if (total == max_total) {
		d.error(line, head + ": more than " +
		    std::to_string(max_total) + " files included in all");
		return nullptr;
	}
	total++;
	std::string error;
	auto in = open(path, error);
	if (!in)
		d.error(line, head + ": " + error);
	return in;
}

} // namespace net
