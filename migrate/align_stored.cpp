// Model defaults and index keys in the database's stored form, where they mean the same.
#include "migrate/align_stored.h"

#include "migrate/diff.h"
#include "migrate/diff_normalize.h"
#include "schema/partition.h"

#include <utility>
#include <vector>

namespace migratecpp::migrate {

namespace {

void align_defaults(const dialects::Dialect& dialect, dialects::Connection& conn,
                    const schema::Table& have, schema::Table& want) {
  std::vector<schema::Column> asked;
  std::vector<std::pair<schema::Column*, const schema::Column*>> pairs;
  for (auto& c : want.columns) {
    const schema::Column* lc = have.find_column(c.name);
    // Only where the type is the live one (the probe stores the default on the live column)
    // and both have a default of their own (autoincrement and generation are not defaults).
    if (lc == nullptr || !c.default_expr || !lc->default_expr || c.autoincrement ||
        lc->autoincrement || c.generated || lc->generated || !(c.type == lc->type) ||
        normalize_default(c.default_expr, c.type) == normalize_default(lc->default_expr, c.type)) {
      continue;
    }
    asked.push_back(c);
    pairs.emplace_back(&c, lc);
  }
  if (asked.empty()) {
    return;
  }
  const auto forms = dialect.stored_defaults(conn, have, asked);
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto& [model, stored] = pairs[k];
    if (k < forms.size() && forms[k] &&
        normalize_default(forms[k], model->type) ==
            normalize_default(stored->default_expr, model->type)) {
      model->default_expr = stored->default_expr;
    }
  }
}

bool same_parts(const std::vector<schema::IndexPart>& a, const std::vector<schema::IndexPart>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (normalize_part(a[k]) != normalize_part(b[k])) {
      return false;
    }
  }
  return true;
}

void align_indexes(const dialects::Dialect& dialect, dialects::Connection& conn,
                   const schema::Table& have, schema::Table& want) {
  std::vector<schema::Index> asked;
  std::vector<std::pair<schema::Index*, const schema::Index*>> pairs;
  for (auto& i : want.indexes) {
    for (const auto& li : have.indexes) {
      if (!i.name.empty() && li.name == i.name && i.parts.size() == li.parts.size() &&
          !same_parts(schema::resolve_index_parts(i.parts, have.column_names()), li.parts)) {
        asked.push_back(i);
        pairs.emplace_back(&i, &li);
      }
    }
  }
  if (asked.empty()) {
    return;
  }
  const auto forms = dialect.stored_index_parts(conn, have, asked);
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto& [model, stored] = pairs[k];
    if (k < forms.size() && forms[k] && same_parts(*forms[k], stored->parts)) {
      model->parts = stored->parts;
    }
  }
}

void align_domains(const dialects::Dialect& dialect, dialects::Connection& conn,
                   const schema::Database& live, schema::Database& desired) {
  std::vector<schema::Domain> asked;
  std::vector<std::pair<schema::Domain*, const schema::Domain*>> pairs;
  for (auto& d : desired.domains) {
    const schema::Domain* ld = live.find_domain(d.name);
    if (ld != nullptr && d.default_expr && ld->default_expr && d.type == ld->type &&
        normalize_default(d.default_expr) != normalize_default(ld->default_expr)) {
      asked.push_back(d);
      pairs.emplace_back(&d, ld);
    }
  }
  if (asked.empty()) {
    return;
  }
  const auto forms = dialect.stored_domain_defaults(conn, asked);
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto& [model, stored] = pairs[k];
    if (k < forms.size() && forms[k] &&
        normalize_default(forms[k]) == normalize_default(stored->default_expr)) {
      model->default_expr = stored->default_expr;
    }
  }
}

} // namespace

void align_stored_defaults_and_indexes(const dialects::Dialect& dialect, dialects::Connection& conn,
                                       const schema::Database& live, schema::Database& desired) {
  for (auto& want : desired.tables) {
    if (const schema::Table* have = live.find_table(want.name)) {
      align_defaults(dialect, conn, *have, want);
      // A partition's index keys name its parent's columns.
      align_indexes(dialect, conn, schema::with_root_columns(live, *have), want);
    }
  }
  align_domains(dialect, conn, live, desired);
}

} // namespace migratecpp::migrate
