#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "files.h"
#include "libnet/fs.h"

#include <CppUTest/TestHarness.h>

using namespace tftpd;

namespace {

struct tree {
	std::string top, root;

	tree()
	{
		char tmpl[] = "/tmp/tftpd_files.XXXXXX";
		top = mkdtemp(tmpl);
		root = top + "/srv";
		mkdir(root.c_str(), 0755);
		mkdir((root + "/sub").c_str(), 0755);
		put("/srv/pub.txt", "hello\n", 0644);
		put("/srv/sub/deep.txt", "deep", 0644);
		put("/srv/private.txt", "secret", 0640);
		put("/srv/drop.txt", "old contents", 0666);
		put("/srv/readonly.txt", "ro", 0644);
		put("/outside.txt", "outside", 0644);
		(void)!symlink("../outside.txt", (root + "/link-out").c_str());
		(void)!symlink("pub.txt", (root + "/link-in").c_str());
		// Absolute links, as PXE trees have them: resolved with the
		// served directory as the root.
		mkdir((root + "/etc").c_str(), 0755);
		put("/srv/etc/passwd", "served passwd", 0644);
		(void)!symlink("/sub/deep.txt", (root + "/abs-in").c_str());
		(void)!symlink("/etc/passwd", (root + "/abs-passwd").c_str());
		(void)!symlink((top + "/outside.txt").c_str(),
		    (root + "/abs-out").c_str());
		(void)!symlink("../../sub/deep.txt",
		    (root + "/sub/up-in").c_str());
		mkfifo((root + "/fifo").c_str(), 0666);
		chmod((root + "/fifo").c_str(), 0666);
	}

	~tree()
	{
		std::string cmd = "rm -rf '" + top + "'";
		(void)!std::system(cmd.c_str());
	}

	void
	put(const std::string &rel, const std::string &text, mode_t mode)
	{
		std::string p = top + rel;
		int fd = open(p.c_str(), O_CREAT | O_WRONLY | O_TRUNC, mode);
		(void)!write(fd, text.data(), text.size());
		close(fd);
		chmod(p.c_str(), mode);
	}

	file_root
	served(bool create = false) const
	{
		auto fd = net::open_root(root);
		CHECK(fd.ok());
		file_policy p;
		p.root_path = root;
		p.allow_create = create;
		p.create_mode = 0640;
		return file_root(std::move(*fd), p);
	}
};

int
code_of(const std::variant<opened_file, request_error> &r)
{
	if (std::holds_alternative<opened_file>(r))
		return -1;
	return static_cast<int>(std::get<request_error>(r).code);
}

std::string
path_of(std::string_view root, std::string_view name)
{
	auto r = client_path(root, name);
	if (auto *e = std::get_if<request_error>(&r))
		return "error " + std::to_string(static_cast<int>(e->code));
	return std::get<std::string>(r);
}

} // namespace

TEST_GROUP(files){};

TEST(files, client_path_rules)
{
	STRCMP_EQUAL("a/b.txt", path_of("/srv/tftp", "a/b.txt").c_str());
	STRCMP_EQUAL("a.txt", path_of("/srv/tftp", "/srv/tftp/a.txt").c_str());
	STRCMP_EQUAL("a.txt",
	    path_of("/srv/tftp/", "/srv/tftp//a.txt").c_str());
	STRCMP_EQUAL("etc/passwd", path_of("/", "/etc/passwd").c_str());
	// FreeBSD's dotdot and abspath cases, and backslashes.
	STRCMP_EQUAL("error 2", path_of("/srv/tftp", "/etc/passwd").c_str());
	STRCMP_EQUAL("error 2", path_of("/srv/tftp", "/srv/tftpx/a").c_str());
	STRCMP_EQUAL("error 2", path_of("/srv/tftp", "../x").c_str());
	STRCMP_EQUAL("error 2", path_of("/srv/tftp", "sub/../../x").c_str());
	STRCMP_EQUAL("error 2", path_of("/srv/tftp", "sub/..").c_str());
	STRCMP_EQUAL("error 2", path_of("/", "/..").c_str());
	STRCMP_EQUAL("error 2", path_of("/srv/tftp", "..\\x").c_str());
	STRCMP_EQUAL("error 2", path_of("/srv/tftp", "a\\b").c_str());
	STRCMP_EQUAL("error 1", path_of("/srv/tftp", "/srv/tftp/").c_str());
	STRCMP_EQUAL("error 1", path_of("/srv/tftp", "dir/").c_str());
	STRCMP_EQUAL("..a/b..", path_of("/srv/tftp", "..a/b..").c_str());
}

