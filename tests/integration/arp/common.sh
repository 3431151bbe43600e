# common.sh: helpers for the arp cases (sourced by each case).

NETTOOLS_ARP=/usr/sbin/arp

# The three views of one table as sorted "address mac interface" lines
# (mac "incomplete" while unresolved), proxy entries left out.
ours_view() {
	ip netns exec "$1" "$ARP" -an |
		sed -n 's/^.* (\([0-9.]*\)) at \([^ ]*\).* on \([^ ]*\)$/\1 \2 \3/p' |
		sed 's/ (incomplete) / incomplete /' | sort
}

nettools_view() {
	ip netns exec "$1" "$NETTOOLS_ARP" -an | grep -v '<from_interface>' |
		sed -n 's/^.* (\([0-9.]*\)) at \([^ ]*\).* on \([^ ]*\)$/\1 \2 \3/p' |
		sed 's/ <incomplete> / incomplete /' | sort
}

ipneigh_view() {
	ip -n "$1" -4 neigh show | grep -v NOARP | awk '{
		mac = "incomplete"
		for (i = 1; i <= NF; i++)
			if ($i == "lladdr" && $NF != "FAILED" &&
			    $NF != "INCOMPLETE")
				mac = $(i + 1)
		print $1, mac, $3
	}' | sort
}

# same_views NS: ours, net-tools arp and ip neigh list the same entries.
same_views() {
	ours_view "$1" > "$T/ours.v"
	nettools_view "$1" > "$T/nettools.v"
	ipneigh_view "$1" > "$T/ipneigh.v"
	[ -s "$T/ipneigh.v" ] || fail "ip neigh lists nothing to compare"
	diff -u "$T/ipneigh.v" "$T/ours.v" ||
		fail "arp -an and ip neigh disagree (above)"
	diff -u "$T/nettools.v" "$T/ours.v" ||
		fail "arp -an and net-tools arp -an disagree (above)"
}

# mac_of NS IF: the MAC address of an interface.
mac_of() {
	ip -n "$1" -o link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'
}
