#pragma once
// Operations: the common currency. Revision files store them, autogenerate emits them, dialects
// render them to DDL. A closed variant, so that a dialect that forgets an op fails to compile.
#include "schema/aggregate_ops.h"
#include "schema/model.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace migratecpp::schema {

struct CreateTable {
  Table table;
  bool operator==(const CreateTable&) const = default;
};
struct DropTable {
  std::string table;
  std::optional<Table> definition; // kept by generated files so the drop can be reversed
  bool operator==(const DropTable&) const = default;
};
struct RenameTable {
  std::string table;
  std::string new_name;
  bool operator==(const RenameTable&) const = default;
};
struct AddColumn {
  std::string table;
  Column column;
  bool operator==(const AddColumn&) const = default;
};
struct DropColumn {
  std::string table;
  std::string column;
  std::optional<Column> definition; // for the reverse
  bool operator==(const DropColumn&) const = default;
};
// Every change is optional; absent = unchanged. For default and comment an empty string
// means "remove". existing_* describe the column before the change: needed to reverse the op,
// and by dialects that must restate the whole column (MySQL MODIFY).
struct AlterColumn {
  std::string table;
  std::string column;
  std::optional<std::string> type;
  std::optional<bool> nullable;
  std::optional<std::string> default_expr;
  std::optional<std::string> new_name;
  std::optional<std::string> comment;
  std::optional<std::string> existing_type;
  std::optional<bool> existing_nullable;
  std::optional<std::string> existing_default; // "" = had none
  std::optional<std::string> existing_comment; // "" = had none
  // The column's collation ("" = the default one): PostgreSQL ALTER COLUMN ... TYPE t COLLATE
  // c, MySQL restates the column, SQLite rebuilds.
  std::optional<std::string> collation;
  std::optional<std::string> existing_collation; // "" = the default one
  // Autoincrement on or off (PostgreSQL: an identity column; SQLite: the AUTOINCREMENT of
  // the table's only INTEGER key, so a rebuild). Generated files give it its own op.
  std::optional<bool> autoincrement;
  std::optional<bool> existing_autoincrement;
  // The column's generation (alter_column never changes it: the diff drops and adds a column
  // whose generation changes). Written by generated files for a generated column, so that a
  // dialect restating the whole column (MySQL MODIFY) keeps it when the tracked schema does
  // not know the column; absent there = a plain column.
  std::optional<Generated> existing_generated;
  // An identity column ALWAYS (true) or BY DEFAULT (false): with autoincrement = true, how it
  // becomes one; alone, a change of an identity column's kind (PostgreSQL SET GENERATED).
  // Revision files: identity = "always" | "by default".
  std::optional<bool> identity_always;
  std::optional<bool> existing_identity_always;
  // PostgreSQL's statistics target (-1 = back to the default): SET STATISTICS.
  std::optional<int> statistics;
  std::optional<int> existing_statistics;
  bool operator==(const AlterColumn&) const = default;
};
// Makes `columns` (in key order) the table's primary key, named `name` ("" = the database's
// default), in place: rows are kept (PostgreSQL: drop and add the key constraint; SQLite: a
// rebuild). Empty `columns`: the table loses its key. Columns that leave the key stay NOT
// NULL; columns that join it become NOT NULL.
struct AlterPrimaryKey {
  std::string table;
  std::vector<std::string> columns;
  std::optional<std::vector<std::string>> existing_columns; // for the reverse
  // Initialized here so that the short spelling AlterPrimaryKey{table, columns, existing}
  // still says everything an older op did ("" = the default name, false = not deferrable).
  std::string name{};
  std::string existing_name{}; // for the reverse
  bool deferrable = false;     // PostgreSQL
  bool initially_deferred = false;
  bool existing_deferrable = false; // for the reverse
  bool existing_initially_deferred = false;
  bool operator==(const AlterPrimaryKey&) const = default;
};
struct CreateIndex {
  std::string table;
  Index index;
  bool operator==(const CreateIndex&) const = default;
};
struct DropIndex {
  std::string table;
  std::string name;
  std::optional<Index> definition;
  bool operator==(const DropIndex&) const = default;
};
struct CreateUnique {
  std::string table;
  UniqueConstraint constraint;
  bool operator==(const CreateUnique&) const = default;
};
struct CreateForeignKey {
  std::string table;
  ForeignKey constraint;
  bool operator==(const CreateForeignKey&) const = default;
};
struct CreateCheck {
  std::string table;
  CheckConstraint constraint;
  bool operator==(const CreateCheck&) const = default;
};
// Drops a unique, check or foreign-key constraint by name. At most one definition is set
// (by generated files): it tells the kind and allows the reverse.
struct DropConstraint {
  std::string table;
  std::string name;
  std::optional<UniqueConstraint> unique;
  std::optional<ForeignKey> foreign_key;
  std::optional<CheckConstraint> check;
  bool operator==(const DropConstraint&) const = default;
};
struct SetTableComment {
  std::string table;
  std::string comment;                         // "" removes it
  std::optional<std::string> existing_comment; // for the reverse; "" = had none
  bool operator==(const SetTableComment&) const = default;
};
// Changes a table's storage options (TableOptions: MySQL/MariaDB ENGINE, CHARSET, COLLATE,
// ROW_FORMAT; PostgreSQL UNLOGGED and storage parameters). Each key of `options` that is set
// is changed; `existing` holds the values before, for the reverse. Storage parameters: those
// in options.storage are set, those only in existing.storage are reset to their default.
// Dialects without an option refuse it naming the table.
struct AlterTableOptions {
  std::string table;
  TableOptions options;
  TableOptions existing;
  bool operator==(const AlterTableOptions&) const = default;
};
// Raw SQL. Key "" applies to every dialect; "sqlite", "postgresql", "mysql" to one.
// A dialect with no entry (and no "" entry) skips the op.
struct Execute {
  std::map<std::string, std::string> sql;
  std::map<std::string, std::string> reverse_sql; // optional, makes the op reversible
  bool operator==(const Execute&) const = default;
};

