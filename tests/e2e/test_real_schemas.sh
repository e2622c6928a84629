# A real-world schema (tests/corpus/real/$REAL_SCHEMA.sql, REAL_SCHEMA=<name>.<dialect>) taken
# the whole way a team adopting migratecpp takes it: loaded into database A; `inspect` into
# models; `check` clean against A; `revision --autogenerate` against an empty database B;
# `upgrade head`; `check` clean; A and B compared from the catalogs; A's rows copied into B and
# compared; `downgrade base` leaves only the version tables. What does not survive yet is the
# list in tests/corpus/real/expected/$REAL_SCHEMA.txt: the result must equal it, line for line,
# so a new loss fails and so does a fixed one until the list shrinks (REAL_SCHEMAS_UPDATE=1
# rewrites it). An empty list is a full round trip.
source "$(dirname "$0")/lib.sh" "$@"

CASE="${REAL_SCHEMA:?REAL_SCHEMA=<name>.<dialect> is not set}"
DIALECT="${CASE##*.}"
CORPUS="$SRC/tests/corpus/real"
SQL_FILE="$CORPUS/$CASE.sql"
EXPECTED="$CORPUS/expected/$CASE.txt"
[ -f "$SQL_FILE" ] || { echo "no corpus file $SQL_FILE" >&2; exit 1; }
VERSION_TABLE=migratecpp_version
HISTORY_TABLE="${VERSION_TABLE}_history" # the applied history, beside the version table
RESULT="$WORK/result.txt"
: >"$RESULT"

# note LINE...: one line of the result (what did not survive).
note() { printf '%s\n' "$@" >>"$RESULT"; }

