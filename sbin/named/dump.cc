// dump.cc: zones to master-file text.
#include "dump.h"

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "libnet/dns_rdata.h"
#include "libnet/dns_types.h"
#include "libnet/unique_fd.h"

namespace named {

void
dump_zone(const zone &z, std::ostream &out)
{
	std::string cls = net::dns::class_to_text(z.rclass());
	for (const auto &n : z.nodes()) {
		auto owner = net::dns::name::from_wire(z.owner(n));
		std::string o = owner ? owner->to_text() : "?";
		for (const zone::rrset *s = z.sets_begin(n); s != z.sets_end(n);
		    ++s) {
			std::string type = net::dns::type_to_text(s->type);
			for (zone::rdata_iter it(z, *s); !it.done(); it.next())
				out << o << '\t' << s->ttl << '\t' << cls
				    << '\t' << type << '\t'
				    << net::dns::rdata_to_text(s->type,
					it.get()) << '\n';
		}
	}
}

void
dump_zones(const database &db, std::ostream &out)
{
	char when[64];
	time_t now = time(nullptr);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	out << "; named database dump, " << when << "\n";
	for (const auto &slot : db.zones) {
		if (!slot.data)
			continue;
		const zone &z = *slot.data;
		out << ";\n; zone " << z.origin().to_text() << " ("
		    << net::boot_zone_type_name(slot.line.type) << ", serial "
		    << z.serial() << ", " << z.record_count() << " records"
		    << (slot.expired ? ", expired" : "") << ")\n;\n$ORIGIN .\n";
		dump_zone(z, out);
	}
}

net::result<void>
write_file_atomically(const std::string &path, std::string_view text)
{
	// A fresh file of a random name (O_EXCL) beside the target: the
	// directory may be everyone's (/var/tmp), and a name fixed in
	// advance could be a link planted there.
	std::string tmp = path + ".XXXXXX";
	int fd = mkstemp(tmp.data());
	if (fd < 0)
		return net::fail("create " + tmp);
	net::unique_fd hold(fd);
	(void)fchmod(fd, 0644);
	for (std::size_t done = 0; done < text.size();) {
		ssize_t n = write(fd, text.data() + done, text.size() - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			unlink(tmp.c_str());
			errno = e;
			return net::fail("write " + tmp);
		}
		done += static_cast<std::size_t>(n);
	}
	if (fsync(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
		int e = errno;
		unlink(tmp.c_str());
		errno = e;
		return net::fail("rename " + tmp + " to " + path);
	}
	return {};
}

net::result<void>
dump_to_file(const database &db, const std::string &path)
{
	std::ostringstream text;
	dump_zones(db, text);
	return write_file_atomically(path, text.str());
}

} // namespace named
