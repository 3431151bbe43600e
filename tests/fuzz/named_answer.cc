// Fuzz target: named's answering path on hostile queries, over UDP and
// TCP sizes, against a zone with every kind of name (delegation, wildcard,
// DNAME, CNAME chains and loops, empty non-terminals, an NSEC3 chain for
// the proofs of answers with DO).  Properties: a
// response is never longer than the transport allows, always parses with
// the full codec, carries the query's id and exactly the query's question
// when it has one, and a packet that is not a query gets none.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <vector>

#include "answer.h"
#include "database.h"
#include "libnet/dns_message.h"
#include "zone_load.h"

namespace {

const char zone_text[] = R"($TTL 300
@	SOA	ns hostmaster 7 3600 600 86400 120
@	NS	ns
ns	A	192.0.2.1
www	A	192.0.2.10
	AAAA	2001:db8::10
mail	MX	10 www
alias	CNAME	www
loop1	CNAME	loop2
loop2	CNAME	loop1
sub	NS	ns.sub
sub	DS	1 8 2 00
ns.sub	A	192.0.2.53
*.w	A	192.0.2.99
a.b.c	TXT	"deep"
d	DNAME	example.com.
e	DNAME	d.example.com.
big	TXT	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
big	TXT	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
big	TXT	"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
big	TXT	"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
big	TXT	"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
big	TXT	"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
big	TXT	"gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg"
@	NSEC3PARAM	1 0 2 ab
0123456789abcdefghijklmnopqrstuv	NSEC3	1 1 2 ab 4123456789abcdefghijklmnopqrstuv A
4123456789abcdefghijklmnopqrstuv	NSEC3	1 1 2 ab 8123456789abcdefghijklmnopqrstuv A MX
8123456789abcdefghijklmnopqrstuv	NSEC3	1 1 2 ab 0123456789abcdefghijklmnopqrstuv TXT
)";

std::shared_ptr<const named::database>
make_db()
{
	auto db = std::make_shared<named::database>();
	std::istringstream in(zone_text);
	std::vector<net::diagnostic> diags;
	named::zone_slot s;
	s.data = named::read_zone(in, "fuzz", "example.com.", {}, diags);
	if (!s.data)
		__builtin_trap();
	db->zones.push_back(std::move(s));
	db->index();
	return db;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	static auto db = make_db();
	static named::counters c;
	static std::vector<std::uint8_t> out(65535);
	static const net::address client = *net::address::parse("192.0.2.1");
	net::bytes_view in(data, size);
	for (auto t : {named::transport::udp, named::transport::tcp}) {
		net::dns::query q;
		named::answer_info info;
		std::size_t n = named::answer_query(*db, in, out, t, q, c, info, client, 0);
		std::size_t max = t == named::transport::udp ?
		    named::edns_udp_size : 65535;
		if (n > max)
			__builtin_trap();
		if (n == 0)
			continue;
		if (size < 12 || (data[2] & 0x80))
			__builtin_trap();	// not a query: no reply
		auto m = net::dns::parse_message(net::bytes_view(out.data(), n));
		if (!m || m->hdr.id != (data[0] << 8 | data[1]) || !m->hdr.qr)
			__builtin_trap();
		if (q.has_question && (m->questions.size() != 1 ||
		    !m->questions[0].qname.identical(q.qname) ||
		    m->questions[0].qtype != q.qtype))
			__builtin_trap();
	}
	return 0;
}
