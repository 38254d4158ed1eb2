#!/usr/bin/env bash
# Makes sure the dashboard's browser tests find a chromium: run by the standalone module's build before its tests
# (so ./mvnw -B verify, and CI, run every browser test), and by scripts/dashboard-browser-check.sh. Installs Debian's
# chromium with apt-get when it is missing and this machine lets the build do so (root, or sudo without a password);
# BROWSER_INSTALL=never forbids it. Where it cannot install, it says why and the browser tests fail with the same hint;
# where apt-get itself fails (no network, a broken mirror), the build stops here with apt-get's own words.
# Costs nothing when chromium is there; on this project's Debian 12 machine the install took 38 s (about 130 MB).
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
if [ "$chromium" != /usr/bin/chromium ]; then
  echo "ensure-chromium: CHROMIUM_BIN=$chromium is not an executable file: $hint" >&2
  exit 0
fi
if ! command -v apt-get > /dev/null; then
  echo "ensure-chromium: $chromium is missing and this is no Debian machine: $hint" >&2
  exit 0
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo > /dev/null || ! sudo -n true 2> /dev/null; then
    echo "ensure-chromium: $chromium is missing and installing needs root: $hint" >&2
    exit 0
  fi
  as_root=(sudo -n)
fi

# Builds running side by side (several worktrees on one machine) install once: the others wait, then find it.
exec 9> "${TMPDIR:-/tmp}/ensure-chromium.lock"
flock 9
if [ -x "$chromium" ]; then
  exit 0
fi
log="$(mktemp "${TMPDIR:-/tmp}/ensure-chromium.XXXXXX.log")"
apt() {
  # env: sudo would drop DEBIAN_FRONTEND; the lock timeout waits for another apt run instead of failing at once.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@" >> "$log" 2>&1
}
echo "ensure-chromium: installing Debian's chromium for the dashboard browser tests (once per machine)..." >&2
began=$SECONDS
if ! apt update -qq || ! apt install -y -qq --no-install-recommends chromium fonts-dejavu-core; then
  echo "ensure-chromium: apt-get could not install chromium ($hint); the end of its output ($log):" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
rm -f "$log"
echo "ensure-chromium: installed $("$chromium" --version 2> /dev/null || echo chromium) in $((SECONDS - began)) s" >&2
