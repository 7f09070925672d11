#!/usr/bin/env python3
"""Reads a tracefs trace (sched_switch, sched_waking, sched_wakeup) of a ramp and reports where the
serving worker was while requests waited:
  - waits: the worker runnable but not running for more than THRESHOLD, and what ran instead;
  - wake-ups: the worker woken from another CPU (sched_waking) and how long until the wake-up
    landed on its own CPU (sched_wakeup) — on a VM, the time an idle vCPU takes to come back.
Usage: analyze.py TRACE WORKER_TID WORKER_CPU [THRESHOLD_MS]"""
import collections
import re
import statistics
import sys

LINE = re.compile(r'^\s*(.+?)-(\d+)\s+\[(\d+)\]\s+\S+\s+([\d.]+): (\w+): (.*)$')
SWITCH = re.compile(r'prev_pid=(\d+) .*prev_state=(\S+) ==> next_comm=(.*) next_pid=(\d+)')


def main(path, worker, cpu, threshold):
    state, since, ran, current, current_since = 'S', None, collections.Counter(), None, None
    waits, waking, wakeups = [], None, []
    for line in open(path, encoding='utf-8', errors='replace'):
        m = LINE.match(line)
        if not m:
            continue
        _, _, on_cpu, ts, event, rest = m.groups()
        ts, on_cpu = float(ts), int(on_cpu)
        targets_worker = f' pid={worker} ' in rest
        if event == 'sched_waking' and targets_worker and on_cpu != cpu:
            waking = ts
        elif event == 'sched_wakeup' and targets_worker:
            if waking is not None:
                wakeups.append((ts - waking, waking))
                waking = None
            if state == 'S':
                state, since, ran = 'W', ts, collections.Counter()
        elif event == 'sched_switch' and on_cpu == cpu:
            s = SWITCH.search(rest)
            if state == 'W' and current is not None:
                ran[current] += ts - max(current_since, since)
            if s.group(1) == worker:
                if s.group(2).startswith('R'):
                    state, since, ran = 'W', ts, collections.Counter()
                else:
                    state = 'S'
            if s.group(4) == worker:
                waking = None  # a waking of a task already runnable has no sched_wakeup to pair with
            if s.group(4) == worker and state == 'W':
                waits.append((ts - since, since, ran.most_common(3)))
                state = 'R'
            current, current_since = s.group(3), ts

    long_waits = sorted((w for w in waits if w[0] > threshold), reverse=True)
    blame = collections.Counter()
    for _, _, tasks in long_waits:
        for task, seconds in tasks:
            blame[task] += seconds
    print(f'worker runnable but not running > {threshold * 1e3:g} ms: {len(long_waits)} of {len(waits)} runs')
    print('  time by what ran instead (ms):', ', '.join(f'{t} {s * 1e3:.2f}' for t, s in blame.most_common(6)) or '-')
    for seconds, at, tasks in long_waits[:8]:
        print(f'  {seconds * 1e3:7.3f} ms at {at:.6f}: ' + ', '.join(f'{t} {s * 1e3:.3f}' for t, s in tasks))
    wakeups.sort(reverse=True)
    if wakeups:
        print(f'wake-ups of the worker from another CPU: {len(wakeups)}, median {statistics.median(w[0] for w in wakeups) * 1e6:.1f} µs, '
              f'> 1 ms: {sum(1 for w in wakeups if w[0] > 1e-3)}')
        print('  longest (ms at trace time):', ', '.join(f'{w * 1e3:.2f} at {t:.3f}' for w, t in wakeups[:8]))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) / 1e3 if len(sys.argv) > 4 else 3e-4)
