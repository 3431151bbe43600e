// xfr_reader.cc: a transfer's records into a zone.
#include "xfr_reader.h"

#include "libnet/dns_types.h"
#include "refresh.h"
#include "zone_build.h"

namespace named {

namespace dns = net::dns;

namespace {

bool
is_soa(const dns::record &r, const dns::name &origin)
{
	return r.type == dns::rr_type::soa && r.owner == origin;
}

} // namespace

xfr_reader::xfr_reader(const dns::name &origin,
    std::shared_ptr<const zone> have, std::string where)
    : origin_(origin), have_(std::move(have)), where_(std::move(where)),
      b_(std::make_unique<zone_builder>(origin, dns::rr_class::in, diags_))
{
}

xfr_reader::~xfr_reader() = default;

xfr_reader::status
xfr_reader::fail(std::string why)
{
	error = std::move(why);
	return state_ = status::failed;
}

xfr_reader::status
xfr_reader::add(const dns::record &r, unsigned message)
{
	if (state_ != status::more)
		return state_;
	switch (shape_) {
	case form::none:
		if (!is_soa(r, origin_))
			return fail("the first record is not the zone's SOA");
		serial = soa_serial(r.rdata);
		first_soa_ = r;
		shape_ = form::first_soa;
		if (!have_) {
			shape_ = form::whole;
			return whole_record(r, message);
		}
		return state_;
	case form::first_soa:
		// An SOA at our serial begins the steps; anything else is
		// the whole zone.
		if (is_soa(r, origin_) &&
		    soa_serial(r.rdata) == have_->serial()) {
			shape_ = form::steps;
			steps_.emplace_back();
			steps_.back().soa_from = r;
			adding_ = false;
			return state_;
		}
		shape_ = form::whole;
		whole_record(first_soa_, message);
		return whole_record(r, message);
	case form::whole:
		if (is_soa(r, origin_))
			return finish_whole();
		return whole_record(r, message);
	case form::steps:
		break;
	}
	zone_diff &st = steps_.back();
	if (!is_soa(r, origin_)) {
		(adding_ ? st.added : st.deleted).push_back(r);
		return state_;
	}
	if (!adding_) {
		st.soa_to = r;
		adding_ = true;
		return state_;
	}
	if (soa_serial(st.soa_to.rdata) == serial)
		return finish_steps();	// the closing SOA
	if (steps_.size() >= ixfr_history::max_versions * 16)
		return fail("more steps than named takes");
	steps_.emplace_back();
	steps_.back().soa_from = r;
	adding_ = false;
	return state_;
}

xfr_reader::status
xfr_reader::whole_record(const dns::record &r, unsigned message)
{
	b_->add(r.owner, r.type, r.rclass, r.ttl, r.rdata, &where_, message);
	return state_;
}

xfr_reader::status
xfr_reader::finish_whole()
{
	result = b_->finish();
	if (!result) {
		std::string why;
		for (const auto &d : diags_)
			if (d.level == net::severity::error) {
				why = d.message;
				break;
			}
		return fail("the zone has errors: " + why);
	}
	return state_ = status::done;
}

xfr_reader::status
xfr_reader::finish_steps()
{
	for (const auto &d : steps_)
		changes += d.deleted.size() + d.added.size();
	std::string why;
	result = apply_diffs(*have_, steps_, &where_, diags_, why);
	if (!result) {
		apply_failed = true;
		return fail("the steps do not apply: " + why);
	}
	incremental = true;
	return state_ = status::done;
}

} // namespace named
