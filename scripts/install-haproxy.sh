#!/usr/bin/env bash
# Installs Debian's HAProxy (2.6 on bookworm) for the cluster (scripts/cluster.sh) and its test
# (test/cluster/), unless haproxy is already on the PATH. Quiet and idempotent; needs root (CI and the
# development machines run as root), or sudo when it is available. The package's own service is not used:
# scripts/cluster.sh runs haproxy with a config of its own, on loopback.
set -euo pipefail
if command -v haproxy >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else echo "install-haproxy: root is needed to install haproxy" >&2; exit 1; fi
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; } >"$log" 2>&1; then
  echo "install-haproxy: apt-get failed:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
if ! command -v haproxy >/dev/null 2>&1; then
  echo "install-haproxy: haproxy installed but not on the PATH" >&2
  exit 1
fi
echo "install-haproxy: $(haproxy -v 2>/dev/null | head -n 1)"
