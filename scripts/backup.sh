#!/usr/bin/env bash
# Backs up the service's database into FILE, a pg_dump custom-format archive of DATABASE_URL.
#   DATABASE_URL=postgresql://user:pass@host:5432/tagprocessor scripts/backup.sh /backups/tp-$(date +%F).dump
# pg_dump reads every table in one repeatable-read snapshot, so the archive holds the effects,
# the claims in processed_events and the consumer offsets in command_offsets of exactly the same
# committed transactions: a database restored from it resumes right after its last command.
# The service keeps running meanwhile. Exit 0 and one line "backup: …" on success.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=database-env.sh
source "$here/database-env.sh"

[[ $# -eq 1 && "$1" != -* ]] || die "usage: backup.sh FILE (DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD from the environment)"
file="$1"
[[ ! -e "$file" ]] || die "$file exists; refusing to overwrite a backup"
dir="$(dirname "$file")"
[[ -d "$dir" && -w "$dir" ]] || die "cannot write into $dir"

database_env
pg_dump="$(pg_tool pg_dump)"
partial="$file.partial.$$"
trap 'rm -f "$partial"' EXIT
"$pg_dump" --format=custom --no-password --file="$partial" "$PGDATABASE" \
    || die "pg_dump of $(database_name) failed (see above)"
mv "$partial" "$file"
trap - EXIT
echo "backup: database=$(database_name) file=$file bytes=$(wc -c <"$file")"