TEST(files, reads_only_public_regular_files_inside)
{
	tree t;
	auto r = t.served();
	auto ok = r.open_read("pub.txt");
	LONGS_EQUAL(-1, code_of(ok));
	LONGS_EQUAL(6, std::get<opened_file>(ok).size);
	LONGS_EQUAL(-1, code_of(r.open_read("sub/deep.txt")));
	LONGS_EQUAL(-1, code_of(r.open_read("link-in")));
	LONGS_EQUAL(-1, code_of(r.open_read(t.root + "/pub.txt")));
	LONGS_EQUAL(1, code_of(r.open_read("missing.txt")));
	LONGS_EQUAL(2, code_of(r.open_read("private.txt")));
	// A link climbing out stops at the served root: ../outside.txt is
	// <root>/outside.txt, which does not exist.
	LONGS_EQUAL(1, code_of(r.open_read("link-out")));
	LONGS_EQUAL(1, code_of(r.open_read("abs-out")));
	LONGS_EQUAL(2, code_of(r.open_read("../outside.txt")));
	LONGS_EQUAL(2, code_of(r.open_read("/etc/passwd")));
	LONGS_EQUAL(2, code_of(r.open_read("sub")));
	LONGS_EQUAL(2, code_of(r.open_read("fifo")));
}

namespace {

std::string
contents(int fd)
{
	char buf[256];
	ssize_t n = pread(fd, buf, sizeof buf, 0);
	return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
}

std::string
contents(const std::string &path)
{
	int fd = open(path.c_str(), O_RDONLY);
	std::string s = contents(fd);
	close(fd);
	return s;
}

std::span<const std::uint8_t>
bytes(std::string_view s)
{
	return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()};
}

} // namespace

TEST(files, absolute_links_resolve_inside_the_served_tree)
{
	tree t;
	auto r = t.served();
	auto in = r.open_read("abs-in");
	LONGS_EQUAL(-1, code_of(in));
	STRCMP_EQUAL("deep",
	    contents(std::get<opened_file>(in).fd.get()).c_str());
	auto pw = r.open_read("abs-passwd");
	LONGS_EQUAL(-1, code_of(pw));
	STRCMP_EQUAL("served passwd",
	    contents(std::get<opened_file>(pw).fd.get()).c_str());
	auto up = r.open_read("sub/up-in");
	LONGS_EQUAL(-1, code_of(up));
	STRCMP_EQUAL("deep",
	    contents(std::get<opened_file>(up).fd.get()).c_str());
	// The names a client sends are still held to the rules.
	LONGS_EQUAL(2, code_of(r.open_read("/etc/passwd")));
	LONGS_EQUAL(2, code_of(r.open_read("sub/../abs-in")));
}

TEST(files, a_write_empties_the_file_only_when_data_comes)
{
	tree t;
	auto r = t.served();
	{
		// A request never followed by DATA: nothing changes.
		auto w = r.open_write("drop.txt");
		LONGS_EQUAL(-1, code_of(w));
		CHECK(std::get<opened_file>(w).replace);
		octet_sink sink(std::move(std::get<opened_file>(w)));
	}
	STRCMP_EQUAL("old contents", contents(t.root + "/drop.txt").c_str());
	{
		auto w = r.open_write("drop.txt");
		octet_sink sink(std::move(std::get<opened_file>(w)));
		CHECK(sink.write(bytes("new")).ok());
		CHECK(sink.write(bytes("er")).ok());
		CHECK(sink.finish().ok());
	}
	STRCMP_EQUAL("newer", contents(t.root + "/drop.txt").c_str());
	{
		// An empty upload: the empty last block empties the file.
		auto w = r.open_write("drop.txt");
		netascii_sink sink(std::move(std::get<opened_file>(w)));
		CHECK(sink.write(bytes("")).ok());
		CHECK(sink.finish().ok());
	}
	STRCMP_EQUAL("", contents(t.root + "/drop.txt").c_str());
}

