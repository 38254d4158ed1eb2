#!/usr/bin/env bash
# Makes sure the dashboard's browser tests find a chromium: run by the standalone module's build before its tests
# (so ./mvnw -B verify, and CI, run every browser test), and by scripts/dashboard-browser-check.sh. Installs Debian's
# chromium with apt-get when it is missing and this machine lets the build do so (root, or sudo without a password);
# BROWSER_INSTALL=never forbids it. Where it cannot install, it says why and the browser tests fail with the same hint.
#   CHROMIUM_BIN=/path/to/chromium   use another chromium (or Chrome) instead of /usr/bin/chromium
set -euo pipefail

chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
hint="install Debian's chromium (apt-get install chromium) or set CHROMIUM_BIN to a chromium or Chrome binary"
if [ "${BROWSER_INSTALL:-auto}" = never ]; then
  echo "ensure-chromium: $chromium is missing and BROWSER_INSTALL=never: $hint" >&2
  exit 0
fi
if ! command -v apt-get > /dev/null; then
  echo "ensure-chromium: $chromium is missing and this is no Debian machine: $hint" >&2
  exit 0
fi
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then
  if ! sudo -n true 2> /dev/null; then
    echo "ensure-chromium: $chromium is missing and installing needs root: $hint" >&2
    exit 0
  fi
  sudo_cmd="sudo -n"
fi
echo "ensure-chromium: installing Debian's chromium for the dashboard browser tests (once per machine)..." >&2
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core \
  > /dev/null
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2> /dev/null || echo chromium)" >&2
