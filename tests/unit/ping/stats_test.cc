#include "../../../bin/ping/stats.h"

#include <CppUTest/TestHarness.h>

TEST_GROUP(stats){};

TEST(stats, rtt_with_three_significant_digits)
{
	STRCMP_EQUAL("0.045", ping::format_rtt(45000).c_str());
	STRCMP_EQUAL("0.999", ping::format_rtt(999000).c_str());
	// Cut to the microsecond first, as iputils' clocks are.
	STRCMP_EQUAL("0.999", ping::format_rtt(999600).c_str());
	STRCMP_EQUAL("1.00", ping::format_rtt(1000000).c_str());
	STRCMP_EQUAL("9.99", ping::format_rtt(9994000).c_str());
	STRCMP_EQUAL("10.0", ping::format_rtt(9995000).c_str());
	STRCMP_EQUAL("99.9", ping::format_rtt(99949000).c_str());
	STRCMP_EQUAL("1.23", ping::format_rtt(1234000).c_str());
	STRCMP_EQUAL("12.3", ping::format_rtt(12345000).c_str());
	STRCMP_EQUAL("100", ping::format_rtt(99960000).c_str());
	STRCMP_EQUAL("1019", ping::format_rtt(1019446000).c_str());
	STRCMP_EQUAL("0.000", ping::format_rtt(-5).c_str());
}

TEST(stats, summary_like_iputils)
{
	ping::statistics s;
	for (int i = 0; i < 3; i++)
		s.on_transmit();
	s.on_reply(100000);
	s.on_reply(200000);
	s.on_duplicate(300000);
	STRCMP_EQUAL("3 packets transmitted, 2 received, +1 duplicates, "
		     "33.3333% packet loss, time 401ms",
	    s.summary(400600000).c_str());
	// Duplicates count in the times, as in iputils.
	STRCMP_EQUAL("rtt min/avg/max/mdev = 0.100/0.200/0.300/0.081 ms",
	    s.rtt_line(0, false).c_str());
	STRCMP_EQUAL("2/3 packets, 33% loss, min/avg/ewma/max = "
		     "0.100/0.200/0.135/0.300 ms",
	    s.interim().c_str());
}

TEST(stats, errors_pipe_and_nothing_back)
{
	ping::statistics s;
	for (int i = 0; i < 3; i++)
		s.on_transmit();
	s.on_error();
	s.on_answer_to(1);
	s.on_error();
	s.on_answer_to(2);
	s.on_error();
	s.on_answer_to(3);
	STRCMP_EQUAL("3 packets transmitted, 0 received, +3 errors, 100% "
		     "packet loss, time 1000ms",
	    s.summary(1000000000).c_str());
	STRCMP_EQUAL("pipe 3", s.rtt_line(0, false).c_str());
	LONGS_EQUAL(0, s.in_flight());
	ping::statistics none;
	STRCMP_EQUAL("0 packets transmitted, 0 received",
	    none.summary(0).c_str());
	STRCMP_EQUAL("", none.rtt_line(0, true).c_str());
	STRCMP_EQUAL("0/0 packets, 0% loss", none.interim().c_str());
}

TEST(stats, flood_figures_and_corruption)
{
	ping::statistics s;
	for (int i = 0; i < 5; i++)
		s.on_transmit();
	for (int i = 0; i < 4; i++)
		s.on_reply(10000);
	s.on_corrupt();
	LONGS_EQUAL(1, s.in_flight());
	STRCMP_EQUAL("5 packets transmitted, 4 received, +1 corrupted, 20% "
		     "packet loss, time 2ms",
	    s.summary(2000000).c_str());
	STRCMP_EQUAL("rtt min/avg/max/mdev = 0.010/0.010/0.010/0.000 ms, "
		     "ipg/ewma 0.500/0.010 ms",
	    s.rtt_line(2000000, true).c_str());
}
