#include "files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "libnet/fs.h"

namespace tftpd {

namespace {

request_error
access_violation(std::string msg)
{
	return request_error{error_code::access_violation, std::move(msg)};
}

} // namespace

std::variant<std::string, request_error>
client_path(std::string_view root_path, std::string_view name)
{
	// A backslash is a Windows separator to the client and a plain byte
	// to us; neither reading is safe to guess.
	if (name.find('\\') != std::string_view::npos)
		return access_violation("backslash in file name");
	std::string_view rel = name;
	if (!rel.empty() && rel.front() == '/') {
		std::string_view root = root_path;
		while (root.size() > 1 && root.back() == '/')
			root.remove_suffix(1);
		if (root == "/") {
			// Served from /: an absolute name is what the
			// classic tftpd took.
		} else if (rel.substr(0, root.size()) == root &&
		    rel.size() > root.size() && rel[root.size()] == '/') {
			// The served directory named in full (FreeBSD's
			// abspath case).
			rel.remove_prefix(root.size());
		} else {
			return access_violation("absolute path");
		}
		while (!rel.empty() && rel.front() == '/')
			rel.remove_prefix(1);
	}
	std::size_t pos = 0;
	while (pos <= rel.size()) {
		std::size_t slash = rel.find('/', pos);
		std::size_t end = slash == std::string_view::npos ? rel.size()
								  : slash;
		if (rel.substr(pos, end - pos) == "..")
			return access_violation("\"..\" in file name");
		if (slash == std::string_view::npos)
			break;
		pos = slash + 1;
	}
	if (rel.empty() || rel.back() == '/')
		return request_error{error_code::file_not_found,
		    error_text(error_code::file_not_found)};
	return std::string(rel);
}

request_error
error_for_errno(int err)
{
	switch (err) {
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG:
		return {error_code::file_not_found,
		    error_text(error_code::file_not_found)};
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return {error_code::disk_full,
		    error_text(error_code::disk_full)};
	case EEXIST:
		return {error_code::file_exists,
		    error_text(error_code::file_exists)};
	default:
		// EACCES, EPERM, EXDEV (a way out), ELOOP, EISDIR, EROFS...
		return {error_code::access_violation,
		    error_text(error_code::access_violation)};
	}
}

std::variant<opened_file, request_error>
file_root::open_read(std::string_view name) const
{
	auto rel = client_path(policy_.root_path, name);
	if (auto *e = std::get_if<request_error>(&rel))
		return *e;
	// O_NONBLOCK: a FIFO placed in the tree must not hang the server.
	auto fd = net::open_beneath(dirfd_.get(), std::get<std::string>(rel),
	    O_RDONLY | O_NONBLOCK | O_NOCTTY, 0, net::resolve_scope::in_root);
	if (!fd)
		return error_for_errno(fd.err().code);
	struct stat st;
	if (fstat(fd->get(), &st) != 0)
		return error_for_errno(errno);
	if (!S_ISREG(st.st_mode))
		return access_violation(
		    error_text(error_code::access_violation));
	// TFTPD(1M): only publicly readable files may be accessed.
	if ((st.st_mode & S_IROTH) == 0)
		return access_violation(
		    error_text(error_code::access_violation));
	(void)fcntl(fd->get(), F_SETFL, O_RDONLY);
	(void)posix_fadvise(fd->get(), 0, 0, POSIX_FADV_SEQUENTIAL);
	return opened_file{std::move(*fd),
	    static_cast<std::uint64_t>(st.st_size)};
}

std::variant<opened_file, request_error>
file_root::open_write(std::string_view name) const
{
	auto rel = client_path(policy_.root_path, name);
	if (auto *e = std::get_if<request_error>(&rel))
		return *e;
	const std::string &path = std::get<std::string>(rel);
	auto fd = net::open_beneath(dirfd_.get(), path,
	    O_WRONLY | O_NONBLOCK | O_NOCTTY, 0, net::resolve_scope::in_root);
	bool created = false;
	if (!fd && fd.err().code == ENOENT && policy_.allow_create) {
		fd = net::open_beneath(dirfd_.get(), path,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY,
		    policy_.create_mode, net::resolve_scope::in_root);
		created = fd.ok();
	}
	if (!fd)
		return error_for_errno(fd.err().code);
	struct stat st;
	if (fstat(fd->get(), &st) != 0)
		return error_for_errno(errno);
	if (!S_ISREG(st.st_mode))
		return access_violation(
		    error_text(error_code::access_violation));
	// The classic rule: without -c only an existing file that anyone
	// may write can be replaced.
	if (!created && (st.st_mode & S_IWOTH) == 0)
		return access_violation(
		    error_text(error_code::access_violation));
	(void)fcntl(fd->get(), F_SETFL, O_WRONLY);
	// Not emptied yet: until the client's first DATA block comes, the
	// request may be forged (UDP sources are easy to fake) or the client
	// gone, and neither should cost the file its contents.
	return opened_file{std::move(*fd), 0, !created};
}

net::result<std::size_t>
octet_source::read_blocks(std::span<const iovec> b)
{
	iov_.assign(b.begin(), b.end());
	std::size_t total = 0;
	std::size_t first = 0;
	while (first < iov_.size()) {
		ssize_t n = preadv(fd_.get(), iov_.data() + first,
		    static_cast<int>(iov_.size() - first), offset_);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return net::fail("preadv");
		}
		if (n == 0)
			break;
		offset_ += n;
		total += static_cast<std::size_t>(n);
		// A short read not at the end of the file: carry on from
		// where it stopped.
		std::size_t left = static_cast<std::size_t>(n);
		while (first < iov_.size() && left >= iov_[first].iov_len) {
			left -= iov_[first].iov_len;
			first++;
		}
		if (first < iov_.size() && left > 0) {
			auto *p = static_cast<std::uint8_t *>(
			    iov_[first].iov_base);
			iov_[first].iov_base = p + left;
			iov_[first].iov_len -= left;
		}
	}
	return total;
}

