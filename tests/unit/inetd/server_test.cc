#include <sys/resource.h>

#include "server.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(descriptors){};

TEST(descriptors, the_soft_limit_is_raised_to_what_the_sockets_need)
{
	// 1,200 sockets under the usual 1024: raised, with room to spare
	// for connections, within the hard limit.
	auto p = inetd::plan_descriptors(1200, 1024, 4096);
	LONGS_EQUAL(1328, p.soft);
	LONGS_EQUAL(1200, p.sockets);
	p = inetd::plan_descriptors(1200, 1024, RLIM_INFINITY);
	LONGS_EQUAL(1328, p.soft);
	LONGS_EQUAL(1200, p.sockets);
}

TEST(descriptors, a_limit_already_enough_is_left_alone)
{
	auto p = inetd::plan_descriptors(10, 1024, 4096);
	LONGS_EQUAL(1024, p.soft);
	LONGS_EQUAL(10, p.sockets);
	p = inetd::plan_descriptors(10, 65536, 65536);
	LONGS_EQUAL(65536, p.soft);
	p = inetd::plan_descriptors(0, 1024, 1024);
	LONGS_EQUAL(1024, p.soft);
	LONGS_EQUAL(0, p.sockets);
}

TEST(descriptors, past_the_hard_limit_what_fits_is_served)
{
	// The reserve stays free so that connections can still be taken.
	auto p = inetd::plan_descriptors(1200, 1024, 1024);
	LONGS_EQUAL(1024, p.soft);
	LONGS_EQUAL(896, p.sockets);
	p = inetd::plan_descriptors(1200, 512, 1100);
	LONGS_EQUAL(1100, p.soft);
	LONGS_EQUAL(972, p.sockets);
	// A tiny limit keeps half of itself free, not all of it.
	p = inetd::plan_descriptors(100, 64, 64);
	LONGS_EQUAL(64, p.soft);
	LONGS_EQUAL(32, p.sockets);
}
