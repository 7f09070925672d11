#!/usr/bin/env python3
"""Start-up to first answer: exec 'meridian serve' and poll it with NTP client requests (one a
millisecond) until the first valid reply (mode 4, stratum 1..15, the origin of one of our requests); then read its RSS and memory maps.

  bench/aot/first-answer.py BINARY [REPS] [PORT]      (REPS <= 50; each run <= 20 s)

Per run: ms from exec to the first valid reply, VmRSS at the first answer and 2 s later, and the
mappings that are writable and executable at once (rwx) or executable but not backed by a file
(code written at run time: the JIT's). Prints the median. The config is 'local stratum 1' with a
control socket in a temporary directory; loopback only.
"""
import os, signal, socket, statistics, struct, subprocess, sys, tempfile, time

binary = sys.argv[1]
reps = min(int(sys.argv[2]) if len(sys.argv) > 2 else 7, 50)
port = int(sys.argv[3]) if len(sys.argv) > 3 else 20000 + os.getpid() % 20000


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))


def code_maps(pid):
    """(rwx mappings, executable mappings not backed by a regular file)."""
    rwx = anon_x = 0
    with open(f"/proc/{pid}/maps") as f:
        for line in f:
            parts = line.split()
            perms, path = parts[1], parts[5] if len(parts) > 5 else ""
            if "w" in perms and "x" in perms:
                rwx += 1
            if "x" in perms and not path.startswith("/") and path not in ("[vdso]", "[vsyscall]"):
                anon_x += 1
            elif "x" in perms and "(deleted)" in line or "doublemapper" in path:
                anon_x += 1
    return rwx, anon_x


def run_once(conf):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(0.001)
    start = time.monotonic()
    proc = subprocess.Popen([binary, "serve", "--config", conf, "--listen", f"127.0.0.1:{port}", "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        n = 0
        while time.monotonic() - start < 20:
            n += 1
            origin = struct.pack("!II", 0x7FFFFFFF, n)
            sock.sendto(b"\x23" + bytes(39) + origin, ("127.0.0.1", port))
            try:
                data = sock.recv(512)
            except (socket.timeout, ConnectionRefusedError):
                if proc.poll() is not None:
                    raise SystemExit(f"server exited with {proc.returncode}")
                continue
            if len(data) >= 48 and data[0] & 7 == 4 and 0 < data[1] < 16 and data[24:28] == origin[:4] and 0 < struct.unpack("!I", data[28:32])[0] <= n:
                ms = (time.monotonic() - start) * 1000
                rss0 = rss_kib(proc.pid)
                time.sleep(2)
                return ms, rss0, rss_kib(proc.pid), code_maps(proc.pid)
        raise SystemExit("no answer within 20 s")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        sock.close()


with tempfile.TemporaryDirectory() as d:
    conf = os.path.join(d, "local.conf")
    with open(conf, "w") as f:
        f.write(f"local stratum 1\ncontrolsocket {d}/meridian.sock\n")
    results = [run_once(conf) for _ in range(reps)]

for ms, rss0, rss2, (rwx, anon_x) in results:
    print(f"first answer {ms:7.1f} ms  rss {rss0 / 1024:6.1f} MiB, after 2 s {rss2 / 1024:6.1f} MiB  rwx maps {rwx}  runtime-code maps {anon_x}")
print(f"median of {reps}: first answer {statistics.median(r[0] for r in results):.1f} ms, "
      f"rss {statistics.median(r[1] for r in results) / 1024:.1f} MiB, after 2 s {statistics.median(r[2] for r in results) / 1024:.1f} MiB "
      f"({binary})")
