// zone.h: one zone's data, read-only once built, in a compact form that a
// million records fit in without a heap object per record: every owner
// name and every rdata lives in one byte arena, nodes and RRsets are small
// fixed records pointing into it, and names are found through an
// open-addressing table of node numbers hashed without case.  Nodes are in
// canonical order (RFC 4034 section 6.1), the apex first, and every empty
// non-terminal between the apex and an owner has a node of its own, so
// that "the name exists" is "it has a node" (RFC 4592 section 2.2.2).
//
// A zone is built by zone_builder (zone_build.h) and shared by pointer
// between the server's threads; nothing changes it afterwards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "libnet/dns_name.h"
#include "libnet/sha1.h"
#include "libnet/wire.h"

namespace named {

using net::bytes_view;

class zone {
public:
	// One RRset: count records of one type, each stored in the arena as
	// a 2-byte length and its uncompressed rdata.
	struct rrset {
		std::uint16_t type;
		std::uint16_t count;
		std::uint32_t ttl;
		std::uint32_t data;	// arena offset of the first record
	};

	struct node {
		std::uint32_t name;	// arena offset of the owner, wire form
		std::uint8_t name_len;
		std::uint8_t flags;	// node_flag bits
		std::uint16_t nsets;
		std::uint32_t sets;	// index of the first RRset
	};

	// What a node is, found once at build time.
	enum node_flag : std::uint8_t {
		apex = 1,
		cut = 2,	// NS below the apex: a delegation
		below_cut = 4,	// under a delegation: glue or occluded
		has_cname = 8,
		has_dname = 16,
	};

	// The records of one RRset, in the order the file gave them.
	class rdata_iter {
	public:
		rdata_iter(const zone &z, const rrset &s)
		    : p_(z.arena_.data() + s.data), left_(s.count)
		{
		}
		bool done() const { return left_ == 0; }
		bytes_view
		get() const
		{
			return bytes_view(p_ + 2, std::size_t(p_[0]) << 8 | p_[1]);
		}
		void
		next()
		{
			p_ += 2 + (std::size_t(p_[0]) << 8 | p_[1]);
			left_--;
		}

	private:
		const std::uint8_t *p_;
		unsigned left_;
	};

	const net::dns::name &origin() const { return origin_; }
	std::uint16_t rclass() const { return rclass_; }
	std::uint32_t serial() const { return serial_; }

	// The TTL of a denial: the SOA's minimum field or its own TTL,
	// whichever is lower (RFC 2308 section 5).
	std::uint32_t negative_ttl() const { return negative_ttl_; }

	// The node of a name (wire form, any case), or nullptr.
	const node *find(bytes_view wire) const;

	// The RRset of type at n, or nullptr.
	const rrset *find_set(const node &n, std::uint16_t type) const;

	const node &apex_node() const { return nodes_[0]; }
	bytes_view
	owner(const node &n) const
	{
		return bytes_view(arena_.data() + n.name, n.name_len);
	}
	const rrset *
	sets_begin(const node &n) const
	{
		return rrsets_.data() + n.sets;
	}
	const rrset *
	sets_end(const node &n) const
	{
		return rrsets_.data() + n.sets + n.nsets;
	}

	// Every node, in canonical order, the apex first.
	const std::vector<node> &nodes() const { return nodes_; }

	// The node with an NSEC record whose owner comes last before name in
	// canonical order (the last such node when none comes before): the
	// NSEC that proves name does not exist (RFC 4035 3.1.3.2); nullptr
	// in a zone without NSEC.
	const node *nsec_before(bytes_view name) const;

	// NSEC3 (RFC 5155): true when the zone's apex has an NSEC3PARAM
	// with SHA-1, no flags and at most nsec3_max_iterations, and the zone
	// has NSEC3 records under those parameters.
	bool has_nsec3() const { return !nsec3_.empty(); }

	// The node of the NSEC3 record whose owner is the hash of name, or
	// nullptr.  name is a wire name, any case.
	const node *nsec3_match(bytes_view name) const;

	// The node of the NSEC3 record that covers name's hash: the last
	// owner hash below it, the last of all when none is (the chain
	// wraps).  nullptr without NSEC3.
	const node *nsec3_cover(bytes_view name) const;

	// The number of records.
	std::size_t record_count() const { return records_; }


private:
	friend class zone_builder;

	void build_table();
	void insert(std::uint32_t node_index);
	void build_nsec3();

	struct nsec3_entry {
		net::sha1::digest hash;
		std::uint32_t node;
	};
	// The index nsec3_match and nsec3_cover search, by hash.
	std::size_t nsec3_lower_bound(const net::sha1::digest &h) const;

	net::dns::name origin_;
	std::uint16_t rclass_ = 1;
	std::uint32_t serial_ = 0;
	std::uint32_t negative_ttl_ = 0;
	std::size_t records_ = 0;
	std::vector<std::uint8_t> arena_;
	std::vector<node> nodes_;
	std::vector<rrset> rrsets_;
	std::vector<std::uint32_t> table_;	// node index + 1; 0 is empty
	std::vector<nsec3_entry> nsec3_;	// sorted by hash
	std::vector<std::uint8_t> nsec3_salt_;
	unsigned nsec3_iterations_ = 0;
};

// The SOA serial in SOA rdata (uncompressed), 0 when it is short.
std::uint32_t soa_serial(bytes_view rdata);

// The SOA's minimum field (RFC 2308: the negative TTL).
std::uint32_t soa_minimum(bytes_view rdata);

} // namespace named
