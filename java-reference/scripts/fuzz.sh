#!/usr/bin/env bash
# Coverage-guided fuzzing (docs/reliability.md): each Jazzer fuzz test in fuzzing mode for its
# maxDuration (30 s), one Maven run per target since Jazzer fuzzes one test per JVM. Needs the
# test classes compiled (mvn verify or test-compile first). The generated corpus accumulates in
# java-reference/.cifuzz-corpus/, so repeated runs go on where the last one stopped:
#   java-reference/scripts/fuzz.sh          one round (CI)
#   java-reference/scripts/fuzz.sh 40       forty rounds, about 20 minutes per target (the longer run)
# A crash fails the round and Jazzer saves the input under
# java-reference/src/test/resources/org/mptcpverify/fuzz/<Test>Inputs/<method>/, where the
# ordinary test run replays it from then on: commit it with the fix.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# --report-only (CI): a finding is printed with the input Jazzer saved, and the round goes on; the
# exit code stays 0. A finding depends on where random exploration went, not on the change being
# tested, so it must not decide whether a change lands; the saved inputs already in the repository
# are replayed by every `mvn verify` and do decide it.
report_only=0
if [ "${1:-}" = "--report-only" ]; then report_only=1; shift; fi
rounds="${1:-1}"
findings=0
targets=(OptionCodecFuzzTest SegmentCodecFuzzTest CaptureFuzzTest SegmentTraceJsonFuzzTest)
for ((r = 1; r <= rounds; r++)); do
  for t in "${targets[@]}"; do
    log="java-reference/target/fuzz-$t.log"
    mkdir -p java-reference/target
    start=$SECONDS
    if ! JAZZER_FUZZ=1 mvn -B -pl java-reference surefire:test -Dtest="$t" \
        -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
      echo "fuzz: $t FAILED (round $r); see $log" >&2
      grep -E "^(==|Caused by|java\.|org\.opentest4j)" "$log" | head -20 >&2 || true
      git status --porcelain -- java-reference/src/test/resources/org/mptcpverify/fuzz >&2 || true
      [ "$report_only" = 1 ] || exit 1
      findings=$((findings + 1))
      continue
    fi
    echo "fuzz: $t round $r: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || echo '?'), $((SECONDS - start)) s in all"
  done
done
if [ "$findings" -gt 0 ]; then
  echo "fuzz: $findings finding(s), reported above (--report-only: not failing); turn each into a regression input" >&2
fi
