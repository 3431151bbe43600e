#include "libnet/parse_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

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

} // namespace net
