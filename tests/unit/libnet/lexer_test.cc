#include <sstream>
#include <string>
#include <vector>

#include "libnet/lexer.h"

#include <CppUTest/TestHarness.h>

namespace {

struct lexed {
	std::vector<net::token_line> lines;
	std::vector<net::diagnostic> diags;
};

lexed
lex(const std::string &text, net::lexer_options o = {})
{
	lexed r;
	std::istringstream in(text);
	net::diag_sink sink(r.diags, "f");
	net::lexer lx(in, sink, o);
	net::token_line l;
	while (lx.next(l))
		r.lines.push_back(l);
	return r;
}

// The tokens of a line joined by '|', to compare in one assertion.
std::string
joined(const net::token_line &l)
{
	std::string s;
	for (const auto &t : l.tokens) {
		if (!s.empty())
			s += '|';
		s += t.text;
	}
	return s;
}

net::lexer_options
master_options()
{
	net::lexer_options o;
	o.parentheses = true;
	return o;
}

} // namespace

TEST_GROUP(lexer){};

TEST(lexer, tokens_split_at_blanks_and_tabs_with_their_lines)
{
	auto r = lex("a b\tc\n\n   \n; only a comment\nd  e ; comment\n");
	CHECK(r.diags.empty());
	LONGS_EQUAL(2, r.lines.size());
	STRCMP_EQUAL("a|b|c", joined(r.lines[0]).c_str());
	LONGS_EQUAL(1, r.lines[0].line);
	STRCMP_EQUAL("d|e", joined(r.lines[1]).c_str());
	LONGS_EQUAL(5, r.lines[1].line);
	LONGS_EQUAL(5, r.lines[1].tokens[1].line);
	CHECK_FALSE(r.lines[1].tokens[0].quoted);
}

TEST(lexer, a_comment_character_ends_a_token)
{
	auto r = lex("abc;def ghi\n");
	LONGS_EQUAL(1, r.lines.size());
	STRCMP_EQUAL("abc", joined(r.lines[0]).c_str());
}

TEST(lexer, comment_characters_are_chosen_by_the_format)
{
	net::lexer_options o;
	o.comment_chars = "#";
	auto r = lex("R$* ; x # comment\n# whole line\n", o);
	LONGS_EQUAL(1, r.lines.size());
	STRCMP_EQUAL("R$*|;|x", joined(r.lines[0]).c_str());
}

TEST(lexer, last_line_without_newline_and_crlf_endings)
{
	auto r = lex("a b\r\nc d");
	CHECK(r.diags.empty());
	LONGS_EQUAL(2, r.lines.size());
	STRCMP_EQUAL("a|b", joined(r.lines[0]).c_str());
	STRCMP_EQUAL("c|d", joined(r.lines[1]).c_str());
	LONGS_EQUAL(2, r.lines[1].line);
}

TEST(lexer, parentheses_join_physical_lines_and_are_not_tokens)
{
	auto r = lex("@ IN SOA ns. root. (\n"
		     "\t1 ; serial\n"
		     "\t2 3\n"
		     "\t4 5 )\n"
		     "x A 1.2.3.4\n",
	    master_options());
	CHECK(r.diags.empty());
	LONGS_EQUAL(2, r.lines.size());
	STRCMP_EQUAL("@|IN|SOA|ns.|root.|1|2|3|4|5",
	    joined(r.lines[0]).c_str());
	LONGS_EQUAL(1, r.lines[0].line);
	LONGS_EQUAL(2, r.lines[0].tokens[5].line);
	LONGS_EQUAL(4, r.lines[0].tokens[9].line);
	LONGS_EQUAL(5, r.lines[1].line);
}

TEST(lexer, parentheses_delimit_tokens_and_may_nest)
{
	auto r = lex("a(b)c ((d\n)e)\n", master_options());
	CHECK(r.diags.empty());
	LONGS_EQUAL(1, r.lines.size());
	STRCMP_EQUAL("a|b|c|d|e", joined(r.lines[0]).c_str());
}

