#pragma once
// The dialect-neutral schema model: what a models file describes, what introspection reads
// from a live database, and what the diff compares. Plain aggregates; no I/O, no dialect code.
#include "schema/aggregate.h"
#include "schema/column_type.h"
#include "schema/index_part.h"
#include "schema/session_settings.h"
#include "schema/table_index.h"
#include "util/heap_optional.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::schema {

// A generated (computed) column's definition: GENERATED ALWAYS AS (expression), STORED (kept
// in the row) or VIRTUAL (computed when read). Default and generated are exclusive.
struct Generated {
  std::string expression;
  bool stored = false;
  bool operator==(const Generated&) const = default;
};

struct Column {
  std::string name;
  ColumnType type;      // as written (portable "varchar(255)" or native), parsed once
  bool nullable = true; // primary-key columns are never nullable
  // SQL expression text: "0", "'active'", "CURRENT_TIMESTAMP". The rarely set attributes are
  // util::HeapOptional (8 bytes unset, where std::optional<std::string> is 40): a column is
  // the object a model of 10,000 tables holds most of.
  util::HeapOptional<std::string> default_expr;
  bool primary_key = false; // several flagged columns = composite key (order: Table::key)
  bool autoincrement = false;
  util::HeapOptional<std::string> comment;
  util::HeapOptional<Generated> generated; // computed from the row's other columns
  // The column's own collation where it is not the default one (PostgreSQL: its type's;
  // MySQL: its table's, the charset being the collation's prefix; SQLite: BINARY): "C",
  // "utf8mb4_bin", "NOCASE".
  util::HeapOptional<std::string> collation;
  // With autoincrement (last: aggregate initializers list the fields before it): the database
  // always numbers the rows and refuses a value written for the column (PostgreSQL GENERATED ALWAYS
  // AS IDENTITY; model key identity = "always"). Off: BY DEFAULT, the portable autoincrement.
  bool identity_always = false;
  // PostgreSQL's statistics target for the column (ALTER COLUMN ... SET STATISTICS n; absent
  // = the server's default_statistics_target).
  std::optional<int> statistics = std::nullopt;
  // Compares the declared spelling of the type, as the model's text did before it was a
  // value: a model or live schema that spells a type differently is not the same model. The
  // diff compares types by meaning (ColumnType ==).
  bool operator==(const Column& other) const;
};

struct Index {
  std::string name;             // empty only for an index the database keeps without one
  std::vector<IndexPart> parts; // columns and expressions, in key order
  bool unique = false;
  util::HeapOptional<std::string> where;  // partial-index predicate (SQLite, PostgreSQL)
  util::HeapOptional<std::string> method; // access method where not the default (PostgreSQL "gin")
  // PostgreSQL storage parameters (WITH (fillfactor = '70'), gin's fastupdate...), as text;
  // absent = none.
  // (Initialized here, so that an aggregate initializer may stop before them.)
  util::HeapOptional<std::map<std::string, std::string>> storage = std::nullopt;
  // PostgreSQL statistics targets of the index's columns, by position from 1 (ALTER INDEX i
  // ALTER COLUMN 1 SET STATISTICS 3000: an expression's); empty = the defaults.
  std::map<int, int> statistics = {};
  bool operator==(const Index&) const = default;
};

struct UniqueConstraint {
  std::string name; // empty: unnamed (SQLite inline constraint), compared by definition
  std::vector<std::string> columns;
  bool deferrable = false;         // DEFERRABLE (PostgreSQL)
  bool initially_deferred = false; // INITIALLY DEFERRED (implies deferrable)
  bool operator==(const UniqueConstraint&) const = default;
};

struct ForeignKey {
  std::string name; // empty: unnamed, compared by definition
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete; // "" (= no action), "cascade", "set null", "set default", "restrict"
  std::string on_update;
  bool deferrable = false;         // DEFERRABLE (PostgreSQL, SQLite)
  bool initially_deferred = false; // INITIALLY DEFERRED (implies deferrable)
  // NOT VALID (PostgreSQL): enforced for new rows, the rows there when it was added not
  // checked (a large table's key added without a long lock, validated later).
  bool not_valid = false;
  bool operator==(const ForeignKey&) const = default;
};

