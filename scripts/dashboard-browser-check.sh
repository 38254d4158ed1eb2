#!/usr/bin/env bash
# Checks the live dashboard in a real browser and refreshes its screenshots in docs/ (main page, an operation's page,
# a service's charts): installs Debian's chromium if it is missing (scripts/ensure-chromium.sh, as ./mvnw -B verify
# does), then runs DashboardBrowserTest (the whole stack in one JVM against a real Kafka broker, headless chromium
# driven over the DevTools protocol).
#
#   scripts/dashboard-browser-check.sh            # install chromium if needed, run the check, refresh the screenshots
#   CHROMIUM_BIN=/path/to/chromium scripts/dashboard-browser-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-chromium.sh
chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
export CHROMIUM_BIN="$chromium"

./mvnw -q -B verify -pl standalone -am \
  -Dtest='DashboardBrowserTest' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
  -Ddashboard.screenshots="$PWD/docs"

report=standalone/target/surefire-reports/TEST-dev.lightdevops.standalone.DashboardBrowserTest.xml
if grep -q '<skipped' "$report"; then
  echo "DashboardBrowserTest was skipped: chromium could not be used" >&2
  exit 1
fi
echo "dashboard browser check passed; screenshots: docs/dashboard*.png"
