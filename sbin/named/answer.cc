// answer.cc: the lookup algorithm and the response it writes.
#include "answer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <optional>
#include <vector>

#include "libnet/dns_message.h"
#include "libnet/dns_tsig.h"
#include "libnet/dns_types.h"

namespace named {

namespace {

namespace dns = net::dns;
using dns::response_writer;

// The longest CNAME or DNAME chain followed (BIND's figure).
constexpr unsigned max_chain = 16;
// The most MX, NS or SRV targets whose addresses go in additional.
constexpr unsigned max_extra = 16;

std::uint16_t
get16(bytes_view b, std::size_t at)
{
	return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}

bool
same_name(bytes_view a, bytes_view b)
{
	return a.size() == b.size() &&
	    dns::equal_nocase(a.data(), b.data(), a.size());
}

// The offsets of each label of wire name, left to right, the root label's
// last; the number of labels without the root.
unsigned
label_starts(bytes_view wire, std::size_t *off)
{
	unsigned n = 0;
	for (std::size_t p = 0; p < wire.size(); p += 1 + wire[p]) {
		off[n] = p;
		if (wire[p] == 0)
			break;
		n++;
	}
	return n;
}

// Answers one question from the zones.
class responder {
public:
	responder(const database &db, response_writer &rw,
	    const dns::query &q)
	    : db_(db), rw_(rw), q_(q), do_(q.do_bit),
	      qtype_(q.qtype), answer_start_(rw.mark())
	{
	}

	void run();

	std::uint16_t rcode = dns::rcode::noerror;
	bool aa = false;
	bool tc = false;
	// How rate limiting counts the answer: a delegation by its cut, a
	// denial by the zone, the rest by the name asked.
	rrl_kind kind = rrl_kind::answer;
	bytes_view kind_name;

private:
	// Where lookup() left a name: answered, or a new name to follow.
	struct step {
		bool done;
		bytes_view next;
	};

	step lookup(const zone &z, bytes_view sname, bool first);
	step at_node(const zone &z, const zone::node &n, bytes_view owner);
	step dname(const zone &z, const zone::node &n, bytes_view sname,
	    std::size_t prefix);
	void referral(const zone &z, const zone::node &cut, bool first);
	void negative(const zone &z);
	void add_nsec(const zone &z, const zone::node *n,
	    std::uint16_t type = dns::rr_type::nsec);
	void deny_name(const zone &z, bytes_view name);
	void nsec3_encloser(const zone &z, bytes_view name, bytes_view ce);
	void nsec3_nodata(const zone &z, bytes_view owner);
	bool add_set(response_writer::section s, bytes_view owner,
	    const zone &z, const zone::rrset &set, std::uint32_t ttl);
	bool add_sigs(response_writer::section s, bytes_view owner,
	    const zone &z, const zone::node &n, std::uint16_t covered,
	    std::uint32_t ttl);
	bool add_with_sigs(response_writer::section s, bytes_view owner,
	    const zone &z, const zone::node &n, const zone::rrset &set);
	void note_targets(const zone &z, const zone::rrset &set);
	void add_extra();
	void truncate();