struct CheckConstraint {
  std::string name; // empty: unnamed, compared by definition
  std::string expression;
  bool operator==(const CheckConstraint&) const = default;
};

// Storage options of a table where the database has them (MySQL/MariaDB: ENGINE, DEFAULT
// CHARSET, COLLATE, ROW_FORMAT). Each is optional: absent = whatever the database chooses,
// and a model that leaves one out asks for no change.
struct TableOptions {
  std::optional<std::string> engine;     // "InnoDB"
  std::optional<std::string> charset;    // "utf8mb4"
  std::optional<std::string> collate;    // "utf8mb4_unicode_ci"
  std::optional<std::string> row_format; // "DYNAMIC"
  // PostgreSQL: UNLOGGED (absent = a logged table; models never say false), and storage
  // parameters as pg_class.reloptions holds them, values as text ("fillfactor" -> "50",
  // "toast.autovacuum_enabled" -> "false"; absent = none). Unlike MySQL's options, where an
  // absent option is the server's choice, these are compared whole: absent = the default.
  std::optional<bool> unlogged;
  std::optional<std::map<std::string, std::string>> storage;
  bool empty() const { return keys().empty(); }
  // The model-file keys of the options set ("engine", ..., "unlogged", "storage").
  std::vector<std::string_view> keys() const;
  bool operator==(const TableOptions&) const = default;
};

