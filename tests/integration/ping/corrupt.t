# Replies damaged on the way back (a raw-socket responder in h2 answers
# instead of h2's kernel): wrong data is reported byte by byte, a short
# reply is marked (truncated), a second reply (DUP!), an ICMP error about a
# request is a From line, a bad checksum is marked (BAD CHECKSUM!) and
# counted as corrupted; in a flood each shows as its letter.
. "$TOP/tests/integration/ping/common.sh"
need "$PING" "$IPUTILS_PING"
two_hosts

responder ok,data,truncate,dup,unreach
ip netns exec h1 "$PING" -c 5 -i 0.2 10.9.0.2 > "$T/out" 2>&1
assert_eq 0 $? "exit status"
cat "$T/out"
assert_eq "64 bytes from 10.9.0.2: icmp_seq=2 ttl=64 time=T ms
wrong data byte #20 should be 0x14 but was 0xff
#16	10 11 12 13 ff 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 
#48	30 31 32 33 34 35 36 37 " \
	"$(norm < "$T/out" | sed -n '/icmp_seq=2 /,/^#48/p')" "wrong data lines"
assert_file_match '^28 bytes from 10\.9\.0\.2: icmp_seq=3 ttl=64 \(truncated\)$' \
	"$T/out" "a short reply, without a time"
assert_file_match '^64 bytes from 10\.9\.0\.2: icmp_seq=4 ttl=64 time=[0-9.]+ ms \(DUP!\)$' \
	"$T/out" "the second reply"
assert_file_match '^From 10\.9\.0\.2 icmp_seq=5 Destination Port Unreachable$' \
	"$T/out" "the error"
assert_file_match '^5 packets transmitted, 4 received, \+1 duplicates, \+1 errors, 20% packet loss' \
	"$T/out" "summary"
# iputils checks the data and the length the same way.
same_as_iputils h1 -c 5 -i 0.2 10.9.0.2

# The checksum, which iputils computes but does not act on for IPv4: the
# reply is marked, and counts as corrupted, not received.
responder ok,checksum,ok
ip netns exec h1 "$PING" -c 3 -i 0.2 10.9.0.2 > "$T/sum" 2>&1
assert_eq 0 $? "exit status with a corrupted reply"
cat "$T/sum"
assert_file_match '^64 bytes from 10\.9\.0\.2: icmp_seq=2 ttl=64 time=[0-9.]+ ms \(BAD CHECKSUM!\)$' \
	"$T/sum" "checksum marked"
assert_file_match '^3 packets transmitted, 2 received, \+1 corrupted, 33\.3333% packet loss' \
	"$T/sum" "summary with corrupted"
! grep -q 'wrong data' "$T/sum" || fail "a corrupted reply's data was checked"

# A flood: a backspace and a space take back a good reply's dot, "\bC"
# marks a corrupted one, "\bE" an error.  With -w the first error ends
# the run; the requests after the third go unanswered.
modes=ok,checksum,unreach
i=0
while [ $i -lt 40 ]; do modes=$modes,none; i=$((i + 1)); done
responder $modes
ip netns exec h1 "$PING" -f -w 5 10.9.0.2 > "$T/flood" 2>&1
assert_eq 0 $? "flood exit status"
cat -A "$T/flood"
line=$(sed -n 2p "$T/flood")
bs=$(printf '\b')
for mark in "$bs $bs" "${bs}C" "${bs}E"; do
	n=$(printf '%s' "$line" | grep -o "$mark" | wc -l)
	assert_eq 1 "$n" "flood marks '$(printf '%s' "$mark" | cat -A)'"
done
assert_eq "" "$(printf '%s' "$line" | tr -d ". ${bs}CE")" "nothing else on the flood line"
assert_file_match '^[0-9]+ packets transmitted, 1 received, \+1 corrupted, \+1 errors, ' \
	"$T/flood" "flood summary"
