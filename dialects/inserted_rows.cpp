#include "dialects/inserted_rows.h"

#include "util/strings.h"

#include <algorithm>
#include <map>

namespace migratecpp::dialects {

namespace {

const schema::Value* key_value(const schema::Row& row, const std::string& column) {
  for (const auto& [name, value] : row) {
    if (util::iequals(name, column)) {
      return std::holds_alternative<schema::Null>(value) ? nullptr : &value;
    }
  }
  return nullptr;
}

} // namespace

std::optional<std::string> delete_inserted_rows_sql(const Dialect& dialect,
                                                    const schema::Database& db,
                                                    const std::string& table,
                                                    std::span<const schema::Row> rows) {
  const schema::Table* t = db.find_table(table);
  if (t == nullptr || rows.empty()) {
    return std::nullopt;
  }
  const std::vector<std::string> key = t->primary_key();
  if (key.empty()) {
    return std::nullopt;
  }
  std::vector<std::string> matches;
  for (const auto& row : rows) {
    std::vector<std::string> parts;
    for (const auto& column : key) {
      const schema::Value* value = key_value(row, column);
      if (value == nullptr) {
        return std::nullopt;
      }
      parts.push_back(key.size() == 1
                          ? dialect.literal(*value)
                          : dialect.quote_ident(column) + " = " + dialect.literal(*value));
    }
    matches.push_back(key.size() == 1 ? parts[0] : "(" + util::join(parts, " AND ") + ")");
  }
  const std::string head = "DELETE FROM " + dialect.quote_ident(table) + " WHERE ";
  if (key.size() == 1) {
    return head + dialect.quote_ident(key[0]) + " IN (" + util::join(matches, ", ") + ")";
  }
  return head + util::join(matches, " OR ");
}

schema::BulkInsert without_generated(const schema::BulkInsert& op, const schema::Database& before) {
  const schema::Table* t = before.find_table(op.table);
  if (t == nullptr) {
    return op;
  }
  schema::BulkInsert out = op;
  for (auto& row : out.rows) {
    std::erase_if(row, [&](const auto& cell) {
      const schema::Column* c = t->find_column(cell.first);
      return c != nullptr && c->generated.has_value();
    });
  }
  return out;
}

std::vector<Statement> multi_row_inserts(const Dialect& dialect, const schema::BulkInsert& input,
                                         const schema::Database& before, std::size_t chunk) {
  const schema::BulkInsert op = without_generated(input, before);
  std::vector<std::string> columns;
  std::map<std::string, std::size_t> position;
  for (const auto& row : op.rows) {
    for (const auto& [column, value] : row) {
      if (position.emplace(column, columns.size()).second) {
        columns.push_back(column);
      }
    }
  }
  std::vector<std::string> quoted_columns;
  for (const auto& c : columns) {
    quoted_columns.push_back(dialect.quote_ident(c));
  }
  const std::string head = "INSERT INTO " + dialect.quote_ident(op.table) + " (" +
                           util::join(quoted_columns, ", ") + ") VALUES\n  ";
  std::vector<Statement> out;
  for (std::size_t start = 0; start < op.rows.size(); start += chunk) {
    const std::size_t end = std::min(op.rows.size(), start + chunk);
    std::vector<std::string> tuples;
    for (std::size_t r = start; r < end; ++r) {
      std::vector<std::string> values(columns.size(), "DEFAULT");
      for (const auto& [column, value] : op.rows[r]) {
        values[position.at(column)] = dialect.literal(value);
      }
      tuples.push_back("(" + util::join(values, ", ") + ")");
    }
    out.push_back({head + util::join(tuples, ",\n  "),
                   "insert " + std::to_string(end - start) + " rows into '" + op.table + "'",
                   delete_inserted_rows_sql(
                       dialect, before, op.table,
                       std::span<const schema::Row>(op.rows.data() + start, end - start))});
  }
  return out;
}

} // namespace migratecpp::dialects
