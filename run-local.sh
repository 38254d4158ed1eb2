#!/usr/bin/env bash
# Starts the whole stack locally in one JVM: a real Kafka broker (KRaft, data under ./data), a worker and the api.
# Runs on JDK 25, found by the build (scripts/jdk.sh); the Maven wrapper fetches Maven and every dependency on first use.
# Arguments go to the application, e.g. ./run-local.sh --server.port=9090
set -euo pipefail
cd "$(dirname "$0")"
# An incremental package would keep a stale stack jar when only api or worker changed: always repackage it.
rm -f standalone/target/light-devops-mcp.jar
./mvnw -q -B package -DskipTests -pl standalone -am
source scripts/jdk.sh
# One JVM holds the broker, a worker and the api: a heap chosen here, not 1/4 of the machine's RAM (JAVA_OPTS overrides).
exec "$JAVA" ${JAVA_OPTS:--Xmx1g -XX:+UseStringDeduplication} -jar standalone/target/light-devops-mcp.jar "$@"
