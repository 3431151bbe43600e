# lib.sh: helpers for benchmarks; sourced inside the benchmark's namespaces.
set -u
BENCH_CACHE=$TOP/tests/bench/.cache
B=$(mktemp -d /tmp/bench.XXXXXX)
mount -t tmpfs -o mode=755 none "$B"
_bench_pids=
trap 'for p in $_bench_pids; do kill $p 2>/dev/null; done; umount -l "$B"; rmdir "$B"' EXIT

# fetch_peer PACKAGE: the root of the unpacked peer package (fetched by
# tests/bench/run before the benchmark entered its namespace).
fetch_peer() {
	if [ ! -d "$BENCH_CACHE/$1/root" ]; then
		echo "bench: $1 is not fetched; list it in the benchmark's peers file" >&2
		return 1
	fi
	echo "$BENCH_CACHE/$1/root"
}

# bg COMMAND...: start a server in the background, killed at exit.
bg() {
	"$@" > "$B/bg.$$.$(date +%s%N).log" 2>&1 &
	BG_PID=$!
	_bench_pids="$_bench_pids $BG_PID"
}

# wait_port PROTO PORT: wait (bounded, 10 s) until a tcp/udp port is open.
wait_port() {
	_i=0
	while ! ss -Hln"$(echo "$1" | cut -c1)" "sport = :$2" | grep -q .; do
		_i=$((_i + 1))
		[ $_i -lt 500 ] || { echo "bench: $1 port $2 never opened" >&2; return 1; }
		sleep 0.02
	done
}

# median: the median of the numbers on stdin, one per line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2];
		else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A/B with two decimals.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f\n", a / b }'
}

# report WHAT UNIT OURS PEER_NAME PEER: one aligned result line with the
# ratio ours/peer.
report() {
	printf '%-40s ours %10s %-6s %-14s %10s  ratio %s\n' "$1" "$3" "$2" \
		"$4" "$5" "$(ratio "$3" "$5")"
}
