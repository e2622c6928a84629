#pragma once
// What differs between databases: DDL rendering, quoting, types, transactions, connecting,
// introspection, and the facts the engine needs (capability queries). The runner, the diff
// and the commands talk to databases only through this interface and never by a dialect's
// name: a dialect is one folder under dialects/ plus one line in registry.cpp.
#include "dialects/connection.h"
#include "dialects/introspection.h"
#include "dialects/sql_builder.h"
#include "schema/ops.h"
#include "util/url.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::dialects {

// What Dialect::connect needs besides the URL.
struct ConnectOptions {
  // How long one statement may wait for a lock that another connection holds ([database]
  // lock_timeout), for drivers that wait on their own (SQLite's busy timeout): a reader such
  // as `current` then waits for a migration's commit instead of failing at once. A URL
  // parameter that sets the wait (sqlite busy_timeout) beats it.
  std::chrono::milliseconds lock_timeout{std::chrono::minutes(5)};
};

// The migration lock while one process holds it: released when destroyed (and by the
// database or the operating system when the process dies).
class HeldLock {
public:
  virtual ~HeldLock() = default;
};

struct Statement {
  std::string sql;     // one statement, no trailing semicolon
  std::string comment; // what it does, for --sql output and error messages
  // The SQL that takes this one statement back, for the runner's compensating strategy (a
  // database whose DDL commits on its own, where a failure partway through an op must undo
  // the op's statements that already ran). nullopt: no reverse is known, the runner reports
  // the statement as not undone. "": nothing to undo on its own (its effect goes with an
  // earlier statement's reverse, e.g. rows copied into a table whose creation is undone).
  std::optional<std::string> undo = std::nullopt;
  // True only for an `execute` op's SQL: free-form text that may hold several statements.
  // Every other statement runs as exactly one (Connection::exec).
  bool free_form = false;
  // A check rather than a change: `sql` is a query whose every row is a violation, as
  // (object, number of rows). run_statement() runs it and fails naming the rows; a script
  // never gets one (the dialect renders a script's checks as statements that fail by
  // themselves). Dialects render checks only for a RenderContext with a live connection.
  bool check = false;
};

// Runs `statement` on `conn`: exactly one statement (exec), free-form SQL for an `execute`
// op (exec_script), or for a check the query, throwing util::Error that
// names the statement's comment and every (object, count) row it returned.
void run_statement(Connection& conn, const Statement& statement);

// What render() cannot learn from the schema model. An op that restates a table (SQLite's
// rebuild) must carry over what the model does not describe: triggers, clauses the model has
// no place for, and objects that `execute` ops made.
struct RenderContext {
  // Online: the connection the statements will run on, in the transaction they will run in;
  // render may read the catalog through it. Null offline (a script).
  Connection* live = nullptr;
  // Offline: the SQL every execute op before this one rendered (the revisions the script
  // starts from first, then the script's own, oldest first) and where each op is written
  // ("revision abc upgrade op #2 (execute)"), which is all a script can know of them.
  struct Executed {
    std::string where;
    std::string sql;
  };
  std::vector<Executed> executed;
};

class Dialect {
public:
  virtual ~Dialect() = default;

  virtual std::string_view name() const = 0; // "sqlite", "postgresql", "mysql"

  // --- Capabilities: the facts the engine needs, asked instead of comparing names. --------

