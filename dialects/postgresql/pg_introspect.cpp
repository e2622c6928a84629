// PostgreSQL introspection: the pg_catalog, read with a fixed number of queries, normalized
// into the shared model so that a schema created from models reads back equal to them.
//
// Normalization rules (what PostgreSQL stores or prints -> what the model holds):
// - types: format_type(atttypid, atttypmod) through schema::ColumnType::as_canonical ("character
//   varying(255)" -> varchar(255), "timestamp without time zone" -> timestamp, "integer[]"
//   stays integer[]); an enum of the introspected schema by its bare name ("Mood", "mood[]"),
//   unqualified and with its case, as the model names it; PostgreSQL's one-byte "char" keeps
//   its double quotes (type = "\"char\"" in the models file, which the loader takes as a
//   native type and the dialect writes back as is: unquoted, char is char(1));
// - identity columns (GENERATED ... AS IDENTITY) and serial columns -> autoincrement = true
//   (GENERATED ALWAYS: identity_always too, identity = "always" in a model file),
//   no default, key or not (the loader accepts autoincrement on any integer column; the
//   dialect makes it an identity column). A serial is a default nextval('S'::regclass) whose
//   sequence S is OWNED BY the column with the options serial gives it; any other nextval
//   default is kept as printed and its sequence is a [[sequence]] of the model;
// - a column of a domain of the schema: the domain's name, as for an enum;
// - what an extension owns (pg_depend deptype 'e': PostGIS's spatial_ref_sys, an extension's
//   types) is left out: the [[extension]] stands for it;
// - defaults: as pg_get_expr prints them (not pretty: as pg_dump does), casts included
// (''::character varying,
//   ('now'::text)::date, '-1'::integer): the server's stored form, written back exactly;
// - stored generated columns (attgenerated 's'): pg_get_expr of the generation expression,
//   normalized as a check is (normalize_pg_expression), and no default;
// - checks: normalize_pg_check over the pretty-printed text (no redundant parentheses);
// - partial-index predicates and index expressions: as pretty-printed, casts included;
// - foreign-key actions: a (no action) -> "", r -> restrict, c -> cascade, n -> set null,
//   d -> set default; a referenced table in another schema is written schema.table;
// - primary keys: the key's columns flagged (they are NOT NULL), in conkey order, named unless
//   the name is the server's default <table>_pkey; condeferrable / condeferred on keys,
//   uniques and foreign keys;
// - indexes: those that back a primary-key, unique or exclusion constraint are left out (the
//   constraint stands for them); btree is the default method (no `method`); entries are the
//   column name, or the expression, followed by a non-default operator class and DESC /
//   NULLS FIRST / NULLS LAST where they differ from the default; INCLUDE columns are not kept;
// - order: tables by name, columns by attnum, indexes and constraints by name, enum values by
//   enumsortorder.
#include "dialects/postgresql/pg_aggregates.h"
#include "dialects/postgresql/pg_dialect.h"
#include "dialects/postgresql/pg_normalize.h"
#include "dialects/postgresql/pg_objects_introspect.h"
#include "dialects/postgresql/pg_routines.h"
#include "dialects/postgresql/pg_views.h"
#include "schema/apply.h"
#include "schema/partition.h"
#include "schema/types.h"
#include "util/strings.h"

#include <map>
#include <optional>
#include <set>

