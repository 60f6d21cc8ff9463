#!/usr/bin/env bash
# Copies the rename/delete barriers (table restructure_barriers) of a live database, or of one
# restored from a backup, into the empty database a rebuild will fill, so that the rebuild applies
# every tag rename and delete after exactly the commands the live service applied it after.
#   SOURCE_DATABASE_URL=postgresql://…/tagprocessor DATABASE_URL=postgresql://…/tagprocessor_rebuild \
#     scripts/copy-barriers.sh
# SOURCE_DATABASE_USERNAME/SOURCE_DATABASE_PASSWORD and DATABASE_USERNAME/DATABASE_PASSWORD win over
# the credentials in the URLs. The target must be migrated (DATABASE_MIGRATE=only java -jar …) and
# hold no claims yet. Reads the source, writes the target in one transaction.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=database-env.sh
source "$here/database-env.sh"

[[ $# -eq 0 ]] || die "usage: copy-barriers.sh (SOURCE_DATABASE_URL and DATABASE_URL from the environment)"
[[ -n "${SOURCE_DATABASE_URL:-}" ]] || die "SOURCE_DATABASE_URL is not set: the database whose barriers to copy"
psql="$(pg_tool psql)"
rows="$(mktemp)"
trap 'rm -f "$rows"' EXIT
columns='sequence, command_id, topic, partition, "offset", after_partitions, after_offsets, applied_at'

(
    DATABASE_URL="$SOURCE_DATABASE_URL" DATABASE_USERNAME="${SOURCE_DATABASE_USERNAME:-}" \
        DATABASE_PASSWORD="${SOURCE_DATABASE_PASSWORD:-}" database_env
    "$psql" --no-password --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --dbname="$PGDATABASE" \
        --command="\\copy (SELECT $columns FROM restructure_barriers ORDER BY sequence) TO '$rows'" \
        || die "cannot read restructure_barriers from $(database_name)"
)

database_env
claims="$("$psql" --no-password --no-psqlrc --tuples-only --no-align --quiet --dbname="$PGDATABASE" \
    --command="SELECT count(*) FROM processed_events" 2>&1)" \
    || die "cannot read $(database_name): ${claims##*ERROR:  } (migrate it first: DATABASE_MIGRATE=only java -jar …)"
[[ "$claims" == "0" ]] || die "$(database_name) already holds $claims claims; copy barriers only into the empty database of a rebuild"
"$psql" --no-password --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --single-transaction --dbname="$PGDATABASE" \
    --command="\\copy restructure_barriers ($columns) FROM '$rows'" \
    --command="SELECT setval(pg_get_serial_sequence('restructure_barriers', 'sequence'), coalesce(max(sequence), 1)) FROM restructure_barriers" \
    >/dev/null || die "cannot write restructure_barriers into $(database_name)"
echo "copy-barriers: database=$(database_name) barriers=$(wc -l <"$rows")"
