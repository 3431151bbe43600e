# Started as root, tftpd binds, chroots into -s and becomes -u's user
# (nobody by default) before serving; root cannot be regained.
. "$TOP/tests/integration/tftpd/common.sh"
need atftp
make_tree
id daemon > /dev/null 2>&1 || skip "no user daemon"
start_tftpd -u daemon
uid=$(awk '/^Uid:/ { print $2 "," $3 "," $4 }' /proc/$TFTPD_PID/status)
assert_eq "$(id -u daemon),$(id -u daemon),$(id -u daemon)" "$uid" "uids after drop"
assert_eq "$SRV" "$(readlink /proc/$TFTPD_PID/root)" "chroot"
groups=$(awk '/^Groups:/ { $1 = ""; print }' /proc/$TFTPD_PID/status)
case " $groups " in
*" 0 "*) fail "still in group 0: $groups" ;;
esac
cd "$T/client" || fail "cd"
atftp --get -r small.txt -l s 127.0.0.1 $PORT || fail "get as daemon"
same s "$SRV/small.txt"
stop_daemon "$TFTPD_PID"
start_tftpd
assert_eq "$(id -u nobody)" \
	"$(awk '/^Uid:/ { print $2 }' /proc/$TFTPD_PID/status)" "default user"
