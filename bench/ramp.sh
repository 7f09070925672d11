#!/usr/bin/env bash
# Rate ramps against one Meridian worker on loopback with Meridian's own load generator: per step
# the loss, latency p99.9 / max, the server's residence (T3 − T2) and its kernel transmit-timestamp
# error (kernel TX − T3, mean / p99, from `meridian status` around the step). Server on CPU 1 at
# SCHED_FIFO 10, generator on CPU 0. Prints the load average before each ramp: on a shared machine
# the figures are only as good as the machine is quiet.
# With CHRONYD=1 a chronyd 4.3 (`-x`, `local stratum 1`, same CPU and priority) gets a ramp after
# each of Meridian's: the generator reads its residence the same way (its kernel receive timestamp
# and its transmit timestamp), so what the machine adds shows in both. The last lines count, per
# server, the steps whose longest residence passed 5 ms.
# CONF="LINE" adds a line to Meridian's configuration (for example CONF="maxrequestage 4").
# MERIDIAN=PATH runs that binary (the Native AOT build the package ships) instead of this checkout's JIT build.
#   bench/ramp.sh [RAMPS] [RATES] [SECONDS]      (as root: chrt)
set -euo pipefail
cd "$(dirname "$0")/.."
RAMPS=${1:-3}
RATES=${2:-"20000,50000,80000,100000,130000,160000,200000"}
SECONDS_PER_STEP=${3:-2}
run=$(mktemp -d /tmp/meridian-ramp-XXXXXX)
dotnet build src/Meridian -c Release >/dev/null
dotnet build bench/Meridian.LoadGen -c Release >/dev/null
port=$((20000 + RANDOM % 20000))
printf 'local stratum 1\ncontrolsocket %s/meridian.sock\n%s\n' "$run" "${CONF:-}" > "$run/meridian.conf"
read -r -a meridian <<< "${MERIDIAN:-dotnet src/Meridian/bin/Release/net10.0/meridian.dll}"
taskset -c 1 chrt -f 10 "${meridian[@]}" serve --config "$run/meridian.conf" \
  --listen "127.0.0.1:$port" --workers 1 > "$run/server.log" 2>&1 &
server=$!
chronyd_pid=
trap 'kill $server $chronyd_pid 2>/dev/null; wait $server 2>/dev/null || true' EXIT
if [ "${CHRONYD:-0}" = 1 ]; then
  printf 'local stratum 1\nallow all\nport %s\ncmdport 0\npidfile %s/chronyd.pid\n' $((port + 1)) "$run" > "$run/chrony.conf"
  taskset -c 1 chrt -f 10 chronyd -x -d -f "$run/chrony.conf" > "$run/chronyd.log" 2>&1 &
  chronyd_pid=$!
fi
for _ in $(seq 50); do [ -S "$run/meridian.sock" ] && break; sleep 0.1; done
ramp() { # NAME PORT [--control SOCKET]
  local name=$1 target=$2; shift 2
  echo "# $name ramp $r, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  taskset -c 0 dotnet bench/Meridian.LoadGen/bin/Release/net10.0/meridian-loadgen.dll --server "127.0.0.1:$target" \
    --rates "$RATES" --seconds "$SECONDS_PER_STEP" --sources 4096 "$@" | tail -n +2 | tee -a "$run/$name.txt"
}
for r in $(seq "$RAMPS"); do
  ramp meridian "$port" --control "$run/meridian.sock"
  [ -n "$chronyd_pid" ] && ramp chronyd $((port + 1))
done
"${meridian[@]}" status --socket "$run/meridian.sock" | grep -E 'received|served|dropped|interleaved|transmit error|gc:'
for name in meridian chronyd; do
  [ -f "$run/$name.txt" ] && awk -v n=$name '$1 ~ /^[0-9]+$/ { steps++; if ($16 > 5000) over++ } END { printf "%s: %d of %d steps with a residence above 5 ms\n", n, over, steps }' "$run/$name.txt"
done
