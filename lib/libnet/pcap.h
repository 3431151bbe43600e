// pcap.h: capture files in the classic libpcap format (the layout in
// draft-ietf-opsawg-pcap), read and written as streams.  The reader takes
// files from anywhere, so every length is checked before it is trusted.
#pragma once

#include <bit>
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/result.h"
#include "libnet/wire.h"

namespace net {

// Link-layer header types (the tcpdump.org LINKTYPE_ registry).
namespace linktype {
inline constexpr std::uint32_t null = 0;
inline constexpr std::uint32_t ethernet = 1;
inline constexpr std::uint32_t raw = 101;	// a bare IPv4 or IPv6 packet
inline constexpr std::uint32_t linux_sll = 113;
} // namespace linktype

// The largest record this reader accepts (what tcpdump captures at most).
inline constexpr std::uint32_t pcap_max_snaplen = 262144;

// What the header of a capture file says.
struct pcap_file_header {
	std::uint16_t version_major = 2;
	std::uint16_t version_minor = 4;
	std::uint32_t snaplen = pcap_max_snaplen;
	std::uint32_t linktype = linktype::ethernet;
	bool nanosecond = false;	// timestamps in ns, not us
	std::endian order = std::endian::native;	// as written
};

// One captured packet.
struct pcap_record {
	std::uint64_t sec = 0;
	std::uint32_t nsec = 0;		// always ns, whatever the file holds
	std::uint32_t orig_len = 0;	// length on the wire
	std::vector<std::uint8_t> data;	// the captured bytes
};

// Decodes the 24-byte file header (either byte order, us or ns).
result<pcap_file_header> decode_pcap_header(bytes_view data);

// Reads a capture file record by record.
class pcap_reader {
public:
	// Reads the file header from in; origin names the input in errors.
	static result<pcap_reader> open(std::istream &in,
	    std::string_view origin);

	// The file header read by open().
	const pcap_file_header &header() const { return hdr_; }

	// Reads the next record into rec: true when one was read, false at
	// the end of a well-formed file, an error ("origin: record N: ...")
	// for a truncated or inconsistent one.
	result<bool> next(pcap_record &rec);

private:
	pcap_reader(std::istream &in, std::string origin, pcap_file_header h)
	    : in_(&in), origin_(std::move(origin)), hdr_(h)
	{
	}

	std::istream *in_;
	std::string origin_;
	pcap_file_header hdr_;
	std::uint64_t records_ = 0;
};

// Writes a capture file record by record.
class pcap_writer {
public:
	// Writes a file header for linktype to out (native order).
	static result<pcap_writer> open(std::ostream &out, std::uint32_t link,
	    bool nanosecond = true, std::uint32_t snaplen = pcap_max_snaplen);

	// Appends a record; data beyond the snap length is cut, orig_len 0
	// means data.size().
	result<void> write(std::uint64_t sec, std::uint32_t nsec,
	    bytes_view data, std::uint32_t orig_len = 0);

private:
	pcap_writer(std::ostream &out, bool nanosecond, std::uint32_t snaplen)
	    : out_(&out), nanosecond_(nanosecond), snaplen_(snaplen)
	{
	}

	std::ostream *out_;
	bool nanosecond_;
	std::uint32_t snaplen_;
};

} // namespace net
