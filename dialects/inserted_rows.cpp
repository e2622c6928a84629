#include "dialects/inserted_rows.h"

#include "util/strings.h"

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

} // namespace migratecpp::dialects
