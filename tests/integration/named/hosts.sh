# hosts.sh: what the cases with two hosts (namespaces h1 10.9.0.1 and h2
# 10.9.0.2, lib.sh two_hosts) share: a zone sec.test whose NS are the two
# hosts, and questions asked from inside a namespace.
#
#   sec_zone SERIAL [EXPIRE]    the zone's text (www A 192.0.2.SERIAL)
#   on HOST CMD...              CMD run in HOST's namespace
#   q HOST ADDR NAME [TYPE]     the short answer of the server at ADDR
#   answers HOST ADDR NAME WANT true when that answer is WANT
need dig
two_hosts

sec_zone() {
	cat <<EOF2
\$TTL 300
@	SOA	ns1 hostmaster $1 3600 5 ${2:-86400} 60
@	NS	ns1
@	NS	ns2
ns1	A	10.9.0.1
ns2	A	10.9.0.2
www	A	192.0.2.$1
EOF2
}
on() {
	_h=$1
	shift
	ip netns exec "$_h" "$@"
}
q() {
	on "$1" dig +short +norec +time=1 +tries=1 @"$2" "$3" "${4:-A}" 2>/dev/null
}
answers() {
	[ "$(q "$1" "$2" "$3")" = "$4" ]
}
