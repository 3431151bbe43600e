# dns.sh: run the DNS peers (BIND 9, Knot DNS, NSD) from their unpacked
# packages (tests/peers/fetch bind9, knot, nsd) in the foreground, on a
# loopback port, with a configuration written here.  Sourced by
# tests/bench/named/run and tests/integration/named/peer.sh; nothing is
# installed and nothing runs as a system service.
#
# Each server gets a directory of its own (configuration, state, pid
# file; none of them writes elsewhere) and runs as the user who starts it,
# root inside the test namespaces: none of them is told to drop
# privileges, so none needs a system user of its own (bind, knot, nsd).
#
# Use: NAME_conf DIR PORT WORKERS, then NAME_primary DIR ORIGIN FILE for
# each zone (bind9_secondary too), then NAME_exec ROOT DIR, which becomes
# the server (start it in the background; its log is its stderr).
# WORKERS is the number of threads (BIND -n, Knot udp-workers and
# tcp-workers) or server processes (NSD server-count) answering queries.

# peer_ld_path ROOT: the library directories of the unpacked tree, for
# LD_LIBRARY_PATH (bind9-libs, libknot13... are there, not installed).
peer_ld_path() {
	_p=
	for _d in "$1"/usr/lib/*-linux-gnu* "$1"/lib/*-linux-gnu*; do
		[ -d "$_d" ] && _p="$_p${_p:+:}$_d"
	done
	echo "$_p"
}

# peer_exec ROOT PATH ARGS...: exec ROOT/PATH with the tree's libraries
# found first, through $PEER_WRAP when set (taskset -c 0: the CPUs it
# may use).
peer_exec() {
	_root=$1
	_prog=$2
	shift 2
	LD_LIBRARY_PATH="$(peer_ld_path "$_root")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
		exec ${PEER_WRAP:-} "$_root/$_prog" "$@"
}

# peer_check ROOT PATH: fail (with a line saying why) unless ROOT/PATH
# exists and every library it needs is found.
peer_check() {
	[ -x "$1/$2" ] || { echo "peers: no $2 in $1"; return 1; }
	_nf=$(LD_LIBRARY_PATH="$(peer_ld_path "$1")" ldd "$1/$2" 2>&1 |
		sed -n 's/^[[:space:]]*\([^ ]*\) => not found.*/\1/p' | tr '\n' ' ')
	[ -z "$_nf" ] || { echo "peers: $2 needs libraries not found: $_nf"; return 1; }
}

# BIND 9: named -g (foreground, log to stderr), no control channel, no
# recursion, no validation; transfers allowed to anyone (interop tests).
bind9_conf() {
	cat > "$1/named.conf" <<EOF
options {
	directory "$1";
	pid-file "$1/named.pid";
	session-keyfile "$1/session.key";
	managed-keys-directory "$1";
	listen-on port $2 { 127.0.0.1; };
	listen-on-v6 { none; };
	recursion no;
	dnssec-validation no;
	notify no;
	allow-transfer { any; };
	max-cache-size 16m;
};
controls { };
EOF
	echo "$3" > "$1/workers"
}
bind9_primary() {
	printf 'zone "%s" { type primary; file "%s"; };\n' "$2" "$3" >> "$1/named.conf"
}
# bind9_secondary DIR ORIGIN ADDR PORT: the zone transferred from
# ADDR:PORT (AXFR/IXFR), kept in DIR.
bind9_secondary() {
	printf 'zone "%s" { type secondary; primaries port %s { %s; }; file "%s/%s.sec"; };\n' \
		"$2" "$4" "$3" "$1" "$2" >> "$1/named.conf"
}
bind9_exec() {
	peer_exec "$1" usr/sbin/named -g -c "$2/named.conf" -n "$(cat "$2/workers")"
}

# Knot DNS: knotd runs in the foreground unless told otherwise; nothing
# is written back to the zone files (zonefile-sync -1, no journal).
knot_conf() {
	cat > "$1/knot.conf" <<EOF
server:
    rundir: "$1"
    listen: 127.0.0.1@$2
    udp-workers: $3
    tcp-workers: $3
    background-workers: 1
database:
    storage: "$1"
log:
  - target: stderr
    any: info
template:
  - id: default
    storage: "$1"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
zone:
EOF
}
knot_primary() {
	printf '  - domain: "%s"\n    file: "%s"\n' "$2" "$3" >> "$1/knot.conf"
}
knot_exec() {
	peer_exec "$1" usr/sbin/knotd -c "$2/knot.conf"
}

# NSD: nsd -d (foreground, log to stderr), zones read from their files
# (no nsd.db), no control channel; reuseport gives each server process a
# socket of its own, as the others have per thread.  Debian's NSD limits
# responses to 200 a second per /24 unless told otherwise (response rate
# limiting, which the others leave off): off, or every client on
# loopback is one client over its limit.
nsd_conf() {
	cat > "$1/nsd.conf" <<EOF
server:
	ip-address: 127.0.0.1@$2
	server-count: $3
	reuseport: yes
	username: ""
	chroot: ""
	zonesdir: "$1"
	database: ""
	zonelistfile: "$1/zone.list"
	xfrdfile: "$1/xfrd.state"
	xfrdir: "$1"
	pidfile: "$1/nsd.pid"
	verbosity: 1
	rrl-ratelimit: 0
	rrl-whitelist-ratelimit: 0
remote-control:
	control-enable: no
EOF
}
nsd_primary() {
	printf 'zone:\n\tname: "%s"\n\tzonefile: "%s"\n' "$2" "$3" >> "$1/nsd.conf"
}
nsd_exec() {
	peer_exec "$1" usr/sbin/nsd -d -c "$2/nsd.conf"
}
