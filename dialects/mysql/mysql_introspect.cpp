// MySQL / MariaDB introspection: information_schema, read with five queries whatever the
// number of tables (tables, columns, index entries, foreign-key columns, checks), normalized
// into the shared model so that a schema created from models reads back equal to them.
//
// Normalization rules (what the catalog shows -> what the model holds):
// - types: mysql_normalize.h (display widths dropped, tinyint(1) -> boolean, float -> real);
//   MariaDB's JSON (a LONGTEXT with an automatic CHECK (json_valid(`col`)) named after the
//   column) -> json, and that check left out;
// - defaults: mysql_normalize.h (MariaDB's quoting of literals, current_timestamp() ->
//   CURRENT_TIMESTAMP, ON UPDATE appended); auto_increment -> autoincrement; generated
//   columns report no default;
// - primary key: the PRIMARY index's columns flagged;
// - unique indexes on plain columns -> unique constraints (MySQL has no other kind: ADD
//   CONSTRAINT ... UNIQUE makes such an index); other indexes -> indexes, BTREE the default
//   method, FULLTEXT / SPATIAL / HASH as `method`, a prefix length kept unless it is the
//   automatic one (mysql_index.h), D -> DESC;
// - the index MySQL creates for a foreign key (named after it, on its columns) is left out;
// - foreign-key rules: NO ACTION -> "", the others lowercased (RESTRICT stays: the dialect
//   writes NO ACTION for "" so that the two read back apart);
// - generated columns: GENERATION_EXPRESSION as the server stores it (MariaDB with
//   backquotes; the diff compares expressions normalized) and STORED from EXTRA
//   ('STORED GENERATED' / 'VIRTUAL GENERATED');
// - table options: ENGINE unless it is @@default_storage_engine; charset (the collation's
//   prefix) and collate unless the collation is the database's default one; ROW_FORMAT only
//   where CREATE_OPTIONS shows it was given. Read in the tables query, so that options left
//   to the defaults never show in `inspect` and a model without them stays clean;
// - a column's own charset and collation: not in the model; alter_column keeps a column's
//   own collation by reading it when it restates the column (mysql_render.cpp);
// - MariaDB sequences (mysql_sequences.h): options at their defaults left out; a default
//   nextval(`db`.`s`) loses the `db`. of the schema read, so that a model fits any database.
#include "dialects/mysql/mysql_connection.h"
#include "dialects/mysql/mysql_dialect.h"
#include "dialects/mysql/mysql_index.h"
#include "dialects/mysql/mysql_normalize.h"
#include "dialects/mysql/mysql_routines.h"
#include "dialects/mysql/mysql_sequences.h"
#include "dialects/mysql/mysql_session.h"
#include "dialects/mysql/mysql_views.h"
#include "schema/apply.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace migratecpp::dialects::mysql {

