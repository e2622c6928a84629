#pragma once
// MySQL and MariaDB: DDL rendering for every op (mysql_render.cpp), the type mapping
// (mysql_types.cpp), index key prefixes (mysql_index.h), connecting (mysql_connection.h,
// mysql_url.h) and introspection through information_schema (mysql_introspect.cpp).
//
// DDL commits on its own in MySQL, so transactional_ddl() is false and the runner undoes a
// failed revision op by op (migrate/undo_journal.h). To make that reliable every op renders
// as one statement wherever MySQL allows (a table with its indexes, checks and comments in
// one CREATE TABLE; a column restated in one CHANGE COLUMN), so that a failing statement has
// left nothing of its op behind.
#include "dialects/dialect.h"
#include "dialects/mysql/mysql_quoting.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::mysql {

// Rows per INSERT statement of a bulk_insert (as on PostgreSQL): far below max_allowed_packet.
inline constexpr std::size_t k_bulk_insert_chunk = 500;

class MysqlDialect : public Dialect {
public:
  // `mariadb`: the flavor of mariadb:// URLs, whose `execute` ops take sql.mariadb before
  // sql.mysql offline; online the server's own answer decides (MysqlConnection::is_mariadb).
  explicit MysqlDialect(bool mariadb) : m_mariadb(mariadb) {}

  std::string_view name() const override { return "mysql"; }
  // Every DDL statement commits implicitly: the runner's compensating strategy applies.
  bool transactional_ddl() const override { return false; }
  // ENUM(...) is a column type, not a schema object: the enum ops render the change on the
  // columns that use the enum (add_enum_value restates them with the new list) and nothing
  // for create_enum / drop_enum; a column whose type names an enum of the tracked schema is
  // written ENUM('a', 'b').
  bool has_enum_types() const override { return false; }
  bool has_sequences() const override { return true; } // MariaDB (MySQL 8 refuses them)
  bool has_view_option(std::string_view key) const override {
    return key == "check_option" || key == "algorithm" || key == "sql_security" ||
           key == "character_set_client" || key == "collation_connection";
  }
  // A probe view per model view, created, read back and dropped at once (mysql_views.cpp).
  std::vector<std::optional<schema::View>>
  stored_view_forms(Connection& conn, const std::vector<schema::View>& views) const override;
  bool has_routines() const override { return true; }
  bool keeps_session_settings() const override { return true; }
  // One event per trigger, FOR EACH ROW only, a body, no WHEN; FOLLOWS / PRECEDES.
  TriggerFeatures trigger_features() const override {
    TriggerFeatures f;
    f.when = false;
    f.order = true;
    return f;
  }
  bool has_partial_indexes() const override { return false; }
  // ENGINE, DEFAULT CHARSET, COLLATE, ROW_FORMAT.
  std::vector<std::string_view> table_option_keys() const override {
    return {"engine", "charset", "collate", "row_format"};
  }
  bool index_names_per_table() const override { return true; }
  bool names_primary_keys() const override { return false; }
  bool deferrable_foreign_keys() const override { return false; }
  bool foreign_keys_block_type_changes() const override { return true; }
  // @@default_storage_engine, the schema's charset and collation, @@innodb_default_row_format.
  schema::TableOptions table_option_defaults(Connection& conn,
                                             const std::string& schema) const override;
  // MySQL 8.0.13+: functional key parts; MariaDB: none (index a generated column instead).
  bool has_expression_indexes(Connection& conn) const override;
  // 64 characters per identifier in MySQL and MariaDB.
  std::optional<std::size_t> max_identifier_length() const override { return 64; }
  // "2026-12-05T02:40:00.123Z": UTC_TIMESTAMP(3) (the statement's time, not the session's
  // time zone) cut to milliseconds.
  std::string utc_now_sql() const override {
    return "CONCAT(LEFT(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z')";
  }
  std::string begin_sql() const override { return "START TRANSACTION"; }
  // The sql_mode statement the connection runs online (mysql_connection.h).
  std::vector<Statement> script_session() const override;

