#include "schema/partition.h"

#include <set>

namespace migratecpp::schema {

const Table& column_source(const Database& db, const Table& t) {
  const Table* at = &t;
  std::set<std::string> seen{t.name};
  while (at->partition_of) {
    const Table* parent = db.find_table(*at->partition_of);
    if (parent == nullptr || !seen.insert(parent->name).second) {
      return t;
    }
    at = parent;
  }
  return *at;
}

Table with_root_columns(const Database& db, const Table& t) {
  Table out = t;
  if (t.is_partition() && t.columns.empty()) {
    out.columns = column_source(db, t).columns;
  }
  return out;
}

bool partition_chain_loops(const Database& db, const Table& t) {
  const Table* at = &t;
  std::set<std::string> seen{t.name};
  while (at->partition_of) {
    at = db.find_table(*at->partition_of);
    if (at == nullptr) {
      return false;
    }
    if (!seen.insert(at->name).second) {
      return true;
    }
  }
  return false;
}

} // namespace migratecpp::schema
