#!/bin/sh
# Runs once, on the first start of an empty postgres-data volume: the schema registry's own role
# and database, so that its tables never mix with tag-processor's.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v registry_password="$REGISTRY_DB_PASSWORD" <<'SQL'
CREATE ROLE registry LOGIN PASSWORD :'registry_password';
CREATE DATABASE registry OWNER registry;
SQL