case "$DIALECT" in
  sqlite)
    A_URL="sqlite:///$WORK/a.db"
    B_URL="sqlite:///$WORK/b.db"
    EMPTY_URL="sqlite:///$WORK/empty.db"
    load_a() { sqlite3 -bail "$WORK/a.db" <"$SQL_FILE"; }
    dump_schema() { python3 "$E2E_DIR/real_schema_sqlite.py" schema "${1#sqlite:///}" "$VERSION_TABLE" "$HISTORY_TABLE"; }
    dump_data() { python3 "$E2E_DIR/real_schema_sqlite.py" data "${1#sqlite:///}" "$VERSION_TABLE" "$HISTORY_TABLE"; }
    copy_rows() {
      local t tables
      # A virtual table's shadow tables are its storage: its rows go in through it.
      tables="$(sqlite3 "$WORK/a.db" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('$VERSION_TABLE', '$HISTORY_TABLE') AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow')")"
      {
        echo "PRAGMA foreign_keys = OFF; ATTACH '$WORK/a.db' AS a; BEGIN;"
        while read -r t; do
          [ -n "$t" ] && echo "INSERT INTO main.\"$t\" SELECT * FROM a.\"$t\";"
        done <<<"$tables"
        echo "COMMIT;"
      } | sqlite3 -bail "$WORK/b.db"
    }
    sqlite3 "$WORK/empty.db" 'PRAGMA user_version = 0'
    ;;
  postgresql)
    source "$E2E_DIR/pg_lib.sh"
    # Whole databases, not schemas: pg_dump files qualify every name with `public.`.
    PG_DUMP=pg_dump
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_dump" ] && PG_DUMP="$d/pg_dump"; done
    PG_DATABASES=()
    fresh_pg_database() {
      local db="t_real_${1}_$RANDOM$RANDOM"
      psql_run -c "CREATE DATABASE \"$db\"" >/dev/null
      echo "$db" >>"$WORK/.pg_databases"
      echo "${TEST_PG_URL%/*}/$db"
    }
    drop_pg_databases() {
      local d
      [ -f "$WORK/.pg_databases" ] || return 0
      while read -r d; do
        psql_run -c "DROP DATABASE IF EXISTS \"$d\"" </dev/null >/dev/null 2>&1 || true
      done <"$WORK/.pg_databases"
    }
    CLEANUPS+=(drop_pg_databases)
    A_URL="$(fresh_pg_database a)"
    B_URL="$(fresh_pg_database b)"
    EMPTY_URL="$(fresh_pg_database empty)"
    # Owners and grants name roles the test server does not have (pg_dump files keep them).
    load_a() { sed -E '/OWNER TO/d; /^(GRANT|REVOKE) /d' "$SQL_FILE" | psql -X -q -v ON_ERROR_STOP=1 "$A_URL" -f - >/dev/null; }
    # pg_dump 15.14+ writes a random \restrict key; the header names the database.
    dump_schema() {
      "$PG_DUMP" --schema-only --no-owner --no-privileges -T "public.$VERSION_TABLE" -T "public.$HISTORY_TABLE" "$1" |
        grep -vE '^\\(un)?restrict |^-- Dumped'
    }
    dump_data() {
      psql -X -q -At "$1" <<SQL
SELECT format('SELECT %L, count(*), md5(coalesce(string_agg(x::text, %L ORDER BY x::text), %L)) FROM %I.%I x',
              c.relname, '|', '', n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT IN ('$VERSION_TABLE', '$HISTORY_TABLE')
ORDER BY c.relname \gexec
SELECT c.relname, s.last_value FROM pg_sequences s JOIN pg_class c ON c.relname = s.sequencename
WHERE s.schemaname = 'public' ORDER BY 1;
SQL
    }
    copy_rows() {
      "$PG_DUMP" --data-only --no-owner -T "public.$VERSION_TABLE" -T "public.$HISTORY_TABLE" "$A_URL" |
        grep -vE '^\\(un)?restrict ' | psql -X -q -v ON_ERROR_STOP=1 "$B_URL" -f - >/dev/null
    }
    ;;
  mysql)
    source "$E2E_DIR/my_lib.sh"
    A_URL="$(fresh_my_url real_a)"
    B_URL="$(fresh_my_url real_b)"
    EMPTY_URL="$(fresh_my_url real_empty)"
    load_a() { my_client "${A_URL##*/}" <"$SQL_FILE" >/dev/null; }
    # The database's name (different for A and B) and the table's next AUTO_INCREMENT value
    # (data) are not schema.
    my_dump() { MYSQL_PWD="$MY_PASS" mariadb-dump --no-defaults -h "$MY_HOST" -P "$MY_PORT" -u "$MY_USER" "$@"; }
    dump_schema() {
      my_dump --no-data --routines --triggers --events --skip-comments --skip-dump-date \
        --ignore-table="${1##*/}.$VERSION_TABLE" --ignore-table="${1##*/}.$HISTORY_TABLE" "${1##*/}" |
        sed -E "s/ AUTO_INCREMENT=[0-9]+//; s/\`${1##*/}\`\\.//g" | sort_mysql_keys
    }
    # The order of a table's keys in SHOW CREATE TABLE is the order they were made in, which
    # is history, not schema: the key lines of each CREATE TABLE are compared as a set.
    sort_mysql_keys() {
      python3 -c '
import re, sys
keys = []
for line in sys.stdin:
    if re.match(r"  (UNIQUE |FULLTEXT |SPATIAL )?KEY |  CONSTRAINT ", line):
        keys.append(line.rstrip("\n").rstrip(","))
        continue
    if keys:
        print(",\n".join(sorted(keys)))
        keys = []
    sys.stdout.write(line)
'
    }
    dump_data() {
      local tables
      tables="$(my_sql "$1" "SELECT GROUP_CONCAT(CONCAT('\`', TABLE_NAME, '\`') ORDER BY TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT IN ('$VERSION_TABLE', '$HISTORY_TABLE')")"
      [ "$tables" = NULL ] || my_sql "$1" "CHECKSUM TABLE $tables EXTENDED" | sed -E 's/^[^.]*\.//'
    }
    copy_rows() {
      my_dump --no-create-info --skip-triggers --skip-comments --skip-dump-date \
        --ignore-table="${A_URL##*/}.$VERSION_TABLE" --ignore-table="${A_URL##*/}.$HISTORY_TABLE" "${A_URL##*/}" | my_client "${B_URL##*/}"
    }
    ;;
  *)
    echo "unknown dialect in REAL_SCHEMA=$CASE" >&2
    exit 1
    ;;
esac