struct Null {
  bool operator==(const Null&) const = default;
};
using Value = std::variant<Null, bool, std::int64_t, double, std::string>;
using Row = std::vector<std::pair<std::string, Value>>; // column -> value, in file order

struct BulkInsert {
  std::string table;
  std::vector<Row> rows;
  bool operator==(const BulkInsert&) const = default;
};
// PostgreSQL enum types. Other dialects have no separate type object: they render no DDL
// for these ops, and columns of an enum type are rendered as the dialect's fallback.
struct CreateEnum {
  Enum type;
  bool operator==(const CreateEnum&) const = default;
};
struct DropEnum {
  std::string name;
  std::optional<Enum> definition;
  bool operator==(const DropEnum&) const = default;
};
struct AddEnumValue {
  std::string name;
  std::string value;
  std::optional<std::string> before; // place it before this existing value; else at the end
  bool operator==(const AddEnumValue&) const = default;
};

// Sequences of their own (PostgreSQL, MariaDB). create_sequence never sets OWNED BY (the
// table may not exist yet): an alter_sequence after the table does. alter_sequence gives the
// whole sequence as it becomes, and as it was (existing, for the reverse): the dialect changes
// what differs.
struct CreateSequence {
  Sequence sequence;
  bool operator==(const CreateSequence&) const = default;
};
struct DropSequence {
  std::string name;
  std::optional<Sequence> definition;
  bool operator==(const DropSequence&) const = default;
};
struct AlterSequence {
  Sequence sequence;
  std::optional<Sequence> existing;
  bool operator==(const AlterSequence&) const = default;
};
// PostgreSQL domains. alter_domain gives the domain as it becomes and as it was: default,
// NOT NULL and checks (by name) change in place; the base type and collation cannot.
struct CreateDomain {
  Domain domain;
  bool operator==(const CreateDomain&) const = default;
};
struct DropDomain {
  std::string name;
  std::optional<Domain> definition;
  bool operator==(const DropDomain&) const = default;
};
struct AlterDomain {
  Domain domain;
  std::optional<Domain> existing;
  bool operator==(const AlterDomain&) const = default;
};
// PostgreSQL extensions: CREATE EXTENSION (never IF NOT EXISTS: an extension already there is
// drift to report), DROP EXTENSION (never CASCADE), ALTER EXTENSION ... UPDATE TO.
struct CreateExtension {
  Extension extension;
  bool operator==(const CreateExtension&) const = default;
};
struct DropExtension {
  std::string name;
  std::optional<Extension> definition;
  bool operator==(const DropExtension&) const = default;
};
struct AlterExtension {
  std::string name;
  std::string version;
  std::optional<std::string> existing_version;
  bool operator==(const AlterExtension&) const = default;
};

