// zone_load.cc: master file records to a zone.
#include "zone_load.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>

#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"
#include "libnet/master_file.h"
#include "libnet/parse_file.h"
#include "zone_build.h"

namespace named {

namespace dns = net::dns;

file_stamp
stamp_file(const std::string &path)
{
	file_stamp s;
	s.path = path;
	struct stat st;
	if (::stat(path.c_str(), &st) != 0) {
		s.size = -1;
		return s;
	}
	s.dev = st.st_dev;
	s.ino = st.st_ino;
	s.mtime_ns = std::int64_t(st.st_mtim.tv_sec) * 1000000000 +
	    st.st_mtim.tv_nsec;
	s.size = st.st_size;
	return s;
}

bool
unchanged(const std::vector<file_stamp> &files)
{
	if (files.empty())
		return false;
	for (const auto &f : files)
		if (f.size < 0 || !(stamp_file(f.path) == f))
			return false;
	return true;
}

loaded_zone
load_zone(const std::string &path, const std::string &origin,
    const std::string &directory, std::vector<net::diagnostic> &diags)
{
	loaded_zone out;
	out.files.push_back(stamp_file(path));
	std::ifstream in(path);
	if (!in) {
		diags.push_back({path, 0, "cannot open: " +
		    std::string(std::strerror(errno)), net::severity::error});
		return out;
	}
	auto files = net::file_opener();
	auto &stamps = out.files;
	net::include_opener open = [&files, &stamps, directory](
	    const std::string &p, std::string &error)
	    -> std::unique_ptr<std::istream> {
		std::string full = p;
		if (!p.empty() && p[0] != '/' && !directory.empty())
			full = directory + "/" + p;
		stamps.push_back(stamp_file(full));
		return files(full, error);
	};
	out.data = read_zone(in, path, origin, open, diags);
	return out;
}

std::shared_ptr<const zone>
read_zone(std::istream &in, const std::string &path,
    const std::string &origin, const net::include_opener &open,
    std::vector<net::diagnostic> &diags)
{
	auto o = dns::name::from_text(origin);
	if (!o || !o->is_absolute()) {
		diags.push_back({path, 0, "bad zone name '" + origin + "'",
		    net::severity::error});
		return nullptr;
	}
	std::size_t first = diags.size();
	net::master_reader reader(in, path, origin, diags, open);
	zone_builder b(*o, dns::rr_class::in, diags);
	// The builder keeps a pointer to each record's file name: they are
	// kept here, one per file.
	std::deque<std::string> names;
	net::master_record r;
	std::string last_origin;
	dns::name rdata_origin;
	while (reader.next(r)) {
		if (names.empty() || names.back() != r.file) {
			bool found = false;
			for (const auto &n : names)
				if (n == r.file)
					found = true;
			if (!found)
				names.push_back(r.file);
		}
		const std::string *file = nullptr;
		for (const auto &n : names)
			if (n == r.file)
				file = &n;
		auto bad = [&](const std::string &msg) {
			diags.push_back({r.file, r.line, msg,
			    net::severity::error});
		};
		auto owner = dns::name::from_text(r.owner);
		if (!owner) {
			bad("owner '" + r.owner + "': " + owner.err().message());
			continue;
		}
		auto type = dns::type_from_text(r.type);
		if (!type) {
			bad("unknown type '" + r.type + "'");
			continue;
		}
		auto cls = dns::class_from_text(r.rr_class);
		if (!cls) {
			bad("unknown class '" + r.rr_class + "'");
			continue;
		}
		if (r.origin != last_origin) {
			auto ro = dns::name::from_text(r.origin);
			if (!ro) {
				bad("origin '" + r.origin + "': " +
				    ro.err().message());
				continue;
			}
			rdata_origin = *ro;
			last_origin = r.origin;
		}
		auto rd = dns::rdata_from_text(*type, r.rdata, rdata_origin);
		if (!rd) {
			bad(rd.err().message());
			continue;
		}
		b.add(*owner, *type, *cls, r.ttl, *rd, file, r.line);
	}
	bool errors = false;
	for (std::size_t i = first; i < diags.size(); i++)
		if (diags[i].level == net::severity::error)
			errors = true;
	auto z = b.finish();
	return errors ? nullptr : z;
}

} // namespace named
