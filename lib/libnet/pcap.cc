#include "libnet/pcap.h"

#include <algorithm>

namespace net {

namespace {

constexpr std::uint32_t magic_usec = 0xa1b2c3d4;
constexpr std::uint32_t magic_nsec = 0xa1b23c4d;
constexpr std::size_t file_header_size = 24;
constexpr std::size_t record_header_size = 16;

std::endian
other_order()
{
	return std::endian::native == std::endian::little ? std::endian::big
							  : std::endian::little;
}

// Reads exactly n bytes; the count actually read otherwise.
std::size_t
read_some(std::istream &in, std::uint8_t *buf, std::size_t n)
{
	in.read(reinterpret_cast<char *>(buf),
	    static_cast<std::streamsize>(n));
	return static_cast<std::size_t>(in.gcount());
}

} // namespace

result<pcap_file_header>
decode_pcap_header(bytes_view data)
{
	wire_reader r(data);
	r.set_order(std::endian::native);
	std::uint32_t magic = r.u32();
	pcap_file_header h;
	h.order = std::endian::native;
	if (magic != magic_usec && magic != magic_nsec) {
		// Written on a machine of the other byte order?
		wire_reader again(data);
		again.set_order(other_order());
		magic = again.u32();
		if (magic != magic_usec && magic != magic_nsec)
			return fail(0, "pcap: not a pcap file (bad magic)");
		r = again;
		h.order = other_order();
	}
	h.nanosecond = magic == magic_nsec;
	h.version_major = r.u16();
	h.version_minor = r.u16();
	r.skip(8);	// thiszone and sigfigs: always 0 in practice
	h.snaplen = r.u32();
	std::uint32_t link = r.u32();
	if (!r.ok())
		return fail(0, "pcap: truncated file header");
	if (h.version_major != 2)
		return fail(0, "pcap: version " +
		    std::to_string(h.version_major) + "." +
		    std::to_string(h.version_minor));
	// The upper bits carry the FCS length, not the link type.
	h.linktype = link & 0x03ffffff;
	return h;
}

result<pcap_reader>
pcap_reader::open(std::istream &in, std::string_view origin)
{
	std::uint8_t buf[file_header_size];
	std::size_t got = read_some(in, buf, sizeof buf);
	auto h = decode_pcap_header(bytes_view(buf, got));
	if (!h)
		return fail(0, std::string(origin) + ": " + h.err().message());
	return pcap_reader(in, std::string(origin), *h);
}

result<bool>
pcap_reader::next(pcap_record &rec)
{
	std::uint8_t buf[record_header_size];
	std::size_t got = read_some(*in_, buf, sizeof buf);
	if (got == 0)
		return false;
	records_++;
	auto where = [&](const char *what) {
		return fail(0, origin_ + ": record " +
		    std::to_string(records_) + ": " + what);
	};
	wire_reader r(bytes_view(buf, got));
	r.set_order(hdr_.order);
	std::uint32_t sec = r.u32();
	std::uint32_t frac = r.u32();
	std::uint32_t caplen = r.u32();
	std::uint32_t len = r.u32();
	if (!r.ok())
		return where("truncated record header");
	if (frac >= (hdr_.nanosecond ? 1000000000u : 1000000u))
		return where("timestamp fraction out of range");
	std::uint32_t limit = std::min(pcap_max_snaplen,
	    hdr_.snaplen == 0 ? pcap_max_snaplen : hdr_.snaplen);
	if (caplen > limit)
		return where("captured length beyond the snap length");
	if (caplen > len)
		return where("captured length beyond the original length");
	rec.sec = sec;
	rec.nsec = hdr_.nanosecond ? frac : frac * 1000;
	rec.orig_len = len;
	rec.data.resize(caplen);
	if (read_some(*in_, rec.data.data(), caplen) != caplen)
		return where("truncated record data");
	return true;
}

result<pcap_writer>
pcap_writer::open(std::ostream &out, std::uint32_t link, bool nanosecond,
    std::uint32_t snaplen)
{
	std::vector<std::uint8_t> b;
	wire_writer w(b);
	w.set_order(std::endian::native);
	w.u32(nanosecond ? magic_nsec : magic_usec);
	w.u16(2);
	w.u16(4);
	w.u32(0);
	w.u32(0);
	w.u32(snaplen);
	w.u32(link);
	out.write(reinterpret_cast<const char *>(b.data()),
	    static_cast<std::streamsize>(b.size()));
	if (!out)
		return fail(EIO, "pcap: write file header");
	return pcap_writer(out, nanosecond, snaplen);
}

result<void>
pcap_writer::write(std::uint64_t sec, std::uint32_t nsec, bytes_view data,
    std::uint32_t orig_len)
{
	std::size_t caplen = std::min<std::size_t>(data.size(), snaplen_);
	std::vector<std::uint8_t> b;
	wire_writer w(b);
	w.set_order(std::endian::native);
	w.u32(static_cast<std::uint32_t>(sec));
	w.u32(nanosecond_ ? nsec : nsec / 1000);
	w.u32(static_cast<std::uint32_t>(caplen));
	w.u32(orig_len != 0 ? orig_len
			    : static_cast<std::uint32_t>(data.size()));
	w.bytes(data.first(caplen));
	out_->write(reinterpret_cast<const char *>(b.data()),
	    static_cast<std::streamsize>(b.size()));
	if (!*out_)
		return fail(EIO, "pcap: write record");
	return {};
}

} // namespace net