	const database &db_;
	response_writer &rw_;
	const dns::query &q_;
	bool do_;
	std::uint16_t qtype_;
	net::dns::packet_writer::mark answer_start_;
	std::array<std::array<std::uint8_t, dns::max_name_length>, 2> synth_;
	unsigned synth_next_ = 0;
	std::array<bytes_view, max_extra> extra_;
	unsigned nextra_ = 0;
	// The names the chain has been at (zone data or the question): a
	// CNAME back to one of them ends it (RFC 2181 section 5: no RRset
	// twice in the answer).
	std::array<bytes_view, max_chain + 1> visited_;
	unsigned nvisited_ = 0;
	bool seen(bytes_view name) const;
	bool synthesized(bytes_view name) const;
	std::array<const zone::node *, 4> nsec_{};
	unsigned nnsec_ = 0;
	bool nodata_ = false;	// at_node found the name without the type
};

bool
responder::synthesized(bytes_view name) const
{
	for (const auto &b : synth_)
		if (name.data() == b.data())
			return true;
	return false;
}

bool
responder::seen(bytes_view name) const
{
	for (unsigned i = 0; i < nvisited_; i++)
		if (same_name(visited_[i], name))
			return true;
	return false;
}

void
responder::truncate()
{
	rw_.rewind(answer_start_);
	tc = true;
}

bool
responder::add_set(response_writer::section s, bytes_view owner,
    const zone &z, const zone::rrset &set, std::uint32_t ttl)
{
	auto m = rw_.mark();
	for (zone::rdata_iter it(z, set); !it.done(); it.next())
		if (!rw_.add(s, owner, set.type, z.rclass(), ttl, it.get())) {
			rw_.rewind(m);
			return false;
		}
	return true;
}

bool
responder::add_sigs(response_writer::section s, bytes_view owner,
    const zone &z, const zone::node &n, std::uint16_t covered,
    std::uint32_t ttl)
{
	if (!do_)
		return true;
	const zone::rrset *sigs = z.find_set(n, dns::rr_type::rrsig);
	if (!sigs)
		return true;
	auto m = rw_.mark();
	for (zone::rdata_iter it(z, *sigs); !it.done(); it.next()) {
		bytes_view rd = it.get();
		if (rd.size() < 2 || get16(rd, 0) != covered)
			continue;
		if (!rw_.add(s, owner, dns::rr_type::rrsig, z.rclass(), ttl,
		    rd)) {
			rw_.rewind(m);
			return false;
		}
	}
	return true;
}

bool
responder::add_with_sigs(response_writer::section s, bytes_view owner,
    const zone &z, const zone::node &n, const zone::rrset &set)
{
	auto m = rw_.mark();
	if (add_set(s, owner, z, set, set.ttl) &&
	    add_sigs(s, owner, z, n, set.type, set.ttl))
		return true;
	rw_.rewind(m);
	return false;
}

// Remembers the names whose addresses the additional section may carry.
void
responder::note_targets(const zone &z, const zone::rrset &set)
{
	std::size_t skip;
	switch (set.type) {
	case dns::rr_type::ns:
		skip = 0;
		break;
	case dns::rr_type::mx:
		skip = 2;
		break;
	case dns::rr_type::srv:
		skip = 6;
		break;
	default:
		return;
	}
	for (zone::rdata_iter it(z, set); !it.done() && nextra_ < max_extra;
	    it.next())
		if (it.get().size() > skip)
			extra_[nextra_++] = it.get().subspan(skip);
}

void
responder::add_extra()
{
	for (unsigned i = 0; i < nextra_; i++) {
		const zone *z = db_.find_zone(extra_[i]);
		if (!z)
			continue;
		const zone::node *n = z->find(extra_[i]);
		if (!n || (n->flags & zone::below_cut))
			continue;
		for (std::uint16_t t : {dns::rr_type::a, dns::rr_type::aaaa}) {
			const zone::rrset *s = z->find_set(*n, t);
			// Only while they fit: these are a courtesy.
			if (s && !add_with_sigs(response_writer::additional,
			    z->owner(*n), *z, *n, *s))
				return;
		}
	}
}

void
responder::negative(const zone &z)
{
	kind = rrl_kind::nodata;
	kind_name = q_.qname.wire();
	const zone::node &apex = z.apex_node();
	const zone::rrset *soa = z.find_set(apex, dns::rr_type::soa);
	std::uint32_t ttl = z.negative_ttl();
	if (!add_set(response_writer::authority, z.owner(apex), z, *soa,
	    ttl) ||
	    !add_sigs(response_writer::authority, z.owner(apex), z, apex,
		dns::rr_type::soa, ttl))
		truncate();
}

// The NSEC (or NSEC3) RRset of n and its signatures in authority (DO
// only).
void
responder::add_nsec(const zone &z, const zone::node *n, std::uint16_t type)
{
	if (!do_ || !n || tc)
		return;
	for (unsigned i = 0; i < nnsec_; i++)
		if (nsec_[i] == n)
			return;	// one NSEC may prove two things
	if (nnsec_ < nsec_.size())
		nsec_[nnsec_++] = n;
	const zone::rrset *s = z.find_set(*n, type);
	if (s && !add_with_sigs(response_writer::authority, z.owner(*n), z,
	    *n, *s))
		truncate();
}

// The NSEC that proves name does not exist.
void
responder::deny_name(const zone &z, bytes_view name)
{
	if (do_)
		add_nsec(z, z.nsec_before(name));
}

// The suffix of name one label longer than its suffix of ce_len bytes.
bytes_view
next_closer(bytes_view name, std::size_t ce_len)
{
	std::size_t at = 0, prev = 0;
	while (at < name.size() && name.size() - at > ce_len) {
		prev = at;
		at += 1u + name[at];
	}
	return name.subspan(prev);
}

// RFC 5155 7.2.1: the closest encloser proof for name, whose closest
// encloser is ce: the NSEC3 matching ce, and the one covering the next
// closer name.
void
responder::nsec3_encloser(const zone &z, bytes_view name, bytes_view ce)
{
	add_nsec(z, z.nsec3_match(ce), dns::rr_type::nsec3);
	add_nsec(z, z.nsec3_cover(next_closer(name, ce.size())),
	    dns::rr_type::nsec3);
}

// NODATA with NSEC3 (RFC 5155 7.2.3, 7.2.4): the NSEC3 matching the
// name; when there is none (a delegation under opt-out, asked for DS),
// the closest provable encloser proof.
void
responder::nsec3_nodata(const zone &z, bytes_view owner)
{
	if (const zone::node *m = z.nsec3_match(owner)) {
		add_nsec(z, m, dns::rr_type::nsec3);
		return;
	}
	bytes_view up = owner;
	while (up.size() > z.origin().length()) {
		up = up.subspan(1u + up[0]);
		if (z.nsec3_match(up)) {
			nsec3_encloser(z, owner, up);
			return;
		}
	}
}

void
responder::referral(const zone &z, const zone::node &cut, bool first)
{
	if (first)
		aa = false;
	bytes_view owner = z.owner(cut);
	kind = rrl_kind::referral;
	kind_name = owner;
	const zone::rrset *ns = z.find_set(cut, dns::rr_type::ns);
	if (!add_set(response_writer::authority, owner, z, *ns, ns->ttl)) {
		truncate();
		return;
	}
	if (const zone::rrset *ds = do_ ? z.find_set(cut, dns::rr_type::ds) :
	    nullptr) {
		if (!add_with_sigs(response_writer::authority, owner, z, cut,
		    *ds)) {
			truncate();
			return;
		}
	} else if (do_ && z.find_set(cut, dns::rr_type::nsec)) {
		// An unsigned delegation: the cut's NSEC shows there is no
		// DS (RFC 4035 3.1.4).
		add_nsec(z, &cut);
		if (tc)
			return;
	} else if (do_ && z.has_nsec3()) {
		// The same with NSEC3 (RFC 5155 7.2.7): the cut's NSEC3, or
		// under opt-out the closest provable encloser proof.
		nsec3_nodata(z, owner);
		if (tc)
			return;
	}
	// Glue: addresses of the servers named, from the zone's own data
	// (below this cut, or elsewhere in the zone).  Glue below the cut
	// is what a resolver cannot do without (RFC 9471): when it does not
	// fit, the answer is truncated rather than sent without it.
	for (zone::rdata_iter it(z, *ns); !it.done(); it.next()) {
		bytes_view target = it.get();
		const zone::node *t = z.find(target);
		if (!t)
			continue;
		bool required = target.size() > owner.size() &&
		    same_name(target.subspan(target.size() - owner.size()),
			owner);
		for (std::uint16_t type :
		    {dns::rr_type::a, dns::rr_type::aaaa}) {
			const zone::rrset *s = z.find_set(*t, type);
			if (s && !add_set(response_writer::additional,
			    z.owner(*t), z, *s, s->ttl) && required) {
				tc = true;
				return;
			}
		}
	}
}

responder::step
responder::at_node(const zone &z, const zone::node &n, bytes_view owner)
{
	if (qtype_ == dns::rr_type::any && n.nsets > 0) {
		for (const zone::rrset *s = z.sets_begin(n); s != z.sets_end(n);
		    ++s) {
			if (s->type == dns::rr_type::rrsig && !do_)
				continue;
			if (!add_set(response_writer::answer, owner, z, *s,
			    s->ttl)) {
				truncate();
				break;
			}
		}
		return {true, {}};
	}
	if (const zone::rrset *s = z.find_set(n, qtype_)) {
		if (!add_with_sigs(response_writer::answer, owner, z, n, *s))
			truncate();
		else
			note_targets(z, *s);
		return {true, {}};
	}
	if (n.flags & zone::has_cname) {
		const zone::rrset *s = z.find_set(n, dns::rr_type::cname);
		if (!add_with_sigs(response_writer::answer, owner, z, n, *s)) {
			truncate();
			return {true, {}};
		}
		return {false, zone::rdata_iter(z, *s).get()};
	}
	negative(z);
	nodata_ = true;
	// NODATA (RFC 4035 3.1.3.1): the name's own NSEC shows the type is
	// not there; an empty non-terminal has none, and the NSEC before
	// it shows that.  With NSEC3 every name, empty non-terminals too,
	// has its own.
	if (do_ && !tc) {
		if (z.find_set(n, dns::rr_type::nsec))
			add_nsec(z, &n);
		else if (z.has_nsec3())
			nsec3_nodata(z, z.owner(n));
		else
			deny_name(z, owner);
	}
	return {true, {}};
}

responder::step
responder::dname(const zone &z, const zone::node &n, bytes_view sname,
    std::size_t prefix)
{
	const zone::rrset *s = z.find_set(n, dns::rr_type::dname);
	bytes_view target = zone::rdata_iter(z, *s).get();
	if (!add_with_sigs(response_writer::answer, sname.subspan(prefix), z,
	    n, *s)) {
		truncate();
		return {true, {}};
	}
	if (prefix + target.size() > dns::max_name_length) {
		rcode = dns::rcode::yxdomain;	// RFC 6672 section 2.2
		return {true, {}};
	}
	auto &buf = synth_[synth_next_++ & 1];
	std::memcpy(buf.data(), sname.data(), prefix);
	std::memcpy(buf.data() + prefix, target.data(), target.size());
	bytes_view next(buf.data(), prefix + target.size());
	// The CNAME a resolver without DNAME would follow, unsigned.
	if (!rw_.add(response_writer::answer, sname, dns::rr_type::cname,
	    z.rclass(), s->ttl, next)) {
		truncate();
		return {true, {}};
	}
	return {false, next};
}

responder::step
responder::lookup(const zone &z, bytes_view sname, bool first)
{
	std::size_t off[128];
	unsigned labels = label_starts(sname, off);
	unsigned apex_labels = z.origin().label_count();
	const zone::node *found = &z.apex_node();
	unsigned depth = apex_labels;
	if ((found->flags & zone::has_dname) && labels > apex_labels)
		return dname(z, *found, sname, off[labels - apex_labels]);
	// Down from the apex, a label at a time: the first cut met is a
	// referral, the first DNAME above the name a substitution.
	for (unsigned d = apex_labels + 1; d <= labels; d++) {
		const zone::node *n = z.find(sname.subspan(off[labels - d]));
		if (!n)
			break;
		found = n;
		depth = d;
		if ((n->flags & zone::cut) &&
		    !(d == labels && qtype_ == dns::rr_type::ds)) {
			referral(z, *n, first);
			return {true, {}};
		}
		if ((n->flags & zone::has_dname) && d < labels)
			return dname(z, *n, sname, off[labels - d]);
	}
	if (depth == labels)
		return at_node(z, *found, sname);
	// The name does not exist: a wildcard at the closest encloser
	// answers for it (RFC 4592 section 3.3.1), with the name asked.
	bytes_view ce = z.owner(*found);
	if (ce.size() + 2 <= dns::max_name_length) {
		std::array<std::uint8_t, dns::max_name_length> wild;
		wild[0] = 1;
		wild[1] = '*';
		std::memcpy(wild.data() + 2, ce.data(), ce.size());
		bytes_view wname(wild.data(), ce.size() + 2);
		if (const zone::node *w = z.find(wname)) {
			nodata_ = false;
			step s = at_node(z, *w, sname);
			// The name itself is not there (RFC 4035 3.1.3.3);
			// after a CNAME the answer goes on, and authority
			// cannot come before it.  With NSEC3 (RFC 5155 7.2.6,
			// 7.2.5): the next closer name covered, and for
			// NODATA the closest encloser matched too.
			if (do_ && !tc && s.done) {
				if (!z.has_nsec3())
					deny_name(z, sname);
				else if (nodata_)
					nsec3_encloser(z, sname, ce);
				else
					add_nsec(z, z.nsec3_cover(next_closer(
					    sname, ce.size())),
					    dns::rr_type::nsec3);
			}
			return s;
		}
		rcode = dns::rcode::nxdomain;
		negative(z);
		kind = rrl_kind::nxdomain;
		kind_name = z.origin().wire();
		// NXDOMAIN (RFC 4035 3.1.3.2): no such name, no wildcard;
		// with NSEC3 (RFC 5155 7.2.2) the closest encloser proof and
		// the wildcard's cover.
		if (do_ && !tc) {
			if (z.has_nsec3()) {
				nsec3_encloser(z, sname, ce);
				add_nsec(z, z.nsec3_cover(wname),
				    dns::rr_type::nsec3);
			} else {
				deny_name(z, sname);
				deny_name(z, wname);
			}
		}
		return {true, {}};
	}
	rcode = dns::rcode::nxdomain;
	negative(z);
	kind = rrl_kind::nxdomain;
	kind_name = z.origin().wire();
	if (do_ && !tc) {
		if (z.has_nsec3())
			nsec3_encloser(z, sname, ce);
		else
			deny_name(z, sname);
	}
	return {true, {}};
}

void
responder::run()
{
	bytes_view sname = q_.qname.wire();
	for (unsigned link = 0; link <= max_chain && !tc; link++) {
		const served_zone *sz = db_.find_served(sname);
		if (sz && !sz->usable()) {
			// Ours, but expired or never transferred.
			if (link == 0)
				rcode = dns::rcode::servfail;
			break;
		}
		const zone *z = sz ? sz->data : nullptr;
		// DS belongs to the parent side of a cut (RFC 4035 3.1.4.1).
		if (z && qtype_ == dns::rr_type::ds &&
		    same_name(z->origin().wire(), sname))
			if (const zone *p = db_.find_parent_zone(*z))
				z = p;
		if (!z) {
			if (link == 0)
				rcode = dns::rcode::refused;
			break;
		}
		if (link == 0)
			aa = true;
		step s = lookup(*z, sname, link == 0);
		if (s.done)
			break;
		// Synthesized names (DNAME) live in a buffer reused two steps
		// on: only names held by the zones are remembered.
		if (nvisited_ < visited_.size() && !synthesized(sname))
			visited_[nvisited_++] = sname;
		if (seen(s.next))
			break;
		sname = s.next;
	}
	if (!tc)
		add_extra();
}

// IXFR over UDP (RFC 1995 section 2): the current SOA alone tells the
// client to ask again over TCP.
std::uint16_t
ixfr_udp(const database &db, response_writer &rw, const dns::query &q,
    bool &aa)
{
	const zone *z = db.find_exact(q.qname.wire());
	if (!z)
		return db.find_zone(q.qname.wire()) ? dns::rcode::notauth :
		    dns::rcode::refused;
	const zone::rrset *soa = z->find_set(z->apex_node(), dns::rr_type::soa);
	if (!rw.add(response_writer::answer, q.qname,
	    dns::rr_type::soa, z->rclass(), soa->ttl,
	    zone::rdata_iter(*z, *soa).get()))
		return dns::rcode::servfail;
	aa = true;
	return dns::rcode::noerror;
}

// Room a TSIG record signed with key takes in a reply, the six bytes of
// a BADTIME's other data included.
std::size_t
tsig_room(const dns::tsig_key &key)
{
	return key.key_name.wire().size() +
	    dns::tsig_algorithm_name(key.algorithm).wire().size() + 10 + 22 +
	    dns::tsig_max_mac;
}

// Signs the n bytes of reply in out as the answer to a request verified
// as request (RFC 8945 5.3); the signed size, or n when it would not fit.
std::size_t
sign_reply_in(std::span<std::uint8_t> out, std::size_t n,
    const dns::tsig_verdict &request, std::uint64_t unix_now)
{
	std::vector<std::uint8_t> reply(out.begin(),
	    out.begin() + static_cast<long>(n));
	if (!dns::tsig_sign_reply(reply, request, unix_now) ||
	    reply.size() > out.size())
		return n;
	std::copy(reply.begin(), reply.end(), out.begin());
	return reply.size();
}

} // namespace

std::size_t
answer_query(const database &db, bytes_view packet,
    std::span<std::uint8_t> out, transport t, dns::query &q, counters &c,
    answer_info &info, const net::address &client, std::uint32_t now)
{
	info = {};
	counters::bump(t == transport::udp ? c.udp : c.tcp);
	bool ok = dns::parse_query(packet, q);
	if (!ok && !dns::answer_formerr(q.error)) {
		counters::bump(c.dropped);
		return 0;
	}
	if (q.has_question)
		counters::bump(c.by_type[std::min<unsigned>(q.qtype,
		    counters::type_slots - 1)]);
	std::size_t max = 65535;
	if (t == transport::udp)
		max = q.has_edns ? std::clamp<std::size_t>(q.udp_size, 512,
		    edns_udp_size) : 512;
	max = std::min(max, out.size());
	// A signed query (RFC 8945): verified with the boot file's keys and
	// answered signed, in room kept for the signature.  Transfers and
	// NOTIFY are verified where they are run.
	std::optional<dns::tsig_verdict> tsig;
	std::uint64_t unix_now = 0;
	if (ok && q.has_tsig && q.opcode() == dns::opcode::query &&
	    !(t == transport::tcp && (q.qtype == dns::rr_type::axfr ||
	    q.qtype == dns::rr_type::ixfr))) {
		static const dns::tsig_keyring none;
		unix_now = static_cast<std::uint64_t>(time(nullptr));
		tsig = dns::tsig_verify(packet, db.keys ? *db.keys : none,
		    unix_now);
		if (tsig->key)
			max -= std::min(max - 12, tsig_room(*tsig->key));
		if (!tsig->ok())
			counters::bump(c.tsig_failed);
	}
	response_writer rw(out, max);
	dns::response_opt opt;
	if (q.has_edns && q.error != dns::query_error::bad_opt &&
	    q.error != dns::query_error::opt_twice) {
		opt.present = true;
		opt.udp_size = edns_udp_size;
		opt.do_bit = q.do_bit;
	}
	cookie_reply cookie;
	if (ok && q.has_cookie && opt.present && db.cookies.enabled) {
		cookie = answer_cookie(db.cookies, bytes_view(q.cookie.data(),
		    q.cookie_len), client, t == transport::tcp, now);
		opt.options = cookie.option();
		info.cookie_verified = cookie.verified();
	}
	if (!rw.start(q, opt)) {
		counters::bump(c.dropped);
		return 0;
	}
	std::uint16_t rcode = dns::rcode::noerror;
	bool aa = false;
	info.kind = rrl_kind::error;
	if (cookie.action == cookie_action::badcookie) {
		// RFC 7873 5.2.3: a fresh server cookie, no answer; the
		// client asks again with it.
		rcode = dns::rcode::badcookie;
		counters::bump(c.badcookie);
	} else if (cookie.action == cookie_action::formerr) {
		rcode = dns::rcode::formerr;
	} else if (!ok) {
		rcode = dns::rcode::formerr;
	} else if (q.has_edns && q.edns_version > 0) {
		rcode = dns::rcode::badvers;	// RFC 6891 section 6.1.3
	} else if (q.opcode() == dns::opcode::notify) {
		info.notify = true;
		return 0;
	} else if (q.opcode() != dns::opcode::query) {
		rcode = dns::rcode::notimp;
	} else if (tsig && !tsig->ok()) {
		rcode = tsig->status == dns::tsig_status::formerr ?
		    dns::rcode::formerr : dns::rcode::notauth;
	} else if (q.qclass != dns::rr_class::in &&
	    q.qclass != dns::rr_class::any) {
		rcode = dns::rcode::refused;
	} else if (q.qtype == dns::rr_type::axfr ||
	    q.qtype == dns::rr_type::ixfr) {
		if (t == transport::tcp) {
			info.transfer = true;
			return 0;
		}
		// AXFR is not defined over UDP (RFC 5936 section 4.2).
		rcode = q.qtype == dns::rr_type::ixfr ?
		    ixfr_udp(db, rw, q, aa) : dns::rcode::notimp;
	} else if (dns::is_meta_type(q.qtype) &&
	    q.qtype != dns::rr_type::any) {
		rcode = dns::rcode::notimp;
	} else {
		responder r(db, rw, q);
		r.run();
		rcode = r.rcode;
		aa = r.aa;
		if (rcode == dns::rcode::noerror ||
		    rcode == dns::rcode::nxdomain) {
			info.kind = r.kind;
			info.rrl_name = r.kind_name.empty() ? q.qname.wire() :
			    r.kind_name;
		}
		if (r.tc) {
			rw.set_flag(dns::flag::tc);
			counters::bump(c.truncated);
		}
	}
	if (aa)
		rw.set_flag(dns::flag::aa);
	rw.set_rcode(rcode);
	counters::bump(c.by_rcode[std::min<unsigned>(rcode,
	    counters::rcode_slots - 1)]);
	info.reply = true;
	info.rcode = rcode;
	std::size_t n = rw.finish();
	return tsig ? sign_reply_in(out, n, *tsig, unix_now) : n;
}

std::size_t
answer_notify(const database &db, const dns::query &q, bytes_view packet,
    const net::address &client, std::span<std::uint8_t> out,
    bool &accepted, std::uint64_t unix_now)
{
	accepted = false;
	std::optional<dns::tsig_verdict> tsig;
	if (q.has_tsig) {
		static const dns::tsig_keyring none;
		tsig = dns::tsig_verify(packet, db.keys ? *db.keys : none,
		    unix_now);
	}
	response_writer rw(out, std::min<std::size_t>(out.size(), 512));
	dns::response_opt opt;
	opt.present = q.has_edns;
	opt.udp_size = edns_udp_size;
	if (!rw.start(q, opt))
		return 0;
	std::uint16_t rcode = dns::rcode::notauth;
	const zone_slot *s = q.qtype == dns::rr_type::soa ?
	    db.find_secondary(q.qname.wire()) : nullptr;
	if (tsig && !tsig->ok()) {
		rcode = tsig->status == dns::tsig_status::formerr ?
		    dns::rcode::formerr : dns::rcode::notauth;
	} else if (s) {
		rcode = dns::rcode::refused;
		net::address from = client.unmapped();
		// A good signature says who sent it better than an address.
		accepted = tsig.has_value();
		for (const auto &m : s->line.masters)
			if (m.unmapped() == from)
				accepted = true;
		if (accepted)
			rcode = dns::rcode::noerror;
	}
	if (accepted)
		rw.set_flag(dns::flag::aa);
	rw.set_rcode(rcode);
	std::size_t n = rw.finish();
	return tsig ? sign_reply_in(out, n, *tsig, unix_now) : n;
}

std::size_t
slip_response(const dns::query &q, std::span<std::uint8_t> out)
{
	response_writer rw(out, std::min<std::size_t>(out.size(), 512));
	dns::response_opt opt;
	opt.present = q.has_edns;
	opt.udp_size = edns_udp_size;
	if (!rw.start(q, opt))
		return 0;
	rw.set_flag(dns::flag::tc);
	return rw.finish();
}

} // namespace named
