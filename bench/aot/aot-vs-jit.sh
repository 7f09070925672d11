#!/usr/bin/env bash
# The Native AOT build against the JIT build (self-contained single file) of meridian, with the
# shared perfkit exactly as bench/side-by-side.sh runs it (server pinned to CPU 1, generator to
# CPU 0, RT priority, perfkit's network namespace), the builds interleaved per repetition, next to
# the C reference responder. Prints summarize.sh's table: "aot" and "jit" rows.
#   bench/aot/aot-vs-jit.sh AOT_BINARY JIT_BINARY [REPS] [RATES]     (as root; ~1.5 min per repetition)
# Binaries: dotnet publish src/Meridian -c Release -r linux-x64 -p:MeridianAot=true -o /tmp/aot-pub
#           dotnet publish src/Meridian -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
#             -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -o /tmp/single-pub
set -euo pipefail
cd "$(dirname "$0")/../.."
AOT=$(realpath "$1"); JIT=$(realpath "$2"); REPS=${3:-2}
RATES=${4:-"20000 60000 100000 140000 180000 220000"}
K=$(realpath "${PERFKIT:-../shared/perfkit}")
export PERFKIT_RUN=${PERFKIT_RUN:-/tmp/perfkit-run}
mkdir -p "$PERFKIT_RUN/results"
[ -x "$PERFKIT_RUN/bin/ntpload" ] || eval "$("$K/setup.sh" build)"
printf 'local stratum 1\ncontrolsocket %s/meridian.sock\n' "$PERFKIT_RUN" > "$PERFKIT_RUN/meridian.conf"
"$K/netns.sh" down >/dev/null 2>&1 || true   # left over from an interrupted run
"$K/netns.sh" up >/dev/null
trap '"$K/netns.sh" down >/dev/null 2>&1 || true' EXIT

out="$PERFKIT_RUN/results/aot-vs-jit-$(date -u +%Y%m%dT%H%M%SZ).txt"
for rep in $(seq 1 "$REPS"); do
  for build in aot jit; do
    bin=$AOT; [ $build = jit ] && bin=$JIT
    RT=1 DUR=2 RATES="$RATES" \
      SERVER_CMD="$bin serve --config $PERFKIT_RUN/meridian.conf --listen 127.0.0.1:123 --workers 1" \
      "$K/bench.sh" "$([ $build = aot ] && echo "reflect cmd" || echo cmd)" 1 |
      sed -e "s/^RESULT cmd       *[0-9]/RESULT $build        $rep/" -e "s/^RESULT reflect    [0-9]/RESULT reflect    $rep/" | tee -a "$out"
  done
done
echo "# results in $out"
"$K/summarize.sh" "$out"
