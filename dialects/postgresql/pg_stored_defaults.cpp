// The stored-forms probe for column defaults and index keys: introspection keeps them as the
// server prints them (casts included: ''::character varying, lower((name)::text)), and a
// model may write them shorter (''; lower(name)). Asking the server how it would store the
// model's text is the only reliable way to tell a shorter spelling from a change. As for
// checks (pg_stored_forms.cpp), the texts are applied to a temporary copy of the live table
// inside a transaction that is rolled back, each in its own savepoint.
#include "dialects/postgresql/pg_dialect.h"
#include "dialects/postgresql/pg_normalize.h"
#include "dialects/postgresql/pg_probe.h"
#include "schema/index_part.h"
#include "util/error.h"
#include "util/strings.h"

#include <functional>
#include <map>
#include <string>

namespace migratecpp::dialects::postgresql {

namespace {

const std::string k_probe = "_migratecpp_probe";

// Runs `body` with a temporary copy (LIKE: columns and types, no defaults, indexes or
// identity) of `table` named k_probe, then rolls everything back. `attempt` runs one
// statement in a savepoint (false: the server refused it, and the others stand).
void with_probe_table(
    Connection& conn, const PostgresDialect& d, const schema::Table& table,
    const std::function<void(const std::function<bool(const std::string&)>& attempt)>& body) {
  Probe session(conn);
  conn.exec("CREATE TEMPORARY TABLE " + d.quote_ident(k_probe) + " (LIKE " +
            d.quote_ident(table.name) + ")");
  body([&](const std::string& sql) { return session.attempt(sql); });
  session.finish();
}

} // namespace

std::vector<std::optional<std::string>>
PostgresDialect::stored_defaults(Connection& conn, const schema::Table& table,
                                 const std::vector<schema::Column>& columns) const {
  std::vector<std::optional<std::string>> out(columns.size());
  if (columns.empty() || table.columns.empty()) {
    return out;
  }
  with_probe_table(conn, *this, table, [&](const auto& attempt) {
    // The ask each probe column's default answers: the last one the server took.
    std::map<std::string, std::size_t> answers;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& c = columns[i];
      if (c.default_expr && table.find_column(c.name) != nullptr &&
          attempt("ALTER TABLE " + quote_ident(k_probe) + " ALTER COLUMN " + quote_ident(c.name) +
                  " SET DEFAULT " + *c.default_expr)) {
        answers[c.name] = i;
      }
    }
    // As introspection reads a default (pg_introspect.cpp): pg_get_expr, not pretty, trimmed.
    const Rows rows =
        conn.query("SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
                   "JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                   "WHERE a.attrelid = 'pg_temp." +
                   k_probe + "'::regclass");
    for (const auto& row : rows.rows) {
      if (row[0] && row[1] && answers.count(*row[0]) != 0) {
        out[answers[*row[0]]] = util::trim(*row[1]);
      }
    }
  });
  return out;
}

std::vector<std::optional<std::vector<schema::IndexPart>>>
PostgresDialect::stored_index_parts(Connection& conn, const schema::Table& table,
                                    const std::vector<schema::Index>& indexes) const {
  std::vector<std::optional<std::vector<schema::IndexPart>>> out(indexes.size());
  if (indexes.empty() || table.columns.empty()) {
    return out;
  }
  // The live table under the probe's name, so that the parts resolve against its columns.
  schema::Database db;
  db.tables.push_back(table);
  db.tables.back().name = k_probe;
  const std::string prefix = k_probe + "_i";
  with_probe_table(conn, *this, table, [&](const auto& attempt) {
    for (std::size_t i = 0; i < indexes.size(); ++i) {
      schema::Index probe = indexes[i];
      probe.name = prefix + std::to_string(i);
      probe.where.reset(); // predicates: stored_forms
      try {
        attempt(create_index_sql(k_probe, probe, db));
      } catch (const util::Error&) {
        // a part PostgreSQL cannot have (a prefix length): nothing to learn
      }
    }
    // Each key as introspection reads an expression key: pg_get_indexdef(oid, k, true).
    const Rows rows =
        conn.query("SELECT c.relname, ARRAY(SELECT pg_get_indexdef(i.indexrelid, k.n::int, true) "
                   "FROM generate_series(1, i.indnkeyatts) k(n) ORDER BY k.n) "
                   "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                   "WHERE i.indrelid = 'pg_temp." +
                   k_probe + "'::regclass");
    for (const auto& row : rows.rows) {
      if (!row[0] || !row[1] || row[0]->rfind(prefix, 0) != 0) {
        continue;
      }
      const std::size_t i = std::stoul(row[0]->substr(prefix.size()));
      const auto printed = parse_pg_array(*row[1]);
      if (i >= indexes.size() || printed.size() != indexes[i].parts.size()) {
        continue;
      }
      // The model's parts, each expression replaced by the server's printing of it; what
      // follows a part (order, operator class) is the model's, compared as written.
      std::vector<schema::IndexPart> parts = indexes[i].parts;
      for (std::size_t k = 0; k < parts.size(); ++k) {
        const schema::IndexPart resolved =
            schema::resolve_index_part(parts[k], table.column_names());
        if (resolved.is_expression()) {
          parts[k] = resolved;
          parts[k].expression = printed[k];
        }
      }
      out[i] = std::move(parts);
    }
  });
  return out;
}

std::vector<std::optional<std::string>>
PostgresDialect::stored_domain_defaults(Connection& conn,
                                        const std::vector<schema::Domain>& domains) const {
  std::vector<std::optional<std::string>> out(domains.size());
  if (domains.empty()) {
    return out;
  }
  // A temporary domain of the same base type per default, read back as introspection reads a
  // domain's default (pg_type.typdefault); no table needed.
  const std::string prefix = k_probe + "_d";
  Probe session(conn);
  {
    for (std::size_t i = 0; i < domains.size(); ++i) {
      if (!domains[i].default_expr) {
        continue;
      }
      session.attempt("CREATE DOMAIN pg_temp." + quote_ident(prefix + std::to_string(i)) + " AS " +
                      domains[i].type + " DEFAULT " + *domains[i].default_expr);
    }
    const Rows rows = conn.query("SELECT typname, typdefault FROM pg_type "
                                 "WHERE typnamespace = pg_my_temp_schema() AND typtype = 'd'");
    for (const auto& row : rows.rows) {
      if (row[0] && row[1] && row[0]->rfind(prefix, 0) == 0) {
        const std::size_t i = std::stoul(row[0]->substr(prefix.size()));
        if (i < domains.size()) {
          out[i] = util::trim(*row[1]);
        }
      }
    }
  }
  session.finish();
  return out;
}

} // namespace migratecpp::dialects::postgresql