  // False for MySQL: DDL commits implicitly, so a failed revision is undone op by op.
  virtual bool transactional_ddl() const = 0;
  // True where enum types are schema objects of their own (CREATE TYPE ... AS ENUM): the diff
  // then compares them and emits create_enum / drop_enum / add_enum_value. Elsewhere an enum
  // is a property of its columns and the enum ops render nothing.
  virtual bool has_enum_types() const { return false; }
  // True where sequences are schema objects of their own (CREATE SEQUENCE: PostgreSQL,
  // MariaDB; MySQL 8 has none and refuses the statement). Elsewhere a model with a
  // [[sequence]] is refused at load naming its file:line.
  virtual bool has_sequences() const { return false; }
  // True where a sequence has a value type (AS bigint) and an owner column (OWNED BY):
  // PostgreSQL. Elsewhere a model giving either is refused at load.
  virtual bool has_sequence_types_and_owners() const { return false; }
  // True where domains (CREATE DOMAIN) and extensions (CREATE EXTENSION) exist: PostgreSQL.
  // Elsewhere a model with a [[domain]] or [[extension]] is refused at load.
  virtual bool has_domains() const { return false; }
  virtual bool has_extensions() const { return false; }
  // True where virtual tables exist (SQLite: CREATE VIRTUAL TABLE ... USING module(...)), read
  // into schema::Database::virtual_tables without the shadow tables their modules keep.
  // Elsewhere a model with a [[virtual_table]] is refused at load.
  virtual bool has_virtual_tables() const { return false; }
  // True where user-defined aggregates (CREATE AGGREGATE, its options as pg_aggregate holds
  // them) and operators (CREATE OPERATOR) exist: PostgreSQL. Elsewhere a model with an
  // [[aggregate]] or [[operator]] is refused at load.
  virtual bool has_aggregates_and_operators() const { return false; }
  // Views (dialects/*/*_views.cpp). Materialized views exist on PostgreSQL only; a view
  // option ("check_option", "security_barrier", "security_invoker", "algorithm",
  // "sql_security") a database lacks is refused at load naming the model's file:line.
  virtual bool has_materialized_views() const { return false; }
  virtual bool has_view_option(std::string_view key) const { return false; }
  // True where CREATE OR REPLACE VIEW must keep the view's columns (PostgreSQL: same names,
  // order and types; columns may only be appended): the diff then replaces a view in place
  // only when both sides' signatures (schema::View::signature) are known and equal, else it
  // drops and creates it with its dependents. False where a replace takes any new text
  // (MySQL's CREATE OR REPLACE, SQLite's drop + create).
  virtual bool view_replace_keeps_columns() const { return false; }
  // True where functions and procedures are schema objects (PostgreSQL, MySQL/MariaDB).
  // Elsewhere a model with a [[function]] or [[procedure]] is refused at load.
  virtual bool has_routines() const { return false; }
  // What a trigger can say here (schema::Trigger); a model asking for more is refused at load.
  // The defaults are SQLite's.
  struct TriggerFeatures {
    bool calls_function = false;     // EXECUTE FUNCTION f() instead of a body (PostgreSQL)
    bool several_events = false;     // INSERT OR UPDATE in one trigger (PostgreSQL)
    bool for_each_statement = false; // FOR EACH STATEMENT, TRUNCATE (PostgreSQL)
    bool when = true;                // WHEN (condition) (PostgreSQL, SQLite)
    bool order = false;              // FOLLOWS / PRECEDES (MySQL)
    bool names_per_table = false;    // two tables may each have a trigger 'x' (PostgreSQL)
  };
  virtual TriggerFeatures trigger_features() const { return {}; }
  // True where routines and triggers keep the session settings they were created under
  // (schema::SessionSettings: MySQL/MariaDB's sql_mode, character_set_client,
  // collation_connection) and the dialect creates them under a model's. Elsewhere a model
  // giving one is refused at load. (Views: has_view_option("character_set_client").)
  virtual bool keeps_session_settings() const { return false; }
  // True where only a table's only primary-key column can autoincrement (SQLite: INTEGER
  // PRIMARY KEY AUTOINCREMENT); models with autoincrement elsewhere are refused at load.
  // False where any integer column can (PostgreSQL: identity columns).
  virtual bool autoincrement_only_on_sole_key() const { return false; }
  // The table options (schema::TableOptions, by model-file key) a table has here: MySQL's
  // engine, charset, collate, row_format; PostgreSQL's unlogged, storage. A model giving
  // another is refused at load naming the table and the option, and render refuses
  // create_table and alter_table_options with it.
  virtual std::vector<std::string_view> table_option_keys() const { return {}; }
  // True where a column has a statistics target (PostgreSQL SET STATISTICS); elsewhere a
  // model giving one is refused at load naming the column.
  virtual bool has_column_statistics() const { return false; }
  // True where an index has storage parameters (PostgreSQL WITH (fillfactor = '70')); elsewhere
  // a model giving some is refused at load naming the index.
  virtual bool has_index_storage_parameters() const { return false; }
  // True where index names are scoped to their table (MySQL/MariaDB: two tables may each
  // have an index `idx_fk_film_id`); false where they are per schema (PostgreSQL, SQLite),
  // where the models loader refuses a name used on two tables.
  virtual bool index_names_per_table() const { return false; }
  // True where a column's type cannot change while a foreign key involves it, on either side
  // (errors 1832 and 1833; MariaDB refuses int -> bigint even with foreign_key_checks off,
  // MDEV-31086): the diff then drops such keys before the columns change and creates them
  // again after. False where ALTER changes both sides in place (PostgreSQL) or the table is rebuilt
  // (SQLite).
  virtual bool foreign_keys_block_type_changes() const { return false; }
  // False where the primary key has one fixed name (MySQL: PRIMARY): a model that names it
  // is refused at load naming the table.
  virtual bool names_primary_keys() const { return true; }
  // The name the database gives a primary key the DDL does not name ("" where none is seen:
  // SQLite has no name then, MySQL always PRIMARY): introspection leaves it out, and a model
  // that gives it asks for the default.
  virtual std::string default_primary_key_name(const std::string& table) const { return ""; }
  // Where constraints can be DEFERRABLE [INITIALLY DEFERRED]: foreign keys (PostgreSQL,
  // SQLite), unique and primary keys (PostgreSQL). A model asking for it elsewhere is refused
  // at load naming the constraint.
  virtual bool deferrable_foreign_keys() const { return true; }
  // True where a foreign key can be NOT VALID (PostgreSQL): the rows already there unchecked.
  virtual bool not_valid_foreign_keys() const { return false; }
  // True where a table can be declaratively partitioned (PostgreSQL: PARTITION BY, and
  // partitions made with CREATE TABLE ... PARTITION OF). A model with partition_by /
  // partition_of is refused at load elsewhere, and so is render.
  virtual bool declarative_partitioning() const { return false; }
  virtual bool deferrable_keys() const { return false; }
  // False where a generated column can only be STORED (PostgreSQL up to 17): a model with a
  // virtual one is refused at load naming table.column, and so is render.
  virtual bool has_virtual_generated_columns() const { return true; }
  // True where an autoincrement column can refuse values written for it (PostgreSQL
  // GENERATED ALWAYS AS IDENTITY: identity = "always"); models asking for it are refused at
  // load elsewhere.
  virtual bool has_identity_always() const { return false; }
  // True where a column may have no declared type at all (SQLite: CREATE TABLE t (a, b)).
  // Elsewhere a model column with type = "" is refused at load naming table.column.
  virtual bool has_untyped_columns() const { return false; }
  // True if `column` of `table` is, by its declared spelling, something other than its type
  // says (SQLite: a table's only primary-key column declared exactly INTEGER is the rowid;
  // INT is not). The diff then sees a change between two spellings of one type that differ
  // here. False everywhere a type's spelling does not matter.
  virtual bool is_row_alias(const schema::Table& table, const schema::Column& column) const {
    return false;
  }
  // The options a table gets when its CREATE TABLE names none, in the schema the connection
  // works in (MySQL: the default storage engine, the database's charset and collation): what
  // an option that introspection leaves out (being the default) stands for. Only the keys
  // the database has a default for; none where table_option_keys() is empty.
  virtual schema::TableOptions table_option_defaults(Connection& conn,
                                                     const std::string& schema) const {
    return {};
  }
  // False where an index cannot have a WHERE predicate (MySQL): render refuses such an index
  // with util::Error naming it.
  virtual bool has_partial_indexes() const { return true; }
  // False where an index key cannot be an expression on the server behind `conn` (MariaDB;
  // MySQL can from 8.0.13): render refuses such an index with util::Error naming it.
  virtual bool has_expression_indexes(Connection& conn) const { return true; }
  // The longest identifier the database keeps, in bytes (PostgreSQL: 63, longer names are
  // truncated); nullopt where there is no limit worth checking (SQLite).
  virtual std::optional<std::size_t> max_identifier_length() const { return std::nullopt; }
  // True if render(op, before) rebuilds a table (create the new definition, copy the rows,
  // drop the old one, rename) rather than altering it in place: SQLite, for the ALTERs it
  // lacks. Such an op is slow on large tables and cannot be undone statement by statement.
  // False when the op does not fit `before` (render would throw).
  virtual bool needs_rebuild(const schema::Op& op, const schema::Database& before) const {
    return false;
  }

