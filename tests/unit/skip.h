// skip.h: a unit test that cannot run here (not root, no namespaces, no
// system file) says why and stops.  tests/run-unit counts the line
// "SKIP <group>.<name>: reason" as a skip, so the test is not reported as
// passed.  Include it before the CppUTest headers, like any other header.
#pragma once

#include <cstdio>

// Ends the current test as skipped, with reason.  The line starts on a
// line of its own: CppUTest's progress dots share stdout.
#define SKIP_TEST(reason)                                                  \
	do {                                                               \
		std::printf("\nSKIP %s.%s: %s\n",                          \
		    UtestShell::getCurrent()->getGroup().asCharString(),    \
		    UtestShell::getCurrent()->getName().asCharString(),     \
		    (reason));                                             \
		std::fflush(stdout);                                       \
		TEST_EXIT;                                                 \
	} while (0)
