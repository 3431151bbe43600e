// fs.h: opening a path a client named, beneath a directory it may not
// leave.  The kernel resolves the path (openat2(2)), so "..", absolute
// paths, symlinks pointing out and /proc magic links are refused by the
// same code that follows them, not by string checks that can disagree.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "libnet/result.h"
#include "libnet/unique_fd.h"

namespace net {

// How a path that tries to leave the directory is treated.
enum class resolve_scope {
	beneath,	// refused with EXDEV (RESOLVE_BENEATH)
	in_root,	// clamped, as if the directory were / (RESOLVE_IN_ROOT)
};

// The directory at path as an O_PATH descriptor to resolve beneath.
result<unique_fd> open_root(const std::string &path);

// Opens path relative to dirfd with open(2) flags (O_CLOEXEC is always
// added) and mode, never leaving dirfd and never through magic links;
// an escape fails with EXDEV (beneath) or stays inside (in_root).  On a
// kernel without openat2 both scopes fall back to open_beneath_walk().
result<unique_fd> open_beneath(int dirfd, std::string_view path, int flags,
    mode_t mode = 0, resolve_scope scope = resolve_scope::beneath);

// The walk open_beneath() falls back to on kernels without openat2: one
// component at a time with O_NOFOLLOW, so it refuses every symlink and
// every ".." (ELOOP, EXDEV) and treats a leading '/' as EXDEV.
result<unique_fd> open_beneath_walk(int dirfd, std::string_view path,
    int flags, mode_t mode = 0);

} // namespace net