  // How many of `ops` (the rest of a revision's ops from the next one to run; never empty) the
  // runner carries out as one unit, rendered by render_group(): SQLite takes consecutive ops
  // that each rebuild the same table (and nothing else) as one rebuild to their final shape,
  // the rows copied once. 1, the default, runs ops[0] alone, as does any op that does not fit
  // `before`. An op that is not a rebuild of that table ends the group.
  virtual std::size_t group_size(std::span<const schema::Op> ops,
                                 const schema::Database& before) const {
    return 1;
  }
  // The statements of a group of group_size() ops: the same end state as rendering each op
  // against the schema the ops before it leave (the default does just that). Throws
  // util::Error like render(); the runner then renders the ops one by one to name the one
  // that fails alone.
  virtual std::vector<Statement> render_group(std::span<const schema::Op> ops,
                                              const schema::Database& before,
                                              const RenderContext& context) const;

  // DDL for one op. `before` is the schema as it stands before the op (the runner tracks it):
  // SQLite needs it to rebuild tables, others to restate what ALTER cannot keep.
  // Throws util::Error naming the table/column when the op does not fit `before`.
  virtual std::vector<Statement> render(const schema::Op& op,
                                        const schema::Database& before) const = 0;
  // render() with what the model cannot say (RenderContext); the runner calls this one. The
  // default ignores the context. SQLite reads the live table's stored SQL and triggers (or,
  // offline, the executed SQL) so that a rebuild keeps them, or refuses with util::Error
  // naming the table and what it cannot keep.
  virtual std::vector<Statement> render(const schema::Op& op, const schema::Database& before,
                                        const RenderContext& context) const {
    return render(op, before);
  }
  // Statements a script runs outside its transaction, before BEGIN and after COMMIT, around
  // a transaction with an op that needs_rebuild(): SQLite turns foreign-key enforcement off
  // (a client may have turned it on, and the pragma does nothing inside a transaction, so
  // that a rebuild's DROP TABLE would cascade into child rows) and back on. Online the
  // connection sees to it itself.
  virtual std::vector<Statement> script_before_rebuilds() const { return {}; }
  // Statements a --sql script runs first, so that the client's session reads the script as
  // the dialect wrote it (MySQL: the sql_mode the connection sets online). Default: none.
  virtual std::vector<Statement> script_session() const { return {}; }
  virtual std::vector<Statement> script_after_rebuilds() const { return {}; }

