// lexer.h: the one token lexer for the suite's line-oriented files
// (named.boot, master files, sendmail.cf, gateways).  It turns an input into
// logical lines of tokens, each token knowing the line it came from, so a
// parser over it is grammar only.  What differs between the formats (comment
// characters, parentheses joining lines, quoted strings, continuation by
// leading white space) is chosen by lexer_options.
//
// A token's text is kept raw: backslash escapes (\X, \DDD) are left in it for
// the consumer, which knows whether it is a domain name (where "\." is a
// literal dot inside a label) or a character string.  Quotes are removed from
// a quoted token and the token is marked quoted.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "libnet/diag.h"

namespace net {

// One token of a logical line.
struct token {
	std::string text;		// raw: escapes kept, quotes removed
	unsigned line = 0;		// the physical line it started on
	bool quoted = false;		// was "..." in the input
};

// One logical line: its tokens and where it started.
struct token_line {
	std::vector<token> tokens;
	unsigned line = 0;		// the physical line it started on
	// The line began with a blank or tab (master files: the owner is the
	// previous record's; sendmail.cf: a continuation, already joined when
	// join_indented is set).
	bool indented = false;
};

// What a format's lexer does.
struct lexer_options {
	// Characters that start a comment running to the end of the physical
	// line (outside quotes and escapes): ";" for master files and
	// named.boot, "#" for sendmail.cf.
	std::string comment_chars = ";";
	// "(" ... ")" join physical lines into one logical line (RFC 1035
	// section 5.1); the parentheses are not tokens.  Unbalanced ones are
	// errors.
	bool parentheses = false;
	// "..." makes one token of text with blanks; an unterminated quote is
	// an error at the line where it opened.  A quote is special only at
	// the start of a token (a"b is one plain token), and the token ends at
	// the closing quote; comment characters and parentheses inside quotes
	// are text.  A quoted string does not run past its physical line.
	bool quotes = true;
	// A backslash escapes the next character (blank, quote, paren,
	// comment character) inside a token; the escape is kept in the text.
	// A backslash ending a physical line escapes nothing: an error.
	bool escapes = true;
	// A physical line starting with a blank or tab continues the previous
	// logical line (sendmail.cf).
	bool join_indented = false;
	// Longest physical line accepted; longer lines are reported and
	// skipped (as line_reader does).
	std::size_t max_line = 65535;
};

// Reads logical lines of tokens from in; diagnostics go to diags with the
// sink's origin and the physical line number.  The lexer reads in blocks,
// ahead of the lines it has returned: the stream is its alone.
class lexer {
public:
	lexer(std::istream &in, diag_sink &diags, lexer_options options = {});

	// The next logical line with at least one token (blank and comment-only
	// lines are skipped), or false at end of input.  After an error the
	// lexer goes on with the next line, so a parser reports every bad line.
	bool next(token_line &out);

	// The number of physical lines read so far.
	unsigned lines_read() const;

private:
	bool read_physical(std::string_view &line, unsigned &no,
	    bool &too_long);
	void fill();
	bool scan(std::string_view s, unsigned no);
	void add_token(std::string_view text, unsigned no, bool quoted);
	void drop_line();
	void give(token_line &out);

	std::istream &in_;
	diag_sink &diags_;
	lexer_options options_;
	// What each byte is to this format (the kind_ bits in lexer.cc).
	unsigned char kind_[256] = {};
	unsigned line_no_ = 0;
	// Input read ahead in blocks and scanned in place: a character at a
	// time through the istream, or a copy of every line, would dominate
	// loading a large zone.  Lines returned are views into buf_, good
	// until the next read.
	std::string buf_;
	std::size_t pos_ = 0;		// next byte to scan
	std::size_t end_ = 0;		// end of the bytes read
	bool eof_ = false;
	bool discarding_ = false;	// inside an overlong line
	// A physical line read ahead and given back (join_indented looks at
	// the line after a logical line to see whether it continues it);
	// still in buf_, since nothing is read before it is taken again.
	std::string_view pending_;
	bool have_pending_ = false;
	unsigned pending_no_ = 0;
	bool pending_too_long_ = false;
	// The logical line being built, and the parentheses open in it.
	token_line cur_;
	unsigned depth_ = 0;
	unsigned open_line_ = 0;	// where the outermost "(" was
	// After an error with join_indented: the indented lines that follow
	// belonged to the bad line and are dropped with it.
	bool skipping_ = false;
};

} // namespace net
