// The stored-forms probe: PostgreSQL rewrites check expressions and index predicates
// (BETWEEN, casts, parentheses), and asking it is the only reliable way to tell a rewritten
// expression from a changed one. The expressions are applied to a temporary copy of the
// table inside a transaction that is rolled back.
#include "dialects/postgresql/pg_dialect.h"
#include "dialects/postgresql/pg_normalize.h"
#include "dialects/postgresql/pg_probe.h"
#include "util/strings.h"

#include <string>

namespace migratecpp::dialects::postgresql {

StoredForms PostgresDialect::stored_forms(Connection& conn, const schema::Table& table,
                                          const std::vector<std::string>& checks,
                                          const std::vector<std::string>& predicates,
                                          const std::vector<schema::Column>& generated) const {
  StoredForms out{std::vector<std::optional<std::string>>(checks.size()),
                  std::vector<std::optional<std::string>>(predicates.size()),
                  std::vector<std::optional<std::string>>(generated.size())};
  if ((checks.empty() && predicates.empty() && generated.empty()) || table.columns.empty()) {
    return out;
  }
  static const std::string k_probe = "_migratecpp_probe";
  const std::string probe = quote_ident(k_probe);
  // Each expression on its own: one the server refuses (a column the change adds) must not
  // abort the others.
  Probe session(conn);
  auto attempt = [&](const std::string& sql) { session.attempt(sql); };
  {
    conn.exec("CREATE TEMPORARY TABLE " + probe + " (LIKE " + quote_ident(table.name) + ")");
    for (std::size_t i = 0; i < checks.size(); ++i) {
      attempt("ALTER TABLE " + probe + " ADD CONSTRAINT " + quote_ident("c" + std::to_string(i)) +
              " CHECK (" + checks[i] + ") NOT VALID");
    }
    for (std::size_t i = 0; i < predicates.size(); ++i) {
      attempt("CREATE INDEX " + quote_ident(k_probe + "_p" + std::to_string(i)) + " ON " + probe +
              " (" + quote_ident(table.columns.front().name) + ") WHERE " + predicates[i]);
    }
    // A generated column of the column's type, under a name of the probe's own.
    for (std::size_t i = 0; i < generated.size(); ++i) {
      if (generated[i].generated) {
        attempt("ALTER TABLE " + probe + " ADD COLUMN " +
                quote_ident(k_probe + "_g" + std::to_string(i)) + " " +
                type_sql(generated[i].type) + " GENERATED ALWAYS AS (" +
                generated[i].generated->expression + ") STORED");
      }
    }
    const auto text_columns = text_columns_of(table);
    const Rows cons =
        conn.query("SELECT conname, pg_get_constraintdef(oid, true) FROM pg_constraint "
                   "WHERE conrelid = 'pg_temp." +
                   k_probe + "'::regclass AND contype = 'c'");
    for (const auto& row : cons.rows) {
      const std::size_t i = std::stoul(row[0]->substr(1));
      if (i < checks.size() && row[1]) {
        out.checks[i] = normalize_pg_check(*row[1], text_columns);
      }
    }
    const Rows preds =
        conn.query("SELECT c.relname, pg_get_expr(i.indpred, i.indrelid, true) FROM pg_index i "
                   "JOIN pg_class c ON c.oid = i.indexrelid "
                   "WHERE i.indrelid = 'pg_temp." +
                   k_probe + "'::regclass");
    const std::string prefix = k_probe + "_p";
    for (const auto& row : preds.rows) {
      if (row[0] && row[1] && row[0]->rfind(prefix, 0) == 0) {
        const std::size_t i = std::stoul(row[0]->substr(prefix.size()));
        if (i < predicates.size()) {
          out.predicates[i] = util::trim(*row[1]); // as introspection reads a predicate
        }
      }
    }
    if (!generated.empty()) {
      const Rows gens =
          conn.query("SELECT a.attname, pg_get_expr(d.adbin, d.adrelid, true) FROM pg_attribute a "
                     "JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                     "WHERE a.attrelid = 'pg_temp." +
                     k_probe + "'::regclass AND a.attgenerated = 's'");
      const std::string gprefix = k_probe + "_g";
      for (const auto& row : gens.rows) {
        if (row[0] && row[1] && row[0]->rfind(gprefix, 0) == 0) {
          const std::size_t i = std::stoul(row[0]->substr(gprefix.size()));
          if (i < generated.size()) {
            out.generated[i] = normalize_pg_expression(*row[1], text_columns);
          }
        }
      }
    }
  }
  session.finish();
  return out;
}

} // namespace migratecpp::dialects::postgresql