  // How this dialect quotes identifiers and strings and how its SQL text is read back
  // (util::sql::Syntax). Described once per dialect; quote_ident, quote_string, SqlBuilder
  // and the tokenizer all follow it, so no dialect quotes by hand.
  virtual const Quoting& quoting() const = 0;
  std::string quote_ident(std::string_view ident) const {
    return quote_identifier(ident, quoting());
  }
  std::string quote_string(std::string_view text) const {
    return dialects::quote_string(text, quoting());
  }
  virtual std::string literal(const schema::Value& value) const;
  // A column type as this dialect spells it: portable names mapped, native names passed through.
  virtual std::string type_sql(const schema::ColumnType& type) const = 0;

  // Statements around a transaction, for --sql output ("BEGIN", "COMMIT").
  virtual std::string begin_sql() const { return "BEGIN"; }
  virtual std::string commit_sql() const { return "COMMIT"; }

  // The version table, Alembic-compatible: one VARCHAR(32) primary-key column version_num.
  virtual std::string create_version_table_sql(const std::string& table) const;

  // An SQL expression for the current UTC time as ISO-8601 text with milliseconds
  // ("2026-12-05T02:40:00.123Z"): what a --sql script writes into the history table, so that
  // the row says when the script ran rather than when it was generated. The default is the
  // standard CURRENT_TIMESTAMP, whose text form differs between databases: override it.
  virtual std::string utc_now_sql() const { return "CURRENT_TIMESTAMP"; }