namespace {

constexpr std::string_view k_schema = "COALESCE(NULLIF(?, ''), DATABASE())";

std::string text(const std::optional<std::string>& v) {
  return v.value_or("");
}

// What the tables query reads of a table's options, defaults left out (see the top).
schema::TableOptions table_options(const std::string& engine, const std::string& collation,
                                   const std::string& create_options,
                                   const std::string& default_engine,
                                   const std::string& default_collation) {
  schema::TableOptions o;
  if (!engine.empty() && !util::iequals(engine, default_engine)) {
    o.engine = engine;
  }
  if (!collation.empty() && !util::iequals(collation, default_collation)) {
    o.charset = collation.substr(0, collation.find('_'));
    o.collate = collation;
  }
  for (const auto& word : util::split(create_options, ' ')) {
    if (util::starts_with_ci(word, "row_format=")) {
      std::string value = word.substr(11);
      std::transform(value.begin(), value.end(), value.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      o.row_format = value;
    }
  }
  return o;
}

} // namespace

schema::TableOptions MysqlDialect::table_option_defaults(Connection& conn,
                                                         const std::string& schema) const {
  const Rows rows = conn.query(
      "SELECT @@default_storage_engine, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME, "
      "UPPER(@@innodb_default_row_format) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
          std::string(k_schema),
      {schema});
  schema::TableOptions o;
  if (!rows.rows.empty()) {
    const auto& r = rows.rows[0];
    o.engine = r[0];
    o.charset = r[1];
    o.collate = r[2];
    o.row_format = r[3];
  }
  return o;
}

schema::Database MysqlDialect::introspect(Connection& conn,
                                          const IntrospectOptions& options) const {
  const auto* mysql_conn = dynamic_cast<const MysqlConnection*>(&conn);
  const bool on_mariadb = mysql_conn != nullptr ? mysql_conn->is_mariadb() : m_mariadb;
  const std::vector<std::optional<std::string>> schema_param = {options.schema};
  const std::string where = "TABLE_SCHEMA = " + std::string(k_schema);

  schema::Database db;
  std::map<std::string, std::size_t> position;
  std::map<std::string, std::string> table_collation;
  // Every object of the schema, not its tables alone: the views and sequences among them
  // say whether their own catalog queries are worth asking (each one scans the schema's
  // objects again on the server: a few milliseconds at 500 tables, for nothing in most).
  Rows tables = conn.query(
      "SELECT t.TABLE_NAME, t.TABLE_COMMENT, t.ENGINE, t.TABLE_COLLATION, t.CREATE_OPTIONS, "
      "@@default_storage_engine, s.DEFAULT_COLLATION_NAME, t.TABLE_TYPE FROM "
      "information_schema.TABLES t LEFT JOIN information_schema.SCHEMATA s ON s.SCHEMA_NAME = "
      "t.TABLE_SCHEMA WHERE t." +
          where + " ORDER BY t.TABLE_NAME",
      schema_param);
  bool has_views = false;
  std::vector<std::string> sequence_names;
  for (const auto& r : tables.rows) {
    const std::string name = text(r[0]);
    const std::string type = text(r[7]);
    if (type == "VIEW") {
      has_views = true;
    } else if (type == "SEQUENCE") {
      sequence_names.push_back(name);
    }
    if (type != "BASE TABLE" || options.skips(name)) {
      continue;
    }
    schema::Table t;
    t.name = name;
    if (!text(r[1]).empty()) {
      t.comment = text(r[1]);
    }
    t.options = table_options(text(r[2]), text(r[3]), text(r[4]), text(r[5]), text(r[6]));
    table_collation[name] = text(r[3]);
    position[name] = db.tables.size();
    db.tables.push_back(std::move(t));
  }
  tables = {}; // each catalog result goes before the next query (memory at 10,000 tables)
  auto table_of = [&](const std::optional<std::string>& name) -> schema::Table* {
    const auto it = position.find(text(name));
    return it == position.end() ? nullptr : &db.tables[it->second];
  };

  // Checks first: MariaDB's automatic json_valid check makes a LONGTEXT column a json one.
  std::map<std::pair<std::string, std::string>, bool> json_columns;
  const std::string checks_sql =
      on_mariadb
          ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM "
            "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = " +
                std::string(k_schema) + " ORDER BY TABLE_NAME, CONSTRAINT_NAME"
          : "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table' FROM "
            "information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc "
            "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = "
            "tc.CONSTRAINT_NAME WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = " +
                std::string(k_schema) + " ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME";
  Rows checks = conn.query(checks_sql, schema_param);
  for (const auto& r : checks.rows) {
    schema::Table* t = table_of(r[0]);
    if (t == nullptr) {
      continue;
    }
    const std::string name = text(r[1]);
    const std::string clause = util::trim(text(r[2]));
    if (text(r[3]) == "Column" && clause == "json_valid(" + quote_ident(name) + ")") {
      json_columns[{t->name, name}] = true;
      continue;
    }
    t->checks.push_back({name, clause});
  }
  checks = {};

  // Streamed, as the index columns below: a row per column of every table.
  conn.query_each(
      "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
      "COLUMN_COMMENT, GENERATION_EXPRESSION, COLLATION_NAME FROM information_schema.COLUMNS "
      "WHERE " +
          where + " ORDER BY TABLE_NAME, ORDINAL_POSITION",
      schema_param, [&](const Row& row) {
        const auto& r = row.cells();
        schema::Table* t = table_of(r[0]);
        if (t == nullptr) {
          return;
        }
        schema::Column c;
        c.name = text(r[1]);
        std::string type = normalize_column_type(text(r[2]));
        if (json_columns.count({t->name, c.name}) != 0 && type == "longtext") {
          type = "json";
        }
        c.type = schema::ColumnType(type);
        // The canonical spelling, except an integer's own display width (int(3)), which the
        // canonical type has no room for (mysql_normalize.h).
        if (c.type.family() != schema::TypeFamily::integer || type.find('(') == std::string::npos) {
          c.type = c.type.as_canonical();
        }
        c.nullable = text(r[3]) == "YES";
        const std::string extra = text(r[5]);
        c.autoincrement = util::to_lower(extra).find("auto_increment") != std::string::npos;
        const bool generated = !text(r[7]).empty();
        if (generated) {
          c.generated = schema::Generated{
              util::trim(text(r[7])), util::to_lower(extra).find("stored") != std::string::npos};
        } else if (!c.autoincrement) {
          c.default_expr = normalize_default(r[4], extra, type, on_mariadb);
        }
        if (!text(r[6]).empty()) {
          c.comment = text(r[6]);
        }
        // A collation of its own where it is not the table's (the charset is its prefix).
        // MariaDB's JSON is a LONGTEXT that always has utf8mb4_bin: that is the type, not a choice.
        const std::string collation = text(r[8]);
        if (!collation.empty() && !util::iequals(collation, table_collation[t->name]) &&
            !(type == "json" && util::iequals(collation, "utf8mb4_bin"))) {
          c.collation = collation;
        }
        t->columns.push_back(std::move(c));
      });

  // Foreign keys before indexes: the index MySQL made for one is left out. Their columns and
  // their rules are two queries joined here: MariaDB joins KEY_COLUMN_USAGE to
  // REFERENTIAL_CONSTRAINTS by scanning every schema's constraints for each key column (a
  // block nested loop, ~1 s at 2,000 tables and growing with the square of them), where each
  // alone is read in one pass.
  Rows fks = conn.query(
      "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
      "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
      "WHERE TABLE_SCHEMA = " +
          std::string(k_schema) +
          " AND REFERENCED_TABLE_NAME IS NOT NULL "
          "ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
      schema_param);
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> fk_rules;
  {
    const Rows rules =
        conn.query("SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM "
                   "information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = " +
                       std::string(k_schema),
                   schema_param);
    for (const auto& r : rules.rows) {
      fk_rules[{text(r[0]), text(r[1])}] = {text(r[2]), text(r[3])};
    }
  }
  auto rule = [](const std::string& r) {
    const std::string v = util::to_lower(r);
    return v == "no action" ? std::string() : v;
  };
  const std::string schema_name = [&] {
    if (!options.schema.empty()) {
      return options.schema;
    }
    const Rows current = conn.query("SELECT DATABASE()");
    return current.rows.empty() ? std::string() : text(current.rows[0][0]);
  }();
  for (const auto& r : fks.rows) {
    schema::Table* t = table_of(r[0]);
    if (t == nullptr) {
      continue;
    }
    const std::string name = text(r[1]);
    if (t->foreign_keys.empty() || t->foreign_keys.back().name != name) {
      schema::ForeignKey fk;
      fk.name = name;
      fk.ref_table = text(r[3]) == schema_name ? text(r[4]) : text(r[3]) + "." + text(r[4]);
      const auto rules = fk_rules.find({text(r[0]), name});
      if (rules != fk_rules.end()) {
        fk.on_update = rule(rules->second.first);
        fk.on_delete = rule(rules->second.second);
      }
      t->foreign_keys.push_back(std::move(fk));
    }
    t->foreign_keys.back().columns.push_back(text(r[2]));
    t->foreign_keys.back().ref_columns.push_back(text(r[5]));
  }
  fks = {};

  struct RawIndex {
    std::string table;
    schema::Index index;
    bool plain = true; // columns only, no prefix, no DESC: a unique constraint if unique
  };
  std::vector<RawIndex> raw;
  conn.query_each(
      "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION "
      "FROM information_schema.STATISTICS WHERE " +
          where + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
      schema_param, [&](const Row& row) {
        const auto& r = row.cells();
        schema::Table* t = table_of(r[0]);
        if (t == nullptr) {
          return;
        }
        const std::string name = text(r[1]);
        if (raw.empty() || raw.back().table != t->name || raw.back().index.name != name) {
          RawIndex ri;
          ri.table = t->name;
          ri.index.name = name;
          ri.index.unique = text(r[2]) == "0";
          const std::string type = util::to_lower(text(r[5]));
          if (type == "fulltext" || type == "spatial" || (type == "hash" && !ri.index.unique)) {
            ri.index.method = type;
            ri.plain = false;
          }
          raw.push_back(std::move(ri));
        }
        RawIndex& ri = raw.back();
        if (!r[3]) {
          ri.plain = false; // an expression (MySQL 8 functional index): not readable here
          ri.index.parts.push_back(schema::IndexPart::of_expression("?"));
          return;
        }
        schema::IndexPart part = schema::IndexPart::of_column(text(r[3]));
        if (r[4]) {
          part.length = static_cast<int>(util::to_int(text(r[4])).value_or(0));
          ri.plain = false;
        }
        if (text(r[6]) == "D") {
          part.order = schema::SortOrder::descending;
          ri.plain = false;
        }
        ri.index.parts.push_back(std::move(part));
      });
  for (auto& ri : raw) {
    schema::Table& t = *table_of(ri.table);
    if (ri.index.name == "PRIMARY") {
      // In SEQ_IN_INDEX order: the key's own order, not the columns'.
      std::vector<std::string> key;
      for (const auto& p : ri.index.parts) {
        if (t.find_column(p.column) != nullptr) {
          key.push_back(p.column);
        }
      }
      schema::set_primary_key(t, key);
      continue;
    }
    std::vector<std::string> cols;
    for (const auto& p : ri.index.parts) {
      cols.push_back(p.column);
    }
    const bool implicit_fk = !ri.index.unique && ri.plain &&
                             std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                                         [&](const schema::ForeignKey& fk) {
                                           return fk.name == ri.index.name && fk.columns == cols;
                                         });
    if (implicit_fk) {
      continue;
    }
    if (ri.index.unique && ri.plain && !ri.index.method) {
      t.uniques.push_back({ri.index.name, cols});
      continue;
    }
    // A prefix equal to the automatic one is what a model without a length renders.
    schema::Index without = ri.index;
    for (auto& p : without.parts) {
      p.length.reset();
    }
    for (auto& p : ri.index.parts) {
      if (p.length && !p.is_expression() && automatic_prefix(t, without, p.column) == p.length) {
        p.length.reset();
      }
    }
    t.indexes.push_back(std::move(ri.index));
  }
  if (on_mariadb) {
    db.sequences = read_sequences(conn, schema_name, sequence_names);
    for (auto& t : db.tables) {
      for (auto& c : t.columns) {
        if (c.default_expr) {
          c.default_expr = strip_schema_qualifier(*c.default_expr, schema_name);
        }
      }
    }
  }
  std::set<std::string> table_names;
  for (const auto& t : db.tables) {
    table_names.insert(t.name);
  }
  // What routines, triggers and views were made under is written where it is not this.
  const schema::SessionSettings session = connection_session(conn);
  if (has_views) {
    db.views = introspect_views(conn, options.schema, table_names, session);
  }
  std::erase_if(db.views, [&](const schema::View& v) { return options.skips(v.name); });
  db.routines = read_routines(conn, schema_name, session);
  db.triggers = read_triggers(conn, schema_name, session);
  std::erase_if(db.triggers,
                [&](const schema::Trigger& t) { return db.find_table(t.table) == nullptr; });
  sort_introspected(db);
  return db;
}

} // namespace migratecpp::dialects::mysql
