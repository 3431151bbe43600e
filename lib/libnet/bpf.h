// bpf.h: classic BPF socket filters (SO_ATTACH_FILTER), so a raw socket
// that would see every packet of its protocol on the host wakes its owner
// only for the packets it wants.
#pragma once

#include <linux/filter.h>

#include <cstdint>
#include <vector>

#include "libnet/result.h"

namespace net {

using bpf_program = std::vector<sock_filter>;

// One instruction.
inline sock_filter
bpf_stmt(std::uint16_t code, std::uint32_t k)
{
	return sock_filter{code, 0, 0, k};
}

// One conditional jump (jt and jf count instructions to skip).
inline sock_filter
bpf_jump(std::uint16_t code, std::uint32_t k, std::uint8_t jt, std::uint8_t jf)
{
	return sock_filter{code, jt, jf, k};
}

// Attaches prog to the socket, replacing any earlier filter.
result<void> attach_filter(int fd, const bpf_program &prog);

// A filter for a raw ICMP (family AF_INET, packets start at the IP header)
// or ICMPv6 (AF_INET6, packets start at the ICMPv6 header) socket: echo
// replies pass only with identifier id, error messages pass, the rest is
// dropped unless pass_other.
bpf_program icmp_echo_filter(int family, std::uint16_t id, bool pass_other);

} // namespace net