  // Opens a connection. Throws util::Error with the driver's message (never the password);
  // the caller adds the redacted URL.
  virtual std::unique_ptr<Connection> connect(const util::Url& url,
                                              const ConnectOptions& options) const = 0;
  std::unique_ptr<Connection> connect(const util::Url& url) const { return connect(url, {}); }
  // True if the version table exists on this connection.
  virtual bool table_exists(Connection& conn, const std::string& table) const = 0;
  // What the connection's current schema holds under `name` in any letter case, so that a
  // version table that is a view, or that differs only in case, is reported instead of read
  // as "no revision applied". Throws util::Error when there is no current schema to look in
  // (PostgreSQL: [database] schema names a schema that does not exist).
  struct NamedRelation {
    std::string name;  // as the catalog stores it
    std::string kind;  // "table", "view", "materialized view", "sequence", ...
    bool same = false; // the database resolves `name`, quoted, to this relation
  };
  virtual std::vector<NamedRelation> relations_named(Connection& conn,
                                                     const std::string& name) const = 0;
  // The values of `column` in the version table `table`, read in the one statement that also
  // shows it is a table of the current schema: nullopt where the dialect reads no such
  // statement (the default), or it does not show that (no table of that name, something else
  // under it, an open transaction that a failed statement would spoil), and the caller looks
  // the name up first (relations_named). Saves `current` a statement on a new connection.
  virtual std::optional<std::vector<std::string>>
  read_if_plain_table(Connection& conn, const std::string& table, const std::string& column) const;

  // The statement that makes `schema` the connection's default schema ([database] schema in
  // the config), so that the version table, DDL and introspection all work there; run on
  // connecting and written at the top of --sql scripts. Throws util::Error where the dialect
  // has no schemas.
  virtual std::string use_schema_sql(const std::string& schema) const;

  // The migration lock: held for the whole of upgrade, downgrade, stamp and verify --accept,
  // so that two deploys running at once apply each revision exactly once. One lock per
  // version table and schema (two projects in one database do not wait for each other).
  // migrate::MigrationLock polls try_lock until it succeeds or [database] lock_timeout runs
  // out, saying after a second what it waits for (lock_name) and who holds it (lock_holder).
  //
  // Takes the lock if it is free, without waiting: nullptr when another connection holds
  // it. The default takes nothing and always succeeds (a dialect without a lock relies on
  // the runner re-reading the version table inside each revision's transaction).
  virtual std::unique_ptr<HeldLock> try_lock(Connection& conn,
                                             const std::string& version_table) const;
  // The lock, for messages: "the migration lock (PostgreSQL advisory lock 123 ...)".
  virtual std::string lock_name(Connection& conn, const std::string& version_table) const;
  // Who holds the lock, as far as the database can tell ("pid 4242, application 'x', client
  // 10.0.0.3, since ..."); "" when it cannot tell or nobody holds it any more.
  virtual std::string lock_holder(Connection& conn, const std::string& version_table) const {
    return "";
  }
  // True when try_lock really excludes other migrators for the whole run; the runner then
  // need not re-read the version table inside each revision's transaction.
  virtual bool has_migration_lock() const { return false; }
  // True when connecting waits on a server (a client library loaded, a round trip,
  // authentication): a command reads its revision files meanwhile. An embedded database
  // opens too fast for a second thread to pay for itself.
  virtual bool connects_to_server() const { return true; }

