# The database a database-generic end-to-end test runs on, chosen by MIGRATECPP_E2E_DB:
# sqlite (the default: a file app.db in the project directory), postgresql (a fresh schema on
# $TEST_PG_URL) or mysql (a fresh database on $TEST_MYSQL_URL). Without the server's URL the
# test exits 77, which ctest reports as skipped. Sourced by lib.sh; a test calls use_db after
# `init` and then asks the database only through the functions below, so one script runs
# unchanged on each database and states the few facts that differ through them.
E2E_DB="${MIGRATECPP_E2E_DB:-sqlite}"
case "$E2E_DB" in
  sqlite) ;;
  postgresql) source "$E2E_DIR/pg_lib.sh" ;;
  mysql) source "$E2E_DIR/my_lib.sh" ;;
  *)
    echo "MIGRATECPP_E2E_DB=$E2E_DB: expected sqlite, postgresql or mysql" >&2
    exit 1
    ;;
esac

# db_is NAME...: true when the test runs on one of the named databases. For facts of one
# database (SQLite's file, its table rebuilds), never for expected output that a helper
# below can state.
db_is() {
  local name
  for name in "$@"; do
    [ "$E2E_DB" = "$name" ] && return 0
  done
  return 1
}

# MySQL has no transactional DDL: a failed revision is undone op by op (the runner's
# compensating strategy) there, as on SQLite with the test-only switch.
db_is mysql && COMPENSATING=1

# fresh_db_url NAME: the URL of a new, empty database (SQLite: $WORK/NAME.db, not made yet).
fresh_db_url() {
  case "$E2E_DB" in
    sqlite) echo "sqlite:///$WORK/$1.db" ;;
    postgresql) fresh_pg_url "$1" ;;
    mysql) fresh_my_url "$1" ;;
  esac
}

# The functions below work on the database of DB_URL; `DB_URL=URL db_schema` asks another.

# use_db [NAME]: points the project's config (./migratecpp.toml) at a fresh database and sets
# DB_URL. SQLite keeps the config's own URL (sqlite:///app.db, the file beside the config).
use_db() {
  if db_is sqlite; then
    DB_URL="sqlite:///app.db"
  else
    DB_URL="$(fresh_db_url "${1:-main}")"
  fi
  sed -i "s|^url = .*|url = \"$DB_URL\"|" migratecpp.toml
}

# db_reset: an empty database in place of the current one (SQLite: the file removed).
db_reset() {
  if db_is sqlite; then
    rm -f app.db
  else
    use_db reset
  fi
}

# q_at URL SQL: runs SQL (one or more statements) in the database of URL; prints the rows,
# values separated by '|'.
q_at() {
  case "$E2E_DB" in
    sqlite) sqlite3 "${1#sqlite:///}" "$2" ;;
    postgresql) psql -X -q -v ON_ERROR_STOP=1 -At "$1" -c "$2" ;;
    mysql) my_sql "$1" "$2" | tr '\t' '|' ;;
  esac
}
# q SQL: q_at the database of use_db.
q() { q_at "$DB_URL" "$1"; }

# run_sql_script URL FILE: a --sql script run by the database's own client, stopping at the
# first error (then the status is not 0).
run_sql_script() {
  case "$E2E_DB" in
    sqlite) sqlite3 -bail "${1#sqlite:///}" <"$2" ;;
    postgresql) psql -X -q -v ON_ERROR_STOP=1 "$1" -f "$2" >/dev/null ;;
    mysql) my_client "${1##*/}" <"$2" >/dev/null ;;
  esac
}

# db_is_empty: true when the database holds no table (SQLite: no file, or an empty one).
db_is_empty() {
  if db_is sqlite; then
    [ ! -s "${DB_URL#sqlite:///}" ]
  else
    [ -z "$(db_tables)" ]
  fi
}

# db_tables: the names of the tables (and views) of the database, sorted, one a line.
db_tables() {
  case "$E2E_DB" in
    sqlite) q "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY 1" ;;
    postgresql) q "SELECT table_name FROM information_schema.tables
                   WHERE table_schema = current_schema() ORDER BY 1" ;;
    mysql) q "SELECT table_name FROM information_schema.tables
              WHERE table_schema = database() ORDER BY 1" ;;
  esac
}

