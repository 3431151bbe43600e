// files.h: which files a client may reach, and the byte streams a
// transfer reads from and writes to.  Every client path is resolved by the
// kernel with the served directory as its root (net::open_beneath,
// RESOLVE_IN_ROOT), after the checks the manual asks for: only
// world-readable files are read, and only existing world-writable files
// are written unless creation is allowed.
#pragma once

#include <sys/types.h>
#include <sys/uio.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "libnet/result.h"
#include "libnet/unique_fd.h"
#include "netascii.h"
#include "packet.h"

namespace tftpd {

// What the server lets clients do with files.
struct file_policy {
	std::string root_path = "/";	// the served directory, as given
	bool allow_create = false;	// -c: a write may create a file
	mode_t create_mode = 0644;	// 0666 less the -U umask
};

// The path beneath the root a client's file name stands for, or the
// error to answer: backslashes, ".." and absolute paths outside the
// served directory are access violations.
std::variant<std::string, request_error>
client_path(std::string_view root_path, std::string_view name);

// An opened file and its size.
struct opened_file {
	net::unique_fd fd;
	std::uint64_t size = 0;
	// A write to an existing file: it is emptied when the first DATA
	// block arrives, not before.
	bool replace = false;
};

// The served directory.
class file_root {
public:
	file_root(net::unique_fd dirfd, file_policy policy)
	    : dirfd_(std::move(dirfd)), policy_(std::move(policy))
	{
	}

	// Opens name for a read request, or the error to answer.
	std::variant<opened_file, request_error>
	open_read(std::string_view name) const;

	// Opens (or creates) name for a write request, or the error to
	// answer; an existing file is left as it is (opened_file::replace).
	std::variant<opened_file, request_error>
	open_write(std::string_view name) const;

	const file_policy &policy() const { return policy_; }

private:
	net::unique_fd dirfd_;
	file_policy policy_;
};

// The TFTP error for an errno from opening or writing a file.
request_error error_for_errno(int err);

// Where a read transfer takes its blocks from.
class block_source {
public:
	virtual ~block_source() = default;

	// Fills the buffers in order with the next bytes of the stream, each
	// completely unless the stream ends in it; returns the total.
	virtual net::result<std::size_t> read_blocks(std::span<const iovec> b)
	    = 0;
};

// Where a write transfer puts the bytes it receives.
class block_sink {
public:
	virtual ~block_sink() = default;

	// Stores the next bytes.
	virtual net::result<void> write(std::span<const std::uint8_t> b) = 0;

	// Stores whatever is held back at the end of the transfer.
	virtual net::result<void> finish() = 0;
};

// A file read as it is (octet), with preadv into the caller's buffers.
class octet_source : public block_source {
public:
	explicit octet_source(net::unique_fd fd) : fd_(std::move(fd)) {}
	net::result<std::size_t> read_blocks(std::span<const iovec> b) override;

private:
	net::unique_fd fd_;
	off_t offset_ = 0;
	std::vector<iovec> iov_;
};

// A file converted to netascii on the way out.
class netascii_source : public block_source {
public:
	explicit netascii_source(net::unique_fd fd);
	net::result<std::size_t> read_blocks(std::span<const iovec> b) override;

private:
	net::unique_fd fd_;
	netascii_encoder enc_;
	std::vector<std::uint8_t> buf_;
	std::size_t pos_ = 0, len_ = 0;
	bool eof_ = false;
};

// The file a write transfer stores into.  With replace, the old contents
// go only when the first bytes come (an empty last block included): a
// forged request, or a client that never sends, leaves the file intact.
class file_writer {
public:
	file_writer(net::unique_fd fd, bool replace)
	    : fd_(std::move(fd)), replace_(replace)
	{
	}

	// Appends b, emptying the file first if it is still to be replaced.
	net::result<void> put(std::span<const std::uint8_t> b);

private:
	net::unique_fd fd_;
	bool replace_;
};

// A file written as received (octet).
class octet_sink : public block_sink {
public:
	explicit octet_sink(opened_file f)
	    : out_(std::move(f.fd), f.replace)
	{
	}
	net::result<void> write(std::span<const std::uint8_t> b) override;
	net::result<void> finish() override;

private:
	file_writer out_;
};

// A file written from netascii.
class netascii_sink : public block_sink {
public:
	explicit netascii_sink(opened_file f)
	    : out_(std::move(f.fd), f.replace)
	{
	}
	net::result<void> write(std::span<const std::uint8_t> b) override;
	net::result<void> finish() override;

private:
	file_writer out_;
	netascii_decoder dec_;
	std::vector<std::uint8_t> buf_;
};

// Writes all of b to fd.
net::result<void> write_all(int fd, std::span<const std::uint8_t> b);

} // namespace tftpd