  // --- URLs and introspection. ----------------------------------------------------------

  // Checks and completes a URL of this dialect's scheme after util::parse_url split it the
  // generic way (SQLite: a file path, no host; an empty path means ":memory:"). Throws
  // util::Error naming the redacted URL when the URL does not fit the dialect. The default
  // takes the URL as parsed.
  virtual void complete_url(util::Url& url) const {}
  // Checks the URL's text before the generic parse, for a dialect whose URLs have a shape of
  // their own (SQLite: sqlite:/// and a path), so that a malformed one gets that dialect's
  // advice rather than a generic complaint about a host or port. The default accepts all.
  virtual void check_url_text(const std::string& text) const {}
  // The URL `text` (whose scheme is this dialect's) as this dialect reads it. The default:
  // util::parse_url splits it the generic way, then check_url_text and complete_url. A
  // dialect whose client library parses its URLs itself overrides it (PostgreSQL: libpq's
  // PQconninfoParse), so that the tool and the library never read one URL two ways.
  virtual util::Url parse_url(const std::string& text) const;

  // Live database -> schema model: the tables of options.schema ("" = the default) less
  // those options.skips(), with columns (database order), keys, indexes, unique / foreign-key
  // / check constraints, comments and (has_enum_types) enums, ordered as
  // sort_introspected() orders them. Types canonical (schema::ColumnType::as_canonical);
  // expressions and defaults normalized to what a model file would say. The number of statements
  // sent does not grow with the number of tables. Throws util::Error for a dialect without
  // introspection, DatabaseError if a catalog query fails.
  virtual schema::Database introspect(Connection& conn, const IntrospectOptions& options) const;

  // The objects of options.schema that introspect() leaves out because the model does not
  // describe them (views, triggers, routines, sequences of their own, ...), as
  // kept_and_sorted() returns them. One catalog query, whatever the number of objects. The
  // default: none (a dialect whose model covers everything its databases hold).
  virtual std::vector<UnmanagedObject> unmanaged_objects(Connection& conn,
                                                         const IntrospectOptions& options) const {
    return {};
  }

  // How the database would print each routine's definition back, for routines whose model text
  // differs from the live one (PostgreSQL: each created in a transaction that is rolled back
  // and read with pg_get_functiondef); nullopt where the database keeps the text as written
  // or refuses it.
  virtual std::vector<std::optional<std::string>>
  routine_stored_forms(Connection& conn, const std::vector<schema::Routine>& routines) const {
    return std::vector<std::optional<std::string>>(routines.size());
  }

  // How the database would store SQL expressions written for the live table `table`: for
  // each of `checks` (check-constraint expressions), `predicates` (partial-index WHERE
  // clauses) and `generated` (generated columns: their generation expressions), the text
  // introspection would read back, or nullopt where the database keeps the text as written
  // or refuses it (a column that does not exist yet). Leaves nothing behind. The default
  // answers nullopt for all: the database keeps the text as written.
  virtual StoredForms stored_forms(Connection& conn, const schema::Table& table,
                                   const std::vector<std::string>& checks,
                                   const std::vector<std::string>& predicates,
                                   const std::vector<schema::Column>& generated) const;
  // How the database would store each of `views` (models' views): the definition
  // introspection would read back and the columns' signature, or nullopt where the database
  // keeps the text as written or refuses it (a view on a view not created yet). Leaves
  // nothing behind. The default: nullopt for all.
  virtual std::vector<std::optional<schema::View>>
  stored_view_forms(Connection& conn, const std::vector<schema::View>& views) const {
    return std::vector<std::optional<schema::View>>(views.size());
  }