namespace migratecpp::dialects::postgresql {

namespace {

// Every query takes the schema as $1; "" means the session's current schema.
constexpr std::string_view k_schema_filter =
    "n.nspname = coalesce(nullif($1, ''), current_schema())";
// A table (pg_class `c`) that is not a partition, or a partition of a table in its own schema.
std::string partition_filter(const std::string& c) {
  return "(NOT " + c + ".relispartition OR EXISTS (SELECT 1 FROM pg_catalog.pg_inherits pi " +
         "JOIN pg_catalog.pg_class pp ON pp.oid = pi.inhparent WHERE pi.inhrelid = " + c +
         ".oid AND pp.relnamespace = " + c + ".relnamespace)) ";
}

// The comment of a table (subid 0) or of its column `subid`, as obj_description and
// col_description read it, joined: those are SQL functions, a query each per row (a third of
// the columns query at 500 tables). (objoid, classoid, objsubid) is pg_description's key, so
// the join adds no row.
std::string comment_join(std::string_view relation_oid, std::string_view subid) {
  return "LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = " + std::string(relation_oid) +
         " AND ds.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND ds.objsubid = " +
         std::string(subid) + " ";
}

// Partitions are tables of the model (partition_of, partition_bound) when their parent is a
// table of the same schema; a partitioned table says how (partition_by).
std::string tables_sql() {
  // Storage parameters as name=value items, the TOAST table's prefixed "toast.", as pg_dump
  // writes them.
  return "SELECT c.relname AS name, ds.description AS comment, "
         "c.relpersistence = 'u' AS unlogged, "
         "array_to_string(array_cat(c.reloptions, (SELECT array_agg('toast.' || o) FROM "
         "pg_catalog.pg_class tc, unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid)), "
         "chr(31)) AS storage, "
         "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END "
         "AS partition_by, "
         "CASE WHEN c.relispartition THEN (SELECT p.relname::text FROM pg_catalog.pg_inherits i "
         "JOIN pg_catalog.pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid) END "
         "AS partition_of, "
         "CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END "
         "AS partition_bound "
         "FROM pg_catalog.pg_class c "
         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
         comment_join("c.oid", "0") + "WHERE " + std::string(k_schema_filter) +
         " AND c.relkind IN ('r', 'p') AND " + partition_filter("c") + " AND " +
         not_extension_member("pg_catalog.pg_class", "c.oid") + " ORDER BY c.relname";
}

std::string columns_sql() {
  return "SELECT c.relname AS table_name, a.attname AS name, "
         "CASE WHEN t.typtype IN ('e', 'd') AND t.typnamespace = n.oid THEN t.typname::text "
         "WHEN et.typtype = 'e' AND et.typnamespace = n.oid THEN et.typname || '[]' "
         "ELSE format_type(a.atttypid, a.atttypmod) END AS type, "
         "((t.typtype IN ('e', 'd') AND t.typnamespace = n.oid) "
         "OR coalesce(et.typtype = 'e', false)) AS is_enum, "
         "a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid, true) AS pretty_default, "
         // Defaults as pg_dump prints them (not pretty): ('now'::text)::date, whose
         // parentheses pretty printing drops.
         "pg_get_expr(d.adbin, d.adrelid) AS default_expr, "
         "a.attidentity AS identity, a.attgenerated AS generated, "
         "ds.description AS comment, "
         // -1 (NULL from PostgreSQL 17): the default target.
         "CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END AS statistics, "
         // The column's own collation, where it is not its type's default.
         "CASE WHEN a.attcollation <> t.typcollation THEN co.collname::text END AS collation "
         "FROM pg_catalog.pg_attribute a "
         "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
         "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
         "LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' "
         "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
         "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation " +
         comment_join("a.attrelid", "a.attnum") + "WHERE " + std::string(k_schema_filter) +
         " AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
         "AND a.attnum > 0 AND NOT a.attisdropped "
         "ORDER BY c.relname, a.attnum";
}

std::string constraints_sql() {
  // conparentid = 0: a foreign key that references a partitioned table also has one internal
  // clone per partition; only the parent is the user's constraint.
  return "SELECT c.relname AS table_name, con.conname AS name, con.contype AS type, "
         // Each key's name looked up alone (a join hashed all the table's attributes).
         "ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a "
         "WHERE a.attrelid = con.conrelid AND a.attnum = k.attnum) "
         "FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i) ORDER BY k.i) AS columns, "
         "CASE WHEN rc.oid IS NULL THEN NULL WHEN rn.oid = n.oid THEN rc.relname::text "
         "ELSE rn.nspname || '.' || rc.relname END AS ref_table, "
         "ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a "
         "WHERE a.attrelid = con.confrelid AND a.attnum = k.attnum) "
         "FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i) ORDER BY k.i) AS ref_columns, "
         "con.confdeltype AS on_delete, con.confupdtype AS on_update, "
         // Read for checks alone: pg_get_constraintdef deparses at each call, a third of
         // this query's time when every key and foreign key was printed too.
         "CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END "
         "AS definition, "
         "con.condeferrable AS deferrable, con.condeferred AS initially_deferred, "
         "NOT con.convalidated AS not_valid "
         "FROM pg_catalog.pg_constraint con "
         "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
         "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid "
         "LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace "
         "WHERE " +
         std::string(k_schema_filter) + " AND c.relkind IN ('r', 'p') AND " +
         partition_filter("c") +
         // A partition's own constraints only: not those the server made from its parent's
         // (conparentid: keys and foreign keys; conislocal: checks).
         " AND con.contype IN ('p', 'u', 'f', 'c') AND con.conparentid = 0 "
         "AND (con.conislocal OR NOT c.relispartition) "
         "ORDER BY c.relname, con.conname";
}

std::string indexes_sql() {
  // One row per index; the key columns (not INCLUDE ones) as parallel arrays in key order:
  // the column name ('' for an expression), the pretty-printed expression ('' for a column),
  // the operator class when it is not the type's default, and the ordering option bits.
  return "SELECT t.relname AS table_name, ic.relname AS name, ix.indisunique AS is_unique, "
         "array_to_string(ic.reloptions, chr(31)) AS storage, "
         "(SELECT string_agg(a.attnum || '=' || a.attstattarget, chr(31)) "
         "FROM pg_catalog.pg_attribute a WHERE a.attrelid = ic.oid AND a.attstattarget > 0) "
         "AS statistics, "
         "am.amname AS method, pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate, "
         // Per key, each looked up alone: a join here hashed all the table's attributes, or
         // scanned pg_opclass whole, once per index.
         "ARRAY(SELECT coalesce((SELECT a.attname::text FROM pg_catalog.pg_attribute a "
         "WHERE a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum <> 0), '') "
         "FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, i) "
         "WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS columns, "
         // pg_get_indexdef deparses from the index's relcache entry, about 20 us a call: for
         // the keys that are expressions alone.
         "ARRAY(SELECT CASE WHEN k.attnum = 0 "
         "THEN pg_get_indexdef(ix.indexrelid, k.i::int, true) ELSE '' END "
         "FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, i) "
         "WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS expressions, "
         // The default operator classes are hashed once; the name is looked up for the
         // others alone (pg_opclass is small enough that each lookup scans it).
         "ARRAY(SELECT CASE WHEN k.opc IN (SELECT d.oid FROM pg_catalog.pg_opclass d "
         "WHERE d.opcdefault) THEN '' ELSE coalesce((SELECT opc.opcname::text "
         "FROM pg_catalog.pg_opclass opc WHERE opc.oid = k.opc), '') END "
         "FROM unnest(ix.indclass::oid[]) WITH ORDINALITY k(opc, i) "
         "WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS opclasses, "
         "ARRAY(SELECT k.opt FROM unnest(ix.indoption::int2[]) WITH ORDINALITY k(opt, i) "
         "WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS options "
         "FROM pg_catalog.pg_index ix "
         "JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid "
         "JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
         "JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
         "WHERE " +
         std::string(k_schema_filter) + " AND t.relkind IN ('r', 'p') AND " +
         partition_filter("t") +
         "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc "
         "WHERE pc.conindid = ix.indexrelid AND pc.conrelid = ix.indrelid "
         "AND pc.contype IN ('p', 'u', 'x')) "
         // An index the server made on a partition from its parent's is attached to it
         // (pg_inherits of the indexes): the parent's index stands for it.
         "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits ii "
         "WHERE ii.inhrelid = ix.indexrelid) "
         "ORDER BY t.relname, ic.relname";
}

std::string enums_sql() {
  return "SELECT t.typname AS name, e.enumlabel AS value "
         "FROM pg_catalog.pg_type t "
         "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
         "WHERE " +
         std::string(k_schema_filter) + " AND " +
         not_extension_member("pg_catalog.pg_type", "t.oid") +
         " ORDER BY t.typname, e.enumsortorder";
}

// Column access by name for one result.
class RowReader {
public:
  explicit RowReader(const Rows& rows) : m_rows(rows) {}
  std::size_t size() const { return m_rows.rows.size(); }
  const std::optional<std::string>& get(std::size_t row, std::string_view column) const {
    return m_rows.get(row, column);
  }
  std::string text(std::size_t row, std::string_view column) const {
    return m_rows.text(row, column);
  }
  bool boolean(std::size_t row, std::string_view column) const { return text(row, column) == "t"; }

private:
  const Rows& m_rows;
};

// The key=value items of a list the catalog queries join with <US> (0x1f): reloptions
// ("fillfactor=70<US>toast.autovacuum_enabled=false") and index statistics targets
// ("1=3000", position=target) -> the map; none for "".
std::optional<std::map<std::string, std::string>> key_value_items(const std::string& text) {
  if (text.empty()) {
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const auto& item : util::split(text, '\x1f')) {
    const auto eq = item.find('=');
    out[item.substr(0, eq)] = eq == std::string::npos ? "" : item.substr(eq + 1);
  }
  return out;
}

bool boolean(const Row& row, std::string_view column) {
  return row.text(column) == "t";
}

std::string fk_action(const std::string& code) {
  if (code == "r") {
    return "restrict";
  }
  if (code == "c") {
    return "cascade";
  }
  if (code == "n") {
    return "set null";
  }
  if (code == "d") {
    return "set default";
  }
  return ""; // 'a': no action, the default
}

} // namespace

schema::Database PostgresDialect::introspect(Connection& conn,
                                             const IntrospectOptions& options) const {
  const std::vector<std::optional<std::string>> params = {options.schema};

  schema::Database db;
  std::map<std::string, std::size_t> table_index;

  Rows table_rows = conn.query(tables_sql(), params);
  const RowReader tables(table_rows);
  for (std::size_t r = 0; r < tables.size(); ++r) {
    const std::string name = tables.text(r, "name");
    if (options.skips(name)) {
      continue;
    }
    table_index[name] = db.tables.size();
    schema::Table& t = db.tables.emplace_back();
    t.name = name;
    t.comment = tables.get(r, "comment");
    if (tables.boolean(r, "unlogged")) {
      t.options.unlogged = true;
    }
    t.options.storage = key_value_items(tables.text(r, "storage"));
    t.partition_by = tables.get(r, "partition_by");
    t.partition_of = tables.get(r, "partition_of");
    t.partition_bound = tables.get(r, "partition_bound");
  }
  // A partition of a table left out (options.skips) is left out too, and so on down.
  for (bool again = true; again;) {
    again = false;
    for (std::size_t i = 0; i < db.tables.size(); ++i) {
      const auto& of = db.tables[i].partition_of;
      if (of && db.find_table(*of) == nullptr) {
        db.tables.erase(db.tables.begin() + static_cast<std::ptrdiff_t>(i));
        again = true;
        break;
      }
    }
  }
  table_index.clear();
  for (std::size_t i = 0; i < db.tables.size(); ++i) {
    table_index[db.tables[i].name] = i;
  }
  auto table_for = [&](const std::string& name) -> schema::Table* {
    auto it = table_index.find(name);
    return it == table_index.end() ? nullptr : &db.tables[it->second];
  };

  table_rows = {}; // each catalog result goes before the next query (memory at 10,000 tables)
  db.extensions = read_extensions(conn, params);
  db.domains = read_domains(conn, params);
  db.sequences = read_sequences(conn, params);
  db.routines = read_routines(conn, params, options.schema);
  db.aggregates = read_aggregates(conn, params);
  db.operators = read_operators(conn, params);
  db.triggers = read_triggers(conn, params);
  std::erase_if(db.triggers,
                [&](const schema::Trigger& t) { return table_for(t.table) == nullptr; });
  std::map<std::string, std::size_t> sequence_index;
  for (std::size_t i = 0; i < db.sequences.size(); ++i) {
    sequence_index[db.sequences[i].name] = i;
  }
  std::set<std::string> serial_sequences; // a column's: not listed

  conn.query_each(columns_sql(), params, [&](const Row& columns) {
    schema::Table* t = table_for(columns.text("table_name"));
    if (t == nullptr) {
      return;
    }
    schema::Column& c = t->columns.emplace_back();
    c.name = columns.text("name");
    const std::string type = columns.text("type");
    // An enum keeps its name as created (case included): the canonical name is lowercase.
    c.type = boolean(columns, "is_enum") ? schema::ColumnType(type)
                                         : schema::ColumnType(type).as_canonical();
    c.nullable = !boolean(columns, "not_null");
    c.comment = columns.get("comment");
    c.collation = columns.get("collation");
    if (const auto& target = columns.get("statistics")) {
      c.statistics = std::stoi(*target);
    }
    const std::string identity = columns.text("identity");
    const std::string generated = columns.text("generated");
    const auto& raw_default = columns.get("default_expr");
    if (!identity.empty()) {
      c.autoincrement = true;
      c.identity_always = identity == "a"; // GENERATED ALWAYS; 'd' is BY DEFAULT
    } else if (const auto seq =
                   raw_default ? nextval_sequence(*raw_default, options.schema) : std::nullopt;
               seq && sequence_index.count(*seq) != 0 &&
               is_serial_sequence(db.sequences[sequence_index[*seq]], t->name, c.name, c.type)) {
      c.autoincrement = true; // serial: the sequence belongs to the column
      serial_sequences.insert(*seq);
      // Written as the serial it is (an identity column is something else to the server, and
      // to pg_dump): a model from inspect makes a serial again.
      if (auto serial = schema::serial_of(c.type)) {
        c.type = *serial;
      }
    } else if (raw_default && util::starts_with_ci(*raw_default, "nextval(")) {
      c.default_expr = *raw_default; // as printed: its sequence is one of the model's
    } else if (raw_default && generated == "s") {
      // normalized below, once the table is complete
      c.generated = schema::Generated{columns.text("pretty_default"), true};
    } else if (raw_default && generated.empty()) {
      // As the server stores it: its casts are part of what it means (('now'::text)::date is
      // the day of each insert, 'now' alone the day the default was set). The comparison with
      // a model asks the server how it would store the model's text (stored_defaults).
      c.default_expr = util::trim(*raw_default);
    }
  });
  // Generation expressions as checks are read (pg_stored_forms.cpp reads the model's the
  // same way), once each table's character columns are known.
  for (auto& t : db.tables) {
    const auto text_columns = text_columns_of(t);
    for (auto& c : t.columns) {
      if (c.generated) {
        c.generated->expression = normalize_pg_expression(c.generated->expression, text_columns);
      }
    }
  }
  conn.query_each(constraints_sql(), params, [&](const Row& constraints) {
    schema::Table* t = table_for(constraints.text("table_name"));
    if (t == nullptr) {
      return;
    }
    const std::string kind = constraints.text("type");
    const std::string name = constraints.text("name");
    const auto cols = parse_pg_array(constraints.text("columns"));
    const bool deferrable = boolean(constraints, "deferrable");
    const bool initially_deferred = boolean(constraints, "initially_deferred");
    if (kind == "p") {
      // The key in its order (conkey), its name unless the server's default one.
      schema::set_primary_key(*t, cols);
      t->key.name = name == default_primary_key_name(t->name) ? "" : name;
      t->key.deferrable = deferrable;
      t->key.initially_deferred = initially_deferred;
    } else if (kind == "u") {
      schema::UniqueConstraint u{name, cols};
      u.deferrable = deferrable;
      u.initially_deferred = initially_deferred;
      t->uniques.push_back(std::move(u));
    } else if (kind == "f") {
      schema::ForeignKey fk;
      fk.name = name;
      fk.columns = cols;
      fk.ref_table = constraints.text("ref_table");
      fk.ref_columns = parse_pg_array(constraints.text("ref_columns"));
      fk.on_delete = fk_action(constraints.text("on_delete"));
      fk.on_update = fk_action(constraints.text("on_update"));
      fk.deferrable = deferrable;
      fk.initially_deferred = initially_deferred;
      fk.not_valid = boolean(constraints, "not_valid");
      t->foreign_keys.push_back(std::move(fk));
    } else if (kind == "c") {
      t->checks.push_back(
          {name, normalize_pg_check(constraints.text("definition"),
                                    text_columns_of(schema::column_source(db, *t)))});
    }
  });
  conn.query_each(indexes_sql(), params, [&](const Row& indexes) {
    schema::Table* t = table_for(indexes.text("table_name"));
    if (t == nullptr) {
      return;
    }
    schema::Index index;
    index.name = indexes.text("name");
    index.unique = boolean(indexes, "is_unique");
    index.storage = key_value_items(indexes.text("storage"));
    for (const auto& [position, target] : key_value_items(indexes.text("statistics"))
                                              .value_or(std::map<std::string, std::string>{})) {
      index.statistics[std::stoi(position)] = std::stoi(target);
    }
    if (const std::string method = indexes.text("method"); method != "btree") {
      index.method = method;
    }
    if (const auto& predicate = indexes.get("predicate")) {
      index.where = util::trim(*predicate); // as stored: see stored_forms for the comparison
    }
    const auto names = parse_pg_array(indexes.text("columns"));
    const auto expressions = parse_pg_array(indexes.text("expressions"));
    const auto opclasses = parse_pg_array(indexes.text("opclasses"));
    const auto opts = parse_pg_array(indexes.text("options"));
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::string suffix;
      if (k < opclasses.size() && !opclasses[k].empty()) {
        suffix += " " + opclasses[k];
      }
      const int option = k < opts.size() && !opts[k].empty() ? std::stoi(opts[k]) : 0;
      const bool desc = (option & 1) != 0;
      const bool nulls_first = (option & 2) != 0;
      if (desc) {
        suffix += nulls_first ? " DESC" : " DESC NULLS LAST";
      } else if (nulls_first) {
        suffix += " NULLS FIRST";
      }
      std::string entry;
      if (!names[k].empty()) {
        entry = suffix.empty() ? names[k] : util::quote_identifier_if_needed(names[k]) + suffix;
      } else {
        // As printed, casts included (lower((name)::text) is not lower(name) to the server,
        // and ARRAY[(a)::text] || b may not type-check without them); parenthesized where
        // the index element needs it. The comparison with a model asks the server how it
        // would store the model's (stored_index_parts).
        entry = (k < expressions.size() ? expressions[k] : "") + suffix;
      }
      // Read as the models reader reads the same text, with the table's columns.
      // (A partition's columns are its root's.)
      index.parts.push_back(
          schema::parse_index_part(entry, schema::column_source(db, *t).column_names()));
    }
    t->indexes.push_back(std::move(index));
  });
  Rows enum_rows = conn.query(enums_sql(), params);
  const RowReader enums(enum_rows);
  for (std::size_t r = 0; r < enums.size(); ++r) {
    const std::string name = enums.text(r, "name");
    if (db.enums.empty() || db.enums.back().name != name) {
      db.enums.push_back({name, {}});
    }
    db.enums.back().values.push_back(enums.text(r, "value"));
  }

  std::erase_if(db.sequences,
                [&](const schema::Sequence& s) { return serial_sequences.count(s.name) != 0; });

  db.views = introspect_views(conn, options.schema);
  std::erase_if(db.views, [&](const schema::View& v) { return options.skips(v.name); });

  // The queries sort already; sorting again keeps the order byte-wise whatever collation a
  // future query might pick up.
  sort_introspected(db);
  return db;
}

} // namespace migratecpp::dialects::postgresql
