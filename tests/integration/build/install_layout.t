# make install DESTDIR=... PREFIX=/usr/local SYSCONFDIR=/etc into a scratch
# directory: the layout README.md documents, install-dir substitution in the
# samples and rc scripts, and a second install that keeps an edited
# configuration file and puts the new sample beside it.
# timeout: 300
. "$TOP/tests/integration/build/common.sh"
stage=$T/stage
build_make "$TOP" install DESTDIR="$stage" PREFIX=/usr/local SYSCONFDIR=/etc
# The tree is built: installing compiles nothing.
assert_eq "" "$(compiled)" "sources compiled by make install"

note "programs: user commands in bin, daemons in sbin, inetd's servers in libexec"
expected=$T/expected
: > "$expected"
for mk in "$TOP"/bin/*/Makefile "$TOP"/sbin/*/Makefile "$TOP"/libexec/*/Makefile; do
	[ -f "$mk" ] || continue
	dir=$(dirname "$mk")
	prog=$(basename "$dir")
	kind=$(basename "$(dirname "$dir")")
	f=$stage/usr/local/$kind/$prog
	[ -f "$f" ] || fail "$prog is not at /usr/local/$kind/$prog"
	[ -x "$f" ] || fail "/usr/local/$kind/$prog is not executable"
	cmp -s "$dir/$prog" "$f" || fail "/usr/local/$kind/$prog differs from $dir/$prog"
	echo "usr/local/$kind/$prog" >> "$expected"
done

note "man pages: every page of the tree, in its section, nothing else"
for m in "$TOP"/man/man*/*.[1-9]; do
	[ -f "$m" ] || continue
	rel=usr/local/share/man/$(basename "$(dirname "$m")")/$(basename "$m")
	cmp -s "$m" "$stage/$rel" || fail "man page $rel is missing or differs"
	[ "$(stat -c %a "$stage/$rel")" = 644 ] || fail "$rel is not mode 644"
	echo "$rel" >> "$expected"
done

note "samples and rc scripts in SYSCONFDIR, install directories filled in"
for f in "$TOP"/etc/*; do
	[ -f "$f" ] || continue
	rel=etc/$(basename "$f")
	[ -f "$stage/$rel" ] || fail "sample $rel not installed"
	[ "$(stat -c %a "$stage/$rel")" = 644 ] || fail "$rel is not mode 644"
	echo "$rel" >> "$expected"
done
for f in "$TOP"/etc/named/*; do
	[ -f "$f" ] || continue
	rel=etc/named/$(basename "$f")
	cmp -s "$f" "$stage/$rel" || fail "named data file $rel is missing or differs"
	[ "$(stat -c %a "$stage/$rel")" = 644 ] || fail "$rel is not mode 644"
	echo "$rel" >> "$expected"
done
for f in "$TOP"/etc/rc.d/*; do
	[ -f "$f" ] || continue
	rel=etc/rc.d/$(basename "$f")
	mode=755
	[ "$(basename "$f")" = rc.subr ] && mode=644
	[ "$(stat -c %a "$stage/$rel")" = $mode ] || fail "$rel is not mode $mode"
	echo "$rel" >> "$expected"
done
left=$(grep -l '@[A-Z]*DIR@' "$stage"/etc/* "$stage"/etc/rc.d/* 2>/dev/null)
[ -z "$left" ] || fail "placeholders left in: $left"
rc=$stage/etc/rc.d/inetd
assert_file_match '^command=\$\{inetd_command:-/usr/local/sbin/inetd\}$' "$rc" "rc.d/inetd program"
assert_file_match '^conf=\$\{inetd_conf:-/etc/inetd.conf\}$' "$rc" "rc.d/inetd configuration"
assert_file_match '^pidfile=\$\{inetd_pidfile:-/run/inetd.pid\}$' "$rc" "rc.d/inetd pidfile (RUNDIR)"
assert_file_match '^\. "/etc/rc.d/rc.subr"$' "$rc" "rc.d/inetd finds rc.subr (SYSCONFDIR)"
assert_file_match '^directory[[:space:]]+/etc/named$' "$stage/etc/named.boot" "named.boot's directory (SYSCONFDIR)"
rc=$stage/etc/rc.d/tftpd
assert_file_match '^command=\$\{tftpd_command:-/usr/local/libexec/tftpd\}$' "$rc" "rc.d/tftpd program (LIBEXECDIR)"
assert_file_match '^pidfile=\$\{tftpd_pidfile:-/run/tftpd.pid\}$' "$rc" "rc.d/tftpd pidfile (RUNDIR)"
rc=$stage/etc/rc.d/named
assert_file_match '^command=\$\{named_command:-/usr/local/sbin/named\}$' "$rc" "rc.d/named program (SBINDIR)"
assert_file_match '^boot=\$\{named_boot:-/etc/named.boot\}$' "$rc" "rc.d/named boot file (SYSCONFDIR)"
assert_file_match '^pidfile=\$\{named_pidfile:-/run/named.pid\}$' "$rc" "rc.d/named pidfile (RUNDIR)"
assert_file_match '^\. "/etc/rc.d/rc.subr"$' "$rc" "rc.d/named finds rc.subr (SYSCONFDIR)"
if grep -q '@LIBEXECDIR@' "$TOP/etc/inetd.conf"; then
	assert_file_match '/usr/local/libexec/' "$stage/etc/inetd.conf" "inetd.conf servers in LIBEXECDIR"
fi

note "nothing installed that the layout does not name"
(cd "$stage" && find . -type f | sed 's|^\./||' | sort) > "$T/installed"
sort "$expected" > "$T/expected.sorted"
diff "$T/expected.sorted" "$T/installed" > "$T/diff" ||
	{ cat "$T/diff"; fail "installed files differ from the documented layout"; }

note "a second install keeps an edited configuration, the sample goes beside it"
echo "# edited by the administrator" >> "$stage/etc/inetd.conf"
cp "$stage/etc/inetd.conf" "$T/edited"
build_make "$TOP" install DESTDIR="$stage" PREFIX=/usr/local SYSCONFDIR=/etc
cmp -s "$T/edited" "$stage/etc/inetd.conf" || fail "install overwrote the edited inetd.conf"
[ -f "$stage/etc/inetd.conf.sample" ] || fail "no inetd.conf.sample beside the kept file"
sed -e 's|@LIBEXECDIR@|/usr/local/libexec|g' -e 's|@SYSCONFDIR@|/etc|g' \
	-e 's|@SBINDIR@|/usr/local/sbin|g' -e 's|@BINDIR@|/usr/local/bin|g' \
	-e 's|@RUNDIR@|/run|g' "$TOP/etc/inetd.conf" > "$T/fresh"
cmp -s "$T/fresh" "$stage/etc/inetd.conf.sample" || fail "inetd.conf.sample is not the new sample"
assert_file_match "kept .*/etc/inetd.conf, sample is .*/etc/inetd.conf.sample" "$T/make.log" \
	"install says what it kept"
# Files nobody edited are equal to their samples: no .sample for them.
n=$(find "$stage/etc" -name '*.sample' | wc -l)
assert_eq 1 "$n" "number of .sample files after the second install"