  // As stored_forms, for the defaults of `columns` (columns of the live table `table`, of the
  // live column's type) and the key parts of `indexes` (on `table`; their WHERE is not asked
  // here): the default text, or each index's parts, as introspection would read them back;
  // nullopt where the database keeps the text as written or refuses it. Leaves nothing
  // behind. The default answers nullopt for all.
  virtual std::vector<std::optional<std::string>>
  stored_defaults(Connection& conn, const schema::Table& table,
                  const std::vector<schema::Column>& columns) const {
    return std::vector<std::optional<std::string>>(columns.size());
  }
  virtual std::vector<std::optional<std::vector<schema::IndexPart>>>
  stored_index_parts(Connection& conn, const schema::Table& table,
                     const std::vector<schema::Index>& indexes) const {
    return std::vector<std::optional<std::vector<schema::IndexPart>>>(indexes.size());
  }
  // The same for the defaults of `domains` (on their base type).
  virtual std::vector<std::optional<std::string>>
  stored_domain_defaults(Connection& conn, const std::vector<schema::Domain>& domains) const {
    return std::vector<std::optional<std::string>>(domains.size());
  }
};

// An `execute` op's SQL for the first of `keys` it holds (the dialect's own keys, then ""),
// trailing semicolons removed, as one free-form Statement with `comment`; none when the op has
// no SQL for those keys or only an empty one.
std::vector<Statement> execute_statements(const schema::Execute& op,
                                          const std::vector<std::string>& keys,
                                          const std::string& comment);

// Refuse, naming the table (or table.column), what `d` has no place for: partitioning
// without d.declarative_partitioning(), a table option
// outside d.table_option_keys(), a column statistics target without
// d.has_column_statistics(). For render, behind the models loader's own refusals (revision
// files are written by hand too).
void check_table_options_fit(const Dialect& d, const schema::TableOptions& o,
                             const std::string& table);
void check_statistics_fit(const Dialect& d, const std::string& table, const std::string& column,
                          const std::optional<int>& statistics);
void check_index_fits(const Dialect& d, const std::string& table, const schema::Index& index);
void check_table_fits(const Dialect& d, const schema::Table& t);

// Dialect by URL scheme ("postgres" -> postgresql, "mariadb" -> mysql) or by name.
// Throws util::Error listing the known schemes, with a "did you mean".
const Dialect& dialect_for_scheme(std::string_view scheme);
const Dialect& dialect_by_name(std::string_view name);

// The names of the dialects the registry knows, in its order ("sqlite", "postgresql",
// "mysql"), including those not available in this build yet: the keys of per-dialect SQL in
// revision files and the choices of --dialect.
std::vector<std::string> dialect_names();

// The keys per-dialect SQL may have in revision files (`execute` ops): dialect_names(), then
// the keys of the dialects' flavors, each falling back to its dialect's key ("mariadb", read
// by the mysql dialect on a MariaDB server before "mysql").
std::vector<std::string> sql_keys();

// Process-wide settings of the client libraries for a process that runs one command and
// exits, as the CLI does: each dialect's that has any, in the registry's order. Not for a
// program embedding the library, whose process the settings would change (SQLite's memory
// statistics, for one, are what its soft heap limit works from). Call before any connection.
void tune_for_command_process();

// A database URL as its dialect reads it (Dialect::parse_url of the scheme's dialect). Throws
// util::Error for a malformed URL or an unknown scheme, never showing the password.
util::Url parse_url(const std::string& text);

} // namespace migratecpp::dialects
