#!/usr/bin/env bash
# Restores a backup made by backup.sh into the empty database DATABASE_URL names.
#   createdb -h host -U user tagprocessor_restored
#   DATABASE_URL=postgresql://user:pass@host:5432/tagprocessor_restored scripts/restore.sh /backups/tp.dump
# Refuses a database that holds any table, view or sequence. Runs in one transaction: it restores
# everything or nothing. Then start the service on that database with the same CONSUMER_GROUP_ID:
# it resumes right after the last command the backup holds (see README, "restore and catch up").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=database-env.sh
source "$here/database-env.sh"

[[ $# -eq 1 && "$1" != -* ]] || die "usage: restore.sh FILE (DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD from the environment)"
file="$1"
[[ -f "$file" && -r "$file" ]] || die "$file is not a readable file"

database_env
pg_restore="$(pg_tool pg_restore)"
psql="$(pg_tool psql)"
"$pg_restore" --list "$file" >/dev/null 2>&1 || die "$file is not a pg_dump custom-format archive"

relations="$("$psql" --no-password --no-psqlrc --tuples-only --no-align --quiet --dbname="$PGDATABASE" \
    --command="SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')" 2>&1)" \
    || die "cannot connect to $(database_name): ${relations##*FATAL:  } (create it first: createdb -h ${PGHOST%%,*} -p ${PGPORT%%,*} -U $PGUSER $PGDATABASE)"
[[ "$relations" == "0" ]] \
    || die "$(database_name) is not empty ($relations tables, views or sequences); restore only into an empty database"

"$pg_restore" --no-password --exit-on-error --single-transaction --no-owner --no-privileges \
    --dbname="$PGDATABASE" "$file" || die "pg_restore into $(database_name) failed (see above); nothing was restored"
echo "restore: database=$(database_name) file=$file"
