#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "libnet/daemon.h"

#include "fdio.h"

#include <CppUTest/TestHarness.h>

namespace {

// A scratch directory removed with everything in it.
struct scratch_dir {
	std::string path;
	scratch_dir()
	{
		char tmpl[] = "/tmp/daemon_test.XXXXXX";
		if (mkdtemp(tmpl))
			path = tmpl;
	}
	~scratch_dir()
	{
		std::error_code ec;
		if (!path.empty())
			std::filesystem::remove_all(path, ec);
	}
};

std::string
contents(const std::string &path)
{
	std::ifstream f(path);
	std::stringstream s;
	s << f.rdbuf();
	return s.str();
}

bool
exists(const std::string &path)
{
	struct stat st;
	return lstat(path.c_str(), &st) == 0;
}

// What the daemon reports about itself.
struct daemon_report {
	pid_t pid = 0;
	pid_t sid = 0;
	bool cwd_is_root = false;
	bool fd_on_null[3] = {false, false, false};
};

bool
is_dev_null(int fd)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && stat("/dev/null", &b) == 0 &&
	    S_ISCHR(a.st_mode) && a.st_rdev == b.st_rdev;
}

} // namespace

TEST_GROUP(daemon){};

TEST(daemon, daemonize_detaches_into_a_new_session_on_dev_null)
{
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC) == 0);
	pid_t child = fork();
	if (child == 0) {
		close(p[0]);
		if (!net::daemonize())
			_exit(3);
		// Only the detached process gets here.
		daemon_report r;
		r.pid = getpid();
		r.sid = getsid(0);
		char cwd[PATH_MAX];
		r.cwd_is_root = getcwd(cwd, sizeof cwd) &&
		    std::string(cwd) == "/";
		for (int fd = 0; fd <= 2; fd++)
			r.fd_on_null[fd] = is_dev_null(fd);
		(void)!write(p[1], &r, sizeof r);
		_exit(0);
	}
	close(p[1]);
	int st = 0;
	CHECK(waitpid(child, &st, 0) == child);
	// The parent side of daemonize() exits 0 at once (the shell or rc
	// script that started the daemon sees success).
	CHECK(WIFEXITED(st));
	LONGS_EQUAL(0, WEXITSTATUS(st));
	daemon_report r;
	CHECK(read_exactly(p[0], &r, sizeof r));
	close(p[0]);
	CHECK(r.pid != child);
	LONGS_EQUAL(r.pid, r.sid);
	CHECK(r.cwd_is_root);
	CHECK(r.fd_on_null[0]);
	CHECK(r.fd_on_null[1]);
	CHECK(r.fd_on_null[2]);
}

TEST(daemon, pidfile_holds_the_pid_and_goes_away_with_its_owner)
{
	scratch_dir d;
	std::string path = d.path + "/x.pid";
	{
		auto p = net::pidfile::create(path);
		CHECK_TEXT(p.ok(), p.ok() ? "" : p.err().message().c_str());
		STRCMP_EQUAL(path.c_str(), p->path().c_str());
		STRCMP_EQUAL((std::to_string(getpid()) + "\n").c_str(),
		    contents(path).c_str());
		// Moved: one owner, one unlink.
		net::pidfile moved = std::move(*p);
		CHECK(exists(path));
	}
	CHECK_FALSE(exists(path));
}

TEST(daemon, pidfile_refuses_a_second_copy_naming_the_running_pid)
{
	scratch_dir d;
	std::string path = d.path + "/x.pid";
	int ready[2], go[2];
	CHECK(pipe2(ready, O_CLOEXEC) == 0);
	CHECK(pipe2(go, O_CLOEXEC) == 0);
	pid_t child = fork();
	if (child == 0) {
		close(ready[0]);
		close(go[1]);
		auto p = net::pidfile::create(path);
		char c = p.ok() ? 'r' : 'e';
		(void)!write(ready[1], &c, 1);
		(void)!read(go[0], &c, 1);
		_exit(0);	// the lock goes with the process
	}
	close(ready[1]);
	close(go[0]);
	char c = 0;
	CHECK(read_exactly(ready[0], &c, 1));
	LONGS_EQUAL('r', c);
	auto second = net::pidfile::create(path);
	CHECK_FALSE(second.ok());
	LONGS_EQUAL(EEXIST, second.err().code);
	STRCMP_CONTAINS(("already locked by running pid " +
			    std::to_string(child)).c_str(),
	    second.err().message().c_str());
	// The refused attempt did not touch the running daemon's file.
	STRCMP_EQUAL((std::to_string(child) + "\n").c_str(),
	    contents(path).c_str());

	// Once it is gone its file is stale, and the next start takes over.
	close(go[1]);
	int st = 0;
	CHECK(waitpid(child, &st, 0) == child);
	close(ready[0]);
	CHECK(exists(path));
	auto third = net::pidfile::create(path);
	CHECK(third.ok());
	STRCMP_EQUAL((std::to_string(getpid()) + "\n").c_str(),
	    contents(path).c_str());
}

