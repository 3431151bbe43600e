// capability.h: the process's Linux capabilities (capabilities(7)).  A
// program installed with a capability in its file's permitted set (setcap
// cap_net_raw+p) raises it only around the call that needs it and then
// clears every capability for good.
#pragma once

#include "libnet/result.h"

namespace net {

// True when cap (CAP_NET_RAW, ...) is in the permitted set.
bool capability_permitted(int cap);

// True when cap is in the effective set.
bool capability_effective(int cap);

// Adds a permitted capability to the effective set.
result<void> raise_capability(int cap);

// Empties the effective, permitted and inheritable sets, so nothing can be
// raised again.
result<void> clear_capabilities();

} // namespace net
