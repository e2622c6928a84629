#pragma once
// PostgreSQL: DDL rendering for every op, the type mapping, the advisory lock that
// serializes concurrent migrators, and introspection (pg_introspect.cpp, with the
// normalization of printed SQL in pg_normalize.h and the stored-forms probe in
// pg_stored_forms.cpp).
#include "dialects/dialect.h"
#include "dialects/postgresql/pg_quoting.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects::postgresql {

// Rows per INSERT statement of a bulk_insert: large enough to be fast, small enough to stay
// far below the server's limits on statement size and parse time.
inline constexpr std::size_t k_bulk_insert_chunk = 500;

class PostgresDialect : public Dialect {
public:
  std::string_view name() const override { return "postgresql"; }
  // DDL is transactional on PostgreSQL: a failed revision leaves nothing behind.
  bool transactional_ddl() const override { return true; }
  // CREATE TYPE ... AS ENUM: enums are schema objects.
  bool has_enum_types() const override { return true; }
  bool has_sequences() const override { return true; }
  bool has_sequence_types_and_owners() const override { return true; }
  bool has_domains() const override { return true; }
  std::vector<std::string_view> table_option_keys() const override {
    return {"unlogged", "storage"};
  }
  bool has_column_statistics() const override { return true; }
  bool has_index_storage_parameters() const override { return true; }
  bool has_extensions() const override { return true; }
  bool has_aggregates_and_operators() const override { return true; }
  bool has_materialized_views() const override { return true; }
  bool has_view_option(std::string_view key) const override {
    return key == "check_option" || key == "security_barrier" || key == "security_invoker" ||
           key == "comment";
  }
  bool view_replace_keeps_columns() const override { return true; }
  // A temporary view of each model's view in a rolled-back transaction (pg_views.cpp).
  std::vector<std::optional<schema::View>>
  stored_view_forms(Connection& conn, const std::vector<schema::View>& views) const override;
  bool has_routines() const override { return true; }
  bool not_valid_foreign_keys() const override { return true; }
  bool declarative_partitioning() const override { return true; }
  TriggerFeatures trigger_features() const override {
    TriggerFeatures f;
    f.calls_function = f.several_events = f.for_each_statement = f.names_per_table = true;
    return f;
  }
  // clock_timestamp(): the time of the statement itself, not of the transaction's start.
  std::string utc_now_sql() const override {
    return "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
  }
  // NAMEDATALEN - 1: longer identifiers are truncated (with a NOTICE), not refused.
  std::optional<std::size_t> max_identifier_length() const override { return 63; }

  // One function per op (pg_dialect.cpp's OpRenderer). `before` is used only to recognise enum type
  // names (which are quoted), index entries that are plain column names, and the current default of
  // a column whose type alter_column changes (when the op does not carry existing_default): that
  // default is dropped before the type change and set again after it (unless the op sets or removes
  // it), since PostgreSQL refuses a type change whose default it cannot cast automatically.
  // PostgreSQL's ALTER TABLE can do every op in place, so nothing has to be restated and no op
  // is refused for not fitting `before` (a database created outside migratecpp may hold
  // tables the runner does not know).
  //
  // add_enum_value renders ALTER TYPE ... ADD VALUE like any other op. PostgreSQL 12 and
  // later accept it inside a transaction block (11 and earlier refuse it there), but the new
  // value cannot be used (inserted, compared, set as a default) until that transaction has
  // committed: the server fails such a use with SQLSTATE 55P04 "unsafe use of new value".
  // A revision that adds a value and uses it must be split in two, or run with
  // transaction_per_migration so that the use lands in a later revision's transaction.
  std::vector<Statement> render(const schema::Op& op,
                                const schema::Database& before) const override;

  // Identifiers always quoted ("users", "Weird ""name"""): no reserved-word list to keep, and
  // names keep their case as written in the model. Text read back knows E'' and $$ (pg_quoting.h).
  const Quoting& quoting() const override { return k_quoting; }
  // Portable names mapped (double -> DOUBLE PRECISION, blob -> BYTEA, varchar(n)[] ->
  // VARCHAR(n)[]); anything else (jsonb, inet, int4range, an enum) passed through as written.
  std::string type_sql(const schema::ColumnType& type) const override;
  // As type_sql, but a name (or array of a name) of an enum in `db` is quoted: "Mood"[].
  std::string column_type_sql(const schema::ColumnType& type, const schema::Database& db) const;

