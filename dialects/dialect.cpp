#include "dialects/dialect.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace migratecpp::dialects {

util::Url Dialect::parse_url(const std::string& text) const {
  util::Url url;
  try {
    url = util::parse_url(text);
  } catch (const util::Error&) {
    check_url_text(text); // this dialect's own advice for its URL form, if it has one
    throw;
  }
  check_url_text(text);
  complete_url(url);
  return url;
}

void check_table_options_fit(const Dialect& d, const schema::TableOptions& o,
                             const std::string& table) {
  const auto supported = d.table_option_keys();
  for (const std::string_view key : o.keys()) {
    if (std::find(supported.begin(), supported.end(), key) == supported.end()) {
      const std::vector<std::string> names(supported.begin(), supported.end());
      throw util::Error(
          "table " + util::squote(table) + ": option " + util::squote(std::string(key)) +
          " is not a table option on " + std::string(d.name()) + " (" +
          (names.empty() ? std::string("it has none") : "it has " + util::join(names, ", ")) + ")");
    }
  }
}

void check_statistics_fit(const Dialect& d, const std::string& table, const std::string& column,
                          const std::optional<int>& statistics) {
  if (statistics && !d.has_column_statistics()) {
    throw util::Error("column " + util::squote(table + "." + column) +
                      ": there are no per-column statistics targets on " + std::string(d.name()) +
                      "; leave 'statistics' out");
  }
}

void check_index_fits(const Dialect& d, const std::string& table, const schema::Index& index) {
  if (index.storage && !d.has_index_storage_parameters()) {
    throw util::Error("index " + util::squote(index.name) + " on " + util::squote(table) +
                      ": there are no index storage parameters on " + std::string(d.name()) +
                      "; leave 'storage' out");
  }
  if (!index.statistics.empty() && !d.has_column_statistics()) {
    throw util::Error("index " + util::squote(index.name) + " on " + util::squote(table) +
                      ": there are no statistics targets on " + std::string(d.name()) +
                      "; leave 'statistics' out");
  }
}

void check_table_fits(const Dialect& d, const schema::Table& t) {
  if ((t.partition_by || t.partition_of) && !d.declarative_partitioning()) {
    // MariaDB's own PARTITION BY (partitions inside one table) is another thing: not managed.
    throw util::Error("table " + util::squote(t.name) +
                      ": partition_by / partition_of are PostgreSQL's declarative partitioning; " +
                      std::string(d.name()) + " has none that migratecpp manages");
  }
  check_table_options_fit(d, t.options, t.name);
  for (const auto& c : t.columns) {
    check_statistics_fit(d, t.name, c.name, c.statistics);
  }
  for (const auto& index : t.indexes) {
    check_index_fits(d, t.name, index);
  }
}

void run_statement(Connection& conn, const Statement& statement) {
  if (statement.free_form) {
    conn.exec_script(statement.sql);
    return;
  }
  if (!statement.check) {
    conn.exec(statement.sql);
    return;
  }
  const Rows rows = conn.query(statement.sql);
  std::vector<std::string> found;
  for (const auto& r : rows.rows) {
    const std::string what = !r.empty() && r[0] ? *r[0] : "?";
    const std::string count = r.size() > 1 && r[1] ? *r[1] : "?";
    found.push_back(what + ": " + count + (count == "1" ? " row" : " rows"));
  }
  if (!found.empty()) {
    std::string list;
    for (const auto& f : found) {
      list += (list.empty() ? "" : "; ") + f;
    }
    throw util::Error(statement.comment + " failed: " + list);
  }
}

std::string Dialect::literal(const schema::Value& value) const {
  return std::visit(schema::Overloaded{
                        [](const schema::Null&) -> std::string { return "NULL"; },
                        [](bool b) -> std::string { return b ? "TRUE" : "FALSE"; },
                        [](std::int64_t i) -> std::string { return std::to_string(i); },
                        [](double d) -> std::string {
                          if (!std::isfinite(d)) {
                            // No SQL dialect we target has a portable literal for these.
                            throw util::Error("cannot write " +
                                              std::string(std::isnan(d) ? "NaN" : "infinity") +
                                              " as an SQL literal");
                          }
                          // Shortest text that reads back as the same double.
                          char buf[64];
                          auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
                          std::string out(buf, end);
                          // Keep it a floating-point literal: "1" would be an integer to the
                          // database (and the text "1" in a TEXT column).
                          if (out.find_first_of(".e") == std::string::npos) {
                            out += ".0";
                          }
                          return out;
                        },
                        [this](const std::string& s) -> std::string { return quote_string(s); },
                    },
                    value);
}

std::string Dialect::create_version_table_sql(const std::string& table) const {
  // IF NOT EXISTS: two first runs against a new SQLite file may both find it missing.
  SqlBuilder b(quoting());
  b.kw("CREATE TABLE IF NOT EXISTS").ident(table).open();
  b.kw("version_num VARCHAR(32) NOT NULL").comma();
  b.kw("CONSTRAINT").ident(table + "_pkc").kw("PRIMARY KEY").open().kw("version_num").close();
  return b.close().sql();
}

std::string Dialect::use_schema_sql(const std::string& schema) const {
  throw util::Error("[database] schema = '" + schema + "' is not supported on " +
                    std::string(name()) + "; remove it from the config");
}

namespace {
// What a dialect without a lock of its own holds: nothing.
class NoLock : public HeldLock {};
} // namespace

std::unique_ptr<HeldLock> Dialect::try_lock(Connection&, const std::string&) const {
  return std::make_unique<NoLock>();
}

std::string Dialect::lock_name(Connection&, const std::string& version_table) const {
  return "the migration lock of version table " + version_table;
}

std::vector<Statement> execute_statements(const schema::Execute& op,
                                          const std::vector<std::string>& keys,
                                          const std::string& comment) {
  for (const auto& key : keys) {
    const auto it = op.sql.find(key);
    if (it == op.sql.end()) {
      continue;
    }
    std::string sql = util::trim(it->second);
    while (!sql.empty() && sql.back() == ';') {
      sql.pop_back();
      sql = util::trim(sql);
    }
    if (sql.empty()) {
      return {};
    }
    return {{sql, comment, std::nullopt, true}};
  }
  return {};
}

schema::Database Dialect::introspect(Connection&, const IntrospectOptions&) const {
  throw util::Error("reading the schema of a " + std::string(name()) +
                    " database is not available in this build yet");
}

StoredForms Dialect::stored_forms(Connection&, const schema::Table&,
                                  const std::vector<std::string>& checks,
                                  const std::vector<std::string>& predicates,
                                  const std::vector<schema::Column>& generated) const {
  return {std::vector<std::optional<std::string>>(checks.size()),
          std::vector<std::optional<std::string>>(predicates.size()),
          std::vector<std::optional<std::string>>(generated.size())};
}

std::optional<std::vector<std::string>>
Dialect::read_if_plain_table(Connection&, const std::string&, const std::string&) const {
  return std::nullopt;
}

} // namespace migratecpp::dialects
