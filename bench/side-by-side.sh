#!/usr/bin/env bash
# Meridian next to chronyd, NTPsec and the C reference responder, in one interleaved run on this
# machine, with the shared perfkit (../shared/perfkit): servers pinned to CPU 1, the generator to
# CPU 0, real-time priority, inside perfkit's own network namespaces. Prints per server: highest
# rate with < 1 % loss, peak responses/s, server CPU % at 100 000/s, p99 served-time error.
#   bench/side-by-side.sh [REPS] [RATES]      (as root; about 3 minutes per repetition)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
RATES=${2:-"20000 60000 100000 140000 180000 220000"}
K=${PERFKIT:-../shared/perfkit}
export PERFKIT_RUN=${PERFKIT_RUN:-/tmp/perfkit-run}
mkdir -p "$PERFKIT_RUN/results"

eval "$("$K/setup.sh" all)"
dotnet publish src/Meridian -c Release -o "$PERFKIT_RUN/meridian" >/dev/null
printf 'local stratum 1\ncontrolsocket %s/meridian.sock\n' "$PERFKIT_RUN" > "$PERFKIT_RUN/meridian.conf"
"$K/netns.sh" down >/dev/null 2>&1 || true   # left over from an interrupted run
"$K/netns.sh" up >/dev/null
trap '"$K/netns.sh" down >/dev/null 2>&1 || true' EXIT

out="$PERFKIT_RUN/results/side-by-side-$(date -u +%Y%m%dT%H%M%SZ).txt"
RT=1 DUR=2 RATES="$RATES" \
  SERVER_CMD="$PERFKIT_RUN/meridian/meridian serve --config $PERFKIT_RUN/meridian.conf --listen 127.0.0.1:123 --workers 1" \
  "$K/bench.sh" "reflect chrony ntpsec cmd" "$REPS" | tee "$out"
echo "# cmd = Meridian; results in $out"
"$K/summarize.sh" "$out"
