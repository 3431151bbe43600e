// The I/O half of inetd.conf(5): reading files and following .include.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <cstring>
#include <set>

#include "libnet/inetd_conf.h"

namespace net {

namespace {

constexpr int max_depth = 8;

class loader {
public:
	explicit loader(parsed<inetd_entry> &out) : out_(out) {}

	void load(const std::string &path, int depth, const std::string &from,
	    unsigned from_line);

private:
	void
	error(const std::string &origin, unsigned line, std::string msg)
	{
		out_.diagnostics.push_back(
		    {origin, line, std::move(msg), severity::error});
	}
	// Where a file or directory cannot be read, errno telling why: at
	// the line that named it, or the file as a whole (line 0) when it
	// is the one inetd was given.
	void
	cannot_read(const std::string &path, const char *what,
	    const std::string &from, unsigned from_line)
	{
		std::string why = errno != 0
		    ? std::string(": ") + std::strerror(errno)
		    : std::string();
		if (from.empty())
			error(path, 0, std::string("cannot read") + what + why);
		else
			error(from, from_line,
			    std::string("cannot read") + what + " " + path +
				why);
	}
	void load_dir(const std::string &path, int depth,
	    const std::string &from, unsigned from_line);
	void load_file(const std::string &path, int depth,
	    const std::string &from, unsigned from_line);

	parsed<inetd_entry> &out_;
	std::set<std::string> seen_;
};

std::string
dir_of(const std::string &path)
{
	auto slash = path.rfind('/');
	if (slash == std::string::npos)
		return ".";
	return slash == 0 ? "/" : path.substr(0, slash);
}

void
loader::load(const std::string &path, int depth, const std::string &from,
    unsigned from_line)
{
	struct stat st;
	if (stat(path.c_str(), &st) != 0) {
		cannot_read(path, "", from, from_line);
		return;
	}
	if (S_ISDIR(st.st_mode))
		load_dir(path, depth, from, from_line);
	else
		load_file(path, depth, from, from_line);
}

void
loader::load_dir(const std::string &path, int depth, const std::string &from,
    unsigned from_line)
{
	DIR *d = opendir(path.c_str());
	if (d == nullptr) {
		cannot_read(path, " directory", from, from_line);
		return;
	}
	std::vector<std::string> names;
	while (dirent *de = readdir(d)) {
		std::string n = de->d_name;
		// Only *.conf: editor backups and dpkg leftovers stay out.
		if (n.size() > 5 && n[0] != '.' &&
		    n.compare(n.size() - 5, 5, ".conf") == 0)
			names.push_back(n);
	}
	closedir(d);
	std::sort(names.begin(), names.end());
	for (const auto &n : names)
		load_file(path + "/" + n, depth, from, from_line);
}

void
loader::load_file(const std::string &path, int depth, const std::string &from,
    unsigned from_line)
{
	char real[PATH_MAX];
	std::string key = realpath(path.c_str(), real) ? real : path;
	if (!seen_.insert(key).second) {
		error(from.empty() ? path : from, from_line,
		    ".include of " + path + " skipped: already read (include loop?)");
		return;
	}
	errno = 0;
	std::ifstream in(path);
	if (!in) {
		cannot_read(path, "", from, from_line);
		return;
	}
	auto p = parse_inetd_conf(in, path);
	out_.diagnostics.insert(out_.diagnostics.end(),
	    p.diagnostics.begin(), p.diagnostics.end());
	for (auto &item : p.entries) {
		if (auto *e = std::get_if<inetd_entry>(&item)) {
			out_.entries.push_back(std::move(*e));
			continue;
		}
		const auto &inc = std::get<inetd_include>(item);
		if (depth + 1 > max_depth) {
			error(inc.origin, inc.line, ".include nested more than " +
			    std::to_string(max_depth) + " deep");
			continue;
		}
		std::string target = inc.path.front() == '/'
		    ? inc.path
		    : dir_of(path) + "/" + inc.path;
		load(target, depth + 1, inc.origin, inc.line);
	}
}

} // namespace

parsed<inetd_entry>
load_inetd_conf(const std::string &path)
{
	parsed<inetd_entry> out;
	loader(out).load(path, 0, "", 0);
	return out;
}

} // namespace net