TEST(lexer, without_the_option_parentheses_are_text)
{
	auto r = lex("a (b) c\n");
	CHECK(r.diags.empty());
	STRCMP_EQUAL("a|(b)|c", joined(r.lines[0]).c_str());
}

TEST(lexer, close_without_open_is_an_error_and_the_next_line_goes_on)
{
	auto r = lex("a b )\nc d\n", master_options());
	LONGS_EQUAL(1, r.diags.size());
	STRCMP_EQUAL("f:1: ')' without '('", r.diags[0].str().c_str());
	LONGS_EQUAL(1, r.lines.size());
	STRCMP_EQUAL("c|d", joined(r.lines[0]).c_str());
}

TEST(lexer, open_without_close_is_reported_at_the_opening_line)
{
	auto r = lex("x y\na (\nb\nc\n", master_options());
	LONGS_EQUAL(1, r.diags.size());
	STRCMP_EQUAL("f:2: '(' without ')' before the end of input",
	    r.diags[0].str().c_str());
	LONGS_EQUAL(1, r.lines.size());
	STRCMP_EQUAL("x|y", joined(r.lines[0]).c_str());
}

TEST(lexer, quoted_strings_keep_blanks_comments_and_parentheses)
{
	auto r = lex("h HINFO \"VAX 11/780\" \"a ; (b)\" \"\"\n",
	    master_options());
	CHECK(r.diags.empty());
	const auto &t = r.lines.at(0).tokens;
	LONGS_EQUAL(5, t.size());
	STRCMP_EQUAL("VAX 11/780", t[2].text.c_str());
	CHECK(t[2].quoted);
	STRCMP_EQUAL("a ; (b)", t[3].text.c_str());
	STRCMP_EQUAL("", t[4].text.c_str());
	CHECK(t[4].quoted);
	CHECK_FALSE(t[1].quoted);
}

TEST(lexer, an_escaped_quote_stays_inside_the_string_raw)
{
	auto r = lex("\"say \\\"hi\\\"\" x\n");
	CHECK(r.diags.empty());
	const auto &t = r.lines.at(0).tokens;
	LONGS_EQUAL(2, t.size());
	STRCMP_EQUAL("say \\\"hi\\\"", t[0].text.c_str());
}

TEST(lexer, a_quote_is_special_only_at_the_start_of_a_token)
{
	auto r = lex("a\"b \"c\"d\n");
	CHECK(r.diags.empty());
	const auto &t = r.lines.at(0).tokens;
	LONGS_EQUAL(3, t.size());
	STRCMP_EQUAL("a\"b", t[0].text.c_str());
	STRCMP_EQUAL("c", t[1].text.c_str());
	CHECK(t[1].quoted);
	STRCMP_EQUAL("d", t[2].text.c_str());
}

TEST(lexer, without_the_option_quotes_are_text)
{
	net::lexer_options o;
	o.quotes = false;
	auto r = lex("\"a b\"\n", o);
	STRCMP_EQUAL("\"a|b\"", joined(r.lines.at(0)).c_str());
}

TEST(lexer, unterminated_quote_is_an_error_even_inside_parentheses)
{
	auto r = lex("a \"b c\nd e\nf ( \"g\nh )\ni\n", master_options());
	LONGS_EQUAL(3, r.diags.size());
	STRCMP_EQUAL("f:1: unterminated quoted string",
	    r.diags[0].str().c_str());
	STRCMP_EQUAL("f:3: unterminated quoted string",
	    r.diags[1].str().c_str());
	// The group's rest is a line of its own, with a stray ')'.
	STRCMP_EQUAL("f:4: ')' without '('", r.diags[2].str().c_str());
	LONGS_EQUAL(2, r.lines.size());
	STRCMP_EQUAL("d|e", joined(r.lines[0]).c_str());
	STRCMP_EQUAL("i", joined(r.lines[1]).c_str());
}

