#include "migrate/diff_objects.h"

#include "migrate/diff.h"
#include "migrate/diff_normalize.h"
#include "util/strings.h"

#include <algorithm>
#include <map>

namespace migratecpp::migrate {

namespace {

template <class T> std::map<std::string, const T*> by_name(const std::vector<T>& items) {
  std::map<std::string, const T*> out;
  for (const auto& i : items) {
    out[i.name] = &i;
  }
  return out;
}

void diff_extensions(const schema::Database& cur, const schema::Database& des, ObjectChanges& out) {
  const auto c = by_name(cur.extensions);
  const auto d = by_name(des.extensions);
  for (const auto& [name, e] : d) {
    auto it = c.find(name);
    if (it == c.end()) {
      out.extensions.push_back(schema::CreateExtension{*e});
    } else if (e->version && it->second->version != e->version) {
      // A model that names the version asks for it; without one, whatever is installed.
      out.extensions.push_back(schema::AlterExtension{name, *e->version, it->second->version});
    }
  }
  for (const auto& [name, e] : c) {
    if (d.count(name) == 0) {
      out.extension_drops.push_back(schema::DropExtension{name, *e});
    }
  }
}

// The form a domain compares in: its type by meaning, default and checks as expressions.
schema::Domain comparable_domain(const schema::Domain& domain) {
  schema::Domain out = domain;
  out.type = schema::ColumnType(domain.type).canonical();
  const std::string def = normalize_default(domain.default_expr);
  out.default_expr = def.empty() ? std::nullopt : std::optional<std::string>(def);
  for (auto& c : out.checks) {
    c.expression = normalize_expression(c.expression);
  }
  std::sort(out.checks.begin(), out.checks.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

void diff_domains(const schema::Database& cur, const schema::Database& des, ObjectChanges& out) {
  const auto c = by_name(cur.domains);
  const auto d = by_name(des.domains);
  for (const auto& [name, want] : d) {
    auto it = c.find(name);
    if (it == c.end()) {
      out.domains.push_back(schema::CreateDomain{*want});
      continue;
    }
    const schema::Domain& have = *it->second;
    const schema::Domain a = comparable_domain(have);
    const schema::Domain b = comparable_domain(*want);
    if (a == b) {
      continue;
    }
    if (a.type != b.type || a.collation != b.collation) {
      out.domains.push_back(schema::DropDomain{name, have});
      out.domains.push_back(schema::CreateDomain{*want});
      out.warnings.push_back("domain " + util::squote(name) +
                             " is dropped and created again because its base type or collation "
                             "changes; PostgreSQL refuses while a column uses it: move those "
                             "columns to the base type first");
      continue;
    }
    // Only what differs by meaning changes: a check spelled otherwise is kept as it is.
    schema::Domain next = have;
    next.nullable = want->nullable;
    if (a.default_expr != b.default_expr) {
      next.default_expr = want->default_expr;
    }
    next.checks.clear();
    for (const auto& wc : want->checks) {
      const auto same = std::find_if(have.checks.begin(), have.checks.end(), [&](const auto& hc) {
        return hc.name == wc.name &&
               normalize_expression(hc.expression) == normalize_expression(wc.expression);
      });
      next.checks.push_back(same != have.checks.end() ? *same : wc);
    }
    out.domains.push_back(schema::AlterDomain{next, have});
  }
  for (const auto& [name, have] : c) {
    if (d.count(name) == 0) {
      out.domain_drops.push_back(schema::DropDomain{name, *have});
    }
  }
}

void diff_sequences(const schema::Database& cur, const schema::Database& des, ObjectChanges& out) {
  const auto c = by_name(cur.sequences);
  const auto d = by_name(des.sequences);
  for (const auto& [name, want] : d) {
    auto it = c.find(name);
    if (it == c.end()) {
      schema::Sequence created = *want;
      created.owned_by.reset();
      out.sequences.push_back(schema::CreateSequence{created});
      if (want->owned_by) {
        out.sequence_changes.push_back(schema::AlterSequence{*want, created});
      }
      continue;
    }
    schema::Sequence have = *it->second;
    if (comparable(have) == comparable(*want)) {
      continue;
    }
    if (have.owned_by && have.owned_by != want->owned_by) {
      schema::Sequence unowned = have;
      unowned.owned_by.reset();
      out.sequence_unowned.push_back(schema::AlterSequence{unowned, have});
      have = unowned;
    }
    if (comparable(have) != comparable(*want)) {
      out.sequence_changes.push_back(schema::AlterSequence{*want, have});
    }
  }
  for (const auto& [name, have] : c) {
    if (d.count(name) != 0) {
      continue;
    }
    schema::Sequence def = *have;
    if (have->owned_by) {
      // Dropping the owner table would drop the sequence with it: let go first.
      def.owned_by.reset();
      out.sequence_unowned.push_back(schema::AlterSequence{def, *have});
    }
    out.sequence_drops.push_back(schema::DropSequence{name, def});
  }
}

} // namespace

schema::Sequence comparable(schema::Sequence s) {
  if (s.increment == 1) {
    s.increment.reset();
  }
  if (s.type) {
    const std::string type = util::to_lower(util::trim(*s.type));
    s.type = type == "bigint" || type == "int8" ? std::nullopt : std::optional<std::string>(type);
  }
  return s;
}

ObjectChanges diff_objects(const schema::Database& current, const schema::Database& desired) {
  ObjectChanges out;
  diff_extensions(current, desired, out);
  diff_domains(current, desired, out);
  diff_sequences(current, desired, out);
  return out;
}

} // namespace migratecpp::migrate
