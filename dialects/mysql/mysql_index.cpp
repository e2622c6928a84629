#include "dialects/mysql/mysql_index.h"

#include <algorithm>

namespace migratecpp::dialects::mysql {

namespace {

bool is_binary(const schema::ColumnType& type) {
  return type.family() == schema::TypeFamily::binary;
}

// The largest number of bytes a key part on this column takes, without a prefix.
long long part_bytes(const schema::ColumnType& type, std::optional<int> length) {
  const long long per_char = is_binary(type) ? 1 : k_bytes_per_char;
  if (length) {
    return *length * per_char;
  }
  if (type.length()) {
    return *type.length() * per_char;
  }
  return 8;
}

} // namespace

bool needs_prefix(const schema::ColumnType& type) {
  const std::string& base = type.base();
  return base == "text" || base == "tinytext" || base == "mediumtext" || base == "longtext" ||
         base == "blob" || base == "tinyblob" || base == "mediumblob" || base == "longblob" ||
         base == "json";
}

std::optional<int> automatic_prefix(const schema::Table& table, const schema::Index& index,
                                    const std::string& column) {
  const schema::Column* target = table.find_column(column);
  if (target == nullptr || !needs_prefix(target->type)) {
    return std::nullopt;
  }
  long long fixed = 0;
  long long sharing = 0;
  for (const auto& part : index.parts) {
    const schema::Column* c = part.is_expression() ? nullptr : table.find_column(part.column);
    if (c == nullptr) {
      fixed += 8;
    } else if (needs_prefix(c->type) && !part.length) {
      ++sharing;
    } else {
      fixed += part_bytes(c->type, part.length);
    }
  }
  const long long budget = std::max<long long>(k_max_key_bytes - fixed, 0) / std::max(sharing, 1LL);
  const bool binary = is_binary(target->type);
  long long prefix = binary ? budget : budget / k_bytes_per_char;
  const std::string& base = target->type.base();
  if (base == "tinytext" || base == "tinyblob") {
    prefix = std::min<long long>(prefix, 255);
  }
  return static_cast<int>(std::max<long long>(prefix, 1));
}

} // namespace migratecpp::dialects::mysql
