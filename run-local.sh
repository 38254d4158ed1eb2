#!/usr/bin/env bash
# Starts the whole stack locally in one JVM: a real Kafka broker (KRaft, data under ./data), a worker and the api.
# Runs on JDK 25, found by the build (scripts/jdk.sh); the Maven wrapper fetches Maven and every dependency on first use.
# Arguments go to the application, e.g. ./run-local.sh --server.port=9090
# SKIP_BUILD=1 starts the jar the last run built, without building (a second start in seconds).
set -euo pipefail
cd "$(dirname "$0")"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f standalone/target/light-devops-mcp.jar ]; then
  echo "Building the local stack (./mvnw package; the first build downloads Maven and the dependencies)..."
  # An incremental package would keep a stale stack jar when only api or worker changed: always repackage it.
  rm -f standalone/target/light-devops-mcp.jar
  ./mvnw -q -B package -DskipTests -pl standalone -am
fi
source scripts/jdk.sh
# One JVM holds the broker, a worker and the api: a heap chosen here, not 1/4 of the machine's RAM (JAVA_OPTS overrides).
# Kafka's clients still use sun.misc.Unsafe to unmap buffers: allowed, so that the JVM does not warn on each start.
exec "$JAVA" --sun-misc-unsafe-memory-access=allow ${JAVA_OPTS:--Xmx1g -XX:+UseStringDeduplication} \
  -jar standalone/target/light-devops-mcp.jar "$@"
