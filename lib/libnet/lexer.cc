#include "libnet/lexer.h"

#include <cstring>

namespace net {

namespace {

constexpr std::size_t block_size = 65536;

bool
is_blank(char c)
{
	// A CR inside a line is left over from mixed line endings: a blank
	// rather than a byte of some token.
	return c == ' ' || c == '\t' || c == '\r';
}

bool
begins_blank(const std::string &line)
{
	return !line.empty() && (line[0] == ' ' || line[0] == '\t');
}

} // namespace

lexer::lexer(std::istream &in, diag_sink &diags, lexer_options options)
    : in_(in), diags_(diags), options_(std::move(options))
{
}

unsigned
lexer::lines_read() const
{
	return line_no_;
}

// The next physical line without its newline (and trailing CR), its number,
// and whether it was longer than max_line (then it is cut short); false at
// end of input.
bool
lexer::read_physical(std::string &line, unsigned &no, bool &too_long)
{
	if (have_pending_) {
		have_pending_ = false;
		line.swap(pending_);
		no = pending_no_;
		too_long = pending_too_long_;
		return true;
	}
	line.clear();
	too_long = false;
	bool got = false;
	for (;;) {
		if (pos_ == buf_.size()) {
			if (eof_)
				break;
			buf_.resize(block_size);
			in_.read(buf_.data(), block_size);
			buf_.resize(static_cast<std::size_t>(in_.gcount()));
			pos_ = 0;
			if (buf_.size() < block_size)
				eof_ = true;
			continue;
		}
		got = true;
		const char *start = buf_.data() + pos_;
		std::size_t avail = buf_.size() - pos_;
		auto nl = static_cast<const char *>(
		    std::memchr(start, '\n', avail));
		std::size_t n = nl != nullptr ?
		    static_cast<std::size_t>(nl - start) : avail;
		std::size_t room = line.size() < options_.max_line ?
		    options_.max_line - line.size() : 0;
		if (n > room) {
			too_long = true;
			line.append(start, room);
		} else {
			line.append(start, n);
		}
		pos_ += n;
		if (nl != nullptr) {
			pos_++;
			break;
		}
	}
	if (!got)
		return false;
	no = ++line_no_;
	if (!line.empty() && line.back() == '\r')
		line.pop_back();
	return true;
}

void
lexer::unread(std::string &line, unsigned no, bool too_long)
{
	pending_.swap(line);
	pending_no_ = no;
	pending_too_long_ = too_long;
	have_pending_ = true;
}

void
lexer::drop_line()
{
	cur_.tokens.clear();
	depth_ = 0;
	skipping_ = options_.join_indented;
}

// Adds the tokens of one physical line to cur_; false (reported) when the
// line is malformed.
bool
lexer::scan(std::string_view s, unsigned no)
{
	const auto &o = options_;
	std::size_t i = 0, n = s.size();
	while (i < n) {
		char c = s[i];
		if (is_blank(c)) {
			i++;
			continue;
		}
		if (o.comment_chars.find(c) != std::string::npos)
			return true;
		if (o.parentheses && c == '(') {
			if (depth_++ == 0)
				open_line_ = no;
			i++;
			continue;
		}
		if (o.parentheses && c == ')') {
			if (depth_ == 0) {
				diags_.error(no, "')' without '('");
				return false;
			}
			depth_--;
			i++;
			continue;
		}
		if (o.quotes && c == '"') {
			std::size_t j = i + 1;
			while (j < n && s[j] != '"')
				j += o.escapes && s[j] == '\\' ? 2 : 1;
			if (j >= n) {
				diags_.error(no, "unterminated quoted string");
				return false;
			}
			cur_.tokens.push_back({std::string(
			    s.substr(i + 1, j - i - 1)), no, true});
			i = j + 1;
			continue;
		}
		std::size_t start = i;
		while (i < n) {
			c = s[i];
			if (is_blank(c) ||
			    o.comment_chars.find(c) != std::string::npos ||
			    (o.parentheses && (c == '(' || c == ')')))
				break;
			if (o.escapes && c == '\\') {
				if (i + 1 == n) {
					diags_.error(no, "'\\' at end of line");
					return false;
				}
				i += 2;
				continue;
			}
			i++;
		}
		cur_.tokens.push_back(
		    {std::string(s.substr(start, i - start)), no, false});
	}
	return true;
}

bool
lexer::next(token_line &out)
{
	std::string line;
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
				if (got)
					unread(line, no, too_long);
				started = false;
				if (!cur_.tokens.empty()) {
					out = std::move(cur_);
					cur_ = token_line{};
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
		if (depth_ == 0 && cur_.tokens.empty())
			started = false;
		else if (depth_ == 0 && !options_.join_indented) {
			started = false;
			out = std::move(cur_);
			cur_ = token_line{};
			return true;
		}
	}
}

} // namespace net
