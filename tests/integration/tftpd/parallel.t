# timeout: 180
# 50 clients at once against one standalone process: every file arrives
# intact and the process serves them concurrently.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
head -c 2000000 /dev/urandom > "$SRV/par.bin"
chmod 644 "$SRV/par.bin"
start_tftpd -M 50 -m 100
cd "$T/client" || fail "cd"
pids=
i=0
while [ $i -lt 50 ]; do
	if [ $((i % 2)) -eq 0 ]; then
		atftp --option "blksize 1428" --get -r par.bin -l "p.$i" \
			127.0.0.1 $PORT > "log.$i" 2>&1 &
	else
		atftp --option "windowsize 8" --get -r par.bin -l "p.$i" \
			127.0.0.1 $PORT > "log.$i" 2>&1 &
	fi
	pids="$pids $!"
	i=$((i + 1))
done
bad=0
for p in $pids; do
	wait "$p" || bad=$((bad + 1))
done
[ $bad -eq 0 ] || fail "$bad clients failed"
i=0
while [ $i -lt 50 ]; do
	same "p.$i" "$SRV/par.bin"
	i=$((i + 1))
done
n=$(grep -c 'read "par.bin" .*: ok' "$T/tftpd.log")
assert_eq 50 "$n" "transfers logged ok"
[ "$(pgrep -c -x tftpd)" = 1 ] || fail "more than one tftpd process"
