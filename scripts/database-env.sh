# Sourced by backup.sh and restore.sh: reads DATABASE_URL (and DATABASE_USERNAME/DATABASE_PASSWORD,
# which win over the URL's credentials), exactly as the service does, into libpq's PGHOST, PGPORT,
# PGDATABASE, PGUSER, PGPASSWORD and PGSSLMODE, so that no password ever appears on a command line.
# Accepted: jdbc:postgresql://host[:port][,host[:port]…]/database[?user=…&password=…&sslmode=…]
#           postgresql://[user[:password]@]host[:port]/database[?params] (also postgres://)

die() {
    echo "$(basename "$0"): $*" >&2
    exit 2
}

# Decodes %XX escapes (and nothing else: a '+' stays a '+', a backslash stays a backslash).
percent_decode() {
    local in="$1" out="" hex
    while [[ "$in" == *%* ]]; do
        out+="${in%%\%*}"
        in="${in#*%}"
        hex="${in:0:2}"
        [[ "$hex" =~ ^[0-9A-Fa-f]{2}$ ]] || die "DATABASE_URL has a malformed %-escape"
        out+="$(printf "\\x$hex")"
        in="${in:2}"
    done
    printf '%s' "$out$in"
}

database_env() {
    local url="${DATABASE_URL:-}" rest authority userinfo="" hosts path query database
    [[ -n "$url" ]] || die "DATABASE_URL is not set (jdbc:postgresql://host:port/db or postgresql://user:pass@host:port/db)"
    case "$url" in
        jdbc:postgresql://*) rest="${url#jdbc:postgresql://}" ;;
        postgresql://*) rest="${url#postgresql://}" ;;
        postgres://*) rest="${url#postgres://}" ;;
        *) die "DATABASE_URL must start with jdbc:postgresql://, postgresql:// or postgres://" ;;
    esac
    authority="${rest%%[/?]*}"
    path="${rest#"$authority"}"
    query=""
    if [[ "$path" == *\?* ]]; then
        query="${path#*\?}"
        path="${path%%\?*}"
    fi
    database="$(percent_decode "${path#/}")"
    [[ -n "$database" ]] || die "DATABASE_URL names no database"
    if [[ "$authority" == *@* ]]; then
        userinfo="${authority%@*}"
        hosts="${authority##*@}"
    else
        hosts="$authority"
    fi
    [[ -n "$hosts" ]] || die "DATABASE_URL names no host"

    local user="" password="" sslmode="" pair key value hostlist="" portlist="" hostport host port
    if [[ -n "$userinfo" ]]; then
        user="$(percent_decode "${userinfo%%:*}")"
        [[ "$userinfo" == *:* ]] && password="$(percent_decode "${userinfo#*:}")"
    fi
    local IFS='&'
    for pair in $query; do
        key="${pair%%=*}"
        value="$(percent_decode "${pair#*=}")"
        case "$key" in
            user) user="$value" ;;
            password) password="$value" ;;
            sslmode) sslmode="$value" ;;
        esac
    done
    IFS=','
    for hostport in $hosts; do
        if [[ "$hostport" == \[*\]* ]]; then
            host="${hostport%%]*}"
            host="${host#[}"
            port="${hostport#*]}"
            port="${port#:}"
        elif [[ "$hostport" == *:* ]]; then
            host="${hostport%:*}"
            port="${hostport##*:}"
        else
            host="$hostport"
            port=""
        fi
        [[ -z "$port" || "$port" =~ ^[0-9]{1,5}$ ]] || die "DATABASE_URL has a port that is not a number"
        hostlist+="${hostlist:+,}$host"
        portlist+="${portlist:+,}${port:-5432}"
    done
    unset IFS

    export PGHOST="$hostlist" PGPORT="$portlist" PGDATABASE="$database"
    export PGUSER="${DATABASE_USERNAME:-${user:-${PGUSER:-postgres}}}"
    if [[ -n "${DATABASE_PASSWORD:-}" ]]; then
        export PGPASSWORD="$DATABASE_PASSWORD"
    elif [[ -n "$password" ]]; then
        export PGPASSWORD="$password"
    fi
    if [[ -n "$sslmode" ]]; then
        export PGSSLMODE="$sslmode"
    fi
}

# Where the PostgreSQL client tools are: on PATH, else the newest /usr/lib/postgresql/*/bin.
pg_tool() {
    local tool="$1" dir
    if command -v "$tool" >/dev/null 2>&1; then
        command -v "$tool"
        return
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/$tool" ]]; then
            echo "$dir/$tool"
            return
        fi
    done
    die "$tool not found (install the PostgreSQL client tools, version ≥ the server's)"
}

# host:port/database, for messages (never the credentials).
database_name() {
    echo "${PGHOST}:${PGPORT}/${PGDATABASE}"
}
