#include "schema/model.h"

#include <algorithm>

namespace migratecpp::schema {

bool Column::operator==(const Column& other) const {
  return name == other.name && type.declared() == other.type.declared() &&
         nullable == other.nullable && default_expr == other.default_expr &&
         primary_key == other.primary_key && autoincrement == other.autoincrement &&
         identity_always == other.identity_always && comment == other.comment &&
         generated == other.generated && collation == other.collation &&
         statistics == other.statistics;
}

std::vector<std::string_view> TableOptions::keys() const {
  std::vector<std::string_view> out;
  auto add = [&](bool set, std::string_view key) {
    if (set) {
      out.push_back(key);
    }
  };
  add(engine.has_value(), "engine");
  add(charset.has_value(), "charset");
  add(collate.has_value(), "collate");
  add(row_format.has_value(), "row_format");
  add(unlogged.has_value(), "unlogged");
  add(storage.has_value(), "storage");
  return out;
}

const Column* Table::find_column(const std::string& column) const {
  auto it = std::find_if(columns.begin(), columns.end(),
                         [&](const Column& c) { return c.name == column; });
  return it == columns.end() ? nullptr : &*it;
}

Column* Table::find_column(const std::string& column) {
  return const_cast<Column*>(static_cast<const Table*>(this)->find_column(column));
}

std::vector<std::string> Table::primary_key() const {
  std::vector<std::string> out;
  for (const auto& name : key.columns) {
    const Column* c = find_column(name);
    if (c != nullptr && c->primary_key && std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(name);
    }
  }
  for (const auto& c : columns) {
    if (c.primary_key && std::find(out.begin(), out.end(), c.name) == out.end()) {
      out.push_back(c.name);
    }
  }
  return out;
}

std::vector<std::string> Table::column_names() const {
  std::vector<std::string> out;
  out.reserve(columns.size());
  for (const auto& c : columns) {
    out.push_back(c.name);
  }
  return out;
}

const Table* Database::find_table(const std::string& table) const {
  if (table_index.armed()) {
    const std::size_t at = table_index.find(tables, table);
    return at == TableIndex::npos ? nullptr : &tables[at];
  }
  auto it =
      std::find_if(tables.begin(), tables.end(), [&](const Table& t) { return t.name == table; });
  return it == tables.end() ? nullptr : &*it;
}

Table* Database::find_table(const std::string& table) {
  return const_cast<Table*>(static_cast<const Database*>(this)->find_table(table));
}

std::vector<std::string> Database::referenced_columns(const ForeignKey& fk) const {
  if (!fk.ref_columns.empty()) {
    return fk.ref_columns;
  }
  const Table* ref = find_table(fk.ref_table);
  return ref != nullptr ? ref->primary_key() : std::vector<std::string>{};
}

const Enum* Database::find_enum(const std::string& name) const {
  auto it = std::find_if(enums.begin(), enums.end(), [&](const Enum& e) { return e.name == name; });
  return it == enums.end() ? nullptr : &*it;
}

namespace {
template <class T> const T* find_by_name(const std::vector<T>& items, const std::string& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.name == name; });
  return it == items.end() ? nullptr : &*it;
}
} // namespace

const Sequence* Database::find_sequence(const std::string& name) const {
  return find_by_name(sequences, name);
}

const Domain* Database::find_domain(const std::string& name) const {
  return find_by_name(domains, name);
}

const Extension* Database::find_extension(const std::string& name) const {
  return find_by_name(extensions, name);
}

const VirtualTable* Database::find_virtual_table(const std::string& name) const {
  return find_by_name(virtual_tables, name);
}

} // namespace migratecpp::schema
