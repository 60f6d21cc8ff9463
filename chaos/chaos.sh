#!/usr/bin/env bash
# Runs the chaos harness outside Maven: ./chaos/chaos.sh [short|full] [seed]
# CHAOS_SERVICE_JAR=path runs it against another build of the service (e.g. one with a guarantee reverted).
# Needs a build first: ./mvnw -B -q -pl chaos -am -DskipTests package
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-full}"
seed="${2:-4242}"
cp="$here/target/classes:$(cat "$here/target/chaos.classpath")"
exec java -Dchaos.mode="$mode" -Dchaos.seed="$seed" \
  -Dchaos.service.jar="${CHAOS_SERVICE_JAR:-$here/../tag-processor/target/tag-processor-0.1.0-SNAPSHOT-exec.jar}" \
  -Dchaos.dir="$here/target/chaos" \
  -cp "$cp" io.tagprocessor.chaos.ChaosMain