// Views (and PostgreSQL materialized views). drop_view carries the view for its reverse;
// replace_view gives the view as it becomes and as it was (existing): CREATE OR REPLACE
// where the database keeps the view's columns (the diff asks only then), else drop + create.
struct CreateView {
  View view;
  bool operator==(const CreateView&) const = default;
};
struct DropView {
  std::string name;
  bool materialized = false;
  std::optional<View> definition;
  bool operator==(const DropView&) const = default;
};
struct ReplaceView {
  View view;
  std::optional<View> existing;
  bool operator==(const ReplaceView&) const = default;
};
// Functions and procedures (PostgreSQL, MariaDB/MySQL): the routine's CREATE text. Revision
// files name them by kind: create_function / create_procedure, drop_*, replace_*.
// replace_routine changes a routine in place (PostgreSQL CREATE OR REPLACE when only the body
// and attributes change, MariaDB CREATE OR REPLACE); existing is the routine before.
struct CreateRoutine {
  Routine routine;
  bool operator==(const CreateRoutine&) const = default;
};
struct DropRoutine {
  std::string name;
  std::string kind = "function";
  std::string arguments; // PostgreSQL identity arguments
  std::optional<Routine> definition;
  bool operator==(const DropRoutine&) const = default;
};
struct ReplaceRoutine {
  Routine routine;
  std::optional<Routine> existing;
  bool operator==(const ReplaceRoutine&) const = default;
};
// Triggers. A changed trigger is dropped and created again (no op changes one in place).
struct CreateTrigger {
  Trigger trigger;
  bool operator==(const CreateTrigger&) const = default;
};
struct DropTrigger {
  std::string table;
  std::string name;
  std::optional<Trigger> definition;
  bool operator==(const DropTrigger&) const = default;
};

// SQLite virtual tables. No op changes one in place (SQLite cannot): a changed one is dropped
// and created again, which empties it. drop_virtual_table carries the table for its reverse.
struct CreateVirtualTable {
  VirtualTable table;
  bool operator==(const CreateVirtualTable&) const = default;
};
struct DropVirtualTable {
  std::string name;
  std::optional<VirtualTable> definition;
  bool operator==(const DropVirtualTable&) const = default;
};

using Op =
    std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn, AlterColumn,
                 AlterPrimaryKey, CreateIndex, DropIndex, CreateUnique, CreateForeignKey,
                 CreateCheck, DropConstraint, SetTableComment, AlterTableOptions, Execute,
                 BulkInsert, CreateEnum, DropEnum, AddEnumValue, CreateSequence, DropSequence,
                 AlterSequence, CreateDomain, DropDomain, AlterDomain, CreateExtension,
                 DropExtension, AlterExtension, CreateView, DropView, ReplaceView, CreateRoutine,
                 DropRoutine, ReplaceRoutine, CreateTrigger, DropTrigger, CreateVirtualTable,
                 DropVirtualTable, CreateAggregate, DropAggregate, CreateOperator, DropOperator>;

// The op's name as written in revision files ("create_table", ...).
std::string op_name(const Op& op);
// The table the op works on; empty for execute and the ops on enums, sequences, domains and
// extensions.
std::string op_table(const Op& op);
// True if applying it can lose data: drops, or narrowing type changes. Marked in generated files.
bool is_destructive(const Op& op);
// The op that undoes `op`. Throws util::Error("operation is not reversible: ...") when the op
// lacks what is needed (a drop without its definition, execute without reverse_sql).
Op reverse(const Op& op);
// Upgrade list -> downgrade list: each op reversed, in reverse order.
std::vector<Op> reverse_all(const std::vector<Op>& ops);

template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace migratecpp::schema