# db_indexes: the names of the indexes of the database, sorted, one a line (SQLite: the
# ones made by CREATE INDEX; the servers: every index but primary keys).
db_indexes() {
  case "$E2E_DB" in
    sqlite) q "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1" ;;
    postgresql) q "SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                   WHERE c.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary
                   ORDER BY 1" ;;
    mysql) q "SELECT DISTINCT index_name FROM information_schema.statistics
              WHERE table_schema = database() AND index_name <> 'PRIMARY' ORDER BY 1" ;;
  esac
}

# db_schema: the whole schema as text (tables, columns, indexes, constraints, triggers), to
# compare before and after a failed revision.
db_schema() {
  case "$E2E_DB" in
    sqlite) q .schema ;;
    postgresql) q "
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
             || is_nullable || ' ' || coalesce(column_default, '-')
        FROM information_schema.columns WHERE table_schema = current_schema()
      UNION ALL SELECT 'index ' || replace(indexdef, ' ' || current_schema() || '.', ' ')
        FROM pg_indexes WHERE schemaname = current_schema()
      UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' '
             || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
      UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger
        WHERE tgrelid::regclass::text IN (SELECT table_name FROM information_schema.tables
                                          WHERE table_schema = current_schema())
      ORDER BY 1" ;;
    mysql)
      local t
      for t in $(db_tables); do
        # The AUTO_INCREMENT counter is not schema: a rolled-back insert moves it.
        q "SHOW CREATE TABLE \`$t\`" | sed 's/ AUTO_INCREMENT=[0-9]*//'
      done
      q "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = database()"
      ;;
  esac
}

# db_ident NAME: NAME quoted as the dialect quotes identifiers in the SQL it renders.
db_ident() {
  if db_is mysql; then
    echo "\`$1\`"
  else
    echo "\"$1\""
  fi
}

# db_error WHAT [NAME]: the words of the database's own message for a failure, as the error
# quotes it: no_such_table NAME, no_such_constraint NAME, not_null (a NULL where NOT NULL
# is asked), unique.
db_error() {
  case "$E2E_DB/$1" in
    sqlite/no_such_table) echo "no such table: $2" ;;
    postgresql/no_such_table) echo "relation \"$2\" does not exist" ;;
    mysql/no_such_table) echo "$2' doesn't exist" ;;
    sqlite/no_such_constraint) echo "constraint '$2' does not exist" ;;
    postgresql/no_such_constraint) echo "constraint \"$2\" of relation" ;;
    mysql/no_such_constraint) echo "Can't DROP CONSTRAINT \`$2\`" ;;
    sqlite/not_null) echo "NOT NULL constraint failed" ;;
    postgresql/not_null) echo "contains null values" ;;
    mysql/not_null) echo "Data truncated for column" ;;
    sqlite/unique) echo "UNIQUE constraint failed" ;;
    postgresql/unique) echo "duplicate key value violates unique constraint" ;;
    mysql/unique) echo "Duplicate entry" ;;
    *)
      echo "db_error: nothing known about '$1' on $E2E_DB" >&2
      echo "?"
      ;;
  esac
}

# db_index_names_are_global: true where an index name is unique in the whole schema (SQLite,
# PostgreSQL), not per table (MySQL).
db_index_names_are_global() { ! db_is mysql; }

# db_freeze_version_table MESSAGE / db_thaw_version_table: a trigger made by hand that refuses
# every UPDATE of the version table with MESSAGE, and its removal.
db_freeze_version_table() {
  case "$E2E_DB" in
    sqlite) q "CREATE TRIGGER keep_version BEFORE UPDATE ON migratecpp_version
               BEGIN SELECT RAISE(ABORT, '$1'); END" ;;
    postgresql) q "CREATE FUNCTION keep_version() RETURNS trigger LANGUAGE plpgsql
                   AS \$\$BEGIN RAISE EXCEPTION '$1'; END\$\$;
                   CREATE TRIGGER keep_version BEFORE UPDATE ON migratecpp_version
                   FOR EACH ROW EXECUTE FUNCTION keep_version()" ;;
    mysql) q "CREATE TRIGGER keep_version BEFORE UPDATE ON migratecpp_version FOR EACH ROW
              SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '$1'" ;;
  esac
}
db_thaw_version_table() {
  case "$E2E_DB" in
    sqlite | mysql) q "DROP TRIGGER keep_version" ;;
    postgresql) q "DROP TRIGGER keep_version ON migratecpp_version; DROP FUNCTION keep_version()" ;;
  esac
}
