#!/usr/bin/env bash
# Checks the live dashboard in a real browser: installs Debian's chromium if it is missing, then runs
# DashboardBrowserTest (whole stack in one JVM against a real Kafka broker, headless chromium driven over the
# DevTools protocol). The screenshot taken while operations are in flight is written to docs/dashboard.png.
#
#   scripts/dashboard-browser-check.sh            # install chromium if needed, run the check, refresh the screenshot
#   CHROMIUM_BIN=/path/to/chromium scripts/dashboard-browser-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "chromium not found at $chromium: installing Debian's chromium package" >&2
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
  chromium=/usr/bin/chromium
fi
export CHROMIUM_BIN="$chromium"

./mvnw -q -B verify -pl standalone -am \
  -Dtest='DashboardBrowserTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddashboard.screenshot="$PWD/docs/dashboard.png"

report=standalone/target/surefire-reports/TEST-dev.lightdevops.standalone.DashboardBrowserTest.xml
if grep -q '<skipped' "$report"; then
  echo "DashboardBrowserTest was skipped: chromium could not be used" >&2
  exit 1
fi
echo "dashboard browser check passed; screenshot: docs/dashboard.png"
