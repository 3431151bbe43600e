#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "libnet/fs.h"

#include <CppUTest/TestHarness.h>

namespace {

// A scratch tree: root/{in.txt, sub/deep.txt, up -> .., abs -> /etc,
// ok -> sub/deep.txt, proc -> /proc/self/root} and outside.txt next to it.
struct tree {
	std::string top;
	std::string root;

	tree()
	{
		char tmpl[] = "/tmp/fs_test.XXXXXX";
		top = mkdtemp(tmpl);
		root = top + "/root";
		mkdir(root.c_str(), 0755);
		mkdir((root + "/sub").c_str(), 0755);
		put(root + "/in.txt");
		put(root + "/sub/deep.txt");
		put(top + "/outside.txt");
		(void)!symlink("..", (root + "/up").c_str());
		(void)!symlink("/etc", (root + "/abs").c_str());
		(void)!symlink("sub/deep.txt", (root + "/ok").c_str());
		(void)!symlink("/proc/self/root", (root + "/proc").c_str());
	}

	~tree()
	{
		std::string cmd = "rm -rf '" + top + "'";
		(void)!std::system(cmd.c_str());
	}

	static void
	put(const std::string &p)
	{
		int fd = open(p.c_str(), O_CREAT | O_WRONLY, 0644);
		(void)!write(fd, "x", 1);
		close(fd);
	}
};

int
open_errno(int dirfd, const char *p, net::resolve_scope s =
    net::resolve_scope::beneath)
{
	auto r = net::open_beneath(dirfd, p, O_RDONLY, 0, s);
	return r.ok() ? 0 : r.err().code;
}

int
walk_errno(int dirfd, const char *p)
{
	auto r = net::open_beneath_walk(dirfd, p, O_RDONLY);
	return r.ok() ? 0 : r.err().code;
}

} // namespace

TEST_GROUP(fs){};

TEST(fs, opens_inside)
{
	tree t;
	auto root = net::open_root(t.root);
	CHECK(root.ok());
	LONGS_EQUAL(0, open_errno(root->get(), "in.txt"));
	LONGS_EQUAL(0, open_errno(root->get(), "sub/deep.txt"));
	LONGS_EQUAL(0, open_errno(root->get(), "sub/../in.txt"));
	LONGS_EQUAL(0, open_errno(root->get(), "ok"));
	LONGS_EQUAL(ENOENT, open_errno(root->get(), "missing"));
	LONGS_EQUAL(ENOENT, open_errno(root->get(), ""));
}

TEST(fs, refuses_every_way_out)
{
	tree t;
	auto root = net::open_root(t.root);
	LONGS_EQUAL(EXDEV, open_errno(root->get(), "../outside.txt"));
	LONGS_EQUAL(EXDEV, open_errno(root->get(), "sub/../../outside.txt"));
	LONGS_EQUAL(EXDEV, open_errno(root->get(), "/etc/passwd"));
	LONGS_EQUAL(EXDEV, open_errno(root->get(), "up/outside.txt"));
	LONGS_EQUAL(EXDEV, open_errno(root->get(), "abs/passwd"));
	int e = open_errno(root->get(), "proc/etc/passwd");
	CHECK(e == EXDEV || e == ELOOP);
}

TEST(fs, in_root_clamps_instead)
{
	tree t;
	auto root = net::open_root(t.root);
	LONGS_EQUAL(0, open_errno(root->get(), "/in.txt",
	    net::resolve_scope::in_root));
	LONGS_EQUAL(0, open_errno(root->get(), "../../in.txt",
	    net::resolve_scope::in_root));
	LONGS_EQUAL(ENOENT, open_errno(root->get(), "../outside.txt",
	    net::resolve_scope::in_root));
}

TEST(fs, creates_beneath_with_mode)
{
	tree t;
	auto root = net::open_root(t.root);
	auto f = net::open_beneath(root->get(), "sub/new.txt",
	    O_WRONLY | O_CREAT | O_EXCL, 0640);
	CHECK(f.ok());
	struct stat st;
	CHECK(fstat(f->get(), &st) == 0);
	LONGS_EQUAL(0640, st.st_mode & 0777 & ~0022);
	CHECK((fcntl(f->get(), F_GETFD) & FD_CLOEXEC) != 0);
	auto out = net::open_beneath(root->get(), "../made.txt",
	    O_WRONLY | O_CREAT, 0644);
	CHECK_FALSE(out.ok());
	CHECK(access((t.top + "/made.txt").c_str(), F_OK) != 0);
}

TEST(fs, walk_fallback_refuses_links_and_dotdot)
{
	tree t;
	auto root = net::open_root(t.root);
	LONGS_EQUAL(0, walk_errno(root->get(), "in.txt"));
	LONGS_EQUAL(0, walk_errno(root->get(), "sub//deep.txt"));
	LONGS_EQUAL(0, walk_errno(root->get(), "./sub/deep.txt"));
	LONGS_EQUAL(EXDEV, walk_errno(root->get(), "../outside.txt"));
	LONGS_EQUAL(EXDEV, walk_errno(root->get(), "sub/../in.txt"));
	LONGS_EQUAL(EXDEV, walk_errno(root->get(), "/etc/passwd"));
	LONGS_EQUAL(ELOOP, walk_errno(root->get(), "ok"));
	LONGS_EQUAL(ENOTDIR, walk_errno(root->get(), "abs/passwd"));
	LONGS_EQUAL(ENOENT, walk_errno(root->get(), ""));
}
