#pragma once
// A query result as the tests compare it: one string per row, its values joined with "|",
// "NULL" for NULL.
#include "dialects/connection.h"

#include <string>
#include <vector>

namespace migratecpp::test {

inline std::vector<std::string> joined_rows(const dialects::Rows& result) {
  std::vector<std::string> out;
  for (const auto& r : result.rows) {
    std::string line;
    for (std::size_t i = 0; i < r.size(); ++i) {
      line += (i ? "|" : "") + r[i].value_or("NULL");
    }
    out.push_back(line);
  }
  return out;
}

} // namespace migratecpp::test
