#include "schema/column_uses.h"

#include "schema/naming.h"

#include <algorithm>

namespace migratecpp::schema {

namespace {

// A column list entry is the column, or (with parentheses) an expression mentioning it.
bool uses_column(const std::vector<std::string>& entries, const std::string& column) {
  return std::any_of(entries.begin(), entries.end(), [&](const std::string& entry) {
    return entry == column || (entry.find('(') != std::string::npos && mentions(entry, column));
  });
}

} // namespace

bool mentions(const std::string& expression, const std::string& column) {
  const auto ids = expression_identifiers(expression);
  return std::find(ids.begin(), ids.end(), column) != ids.end();
}

bool uses_column(const Index& index, const std::string& column) {
  const bool in_parts =
      std::any_of(index.parts.begin(), index.parts.end(), [&](const IndexPart& p) {
        return p.is_expression() ? mentions(p.expression, column) : p.column == column;
      });
  return in_parts || (index.where && mentions(*index.where, column));
}

bool uses_column(const UniqueConstraint& unique, const std::string& column) {
  return uses_column(unique.columns, column);
}

bool uses_column(const ForeignKey& key, const std::string& column) {
  return uses_column(key.columns, column);
}

bool uses_column(const CheckConstraint& check, const std::string& column) {
  return mentions(check.expression, column);
}

} // namespace migratecpp::schema
