#include "migrate/model_partitions.h"

#include "dialects/dialect.h"
#include "schema/partition.h"
#include "util/strings.h"

namespace migratecpp::migrate {

namespace {

bool is_expression(const std::string& entry) {
  return entry.find('(') != std::string::npos;
}

void check_columns(const schema::Table& t, const schema::Table& root,
                   const std::vector<std::string>& columns, const std::string& what,
                   const util::Location& where) {
  for (const auto& c : columns) {
    if (!is_expression(c) && root.find_column(c) == nullptr) {
      throw util::Error("table " + util::squote(t.name) + ": " + what + " names column " +
                            util::squote(c) + ", which is not in its partitioned table " +
                            util::squote(root.name) + util::did_you_mean(c, root.column_names()),
                        where);
    }
  }
}

} // namespace

void check_partitions(const schema::Database& db, const std::vector<TableSource>& sources) {
  for (std::size_t ti = 0; ti < db.tables.size(); ++ti) {
    const schema::Table& t = db.tables[ti];
    if (!t.partition_of) {
      continue;
    }
    const TableSource& src = sources[ti];
    const util::Location& at = src.partitioning.value_or(src.table);
    const schema::Table* parent = db.find_table(*t.partition_of);
    if (parent == nullptr) {
      std::vector<std::string> names;
      for (const auto& other : db.tables) {
        names.push_back(other.name);
      }
      throw util::Error("table " + util::squote(t.name) + " is a partition of " +
                            util::squote(*t.partition_of) + ", which is not in the models" +
                            util::did_you_mean(*t.partition_of, names),
                        at);
    }
    if (!parent->partition_by) {
      throw util::Error("table " + util::squote(t.name) + " is a partition of " +
                            util::squote(parent->name) +
                            ", which is not partitioned (give it partition_by)",
                        at);
    }
    if (schema::partition_chain_loops(db, t)) {
      throw util::Error("table " + util::squote(t.name) +
                            ": its partition_of chain comes back to a table already in it",
                        at);
    }
    const schema::Table& root = schema::column_source(db, t);
    for (std::size_t i = 0; i < t.indexes.size(); ++i) {
      std::vector<std::string> columns;
      for (const auto& p : t.indexes[i].parts) {
        if (!p.is_expression()) {
          columns.push_back(p.column);
        }
      }
      check_columns(t, root, columns, "index " + util::squote(t.indexes[i].name), src.indexes[i]);
    }
    for (std::size_t i = 0; i < t.uniques.size(); ++i) {
      check_columns(t, root, t.uniques[i].columns,
                    "unique constraint " + util::squote(t.uniques[i].name), src.uniques[i]);
    }
    for (std::size_t i = 0; i < t.foreign_keys.size(); ++i) {
      check_columns(t, root, t.foreign_keys[i].columns,
                    "foreign key " + util::squote(t.foreign_keys[i].name), src.foreign_keys[i]);
    }
  }
}

void check_partitions_for_dialect(const schema::Database& db,
                                  const std::vector<TableSource>& sources,
                                  const dialects::Dialect& dialect) {
  if (dialect.declarative_partitioning()) {
    return;
  }
  for (std::size_t ti = 0; ti < db.tables.size(); ++ti) {
    const schema::Table& t = db.tables[ti];
    if (t.partition_by || t.partition_of) {
      throw util::Error("table " + util::squote(t.name) + ": " +
                            (t.partition_of ? "partition_of" : "partition_by") +
                            " is PostgreSQL's declarative partitioning; " +
                            std::string(dialect.name()) +
                            " has none that migratecpp manages (leave partitioning out of the "
                            "models)",
                        sources[ti].partitioning.value_or(sources[ti].table));
    }
  }
}

} // namespace migratecpp::migrate
