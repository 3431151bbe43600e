#include "libnet/tun.h"

#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include <cstring>

namespace net {

result<tun_device>
open_tun(std::string_view name, tun_mode mode)
{
	if (name.size() >= IFNAMSIZ)
		return fail(ENAMETOOLONG, "tun device " + std::string(name));
	int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return fail("open /dev/net/tun");
	unique_fd f(fd);
	ifreq ifr;
	std::memset(&ifr, 0, sizeof ifr);
	ifr.ifr_flags = static_cast<short>(
	    (mode == tun_mode::tun ? IFF_TUN : IFF_TAP) | IFF_NO_PI);
	std::memcpy(ifr.ifr_name, name.data(), name.size());
	if (ioctl(fd, TUNSETIFF, &ifr) != 0)
		return fail("TUNSETIFF " + std::string(name));
	tun_device d;
	d.fd = std::move(f);
	d.name.assign(ifr.ifr_name, strnlen(ifr.ifr_name, IFNAMSIZ));
	return d;
}

} // namespace net