  std::vector<Statement> render(const schema::Op& op,
                                const schema::Database& before) const override;
  // As above; with a live connection, the execute key follows the server (MariaDB or MySQL)
  // and a column restated by alter_column keeps the collation and ON UPDATE clause the
  // catalog shows for it.
  std::vector<Statement> render(const schema::Op& op, const schema::Database& before,
                                const RenderContext& context) const override;

  const Quoting& quoting() const override { return k_quoting; }
  // Portable names mapped (boolean -> TINYINT(1), integer -> INT, double -> DOUBLE, numeric
  // -> DECIMAL, blob -> BLOB, json -> JSON, uuid -> CHAR(36), timestamptz -> TIMESTAMP);
  // native names (ENUM(...), SET(...), int unsigned, mediumtext, datetime(3)) as written.
  std::string type_sql(const schema::ColumnType& type) const override;
  // As type_sql, but a type that names an enum of `db` is ENUM('value', ...).
  std::string column_type_sql(const schema::ColumnType& type, const schema::Database& db) const;
  // `name` TYPE [after_type] NOT NULL|NULL [DEFAULT expr] [AUTO_INCREMENT] [COMMENT '...'].
  // `after_type`: what follows the type as is (CHARACTER SET x COLLATE y). Throws util::Error
  // for autoincrement with a default or on a type that is not an integer.
  std::string column_sql(const std::string& table, const schema::Column& column,
                         const schema::Database& db, std::string_view after_type = {}) const;
  // CREATE TABLE with everything inline: columns, PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK,
  // indexes (FULLTEXT / SPATIAL by method) and the table comment; one statement. `mariadb`:
  // the server is MariaDB (which refuses expression indexes).
  Statement create_table(const schema::Table& table, const schema::Database& db,
                         bool mariadb) const;

  using Dialect::connect;
  // The session's lock_wait_timeout follows options.lock_timeout.
  std::unique_ptr<Connection> connect(const util::Url& url,
                                      const ConnectOptions& options) const override;
  // GET_LOCK('migratecpp:<database>.<version_table>', 0) (mysql_lock.cpp): a named lock of
  // the session, held across the revisions until RELEASE_LOCK or the session ends.
  std::unique_ptr<HeldLock> try_lock(Connection& conn,
                                     const std::string& version_table) const override;
  std::string lock_name(Connection& conn, const std::string& version_table) const override;
  // IS_USED_LOCK gives the holder's connection id; information_schema.PROCESSLIST its user,
  // host and database, performance_schema (where enabled) the program_name migratecpp sets.
  std::string lock_holder(Connection& conn, const std::string& version_table) const override;
  bool has_migration_lock() const override { return true; }
  // Checks the parameters (mysql_url.h) and fills in port 3306.
  void complete_url(util::Url& url) const override;
  bool table_exists(Connection& conn, const std::string& table) const override;
  // information_schema.TABLES of DATABASE(); with lower_case_table_names = 0 a name that
  // differs in case is another table, otherwise the same one.
  std::vector<NamedRelation> relations_named(Connection& conn,
                                             const std::string& name) const override;
  // USE `schema`: MySQL's schemas are databases.
  std::string use_schema_sql(const std::string& schema) const override;

  // information_schema, five queries whatever the number of tables (mysql_introspect.cpp).
  schema::Database introspect(Connection& conn, const IntrospectOptions& options) const override;
  std::vector<UnmanagedObject> unmanaged_objects(Connection& conn,
                                                 const IntrospectOptions& options) const override;
  // MySQL keeps a CHECK rewritten; a temporary copy of the table tells how
  // (mysql_stored_forms.cpp). Partial-index predicates: none. Generation expressions: not
  // probed (compared through normalize_expression, which drops MariaDB's backquotes).
  StoredForms stored_forms(Connection& conn, const schema::Table& table,
                           const std::vector<std::string>& checks,
                           const std::vector<std::string>& predicates,
                           const std::vector<schema::Column>& generated) const override;

  bool mariadb() const { return m_mariadb; }

private:
  bool m_mariadb;
};

// The MySQL flavor (mysql://, --dialect mysql) and the MariaDB one (mariadb://).
const Dialect& dialect();
const Dialect& mariadb_dialect();

} // namespace migratecpp::dialects::mysql