// What the primary key is beyond its columns' flags (Column::primary_key, the short spelling
// of a key in column order with the default name): its order, name and deferrability.
// Kept canonical by schema::set_primary_key: `columns` is empty when the key's order is the
// column order, so that two spellings of the same key compare equal.
struct PrimaryKey {
  std::string name;                 // empty: the database's default name
  std::vector<std::string> columns; // key order where it differs from column order
  bool deferrable = false;          // PostgreSQL
  bool initially_deferred = false;
  // True when the column flags alone say it all.
  bool is_short() const { return name.empty() && columns.empty() && !deferrable; }
  bool operator==(const PrimaryKey&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns; // database order matters; keep it
  PrimaryKey key;              // order, name, deferrability of the flagged columns' key
  std::vector<Index> indexes;
  std::vector<UniqueConstraint> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  util::HeapOptional<std::string> comment;
  TableOptions options;
  // Declarative partitioning (PostgreSQL; Dialect::declarative_partitioning). A partitioned
  // table says how: `partition_by` is the key as pg_get_partkeydef prints it ("RANGE
  // (payment_date)"). A partition names its parent (`partition_of`) and its bound as
  // pg_get_expr(relpartbound) prints it ("FOR VALUES FROM (...) TO (...)", "DEFAULT"); it has
  // no columns of its own (they are its parent's), and holds only what is its own: indexes
  // and constraints made on it alone, never those the server attaches from the parent. A
  // partition may itself be partitioned (partition_by beside partition_of).
  util::HeapOptional<std::string> partition_by;
  util::HeapOptional<std::string> partition_of;
  util::HeapOptional<std::string> partition_bound;
  bool operator==(const Table&) const = default;
  bool is_partition() const { return partition_of.has_value(); }

  const Column* find_column(const std::string& column) const;
  Column* find_column(const std::string& column);
  // Names of the primary_key columns, in key order (key.columns; the flagged columns in column
  // order where it says nothing, and flagged columns it lacks at the end).
  std::vector<std::string> primary_key() const;
  std::vector<std::string> column_names() const; // in column order
};

// A PostgreSQL enum type (CREATE TYPE ... AS ENUM); usable as a column type by name.
struct Enum {
  std::string name;
  std::vector<std::string> values;
  bool operator==(const Enum&) const = default;
};

// A sequence of its own (PostgreSQL, MariaDB): CREATE SEQUENCE. Every option is optional:
// absent = the dialect's default (introspection leaves defaults out), so that a model only
// says what differs. A serial's or an identity column's sequence is not one of these: it
// belongs to its column (autoincrement).
struct Sequence {
  std::string name;
  std::optional<std::string> type; // PostgreSQL AS type ("integer"); default bigint
  std::optional<std::int64_t> start, increment, min, max, cache;
  bool cycle = false;
  std::optional<std::string> owned_by; // "table.column" (PostgreSQL OWNED BY)
  bool operator==(const Sequence&) const = default;
};

// A PostgreSQL domain (CREATE DOMAIN): a base type with a default, NOT NULL and named checks
// (whose expressions say VALUE); usable as a column type by name, as an enum is.
struct Domain {
  std::string name;
  std::string type; // the base type with its modifiers: "integer", "varchar(10)"
  bool nullable = true;
  std::optional<std::string> default_expr;
  std::optional<std::string> collation;
  std::vector<CheckConstraint> checks; // named
  bool operator==(const Domain&) const = default;
};

// A PostgreSQL extension (CREATE EXTENSION): database-wide, in a schema of its own choosing.
struct Extension {
  std::string name;
  std::optional<std::string> schema;  // WITH SCHEMA; absent = the managed schema
  std::optional<std::string> version; // absent = whatever is installed, not compared
  bool operator==(const Extension&) const = default;
};

// A view (CREATE VIEW) or, where the database has them, a materialized view (PostgreSQL
// CREATE MATERIALIZED VIEW). `definition` is the SELECT as the server stores it (no CREATE
// ... AS), compared in that stored form. Options are absent where they are the defaults.
struct View {
  std::string name;
  std::string definition;
  bool materialized = false;
  std::optional<std::string> check_option; // "local" | "cascaded" (not materialized)
  std::optional<bool> security_barrier;    // PostgreSQL
  std::optional<bool> security_invoker;    // PostgreSQL 15+
  std::optional<std::string> algorithm;    // MySQL "merge" | "temptable" (not "undefined")
  std::optional<std::string> sql_security; // MySQL "invoker" (not "definer")
  std::vector<std::string> columns;        // CREATE VIEW v (a, b): the names it gives
  std::vector<Index> indexes;              // materialized views only
  bool with_data = true;                   // materialized: WITH [NO] DATA
  std::optional<std::string> comment;
  // What the view reads (tables, views, by name): from the catalogs for a live view, from
  // the definition's names for a model's (schema::view_references), plus what a model
  // lists itself. Orders creates and drops; not compared.
  std::vector<std::string> depends_on;
  // The columns the server gives the view, "name type" each, where known (read from the
  // catalog, or from a probe of the model's text): whether CREATE OR REPLACE can keep them.
  // Not in files, not compared.
  std::vector<std::string> signature;
  // MySQL/MariaDB: character_set_client and collation_connection it was created under (it
  // keeps no sql_mode); absent where they are the tool's connection's.
  SessionSettings session;
  // Other spellings of the same definition that a model may hold (MySQL: the text as
  // information_schema prints it, without character set introducers, which inspect wrote
  // before it read SHOW CREATE VIEW): a model holding one is not a change. Not in files,
  // not compared.
  std::vector<std::string> alternate_definitions;
  // Everything but depends_on, signature and alternate_definitions.
  bool operator==(const View& other) const;
};

// A function or procedure (PostgreSQL, MariaDB/MySQL): the whole CREATE statement as the
// server prints it back (PostgreSQL pg_get_functiondef; MariaDB built from ROUTINES and
// PARAMETERS without DEFINER), the managed schema's qualifier left out. Identity: kind, name
// and (PostgreSQL overloads) the identity arguments as pg_get_function_identity_arguments
// prints them. See schema/routine.h.
struct Routine {
  std::string name;
  std::string kind = "function";      // "function" | "procedure"
  std::string arguments;              // identity arguments: "p_film_id integer, p_store_id integer"
  std::optional<std::string> returns; // the result type as printed; none for a procedure
  std::string definition;             // CREATE [OR REPLACE] FUNCTION ... (no DEFINER)
  SessionSettings session;            // MySQL/MariaDB: sql_mode, ... it was created under
  // Other spellings of the same definition that a model may hold (MySQL: the parameters as
  // information_schema prints them, `p_id` int(11), which inspect wrote before it read the
  // stored text): a model holding one is not a change. Not in files, not compared.
  std::vector<std::string> alternate_definitions;
  bool operator==(const Routine&) const; // everything but alternate_definitions
};

// A trigger on a table. Its identity is (table, name); PostgreSQL names triggers per table,
// MySQL and SQLite per schema. PostgreSQL calls a function (`function`, "f(args)"); SQLite and
// MySQL run a `body` (BEGIN ... END, or one statement).
struct Trigger {
  std::string name;
  std::string table;
  std::string timing;              // "before" | "after" | "instead of"
  std::vector<std::string> events; // "insert", "update", "update of a, b", "delete", "truncate"
  bool for_each_row = true;        // false: FOR EACH STATEMENT (PostgreSQL)
  // SQLite: the text says FOR EACH ROW, which is optional there (every trigger is one); kept
  // so that the trigger is written back as it was read. Spelling only: not compared.
  bool says_for_each_row = false;
  std::optional<std::string> when;     // WHEN (condition), without the parentheses
  std::optional<std::string> function; // PostgreSQL: EXECUTE FUNCTION <function>
  std::optional<std::string> body;     // SQLite, MySQL
  std::optional<std::string> order;    // MySQL: "follows x" | "precedes x"
  SessionSettings session;             // MySQL/MariaDB: sql_mode, ... it was created under
  bool operator==(const Trigger&) const = default;
};

// A virtual table (SQLite CREATE VIRTUAL TABLE name USING module(arguments)): its columns and
// storage are the module's (FTS5, FTS4, R*Tree...), and the shadow tables the module makes are
// its storage, never tables of the model. `arguments` are the module arguments as written
// between the parentheses, split at the top-level commas, each trimmed.
struct VirtualTable {
  std::string name;
  std::string module;
  std::vector<std::string> arguments;
  bool operator==(const VirtualTable&) const = default;
};

struct Database {
  std::vector<Table> tables;
  std::vector<View> views;
  std::vector<Enum> enums;
  std::vector<Sequence> sequences;
  std::vector<Domain> domains;
  std::vector<Extension> extensions;
  std::vector<Routine> routines;
  std::vector<Trigger> triggers;
  std::vector<VirtualTable> virtual_tables; // SQLite
  std::vector<Aggregate> aggregates;        // PostgreSQL (schema/aggregate.h)
  std::vector<Operator> operators;          // PostgreSQL
  // Off unless index_tables() was called; see schema/table_index.h for who may.
  TableIndex table_index;
  bool operator==(const Database&) const = default;

  // Look tables up by name through an index from now on. Only for a Database changed through
  // schema::apply alone from now on (the runner's tracked schema): apply keeps it current.
  void index_tables() { table_index.arm(); }

  const Table* find_table(const std::string& table) const;
  Table* find_table(const std::string& table);
  const Enum* find_enum(const std::string& name) const;
  const Sequence* find_sequence(const std::string& name) const;
  const Domain* find_domain(const std::string& name) const;
  const Extension* find_extension(const std::string& name) const;
  const View* find_view(const std::string& name) const;
  const VirtualTable* find_virtual_table(const std::string& name) const;
  // The columns `fk` references: its ref_columns, or where it names none ("REFERENCES orgs"),
  // the primary key of its table here ({} if that table is not here).
  std::vector<std::string> referenced_columns(const ForeignKey& fk) const;
};

} // namespace migratecpp::schema