TEST(daemon, a_stale_pidfile_is_taken_over_and_rewritten)
{
	scratch_dir d;
	std::string path = d.path + "/x.pid";
	// Longer than what replaces it: no digits of the old pid may remain.
	std::ofstream(path) << "123456789012\n";
	auto p = net::pidfile::create(path);
	CHECK(p.ok());
	STRCMP_EQUAL((std::to_string(getpid()) + "\n").c_str(),
	    contents(path).c_str());
}

TEST(daemon, a_pidfile_for_after_the_fork_stays_empty_until_written)
{
	// A daemon that forks writes its pid only in the process that stays:
	// until then a reader finds no pid, never the parent's.
	scratch_dir d;
	std::string path = d.path + "/x.pid";
	std::ofstream(path) << "123456789012\n";
	auto p = net::pidfile::create(path, false);
	CHECK(p.ok());
	STRCMP_EQUAL("", contents(path).c_str());
	CHECK(p->write_pid().ok());
	STRCMP_EQUAL((std::to_string(getpid()) + "\n").c_str(),
	    contents(path).c_str());
}

TEST(daemon, the_same_process_cannot_lock_it_twice)
{
	scratch_dir d;
	std::string path = d.path + "/x.pid";
	auto a = net::pidfile::create(path);
	CHECK(a.ok());
	auto b = net::pidfile::create(path);
	CHECK_FALSE(b.ok());
	LONGS_EQUAL(EEXIST, b.err().code);
}

TEST(daemon, pidfile_is_not_followed_through_a_symbolic_link)
{
	// A link planted where the pidfile goes must not make a root daemon
	// truncate the file it points to.
	scratch_dir d;
	std::string target = d.path + "/precious";
	std::string path = d.path + "/x.pid";
	std::ofstream(target) << "keep me\n";
	CHECK(symlink(target.c_str(), path.c_str()) == 0);
	auto p = net::pidfile::create(path);
	CHECK_FALSE(p.ok());
	LONGS_EQUAL(ELOOP, p.err().code);
	STRCMP_CONTAINS(path.c_str(), p.err().message().c_str());
	STRCMP_EQUAL("keep me\n", contents(target).c_str());
}

TEST(daemon, pidfile_in_a_missing_directory_names_the_path)
{
	auto p = net::pidfile::create("/nonexistent-dir/x.pid");
	CHECK_FALSE(p.ok());
	LONGS_EQUAL(ENOENT, p.err().code);
	STRCMP_EQUAL("pidfile /nonexistent-dir/x.pid: No such file or directory",
	    p.err().message().c_str());
}

TEST(daemon, the_detached_child_rewrites_and_owns_the_pidfile)
{
	// The start-up order: create (so a second copy fails before
	// detaching), daemonize, write_pid in the child.
	scratch_dir d;
	std::string path = d.path + "/x.pid";
	auto p = net::pidfile::create(path);
	CHECK(p.ok());
	int done[2];
	CHECK(pipe2(done, O_CLOEXEC) == 0);
	pid_t child = fork();
	if (child == 0) {
		close(done[0]);
		bool ok = p->write_pid().ok();
		char c = ok ? 'w' : 'e';
		(void)!write(done[1], &c, 1);
		{
			net::pidfile mine = std::move(*p);
		}
		c = exists(path) ? 'k' : 'u';
		(void)!write(done[1], &c, 1);
		_exit(0);
	}
	close(done[1]);
	char c[2] = {};
	CHECK(read_exactly(done[0], c, 2));
	close(done[0]);
	int st = 0;
	CHECK(waitpid(child, &st, 0) == child);
	LONGS_EQUAL('w', c[0]);
	// The child wrote it last, so its destructor removed it.
	LONGS_EQUAL('u', c[1]);
	CHECK_FALSE(exists(path));
}
