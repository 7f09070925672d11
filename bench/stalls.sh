#!/usr/bin/env bash
# Where the serving worker was while requests waited: one rate ramp (as bench/ramp.sh: one worker on
# CPU 1 at SCHED_FIFO 10, Meridian's load generator on CPU 0) under a kernel scheduler trace of both
# CPUs, then bench/stalls/analyze.py on the trace; and, with nothing running, how much this machine
# takes away from a program that only spins (bench/stalls/cpugaps.c on both CPUs at once).
#   bench/stalls.sh [RATES] [SECONDS] [GAP_SECONDS]     (as root: tracefs, chrt; needs gcc, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${1:-"20000,50000,80000,100000,130000"}
SECONDS_PER_STEP=${2:-2}
GAP_SECONDS=${3:-30}
run=$(mktemp -d /tmp/meridian-stalls-XXXXXX)
T=/sys/kernel/tracing
[ -e $T/trace ] || mount -t tracefs nodev $T
dotnet build src/Meridian -c Release >/dev/null
dotnet build bench/Meridian.LoadGen -c Release >/dev/null
gcc -O2 -o "$run/cpugaps" bench/stalls/cpugaps.c
port=$((20000 + RANDOM % 20000))
printf 'local stratum 1\ncontrolsocket %s/meridian.sock\n' "$run" > "$run/meridian.conf"
taskset -c 1 chrt -f 10 dotnet src/Meridian/bin/Release/net10.0/meridian.dll serve --config "$run/meridian.conf" \
  --listen "127.0.0.1:$port" --workers 1 > "$run/server.log" 2>&1 &
server=$!
stop_tracing() { echo 0 > $T/tracing_on; echo > $T/set_event; echo > $T/trace; }
trap 'stop_tracing; kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -S "$run/meridian.sock" ] && break; sleep 0.1; done
worker=$(grep -l '^serve' /proc/$server/task/*/comm | head -1 | cut -d/ -f5)
echo 0 > $T/tracing_on; echo > $T/trace
echo 3 > $T/tracing_cpumask
echo 65536 > $T/buffer_size_kb
echo > $T/set_event
for e in sched:sched_switch sched:sched_waking sched:sched_wakeup; do echo $e >> $T/set_event; done
echo 1 > $T/tracing_on
taskset -c 0 dotnet bench/Meridian.LoadGen/bin/Release/net10.0/meridian-loadgen.dll --server "127.0.0.1:$port" \
  --rates "$RATES" --seconds "$SECONDS_PER_STEP" --sources 4096 --control "$run/meridian.sock" | tail -n +2
echo 0 > $T/tracing_on
cp $T/trace "$run/trace.txt"
stop_tracing
kill $server; wait $server 2>/dev/null || true
trap - EXIT
grep -c . "$run/trace.txt" | xargs echo "trace events:"
grep -q "LOST" "$run/trace.txt" && echo "(the trace buffer overflowed: some events are missing)"
python3 bench/stalls/analyze.py "$run/trace.txt" "$worker" 1
echo "# the machine alone, $GAP_SECONDS s, a spinning program on each CPU (nice -20):"
taskset -c 0 nice -n -20 "$run/cpugaps" "$GAP_SECONDS" 100 | sed 's/^/CPU 0: /' &
taskset -c 1 nice -n -20 "$run/cpugaps" "$GAP_SECONDS" 100 | sed 's/^/CPU 1: /'
wait
rm -f "$run/trace.txt"
