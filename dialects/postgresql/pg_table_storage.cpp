#include "dialects/postgresql/pg_table_storage.h"

#include "schema/table_storage.h"
#include "util/error.h"
#include "util/strings.h"

namespace migratecpp::dialects::postgresql {

namespace {

// Names come from model files, which allow only words (toast.word): pasted unquoted, as the
// server folds them to lower case either way. Values are string literals, which the server
// takes for every parameter's type and stores as given.
std::string parameter_list(const PostgresDialect& d, const std::map<std::string, std::string>& p) {
  std::vector<std::string> items;
  for (const auto& [key, value] : p) {
    items.push_back(key + " = " + d.quote_string(value));
  }
  return "(" + util::join(items, ", ") + ")";
}

} // namespace

std::string storage_parameters_clause(const PostgresDialect& d,
                                      const std::optional<std::map<std::string, std::string>>& p) {
  if (!p || p->empty()) {
    return "";
  }
  return " WITH " + parameter_list(d, *p);
}

std::vector<Statement> alter_table_storage(const PostgresDialect& d,
                                           const schema::AlterTableOptions& o) {
  check_table_options_fit(d, o.options, o.table);
  const std::string table = d.quote_ident(o.table);
  const std::string label = util::squote(o.table);
  std::vector<Statement> out;
  if (o.options.unlogged) {
    // Rewrites the table (and its indexes) into or out of the WAL: a full copy, under lock.
    out.push_back({"ALTER TABLE " + table + (*o.options.unlogged ? " SET UNLOGGED" : " SET LOGGED"),
                   "make table " + label + (*o.options.unlogged ? " unlogged" : " logged")});
  }
  if (o.options.storage) {
    if (!o.options.storage->empty()) {
      out.push_back({"ALTER TABLE " + table + " SET " + parameter_list(d, *o.options.storage),
                     "set storage parameters of " + label});
    }
    if (const auto reset = schema::reset_storage_parameters(o); !reset.empty()) {
      out.push_back({"ALTER TABLE " + table + " RESET (" + util::join(reset, ", ") + ")",
                     "reset storage parameters of " + label});
    }
  }
  return out;
}

std::vector<Statement> index_statistics(const PostgresDialect& d, const std::string& name,
                                        const schema::Index& index) {
  std::vector<Statement> out;
  for (const auto& [position, target] : index.statistics) {
    out.push_back({"ALTER INDEX " + d.quote_ident(name) + " ALTER COLUMN " +
                       std::to_string(position) + " SET STATISTICS " + std::to_string(target),
                   "set the statistics target of column " + std::to_string(position) +
                       " of index " + util::squote(name) + " to " + std::to_string(target)});
  }
  return out;
}

Statement column_statistics(const PostgresDialect& d, const std::string& table,
                            const std::string& column, int target) {
  return {"ALTER TABLE " + d.quote_ident(table) + " ALTER COLUMN " + d.quote_ident(column) +
              " SET STATISTICS " + std::to_string(target),
          "set the statistics target of " + util::squote(table + "." + column) + " to " +
              (target < 0 ? std::string("the default") : std::to_string(target))};
}

} // namespace migratecpp::dialects::postgresql
