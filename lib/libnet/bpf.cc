#include "libnet/bpf.h"

#include <sys/socket.h>

#include "libnet/icmp.h"
#include "libnet/icmp6.h"

namespace net {

result<void>
attach_filter(int fd, const bpf_program &prog)
{
	sock_fprog fp{static_cast<unsigned short>(prog.size()),
	    const_cast<sock_filter *>(prog.data())};
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof fp) != 0)
		return fail("SO_ATTACH_FILTER");
	return {};
}

bpf_program
icmp_echo_filter(int family, std::uint16_t id, bool pass_other)
{
	const std::uint32_t all = 0xffffffff;
	const std::uint32_t other = pass_other ? all : 0;
	bpf_program p;
	std::uint8_t reply;
	if (family == AF_INET) {
		// X = IP header length; the ICMP header follows it.
		p.push_back(bpf_stmt(BPF_LDX | BPF_B | BPF_MSH, 0));
		p.push_back(bpf_stmt(BPF_LD | BPF_B | BPF_IND, 0));
		reply = icmp_type::echo_reply;
	} else {
		p.push_back(bpf_stmt(BPF_LDX | BPF_IMM, 0));
		p.push_back(bpf_stmt(BPF_LD | BPF_B | BPF_IND, 0));
		reply = icmp6_type::echo_reply;
	}
	// [2] echo reply?  check the identifier : is it an error?
	p.push_back(bpf_jump(BPF_JMP | BPF_JEQ | BPF_K, reply, 0, 3));
	p.push_back(bpf_stmt(BPF_LD | BPF_H | BPF_IND, 4));
	p.push_back(bpf_jump(BPF_JMP | BPF_JEQ | BPF_K, id, 0, 1));
	p.push_back(bpf_stmt(BPF_RET | BPF_K, all));
	if (family == AF_INET) {
		// [6] The error types of RFC 792 (A still holds the type).
		const std::uint8_t errors[] = {icmp_type::dest_unreach,
		    icmp_type::source_quench, icmp_type::redirect,
		    icmp_type::time_exceeded, icmp_type::param_problem};
		// An echo reply with another id lands here too: A is its id,
		// which may collide with an error type; reload the type.
		p.push_back(bpf_stmt(BPF_LD | BPF_B | BPF_IND, 0));
		for (std::size_t i = 0; i < std::size(errors); i++)
			p.push_back(bpf_jump(BPF_JMP | BPF_JEQ | BPF_K,
			    errors[i],
			    static_cast<std::uint8_t>(std::size(errors) - i),
			    0));
	} else {
		// ICMPv6 errors are the types below 128 (RFC 4443 2.1).
		p.push_back(bpf_stmt(BPF_LD | BPF_B | BPF_IND, 0));
		p.push_back(bpf_jump(BPF_JMP | BPF_JGE | BPF_K, 128, 0, 1));
	}
	p.push_back(bpf_stmt(BPF_RET | BPF_K, other));
	p.push_back(bpf_stmt(BPF_RET | BPF_K, all));
	return p;
}

} // namespace net
