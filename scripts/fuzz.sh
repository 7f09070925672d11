#!/usr/bin/env bash
# Long-run fuzzing: runs the fuzz tests (xunit trait Category=Fuzz) of the three test projects again
# and again, each round with a fresh MERIDIAN_SEED and MERIDIAN_FUZZ_SCALE times the default cases,
# for at most SECONDS (default 300; the build counts), then stops by itself.
# Prints each round's seed, every failing seed with the failure and the command that replays it,
# and a summary; exits 1 when any round failed. Logs stay in the directory it prints.
#
#   scripts/fuzz.sh [SECONDS]          MERIDIAN_FUZZ_SCALE=20 scripts/fuzz.sh 600
set -euo pipefail
cd "$(dirname "$0")/.."

budget=${1:-300}
scale=${MERIDIAN_FUZZ_SCALE:-5}
projects=(tests/Meridian.Protocol.Tests tests/Meridian.Core.Tests tests/Meridian.Tests)
logs=$(mktemp -d "${TMPDIR:-/tmp}/meridian-fuzz.XXXXXX")
deadline=$((SECONDS + budget))
declare -A last_duration=()
rounds=0 runs=0 failures=0 unfinished=0
seeds=()

remaining() { echo $((deadline - SECONDS)); }

echo "fuzz: ${budget} s budget, ${scale}x the default cases per run, logs in ${logs}"
for project in "${projects[@]}"; do
  if ! timeout "$(remaining)" dotnet build "$project" -c Release -nologo -v q >"${logs}/build.log" 2>&1; then
    echo "fuzz: building ${project} failed or ran out of time; see ${logs}/build.log" >&2
    exit 2
  fi
done

while :; do
  seed=$(( $(od -An -N4 -tu4 /dev/urandom) % 2147483647 ))
  started_round=0
  for project in "${projects[@]}"; do
    name=$(basename "$project")
    # Start a run only when twice its last duration (or a minute, the first time) is left, so that
    # a run cut short by the budget is unusual enough to be reported as a possible hang.
    need=$(( ${last_duration[$name]:-30} * 2 ))
    left=$(remaining)
    if [ "$left" -lt "$need" ]; then
      continue
    fi

    started_round=1
    log="${logs}/${seed}-${name}.log"
    begin=$SECONDS
    set +e
    MERIDIAN_SEED=$seed MERIDIAN_FUZZ_SCALE=$scale timeout --kill-after=10 "$left" \
      dotnet test "$project" -c Release --no-build --filter "Category=Fuzz" >"$log" 2>&1
    rc=$?
    set -e
    last_duration[$name]=$(( SECONDS - begin > 1 ? SECONDS - begin : 1 ))
    runs=$((runs + 1))
    replay="MERIDIAN_SEED=${seed} MERIDIAN_FUZZ_SCALE=${scale} dotnet test ${project} -c Release --filter Category=Fuzz"
    if [ "$rc" -eq 0 ]; then
      echo "fuzz: seed ${seed} ${name}: passed in ${last_duration[$name]} s"
    elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
      unfinished=$((unfinished + 1))
      echo "fuzz: seed ${seed} ${name}: NOT FINISHED within ${left} s (twice its last run): possible hang; replay: ${replay}"
    else
      failures=$((failures + 1))
      echo "fuzz: seed ${seed} ${name}: FAILED; replay: ${replay}"
      grep -a -E 'MERIDIAN_SEED=|^input:' "$log" | sed 's/^ */    /' | cut -c1-400 || sed -n '1,40p' "$log"
    fi
  done

  if [ "$started_round" -eq 0 ]; then
    break
  fi
  rounds=$((rounds + 1))
  seeds+=("$seed")
done

echo "fuzz: ${rounds} rounds, ${runs} test runs at scale ${scale} in $((budget - $(remaining))) s; seeds: ${seeds[*]:-none}"
echo "fuzz: ${failures} failed, ${unfinished} unfinished"
if [ "$runs" -eq 0 ]; then
  echo "fuzz: nothing ran: give it more than a minute after the build" >&2
  exit 2
fi
[ "$failures" -eq 0 ] && [ "$unfinished" -eq 0 ]
