#include "migrate/diff_virtual_tables.h"

#include "migrate/diff_routines.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::migrate {

namespace {

bool same_virtual_table(const schema::VirtualTable& have, const schema::VirtualTable& want) {
  if (!util::iequals(have.module, want.module) || have.arguments.size() != want.arguments.size()) {
    return false;
  }
  for (std::size_t i = 0; i < have.arguments.size(); ++i) {
    if (!same_sql(have.arguments[i], want.arguments[i])) {
      return false;
    }
  }
  return true;
}

} // namespace

VirtualTableChanges diff_virtual_tables(const schema::Database& current,
                                        const schema::Database& desired,
                                        const DiffOptions& options) {
  auto managed = [&](const std::string& name) {
    return std::find(options.exclude_tables.begin(), options.exclude_tables.end(), name) ==
               options.exclude_tables.end() &&
           options.objects.manages("tables", name);
  };
  VirtualTableChanges out;
  for (const auto& have : current.virtual_tables) {
    if (!managed(have.name)) {
      continue;
    }
    const schema::VirtualTable* want = desired.find_virtual_table(have.name);
    if (want == nullptr) {
      out.drops.push_back(schema::DropVirtualTable{have.name, have});
    } else if (!same_virtual_table(have, *want)) {
      out.drops.push_back(schema::DropVirtualTable{have.name, have});
      out.creates.push_back(schema::CreateVirtualTable{*want});
      out.warnings.push_back(
          "virtual table " + util::squote(have.name) +
          ": its module or arguments changed and a virtual table cannot be altered: it is "
          "dropped and created again, EMPTY (its rows and its index are lost; copy the rows "
          "back with an execute op if they are data, or rebuild the index from its content "
          "table)");
    }
  }
  for (const auto& want : desired.virtual_tables) {
    if (managed(want.name) && current.find_virtual_table(want.name) == nullptr) {
      out.creates.push_back(schema::CreateVirtualTable{want});
    }
  }
  return out;
}

} // namespace migratecpp::migrate
