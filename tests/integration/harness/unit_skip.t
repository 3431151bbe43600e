# The unit-test skip convention: a test that cannot run (here: tests that
# need root, run as nobody) prints "SKIP <group>.<name>: reason" and
# tests/run-unit counts it as skipped, not passed.
need setpriv
kind=$(cat "$TOP/.build-kind" 2>/dev/null) || skip "the tree is not built"
bin=$TOP/tests/unit/$kind/libnet_test
[ -x "$bin" ] || skip "no $bin (make unit)"
mkdir -p "$T/bin" "$T/r"
# privdrop: one test runs as anyone, one needs root; capability: both
# need root.
cat > "$T/bin/as_nobody_test" <<EOF2
#!/bin/sh
exec setpriv --reuid nobody --regid nogroup --clear-groups "$bin" \
	-g privdrop -g capability
EOF2
chmod 755 "$T/bin/as_nobody_test"
RESULTS=$T/r "$TOP/tests/run-unit" "$T/bin/as_nobody_test" > "$T/out" 2>&1
cat "$T/out"
for t in privdrop.drop_to_nobody_is_one_way capability.root_holds_net_raw \
	capability.cleared_capabilities_cannot_come_back; do
	assert_file_match "^ *SKIP $t: needs root\$" "$T/out" "skip line of $t"
done
# Every test that printed a skip line is counted as skipped, the rest of
# those that ran as passed: privdrop's lookups run as anyone.
skips=$(grep -c '^ *SKIP ' "$T/out")
ran=$(setpriv --reuid nobody --regid nogroup --clear-groups "$bin" \
	-g privdrop -g capability 2>&1 | sed -n 's/.* \([0-9][0-9]*\) ran.*/\1/p')
[ "$skips" -ge 3 ] || fail "only $skips skip lines"
[ "$ran" -gt "$skips" ] || fail "$ran ran, $skips skipped: none passed"
assert_file_match "^unit as_nobody_test: $((ran - skips)) ok, 0 failed, $skips skipped\$" \
	"$T/out" "per-binary line"
assert_eq "pass $((ran - skips)) fail 0 skip $skips" \
	"$(tr '\n' ' ' < "$T/r/unit-as_nobody_test" | sed 's/ $//')" \
	"counts for the summary"
grep -Eq 'passed, .* failed, .* skipped' "$T/out" && fail "run-unit printed a summary-like line"
true
