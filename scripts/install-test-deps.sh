#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when they are missing.
# Never starts their daemons: chronyd, ntpd and prometheus are run by the tests themselves, on loopback ports.
set -euo pipefail

need=()
command -v chronyd >/dev/null 2>&1 || need+=(chrony)
command -v ntpdig  >/dev/null 2>&1 || need+=(ntpsec-ntpdig)
command -v sntp    >/dev/null 2>&1 || need+=(sntp)
command -v nmap    >/dev/null 2>&1 || need+=(nmap)
command -v ip      >/dev/null 2>&1 || need+=(iproute2)     # network namespaces for port-123 clients
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)   # running the server unprivileged
command -v gcc     >/dev/null 2>&1 || need+=(gcc libc6-dev) # links the Native AOT package (scripts/package.sh); the MemoryDenyWriteExecute filter
command -v kill    >/dev/null 2>&1 || need+=(procps)       # SIGTERM/SIGINT to the server
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)      # captures for 'meridian traffic --pcap'
command -v tshark  >/dev/null 2>&1 || need+=(tshark)       # pcapng captures
command -v prometheus >/dev/null 2>&1 || need+=(prometheus) # scrapes two servers in the metrics test; promtool checks /metrics and the alert rules
command -v chromium >/dev/null 2>&1 || need+=(chromium)     # renders the dashboard headless
command -v ntpviz  >/dev/null 2>&1 || need+=(ntpsec-ntpviz) # plots the loopstats/peerstats files Meridian writes
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd) # verifies the packaged unit
command -v adduser >/dev/null 2>&1 || need+=(adduser)       # the package's maintainer scripts create the 'meridian' user
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: missing ${need[*]}; run as root or install them with apt-get" >&2
  exit 1
fi

echo "install-test-deps: installing ${need[*]}" >&2
# Keep package scripts from starting services (chronyd would otherwise take port 123; prometheus port 9090).
guard=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  guard=/usr/sbin/policy-rc.d
fi
trap '[ -n "$guard" ] && rm -f "$guard"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
