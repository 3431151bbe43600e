// skip.h: a test that cannot run here (needs root, namespaces, a system
// file) says so and stops; tests/run-unit counts it as skipped, not passed
// (DESIGN §6).  Include it with the CppUTest headers, last.
#pragma once

#include <cstdio>

#include <CppUTest/TestHarness.h>

namespace net_test {

// Prints "SKIP <group>.<name>: reason" on a line of its own (CppUTest's
// progress dots may precede it), the form tests/run-unit counts.
inline void
print_skip(const char *reason)
{
	UtestShell *t = UtestShell::getCurrent();
	std::fflush(stdout);
	std::printf("\nSKIP %s.%s: %s\n", t->getGroup().asCharString(),
	    t->getName().asCharString(), reason);
	std::fflush(stdout);
}

} // namespace net_test

// Ends the current test as skipped, giving the reason.
#define NET_SKIP(reason)                           \
	do {                                       \
		net_test::print_skip(reason);      \
		TEST_EXIT;                         \
	} while (0)
