# The autogenerate corpus (tests/corpus/roundtrip and tests/corpus/changes) on MariaDB / MySQL:
# the same cases as test_corpus_sqlite.sh and test_corpus_postgresql.sh, each in a fresh
# database of the test server (exits 77, skipped, without TEST_MYSQL_URL).
#   TEST_MYSQL_URL=... bash tests/e2e/test_corpus_mysql.sh BUILD/migratecpp SOURCE_DIR
CORPUS_DIALECT=mysql
source "$(dirname "$0")/corpus_lib.sh" "$@"
source "$E2E_DIR/my_lib.sh"

command -v mariadb >/dev/null || { echo "the mariadb client is needed for rows.sql" >&2; exit 1; }

fresh_url() { fresh_my_url "$1"; }
my_db_of() { echo "${1##*/}"; }
# rows.sql and the offline scripts run as the client runs a file: stop at the first error.
run_sql() { my_client "$(my_db_of "$1")" <"$2" >/dev/null; }
# Rows one a line, columns separated by '|' as sqlite3 and psql -At print them; NULL as the
# empty string, as they do.
query_rows() {
  my_client -r "$(my_db_of "$1")" -e "$2" | sed -e 's/\t/|/g' -e 's/^NULL$//' -e 's/^NULL|/|/' \
    -e ':a' -e 's/|NULL|/||/' -e 't a' -e 's/|NULL$/|/'
}

# What MySQL / MariaDB cannot hold, refused with a clear error (exit 1) that leaves the
# database as it was: each of these cases checks that instead of its schema.
corpus_refused() {
  case "$1/$2" in
    # InnoDB has no SET DEFAULT action (MariaDB would silently drop it): the dialect refuses it.
    roundtrip/11_fk_actions) REFUSED_AT=models REFUSED_WITH="no SET DEFAULT action" ;;
    # No partial indexes in MySQL or MariaDB.
    roundtrip/30_partial_indexes) REFUSED_AT=models REFUSED_WITH="no partial indexes" ;;
    changes/31_add_partial_index) REFUSED_AT=after REFUSED_WITH="no partial indexes" ;;
    changes/74_partial_index_survives_rebuild) REFUSED_AT=before REFUSED_WITH="no partial indexes" ;;
    # No expression indexes in MariaDB (MySQL 8.0.13+ has them; the test server is MariaDB).
    roundtrip/43_expression_index) REFUSED_AT=models REFUSED_WITH="no expression indexes" ;;
    changes/80_add_expression_index) REFUSED_AT=after REFUSED_WITH="no expression indexes" ;;
    # A foreign key's columns must have the referenced columns' type in InnoDB: users.id
    # cannot become a bigint while posts.user_id, which references it, stays an integer.
    # Autogenerate drops the key around the type change (MySQL refuses a type change under a
    # key); making it again is refused naming both columns (InnoDB's own errno 150 names
    # neither), and the ops before are undone.
    changes/82_widen_referenced_primary_key)
      REFUSED_AT=after REFUSED_WITH="column 'posts.user_id' is INT but the column it references, 'users.id', is BIGINT" ;;
    *) return 1 ;;
  esac
}

corpus_main
