// diag.h: what a parser reports about its input, with the place it came
// from.  Parsers never log; the program decides what is fatal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace net {

enum class severity { error, warning };

// One finding at origin:line ("/etc/inetd.conf:12: unknown socket type").
struct diagnostic {
	std::string origin;
	unsigned line = 0;		// 0: the input as a whole
	std::string message;
	severity level = severity::error;

	// "origin:line: message" ("warning: " before the message for
	// warnings), or "origin: message" for line 0, the input as a whole.
	std::string str() const;
};

// The entries a parser accepted plus what it had to say.
template <class E>
struct parsed {
	std::vector<E> entries;
	std::vector<diagnostic> diagnostics;

	// True when any diagnostic is an error (warnings do not count).
	bool
	has_errors() const
	{
		for (const auto &d : diagnostics)
			if (d.level == severity::error)
				return true;
		return false;
	}
};

// Collects diagnostics for one input; passed down through a parser.
class diag_sink {
public:
	diag_sink(std::vector<diagnostic> &out, std::string_view origin)
	    : out_(out), origin_(origin)
	{
	}

	void error(unsigned line, std::string msg);
	void warning(unsigned line, std::string msg);
	std::string_view origin() const { return origin_; }

private:
	std::vector<diagnostic> &out_;
	std::string origin_;
};

} // namespace net
