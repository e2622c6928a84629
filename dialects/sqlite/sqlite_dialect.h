#pragma once
// SQLite: DDL rendering (sqlite_render.cpp), including the table rebuild that stands in for
// the ALTER TABLE forms SQLite lacks (sqlite_rebuild.cpp), the SQL of a table's parts
// (sqlite_ddl.h), and introspection (sqlite_introspect.cpp).
#include "dialects/dialect.h"
#include "dialects/sqlite/sql_text.h"

#include <cstdlib>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace migratecpp::dialects::sqlite {

namespace detail {
struct TableExtras;
}

// A rebuild creates the new definition under this prefix + the table's name before swapping
// it in. Introspection skips such tables (left behind only if someone ran a rebuild by hand).
inline constexpr std::string_view k_rebuild_prefix = "_migratecpp_new_";
// The start of the comment of every statement a rebuild renders ("rebuild table t (...)").
inline constexpr std::string_view k_rebuild_label = "rebuild table";

class SqliteDialect : public Dialect {
public:
  std::string_view name() const override { return "sqlite"; }
  // SQLite runs DDL inside transactions: a failed revision leaves nothing behind.
  // Test-only switch: MIGRATECPP_TEST_NO_TRANSACTIONAL_DDL=1 makes SQLite claim it has none,
  // so that the runner's compensating strategy (built for MySQL) runs against real SQLite
  // databases in the failure tests. Never set it outside the tests.
  bool connects_to_server() const override { return false; }
  bool transactional_ddl() const override {
    const char* test_switch = std::getenv("MIGRATECPP_TEST_NO_TRANSACTIONAL_DDL");
    return test_switch == nullptr || std::string_view(test_switch) != "1";
  }