netascii_source::netascii_source(net::unique_fd fd)
    : fd_(std::move(fd)), buf_(65536)
{
}

net::result<std::size_t>
netascii_source::read_blocks(std::span<const iovec> b)
{
	std::size_t total = 0;
	for (const iovec &v : b) {
		std::span<std::uint8_t> out(
		    static_cast<std::uint8_t *>(v.iov_base), v.iov_len);
		std::size_t filled = 0;
		while (filled < out.size()) {
			if (pos_ == len_ && !eof_) {
				ssize_t n = read(fd_.get(), buf_.data(),
				    buf_.size());
				if (n < 0) {
					if (errno == EINTR)
						continue;
					return net::fail("read");
				}
				pos_ = 0;
				len_ = static_cast<std::size_t>(n);
				eof_ = n == 0;
			}
			auto [used, made] = enc_.encode(
			    std::span<const std::uint8_t>(buf_).subspan(pos_,
				len_ - pos_),
			    out.subspan(filled));
			pos_ += used;
			filled += made;
			if (made == 0 && eof_ && !enc_.pending())
				break;
		}
		total += filled;
		if (filled < out.size())
			break;
	}
	return total;
}

net::result<void>
write_all(int fd, std::span<const std::uint8_t> b)
{
	while (!b.empty()) {
		ssize_t n = ::write(fd, b.data(), b.size());
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return net::fail("write");
		}
		b = b.subspan(static_cast<std::size_t>(n));
	}
	return {};
}

net::result<void>
file_writer::put(std::span<const std::uint8_t> b)
{
	if (replace_) {
		if (ftruncate(fd_.get(), 0) != 0)
			return net::fail("ftruncate");
		replace_ = false;
	}
	return write_all(fd_.get(), b);
}

net::result<void>
octet_sink::write(std::span<const std::uint8_t> b)
{
	return out_.put(b);
}

net::result<void>
octet_sink::finish()
{
	return {};
}

net::result<void>
netascii_sink::write(std::span<const std::uint8_t> b)
{
	buf_.resize(b.size() + 1);
	std::size_t n = dec_.decode(b, buf_.data());
	return out_.put(std::span<const std::uint8_t>(buf_.data(), n));
}

net::result<void>
netascii_sink::finish()
{
	std::uint8_t c;
	std::size_t n = dec_.finish(&c);
	return out_.put(std::span<const std::uint8_t>(&c, n));
}

} // namespace tftpd
