# lib/mk/deps.sh while it installs: policy-rc.d refuses service starts, and
# however it ends (apt-get failing, or the run interrupted) the machine's
# own policy-rc.d is back as it was, or none is left if there was none.  A
# stand-in apt-get (first in PATH) records the policy it ran under; the
# policy file and the package list are the case's own.
need dpkg-query
bin=$T/bin
mkdir -p "$bin"
cat > "$bin/apt-get" <<'EOF2'
#!/bin/sh
# The policy in force, and whether it refuses a start (exit 101).
cp "$DEPS_POLICY_RC_D" "$T/seen" 2>/dev/null
sh "$DEPS_POLICY_RC_D" x start; echo "policy exit $?" >> "$T/seen"
case $FAKE in
interrupt) kill -INT "$DEPS_PID"; exit 1 ;;
ok)
	echo "Unpacking netsuite-no-such-package (1.0) ..."
	echo "Setting up netsuite-no-such-package (1.0) ..."
	exit 0 ;;
terminate) kill -TERM "$DEPS_PID"; exit 1 ;;
*) for p; do :; done; echo "E: Unable to locate package $p"; exit 100 ;;
esac
EOF2
chmod 755 "$bin/apt-get"
export DEPS_PACKAGES=netsuite-no-such-package DEPS_POLICY_RC_D=$T/sbin/policy-rc.d
export TMPDIR=$T
mkdir -p "$T/sbin"

# deps.sh runs apt-get in a pipeline: the stand-in signals it by the pid
# the shell running it was given ($$ there).
deps() {
	PATH="$bin:$PATH" FAKE=$1 sh -c 'export DEPS_PID=$$; exec sh "$0"' \
		"$TOP/lib/mk/deps.sh" > "$T/deps.out" 2>&1
}

for how in fail interrupt terminate; do
	note "no policy-rc.d before, apt-get: $how"
	rm -f "$T/seen" "$DEPS_POLICY_RC_D"
	deps "$how" && fail "deps.sh succeeded with apt-get $how"
	assert_file_match '^policy exit 101$' "$T/seen" "service starts refused during apt-get ($how)"
	[ -e "$DEPS_POLICY_RC_D" ] && fail "policy-rc.d left behind ($how)"

	note "the administrator's policy-rc.d before, apt-get: $how"
	printf '#!/bin/sh\n# the site policy\nexit 0\n' > "$DEPS_POLICY_RC_D"
	chmod 750 "$DEPS_POLICY_RC_D"
	cp -p "$DEPS_POLICY_RC_D" "$T/site"
	deps "$how" && fail "deps.sh succeeded with apt-get $how"
	assert_file_match '^policy exit 101$' "$T/seen" "refused under a site policy ($how)"
	cmp -s "$T/site" "$DEPS_POLICY_RC_D" || fail "site policy-rc.d not restored ($how)"
	assert_eq 750 "$(stat -c %a "$DEPS_POLICY_RC_D")" "site policy-rc.d mode ($how)"
	[ -z "$(ls -A "$T/sbin" | grep -v '^policy-rc.d$')" ] ||
		fail "temporary files left beside policy-rc.d ($how): $(ls -A "$T/sbin")"
done

note "a link as policy-rc.d is put back as the link, its target untouched"
rm -f "$DEPS_POLICY_RC_D"
printf '#!/bin/sh\nexit 0\n' > "$T/target"
ln -s "$T/target" "$DEPS_POLICY_RC_D"
deps fail && fail "deps.sh succeeded"
[ -L "$DEPS_POLICY_RC_D" ] || fail "the link was not restored"
assert_eq "$T/target" "$(readlink "$DEPS_POLICY_RC_D")" "link target"
assert_eq "$(printf '#!/bin/sh\nexit 0')" "$(cat "$T/target")" "link target's content"

note "the log of a failed apt-get is named and kept, not in a fixed place"
rm -f "$DEPS_POLICY_RC_D"
deps fail && fail "deps.sh succeeded"
log=$(sed -n 's/.*see \(.*\)$/\1/p' "$T/deps.out")
case $log in "$T"/deps.*) ;; *) fail "log not made with mktemp under TMPDIR: '$log'" ;; esac
assert_file_match 'Unable to locate package netsuite-no-such-package' "$log" "apt-get output in the log"

note "an install says what it does while it does it"
rm -f "$DEPS_POLICY_RC_D"
deps ok || { cat "$T/deps.out"; fail "deps.sh failed with apt-get succeeding"; }
cat "$T/deps.out"
assert_file_match '^deps: installing 1 packages with apt-get .*: netsuite-no-such-package$' \
	"$T/deps.out" "what is installed"
assert_file_match '^deps:   set up netsuite-no-such-package$' "$T/deps.out" \
	"each package as it is set up"
assert_file_match '^deps: done$' "$T/deps.out" "the end"