TEST(lexer, escapes_are_kept_raw_and_take_away_special_meaning)
{
	auto r = lex("a\\ b c\\;d e\\(f\\) g\\.h \\065\\\\ \\\"q\n",
	    master_options());
	CHECK(r.diags.empty());
	const auto &t = r.lines.at(0).tokens;
	LONGS_EQUAL(6, t.size());
	STRCMP_EQUAL("a\\ b", t[0].text.c_str());
	STRCMP_EQUAL("c\\;d", t[1].text.c_str());
	STRCMP_EQUAL("e\\(f\\)", t[2].text.c_str());
	STRCMP_EQUAL("g\\.h", t[3].text.c_str());
	STRCMP_EQUAL("\\065\\\\", t[4].text.c_str());
	STRCMP_EQUAL("\\\"q", t[5].text.c_str());
	CHECK_FALSE(t[5].quoted);
}

TEST(lexer, a_backslash_ending_a_line_is_an_error)
{
	auto r = lex("a b\\\nc\n");
	LONGS_EQUAL(1, r.diags.size());
	STRCMP_EQUAL("f:1: '\\' at end of line", r.diags[0].str().c_str());
	LONGS_EQUAL(1, r.lines.size());
	STRCMP_EQUAL("c", joined(r.lines[0]).c_str());
}

TEST(lexer, without_the_option_a_backslash_is_text)
{
	net::lexer_options o;
	o.escapes = false;
	auto r = lex("a\\ b c\\\n", o);
	CHECK(r.diags.empty());
	STRCMP_EQUAL("a\\|b|c\\", joined(r.lines.at(0)).c_str());
}

TEST(lexer, indented_lines_are_marked)
{
	auto r = lex("a A 1\n\tA 2\n  B 3\nc\n");
	LONGS_EQUAL(4, r.lines.size());
	CHECK_FALSE(r.lines[0].indented);
	CHECK(r.lines[1].indented);
	CHECK(r.lines[2].indented);
	CHECK_FALSE(r.lines[3].indented);
}

TEST(lexer, join_indented_folds_continuation_lines)
{
	net::lexer_options o;
	o.comment_chars = "#";
	o.join_indented = true;
	auto r = lex("Ha\n\tb c\n  d\nHe f\n\n\tg\n", o);
	CHECK(r.diags.empty());
	LONGS_EQUAL(3, r.lines.size());
	STRCMP_EQUAL("Ha|b|c|d", joined(r.lines[0]).c_str());
	LONGS_EQUAL(1, r.lines[0].line);
	LONGS_EQUAL(3, r.lines[0].tokens[3].line);
	STRCMP_EQUAL("He|f", joined(r.lines[1]).c_str());
	// A blank line ends folding: the last line begins a logical line.
	STRCMP_EQUAL("g", joined(r.lines[2]).c_str());
	CHECK(r.lines[2].indented);
	LONGS_EQUAL(6, r.lines[2].line);
}

TEST(lexer, after_an_error_its_continuation_lines_are_dropped_too)
{
	net::lexer_options o;
	o.join_indented = true;
	auto r = lex("a \"b\n\tc\n\td\ne\n", o);
	LONGS_EQUAL(1, r.diags.size());
	LONGS_EQUAL(1, r.lines.size());
	STRCMP_EQUAL("e", joined(r.lines[0]).c_str());
	LONGS_EQUAL(4, r.lines[0].line);
}

TEST(lexer, overlong_lines_are_reported_and_skipped)
{
	net::lexer_options o = master_options();
	o.max_line = 10;
	auto r = lex("a b\n" + std::string(11, 'x') + "\nc d\n"
		     "e ( f\n" + std::string(40, 'y') + "\ng )\nh\n", o);
	LONGS_EQUAL(3, r.diags.size());
	STRCMP_EQUAL("f:2: line longer than 10 bytes, ignored",
	    r.diags[0].str().c_str());
	STRCMP_EQUAL("f:5: line longer than 10 bytes, ignored",
	    r.diags[1].str().c_str());
	STRCMP_EQUAL("f:6: ')' without '('", r.diags[2].str().c_str());
	LONGS_EQUAL(3, r.lines.size());
	STRCMP_EQUAL("a|b", joined(r.lines[0]).c_str());
	STRCMP_EQUAL("c|d", joined(r.lines[1]).c_str());
	STRCMP_EQUAL("h", joined(r.lines[2]).c_str());
	LONGS_EQUAL(7, r.lines[2].line);
}