# step NAME COMMAND...: runs a step; on failure notes it (first lines of its output) and
# returns 1, ending the round trip there.
step() {
  local name="$1"
  shift
  if ! "$@" >"$WORK/.step" 2>&1; then
    note "step '$name' failed:"
    head -n 20 "$WORK/.step" | sed 's/^/  /' >>"$RESULT"
    return 1
  fi
}

# mc_step NAME ARGS...: a migratecpp command as a step (exit code 0 expected).
mc_step() {
  local name="$1"
  shift
  run "$@"
  if [ "$RC" != 0 ]; then
    note "step '$name' failed (exit $RC):"
    { printf '%s\n' "$OUT" | head -n 30; printf '%s\n' "$ERR" | head -n 10; } | sed 's/^/  /' >>"$RESULT"
    return 1
  fi
}

round_trip() {
  step "load" load_a || return
  run init
  [ "$RC" = 0 ] || { echo "init failed: $ERR" >&2; exit 1; }
  sed -i "s|^url = .*|url = \"$B_URL\"|" migratecpp.toml
  mc_step "inspect" --url "$A_URL" inspect || return
  printf '%s\n' "$OUT" >models/schema.toml
  # What inspect says it leaves out is part of the result: each kind modelled shrinks it.
  if [ -n "$ERR" ]; then
    note "inspect reports:"
    printf '%s\n' "$ERR" | sed 's/^/  /' >>"$RESULT"
  fi
  mc_step "check against the original" --url "$A_URL" check || return
  mc_step "autogenerate against an empty database" revision --autogenerate -m "adopt $CASE" || return
  mc_step "upgrade head" upgrade head || return
  mc_step "check after upgrade" check || return
  dump_schema "$A_URL" >"$WORK/a.schema" 2>&1
  dump_schema "$B_URL" >"$WORK/b.schema" 2>&1
  if ! diff -u "$WORK/a.schema" "$WORK/b.schema" >"$WORK/schema.diff"; then
    note "the databases differ (- original, + made by migratecpp):"
    grep -E '^[-+][^-+]' "$WORK/schema.diff" >>"$RESULT"
  fi
  step "copy the rows" copy_rows || return
  dump_data "$A_URL" >"$WORK/a.data" 2>&1
  dump_data "$B_URL" >"$WORK/b.data" 2>&1
  if ! diff -u "$WORK/a.data" "$WORK/b.data" >"$WORK/data.diff"; then
    note "the rows differ (- original, + copy):"
    grep -E '^[-+][^-+]' "$WORK/data.diff" >>"$RESULT"
  fi
  mc_step "downgrade base" downgrade base || return
  dump_schema "$EMPTY_URL" >"$WORK/empty.schema" 2>&1
  dump_schema "$B_URL" >"$WORK/base.schema" 2>&1
  if ! diff -u "$WORK/empty.schema" "$WORK/base.schema" >"$WORK/base.diff"; then
    note "after downgrade base, left besides the version tables:"
    grep -E '^\+[^+]' "$WORK/base.diff" >>"$RESULT"
  fi
}
round_trip
# The work directory and the revision id differ from run to run.
sed -i -E "s#$WORK#<work>#g; s/(^|[^0-9a-f])[0-9a-f]{12}([^0-9a-f]|$)/\1<rev>\2/g" "$RESULT"

if [ "${REAL_SCHEMAS_UPDATE:-0}" = 1 ]; then
  mkdir -p "$(dirname "$EXPECTED")"
  cp "$RESULT" "$EXPECTED"
  echo "wrote $EXPECTED ($(wc -l <"$RESULT") lines)"
fi
CHECKS=$((CHECKS + 1))
if [ ! -f "$EXPECTED" ]; then
  fail "no list of known differences: $EXPECTED (REAL_SCHEMAS_UPDATE=1 writes it)"
  cat "$RESULT" >&2
elif ! diff -u "$EXPECTED" "$RESULT" >"$WORK/expected.diff"; then
  fail "the round trip of $CASE differs from $EXPECTED (- listed, + now):"
  cat "$WORK/expected.diff" >&2
else
  echo "$CASE: $(grep -c '' "$RESULT") known lines of difference (empty = full round trip)"
fi
finish
