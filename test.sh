#!/usr/bin/env bash
# Runs the whole test suite: installs the Debian packages the tests need when they are missing
# (scripts/install-test-deps.sh says which and why), then builds and tests the solution.
# Integration tests create network namespaces, so run it as root.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-test-deps.sh
exec dotnet test Meridian.slnx -c Release "$@"
