# timeout: 180
# 50 clients at once: every file arrives intact.  Standalone, one process
# serves them all concurrently; behind inetd, each has a tftpd of its own.
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
wait_logged 'read "par.bin" .*: ok' 50 "transfers logged ok"
case $MODE in
standalone)
	[ "$(pgrep -c -x tftpd)" = 1 ] || fail "more than one tftpd process"
	;;
inetd)
	n=$(grep -Ec "$PORT/udp: pid [0-9]+ exited 0 after" "$T/inetd.log")
	[ "$n" -ge 50 ] || fail "inetd started $n tftpd that exited 0, want 50"
	;;
esac
