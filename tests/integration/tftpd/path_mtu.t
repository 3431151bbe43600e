# blksize is capped by the path MTU: across a veth link with MTU 1500 a
# client asking for 65464 is granted 1468 (MTU less IP, UDP and TFTP
# headers), 1448 over IPv6; on loopback the full size is granted.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
two_hosts
ip netns exec h1 "$TFTPD" -L -v -a "*:$PORT" -s "$SRV" > "$T/h1.log" 2>&1 &
_pids="$_pids $!"
wait_until 10 ip netns exec h1 sh -c "ss -Hlun 'sport = :$PORT' | grep -q ."
cd "$T/client" || fail "cd"
ip netns exec h2 atftp --trace --option "blksize 65464" --get -r medium.bin \
	-l v4.bin 10.9.0.1 $PORT > trace4 2>&1 || { cat trace4; fail "v4 get"; }
same v4.bin "$SRV/medium.bin"
assert_file_match "OACK <.*blksize: 1468," trace4 "v4 cap"
ip netns exec h2 atftp --trace --option "blksize 65464" --get -r medium.bin \
	-l v6.bin fd00:9::1 $PORT > trace6 2>&1 || { cat trace6; fail "v6 get"; }
same v6.bin "$SRV/medium.bin"
assert_file_match "OACK <.*blksize: 1448," trace6 "v6 cap"
