// format.h: arp's lines, in the BSD form of the manual's era.
#pragma once

#include <cstdint>
#include <string>

#include "table.h"

namespace arp {

// "host (addr) at xx:xx:xx:xx:xx:xx [permanent] [published] on iface", or
// "... at (incomplete) on iface" while unresolved; host is "?" when no
// name is known.
std::string format_entry(const arp_entry &e, const std::string &host);

// A time in ms with three decimals ("0.052").
std::string format_ms(std::int64_t ns);

} // namespace arp