  // %f is seconds with milliseconds; 'now' is UTC.
  std::string utc_now_sql() const override { return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"; }

  bool autoincrement_only_on_sole_key() const override { return true; }
  bool has_virtual_tables() const override { return true; }

  // Plain ALTER TABLE where SQLite has it: rename_table, alter_column with only new_name,
  // add_column of a column SQLite can add (not a key; NOT NULL only with a literal non-NULL
  // default; no CURRENT_* or expression default), drop_column of a column nothing depends on.
  // A table rebuild (see rebuild()) for the rest: alter_column type/nullable/default/comment
  // (after a RENAME COLUMN if it also renames), create_unique, create_foreign_key,
  // create_check, drop_constraint, set_table_comment, and the add_column/drop_column cases
  // above. Enum ops render nothing; execute takes sql["sqlite"], else sql[""], else nothing.
  // Throws util::Error when the op needs a table, column or constraint that is not in
  // `before` (the ops that are plain ALTER TABLE do not look at it).
  std::vector<Statement> render(const schema::Op& op,
                                const schema::Database& before) const override;
  // With a context, a rebuild also carries over what the model does not describe
  // (sqlite_table_extras.h): the table's triggers, COLLATE clauses, generated columns and
  // table options (online, from sqlite_master), or the triggers and indexes execute ops made
  // (offline); it refuses, before anything runs, a table with ON CONFLICT or DEFERRABLE
  // clauses and, offline, a table an execute op added a column to. A rebuild that touches
  // foreign keys (the table's own, or other tables' that reference it) ends with a check that
  // none points nowhere: online a check Statement, in a script statements that fail.
  std::vector<Statement> render(const schema::Op& op, const schema::Database& before,
                                const RenderContext& context) const override;
  // PRAGMA foreign_keys = OFF before BEGIN, ON after COMMIT (see Dialect).
  std::vector<Statement> script_before_rebuilds() const override;
  std::vector<Statement> script_after_rebuilds() const override;
  // True for the ops render() turns into a rebuild (see above).
  bool needs_rebuild(const schema::Op& op, const schema::Database& before) const override;
  // One rebuild for consecutive ops that each rebuild the same table and do nothing else
  // (sqlite_rebuild_group.cpp): the table goes from its shape before the first to its shape
  // after the last, the rows copied once. An op that is no rebuild (plain ALTER TABLE, an
  // execute, a rename of the table), one on another table, or an alter_column that renames
  // its column before rebuilding ends the group.
  std::size_t group_size(std::span<const schema::Op> ops,
                         const schema::Database& before) const override;
  std::vector<Statement> render_group(std::span<const schema::Op> ops,
                                      const schema::Database& before,
                                      const RenderContext& context) const override;

  // "x" for names; SQL text read back accepts "x", `x` and [x] (sql_text.h).
  const Quoting& quoting() const override { return k_quoting; }
  // Booleans as 1/0: SQLite stores them so, and versions before 3.23 lack TRUE/FALSE.
  std::string literal(const schema::Value& value) const override;
  // Portable types keep their own name in upper case (VARCHAR(255), NUMERIC(12,2), TIMESTAMP):
  // SQLite accepts any type name and keeps it verbatim, which lets introspection read back
  // the type that was asked for. Native names pass through as written.
  std::string type_sql(const schema::ColumnType& type) const override;
  bool has_untyped_columns() const override { return true; }
  bool is_row_alias(const schema::Table& table, const schema::Column& column) const override;

  // sqlite:///relative.db, sqlite:////absolute.db, sqlite:// or sqlite:///:memory:. A URL
  // with a host, user, password or port is an error; an empty path means ":memory:".
  void complete_url(util::Url& url) const override;
  // Anything but "sqlite://" followed by nothing or "/": the path form is the only form.
  void check_url_text(const std::string& text) const override;
  using Dialect::connect;
  // busy_timeout (the URL's, else options.lock_timeout): a reader waits for a migration's
  // commit rather than failing with "database is locked".
  std::unique_ptr<Connection> connect(const util::Url& url,
                                      const ConnectOptions& options) const override;
  // flock(2) on "<database file>-migratecpp-lock" (sqlite_lock.cpp); nothing for an
  // in-memory database.
  std::unique_ptr<HeldLock> try_lock(Connection& conn,
                                     const std::string& version_table) const override;
  std::string lock_name(Connection& conn, const std::string& version_table) const override;
  // The line the holder wrote into the lock file: "pid 4242 on web-1, since ...".
  std::string lock_holder(Connection& conn, const std::string& version_table) const override;
  bool table_exists(Connection& conn, const std::string& table) const override;
  std::vector<NamedRelation> relations_named(Connection& conn,
                                             const std::string& name) const override;

  // Four catalog queries in all, whatever the number of tables: the pragmas for what they
  // report (columns, keys, indexes, foreign keys), the stored CREATE text for the rest
  // (constraint names, CHECK expressions, partial-index predicates, AUTOINCREMENT, comments).
  // Virtual tables and leftover rebuild tables (k_rebuild_prefix) are left out. SQLite keeps
  // expressions as written, so stored_forms() keeps the default (nothing to learn).
  schema::Database introspect(Connection& conn, const IntrospectOptions& options) const override;
  std::vector<UnmanagedObject> unmanaged_objects(Connection& conn,
                                                 const IntrospectOptions& options) const override;

  // CREATE TABLE for `table`, named `as_name` (the table's own name if empty). `db` resolves
  // enum type names. Indexes are not part of it.
  // `extras`: the clauses a rebuild carries over (sqlite_table_extras.h).
  std::string create_table_sql(const schema::Table& table, const schema::Database& db,
                               const std::string& as_name = "",
                               const detail::TableExtras* extras = nullptr) const;
  std::string create_index_sql(const std::string& table, const schema::Index& index) const;

  // The statements that replace `from` by `to` keeping the rows: create the new table, copy
  // the columns both have (`renamed` maps a column of `to` to its name in `from`; "": not
  // copied, a new column under an old name), drop the old table, rename the new one,
  // re-create the indexes of `to` and what `extras` keeps (triggers, ...), then check the
  // foreign keys (see render()).
  std::vector<Statement> rebuild(const schema::Table& from, const schema::Table& to,
                                 const schema::Database& db,
                                 const std::map<std::string, std::string>& renamed,
                                 const std::string& why, const RenderContext& context,
                                 const detail::TableExtras& extras) const;

private:
  // What an op that is one rebuild and nothing else does: `from` becomes `to` (for `why`).
  struct RebuildPlan {
    schema::Table from;
    schema::Table to;
    std::string why;
  };
  // The plan of `op` from `before`, or nullopt for an op that renders as something else than
  // one rebuild alone (or as nothing). Throws util::Error as render() does.
  std::optional<RebuildPlan> rebuild_plan(const schema::Op& op,
                                          const schema::Database& before) const;
  // render(); with `plan` non-null, an op that is one rebuild alone is not rendered but its
  // plan stored there (and nothing returned).
  std::vector<Statement> render_or_plan(const schema::Op& op, const schema::Database& before,
                                        const RenderContext& context,
                                        std::optional<RebuildPlan>* plan) const;
  // rebuild() with the extras table_extras() reads for `from`, or, with `plan`, the plan.
  std::vector<Statement> rebuild(const schema::Table& from, const schema::Table& to,
                                 const schema::Database& db, const std::string& why,
                                 const RenderContext& context,
                                 std::optional<RebuildPlan>* plan) const;
  std::vector<Statement> add_column(const schema::AddColumn& op, const schema::Database& before,
                                    const RenderContext& context,
                                    std::optional<RebuildPlan>* plan) const;
  std::vector<Statement> drop_column(const schema::DropColumn& op, const schema::Database& before,
                                     const RenderContext& context,
                                     std::optional<RebuildPlan>* plan) const;
  std::vector<Statement> alter_column(const schema::AlterColumn& op, const schema::Database& before,
                                      const RenderContext& context,
                                      std::optional<RebuildPlan>* plan) const;
  std::vector<Statement> drop_constraint(const schema::DropConstraint& op,
                                         const schema::Database& before,
                                         const RenderContext& context,
                                         std::optional<RebuildPlan>* plan) const;
  std::vector<Statement> bulk_insert(const schema::BulkInsert& op,
                                     const schema::Database& before) const;
};

// The one SqliteDialect instance (for the dialect registry).
const Dialect& dialect();

// Process-wide SQLite settings for a process that runs one command and exits (see
// tune_for_command_process in dialect.h).
void tune_for_command_process();

} // namespace migratecpp::dialects::sqlite
