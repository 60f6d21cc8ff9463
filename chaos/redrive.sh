#!/usr/bin/env bash
# Re-drives one dead-lettered record after its cause was fixed:
#   KAFKA_BOOTSTRAP_SERVERS=… DATABASE_URL=jdbc:postgresql://… DATABASE_USERNAME=… DATABASE_PASSWORD=… \
#   SCHEMA_REGISTRY_URL=… ./chaos/redrive.sh --dlt-partition P --dlt-offset O
# Needs a build first: ./mvnw -B -q -pl chaos -am -DskipTests package
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp="$here/target/classes:$(cat "$here/target/chaos.classpath")"
exec java -cp "$cp" io.tagprocessor.chaos.redrive.Redrive "$@"