TEST(files, writes_existing_world_writable_only_without_create)
{
	tree t;
	auto r = t.served();
	auto w = r.open_write("drop.txt");
	LONGS_EQUAL(-1, code_of(w));
	struct stat st;
	CHECK(fstat(std::get<opened_file>(w).fd.get(), &st) == 0);
	LONGS_EQUAL(12, st.st_size);
	LONGS_EQUAL(2, code_of(r.open_write("readonly.txt")));
	LONGS_EQUAL(1, code_of(r.open_write("new.txt")));
	LONGS_EQUAL(1, code_of(r.open_write("link-out")));
	LONGS_EQUAL(2, code_of(r.open_write("abs-passwd")));
	LONGS_EQUAL(2, code_of(r.open_write("fifo")));
	CHECK(access((t.root + "/new.txt").c_str(), F_OK) != 0);
}

TEST(files, create_makes_new_files_with_mode)
{
	tree t;
	auto r = t.served(true);
	auto w = r.open_write("sub/new.txt");
	LONGS_EQUAL(-1, code_of(w));
	struct stat st;
	CHECK(stat((t.root + "/sub/new.txt").c_str(), &st) == 0);
	LONGS_EQUAL(0640, st.st_mode & 0777);
	LONGS_EQUAL(2, code_of(r.open_write("readonly.txt")));
	LONGS_EQUAL(1, code_of(r.open_write("nodir/new.txt")));
	LONGS_EQUAL(2, code_of(r.open_write("../escape.txt")));
	CHECK(access((t.top + "/escape.txt").c_str(), F_OK) != 0);
}

TEST(files, octet_source_fills_blocks_in_order)
{
	tree t;
	std::string text(1000, '\0');
	for (std::size_t i = 0; i < text.size(); i++)
		text[i] = static_cast<char>('a' + i % 26);
	t.put("/srv/big.txt", text, 0644);
	auto r = t.served();
	auto f = r.open_read("big.txt");
	octet_source src(std::move(std::get<opened_file>(f).fd));
	std::vector<char> a(300), b(300), c(300);
	iovec v[] = {{a.data(), 300}, {b.data(), 300}};
	LONGS_EQUAL(600, *src.read_blocks(v));
	MEMCMP_EQUAL(text.data(), a.data(), 300);
	MEMCMP_EQUAL(text.data() + 300, b.data(), 300);
	iovec w[] = {{a.data(), 300}, {b.data(), 300}, {c.data(), 300}};
	LONGS_EQUAL(400, *src.read_blocks(w));
	MEMCMP_EQUAL(text.data() + 900, b.data(), 100);
	LONGS_EQUAL(0, *src.read_blocks(w));
}

TEST(files, netascii_source_and_sink)
{
	tree t;
	t.put("/srv/text.txt", "a\nb\rc\n", 0644);
	auto r = t.served(true);
	auto f = r.open_read("text.txt");
	netascii_source src(std::move(std::get<opened_file>(f).fd));
	std::vector<char> a(4), b(4), c(4);
	iovec v[] = {{a.data(), 4}, {b.data(), 4}, {c.data(), 4}};
	LONGS_EQUAL(9, *src.read_blocks(v));
	MEMCMP_EQUAL("a\r\nb", a.data(), 4);
	MEMCMP_EQUAL("\r\0c\r", b.data(), 4);
	MEMCMP_EQUAL("\n", c.data(), 1);

	auto w = r.open_write("back.txt");
	netascii_sink sink(std::move(std::get<opened_file>(w)));
	std::string wire("x\r\ny\r", 5);
	CHECK(sink.write(std::span<const std::uint8_t>(
	    reinterpret_cast<const std::uint8_t *>(wire.data()),
	    wire.size())).ok());
	std::string rest("\0z\r", 3);
	CHECK(sink.write(std::span<const std::uint8_t>(
	    reinterpret_cast<const std::uint8_t *>(rest.data()),
	    rest.size())).ok());
	CHECK(sink.finish().ok());
	int fd = open((t.root + "/back.txt").c_str(), O_RDONLY);
	char got[16] = {};
	LONGS_EQUAL(6, read(fd, got, sizeof got));
	close(fd);
	MEMCMP_EQUAL("x\ny\rz\r", got, 6);
}

TEST(files, errno_mapping)
{
	LONGS_EQUAL(1, static_cast<int>(error_for_errno(ENOENT).code));
	LONGS_EQUAL(2, static_cast<int>(error_for_errno(EACCES).code));
	LONGS_EQUAL(2, static_cast<int>(error_for_errno(EXDEV).code));
	LONGS_EQUAL(3, static_cast<int>(error_for_errno(ENOSPC).code));
	LONGS_EQUAL(6, static_cast<int>(error_for_errno(EEXIST).code));
}
