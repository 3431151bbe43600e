// The runner every unit-test binary shares.
#include <CppUTest/CommandLineTestRunner.h>
#include <CppUTest/MemoryLeakWarningPlugin.h>

int
main(int argc, char **argv)
{
	// Leaks are LeakSanitizer's job (make check SANITIZE=1); CppUTest's
	// own operator new overloads would hide heap errors from ASan.
	MemoryLeakWarningPlugin::turnOffNewDeleteOverloads();
	return CommandLineTestRunner::RunAllTests(argc, argv);
}
