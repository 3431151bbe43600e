// privileges.h: what ping gives up once its socket is open.
#pragma once

#include <optional>

#include "libnet/privdrop.h"
#include "libnet/result.h"

namespace ping {

// Gives up for good everything the socket needed: run by root, becomes
// `unprivileged` (nobody, looked up beforehand); run by anyone else
// (setuid or with a file capability), goes back to the real ids with no
// capabilities.  Either way no exec can regain any (no_new_privs).
net::result<void> give_up_privileges(
    const std::optional<net::user_info> &unprivileged);

} // namespace ping
