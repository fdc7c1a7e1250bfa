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
rounds="${1:-1}"
targets=(OptionCodecFuzzTest SegmentCodecFuzzTest CaptureFuzzTest CounterexampleJsonFuzzTest)
for ((r = 1; r <= rounds; r++)); do
  for t in "${targets[@]}"; do
    log="java-reference/target/fuzz-$t.log"
    mkdir -p java-reference/target
    start=$SECONDS
    if ! JAZZER_FUZZ=1 mvn -B -pl java-reference surefire:test -Dtest="$t" \
        -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
      echo "fuzz: $t FAILED (round $r); see $log" >&2
      grep -E "^(==|Caused by|java\.|org\.opentest4j)" "$log" | head -20 >&2 || true
      exit 1
    fi
    echo "fuzz: $t round $r: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || echo '?'), $((SECONDS - start)) s in all"
  done
done
