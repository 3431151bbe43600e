#include "libnet/lexer.h"

#include <cstring>

namespace net {

namespace {

constexpr std::size_t block_size = 65536;

// kind_ bits.
constexpr unsigned char k_blank = 1;
constexpr unsigned char k_comment = 2;
constexpr unsigned char k_paren = 4;
constexpr unsigned char k_quote = 8;
constexpr unsigned char k_escape = 16;
// What ends a plain token.
constexpr unsigned char k_stop = k_blank | k_comment | k_paren;

bool
begins_blank(std::string_view line)
{
	return !line.empty() && (line[0] == ' ' || line[0] == '\t');
}

} // namespace

lexer::lexer(std::istream &in, diag_sink &diags, lexer_options options)
    : in_(in), diags_(diags), options_(std::move(options))
{
	// A CR inside a line is left over from mixed line endings: a blank
	// rather than a byte of some token.
	kind_[static_cast<unsigned char>(' ')] |= k_blank;
	kind_[static_cast<unsigned char>('\t')] |= k_blank;
	kind_[static_cast<unsigned char>('\r')] |= k_blank;
	for (char c : options_.comment_chars)
		kind_[static_cast<unsigned char>(c)] |= k_comment;
	if (options_.parentheses) {
		kind_[static_cast<unsigned char>('(')] |= k_paren;
		kind_[static_cast<unsigned char>(')')] |= k_paren;
	}
	if (options_.quotes)
		kind_[static_cast<unsigned char>('"')] |= k_quote;
	if (options_.escapes)
		kind_[static_cast<unsigned char>('\\')] |= k_escape;
}

unsigned
lexer::lines_read() const
{
	return line_no_;
}

// Appends what the stream has to buf_[end_...).
void
lexer::fill()
{
	if (buf_.empty())
		buf_.resize(block_size);
	std::size_t want = buf_.size() - end_;
	in_.read(buf_.data() + end_, static_cast<std::streamsize>(want));
	auto got = static_cast<std::size_t>(in_.gcount());
	end_ += got;
	if (got < want)
		eof_ = true;
}

// The next physical line without its newline (and trailing CR), its number,
// and whether it was longer than max_line (then it is empty); false at the
// end of input.
bool
lexer::read_physical(std::string_view &line, unsigned &no, bool &too_long)
{
	if (have_pending_) {
		have_pending_ = false;
		line = pending_;
		no = pending_no_;
		too_long = pending_too_long_;
		return true;
	}
	too_long = false;
	for (;;) {
		const char *start = buf_.data() + pos_;
		std::size_t avail = end_ - pos_;
		auto nl = static_cast<const char *>(
		    avail > 0 ? std::memchr(start, '\n', avail) : nullptr);
		if (nl != nullptr || eof_) {
			if (nl == nullptr && avail == 0 && !discarding_)
				return false;
			std::size_t n = nl != nullptr ?
			    static_cast<std::size_t>(nl - start) : avail;
			pos_ += nl != nullptr ? n + 1 : n;
			if (discarding_ || n > options_.max_line) {
				discarding_ = false;
				too_long = true;
				line = {};
			} else {
				line = std::string_view(start, n);
			}
			break;
		}
		// No newline in what is read: an overlong line is dropped as
		// it goes, a short one moved to the front to be completed.
		if (discarding_ || avail > options_.max_line) {
			discarding_ = true;
			pos_ = end_ = 0;
		} else {
			if (pos_ > 0)
				std::memmove(buf_.data(), start, avail);
			pos_ = 0;
			end_ = avail;
			if (end_ == buf_.size() && end_ > 0)
				buf_.resize(buf_.size() * 2);
		}
		fill();
	}
	no = ++line_no_;
	if (!line.empty() && line.back() == '\r')
		line.remove_suffix(1);
	return true;
}

void
lexer::drop_line()
{
	cur_.tokens.clear();
	depth_ = 0;
	skipping_ = options_.join_indented;
}

void
lexer::add_token(std::string_view text, unsigned no, bool quoted)
{
	auto &t = cur_.tokens.emplace_back();
	t.text.assign(text);
	t.line = no;
	t.quoted = quoted;
}

// Hands the logical line over; the caller's old vector is kept for the
// next one, so its storage is reused.
void
lexer::give(token_line &out)
{
	out.tokens.swap(cur_.tokens);
	out.line = cur_.line;
	out.indented = cur_.indented;
	cur_.tokens.clear();
}

// Adds the tokens of one physical line to cur_; false (reported) when the
// line is malformed.
bool
lexer::scan(std::string_view s, unsigned no)
{
	std::size_t i = 0, n = s.size();
	while (i < n) {
		char c = s[i];
		unsigned char k = kind_[static_cast<unsigned char>(c)];
		if (k & k_blank) {
			i++;
			continue;
		}
		if (k & k_comment)
			return true;
		if (k & k_paren) {
			if (c == '(') {
				if (depth_++ == 0)
					open_line_ = no;
			} else if (depth_ == 0) {
				diags_.error(no, "')' without '('");
				return false;
			} else {
				depth_--;
			}
			i++;
			continue;
		}
		if (k & k_quote) {
			std::size_t j = i + 1;
			while (j < n && s[j] != '"')
				j += kind_[static_cast<unsigned char>(s[j])] &
				    k_escape ? 2 : 1;
			if (j >= n) {
				diags_.error(no, "unterminated quoted string");
				return false;
			}
			add_token(s.substr(i + 1, j - i - 1), no, true);
			i = j + 1;
			continue;
		}
		std::size_t start = i;
		while (i < n) {
			k = kind_[static_cast<unsigned char>(s[i])];
			if (k & k_stop)
				break;
			if (k & k_escape) {
				if (i + 1 == n) {
					diags_.error(no, "'\\' at end of line");
					return false;
				}
				i += 2;
				continue;
			}
			i++;
		}
		add_token(s.substr(start, i - start), no, false);
	}
	return true;
}

bool
lexer::next(token_line &out)
{
	std::string_view line;
	unsigned no = 0;
	bool too_long = false;
	bool started = false;
	for (;;) {
		bool got = read_physical(line, no, too_long);
		// A complete logical line ends here unless this physical line
		// continues it (sendmail.cf folding).
		bool continues = false;
		if (started && depth_ == 0) {
			continues = got && options_.join_indented &&
			    begins_blank(line) && !too_long;
			if (!continues) {
				if (got) {
					pending_ = line;
					pending_no_ = no;
					pending_too_long_ = too_long;
					have_pending_ = true;
				}
				started = false;
				if (!cur_.tokens.empty()) {
					give(out);
					return true;
				}
				if (!got)
					return false;
				continue;
			}
		}
		if (!got) {
			if (depth_ > 0) {
				diags_.error(open_line_,
				    "'(' without ')' before the end of input");
				drop_line();
			}
			return false;
		}
		if (too_long) {
			diags_.error(no, "line longer than " +
			    std::to_string(options_.max_line) +
			    " bytes, ignored");
			drop_line();
			started = false;
			continue;
		}
		if (!started) {
			if (skipping_ && begins_blank(line))
				continue;
			skipping_ = false;
			cur_.tokens.clear();
			cur_.line = no;
			cur_.indented = begins_blank(line);
			started = true;
		}
		if (!scan(line, no)) {
			drop_line();
			started = false;
			continue;
		}
		// Complete: returned at once, unless lines may continue it;
		// a blank line is never continued.
		if (depth_ == 0 && cur_.tokens.empty()) {
			started = false;
		} else if (depth_ == 0 && !options_.join_indented) {
			started = false;
			give(out);
			return true;
		}
	}
}

} // namespace net