  using Dialect::connect;
  std::unique_ptr<Connection> connect(const util::Url& url,
                                      const ConnectOptions& options) const override;
  // libpq reads the URL (parse_pg_url): several hosts, IPv6, every libpq parameter.
  util::Url parse_url(const std::string& text) const override;
  // True if a table (plain or partitioned) of that name is in current_schema().
  bool table_exists(Connection& conn, const std::string& table) const override;
  std::optional<std::vector<std::string>>
  read_if_plain_table(Connection& conn, const std::string& table,
                      const std::string& column) const override;
  std::vector<NamedRelation> relations_named(Connection& conn,
                                             const std::string& name) const override;
  // SET search_path: the version table, the DDL and introspection then all use `schema`.
  std::string use_schema_sql(const std::string& schema) const override;

  // pg_try_advisory_lock on lock_key(current_schema(), version_table): a session lock, held
  // across the revisions' transactions until released or the session ends.
  std::unique_ptr<HeldLock> try_lock(Connection& conn,
                                     const std::string& version_table) const override;
  std::string lock_name(Connection& conn, const std::string& version_table) const override;
  // From pg_locks and pg_stat_activity: the backend's pid, application_name (migratecpp sets
  // its own pid and host there), user, client address and since when.
  std::string lock_holder(Connection& conn, const std::string& version_table) const override;
  bool has_migration_lock() const override { return true; }
  // The advisory-lock key: FNV-1a 64 of "migratecpp:<schema>.<version_table>", so that every
  // migratecpp build (and every platform) computes the same key for the same project, and
  // projects in two schemas of one database do not wait for each other.
  static std::int64_t lock_key(const std::string& schema, const std::string& version_table);

  // Reads IntrospectOptions::schema ("" = current_schema()) with five catalog queries
  // whatever the number of tables: tables, columns, constraints, indexes, enums. Partitions
  // (but not partitioned tables), views and the objects of other schemas are left out. See
  // pg_introspect.cpp for how types, defaults, identity/serial columns and expressions are
  // normalized.
  schema::Database introspect(Connection& conn, const IntrospectOptions& options) const override;
  std::vector<UnmanagedObject> unmanaged_objects(Connection& conn,
                                                 const IntrospectOptions& options) const override;
  // Applies the expressions to a temporary copy of the table, each in its own savepoint,
  // inside a transaction that is rolled back, and reads back what PostgreSQL stored.
  // Each routine created with CREATE OR REPLACE in a rolled-back transaction (pg_routines).
  std::vector<std::optional<std::string>>
  routine_stored_forms(Connection& conn,
                       const std::vector<schema::Routine>& routines) const override;
  StoredForms stored_forms(Connection& conn, const schema::Table& table,
                           const std::vector<std::string>& checks,
                           const std::vector<std::string>& predicates,
                           const std::vector<schema::Column>& generated) const override;
  // Defaults and index keys as the server stores them (pg_stored_defaults.cpp).
  std::vector<std::optional<std::string>>
  stored_defaults(Connection& conn, const schema::Table& table,
                  const std::vector<schema::Column>& columns) const override;
  std::vector<std::optional<std::vector<schema::IndexPart>>>
  stored_index_parts(Connection& conn, const schema::Table& table,
                     const std::vector<schema::Index>& indexes) const override;
  std::vector<std::optional<std::string>>
  stored_domain_defaults(Connection& conn,
                         const std::vector<schema::Domain>& domains) const override;
  // PostgreSQL 15 has only STORED generated columns.
  bool has_virtual_generated_columns() const override { return false; }
  bool has_identity_always() const override { return true; }
  bool deferrable_keys() const override { return true; }
  std::string default_primary_key_name(const std::string& table) const override {
    return table + "_pkey";
  }

  // The statements of create_table: CREATE TABLE (columns, primary key, named unique, foreign
  // key and check constraints), then its CREATE INDEX statements, then COMMENT ON statements.
  // Unnamed indexes and constraints get their naming-convention names.
  std::vector<Statement> create_table(const schema::Table& table, const schema::Database& db) const;
  // "name" TYPE [GENERATED BY DEFAULT AS IDENTITY] [DEFAULT expr] [NOT NULL]: identity for
  // every autoincrement column, key or not (PostgreSQL allows one anywhere). Throws
  // util::Error for an autoincrement column whose type is not smallint, integer or bigint.
  std::string column_sql(const std::string& table, const schema::Column& column,
                         const schema::Database& db) const;
  // CREATE [UNIQUE] INDEX "name" ON "table" [USING method] (entries) [WHERE predicate].
  // Each part: a column quoted, an expression as written when it is one atom (f(x), (a + b))
  // and parenthesized otherwise (a || b), then COLLATE, operator class, ASC/DESC and NULLS.
  // A part read without its table ("org id") is resolved against the table in `db`. Throws
  // util::Error for a prefix length, which PostgreSQL does not have.
  std::string create_index_sql(const std::string& table, const schema::Index& index,
                               const schema::Database& db) const;
};

// The one PostgresDialect instance (for the dialect registry).
const Dialect& dialect();

} // namespace migratecpp::dialects::postgresql
