#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/e2e), unless /usr/bin/chromium is already there.
# Quiet and idempotent; needs root (CI and the dev machines run as root), or sudo when it is available.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else echo "install-chromium: root is needed to install chromium" >&2; exit 1; fi
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
  echo "install-chromium: apt-get failed:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "install-chromium: chromium installed but /usr/bin/chromium is missing" >&2
  exit 1
fi
echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
