#!/usr/bin/env bash
# chronyd 4.3 as an interleaved (`xleave`) client of Meridian and of chronyd 4.3 in the same run:
# one client (`chronyd -x`, CPU 0) polls both loopback servers every 0.25 s; Meridian (127.0.0.1,
# one worker) and a chronyd server (`local stratum 1`, 127.0.0.2) share CPU 1. From the client's
# measurements log, per server: samples, interleaved / basic, offset percentiles, IQR, the standard
# deviation of the p1–p99 offsets, and samples beyond ±5 µs.
#   bench/xleave.sh [SECONDS]      (as root; default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-300}
run=$(mktemp -d /tmp/meridian-xleave-XXXXXX)
dotnet build src/Meridian -c Release >/dev/null
p1=$((20000 + RANDOM % 20000)); p2=$((p1 + 1))
printf 'local stratum 1\ncontrolsocket %s/meridian.sock\n' "$run" > "$run/meridian.conf"
printf 'local stratum 1\nbindaddress 127.0.0.2\nport %s\nallow 127.0.0.1\ncmdport 0\npidfile %s/server.pid\n' $p2 "$run" > "$run/server.conf"
printf 'server 127.0.0.1 port %s xleave minpoll -2 maxpoll -2\nserver 127.0.0.2 port %s xleave minpoll -2 maxpoll -2\ncmdport 0\nbindcmdaddress %s/c.sock\nlogdir %s\nlog measurements\npidfile %s/client.pid\n' \
  $p1 $p2 "$run" "$run" "$run" > "$run/client.conf"
taskset -c 1 dotnet src/Meridian/bin/Release/net10.0/meridian.dll serve --config "$run/meridian.conf" --listen "127.0.0.1:$p1" --workers 1 > "$run/meridian.log" 2>&1 &
meridian=$!
taskset -c 1 chronyd -x -d -u root -f "$run/server.conf" > "$run/server.log" 2>&1 &
server=$!
sleep 2
taskset -c 0 chronyd -x -d -u root -f "$run/client.conf" > "$run/client.log" 2>&1 &
client=$!
trap 'kill $client $server $meridian 2>/dev/null || true; wait 2>/dev/null || true' EXIT
sleep "$DURATION"
chronyc -h "$run/c.sock" ntpdata 2>/dev/null | grep -E 'Remote address|Interleaved' || true
kill $client; wait $client 2>/dev/null || true
echo "# $DURATION s, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$run/measurements.log" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 18 or not f[0][0].isdigit():
        continue
    mode = next((t for t in f if t in ('4I', '4B')), None)
    rows.setdefault(f[2], []).append((float(f[11]) * 1e9, mode))
names = {'127.0.0.1': 'Meridian', '127.0.0.2': 'chronyd'}
print('| server | samples | interleaved / basic | offset p1 / p25 / p50 / p75 / p99 ns | IQR ns | sd of p1–p99 ns | beyond ±5 µs |')
print('|---|---:|---|---|---:|---:|---:|')
for address, samples in sorted(rows.items()):
    offsets = sorted(o for o, _ in samples)
    q = lambda p: offsets[min(len(offsets) - 1, int(p / 100 * len(offsets)))]
    core = [o for o in offsets if q(1) <= o <= q(99)]
    print(f"| {names.get(address, address)} | {len(offsets)} | {sum(m == '4I' for _, m in samples)} / {sum(m == '4B' for _, m in samples)} | "
          f"{q(1):+.0f} / {q(25):+.0f} / {q(50):+.0f} / {q(75):+.0f} / {q(99):+.0f} | {q(75) - q(25):.0f} | {statistics.pstdev(core):.0f} | "
          f"{sum(abs(o) > 5000 for o in offsets)} |")
PY
