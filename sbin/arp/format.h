// format.h: arp's lines, in the BSD form of the manual's era and in the
// Linux form of net-tools arp (-e).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "table.h"

namespace arp {

// "host (addr) at xx:xx:xx:xx:xx:xx [permanent] [published] on iface", or
// "... at (incomplete) on iface" while unresolved; host is "?" when no
// name is known.
std::string format_entry(const arp_entry &e, const std::string &host);

// A row of the Linux form: a neighbour entry, or a published one (the
// proxy entry), as /proc/net/arp and net-tools list them.
struct linux_row {
	const arp_entry *e = nullptr;
	bool proxy = false;
};

// The rows of the Linux form in net-tools' order: the neighbour entries
// as listed, then the published ones in the kernel's order of them.  A
// published neighbour is two rows.
std::vector<linux_row> linux_rows(const std::vector<arp_entry> &entries);

// net-tools' heading: "Address  HWtype  HWaddress  Flags Mask  Iface", in
// its column widths.
std::string linux_header();

// One row in net-tools' columns: host (the address when empty, cut to
// the column), "ether" and the address with flags C (complete) and M
// (permanent), "(incomplete)", or for a proxy row "*", "<from_interface>"
// and MP (published); no mask; the interface.
std::string format_linux(const arp_entry &e, bool proxy,
    const std::string &host);

// What -v adds, as net-tools: "Entries: N\tSkipped: N\tFound: N", the
// entries of the whole table and those shown.
std::string counts_line(std::size_t entries, std::size_t found);

// A time in ms with three decimals ("0.052").
std::string format_ms(std::int64_t ns);

} // namespace arp