TEST(lexer, a_line_of_exactly_the_limit_is_accepted)
{
	net::lexer_options o;
	o.max_line = 10;
	auto r = lex(std::string(10, 'x') + "\n", o);
	CHECK(r.diags.empty());
	LONGS_EQUAL(1, r.lines.size());
}

TEST(lexer, input_larger_than_a_block_keeps_lines_whole)
{
	// Lines of 37 bytes: block boundaries fall inside tokens.
	std::string text;
	for (int i = 0; i < 5000; i++)
		text += "name" + std::to_string(100000 + i) +
		    " IN A 10.0.0.1 ; pad\n";
	auto r = lex(text);
	CHECK(r.diags.empty());
	LONGS_EQUAL(5000, r.lines.size());
	for (int i = 0; i < 5000; i++) {
		const auto &l = r.lines[static_cast<std::size_t>(i)];
		LONGS_EQUAL(i + 1, l.line);
		LONGS_EQUAL(4, l.tokens.size());
		STRCMP_EQUAL(("name" + std::to_string(100000 + i)).c_str(),
		    l.tokens[0].text.c_str());
	}
}

TEST(lexer, lines_read_counts_physical_lines)
{
	std::istringstream in("a\n\n(b\nc)\n");
	std::vector<net::diagnostic> d;
	net::diag_sink sink(d, "f");
	net::lexer lx(in, sink, master_options());
	net::token_line l;
	CHECK(lx.next(l));
	LONGS_EQUAL(1, lx.lines_read());
	CHECK(lx.next(l));
	LONGS_EQUAL(4, lx.lines_read());
	CHECK_FALSE(lx.next(l));
}

TEST(lexer, bytes_beyond_ascii_and_nul_stay_in_tokens)
{
	auto r = lex(std::string("a\0b \xff\n", 7));
	CHECK(r.diags.empty());
	const auto &t = r.lines.at(0).tokens;
	LONGS_EQUAL(2, t.size());
	LONGS_EQUAL(3, t[0].text.size());
	STRCMP_EQUAL("\xff", t[1].text.c_str());
}

TEST(lexer, lines_longer_than_a_block_when_the_limit_allows)
{
	net::lexer_options o;
	o.max_line = 300000;
	auto r = lex("a\n" + std::string(200000, 'x') + " y\nb", o);
	CHECK(r.diags.empty());
	LONGS_EQUAL(3, r.lines.size());
	LONGS_EQUAL(200000, r.lines[1].tokens.at(0).text.size());
	STRCMP_EQUAL("y", r.lines[1].tokens.at(1).text.c_str());
	STRCMP_EQUAL("b", joined(r.lines[2]).c_str());
	LONGS_EQUAL(3, r.lines[2].line);
}

TEST(lexer, an_overlong_line_spanning_blocks_is_skipped_whole)
{
	auto r = lex("a\n" + std::string(200000, 'x') + "\nb\n" +
	    std::string(70000, 'z'));
	LONGS_EQUAL(2, r.diags.size());
	STRCMP_EQUAL("f:2: line longer than 65535 bytes, ignored",
	    r.diags[0].str().c_str());
	STRCMP_EQUAL("f:4: line longer than 65535 bytes, ignored",
	    r.diags[1].str().c_str());
	LONGS_EQUAL(2, r.lines.size());
	STRCMP_EQUAL("b", joined(r.lines[1]).c_str());
	LONGS_EQUAL(3, r.lines[1].line);
}

TEST(lexer, the_callers_line_is_reused_without_stale_tokens)
{
	std::istringstream in("a b c d\ne\n");
	std::vector<net::diagnostic> d;
	net::diag_sink sink(d, "f");
	net::lexer lx(in, sink);
	net::token_line l;
	CHECK(lx.next(l));
	LONGS_EQUAL(4, l.tokens.size());
	CHECK(lx.next(l));
	LONGS_EQUAL(1, l.tokens.size());
	STRCMP_EQUAL("e", l.tokens[0].text.c_str());
}
