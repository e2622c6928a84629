#include "dialects/postgresql/pg_objects.h"

#include "dialects/postgresql/pg_dialect.h"
#include "dialects/sequence_sql.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::dialects::postgresql {

namespace {

// CACHE when none is given.
constexpr std::int64_t k_default_cache = 1;

std::string owned_by_sql(const PostgresDialect& d, const std::optional<std::string>& owner) {
  if (!owner) {
    return "NONE";
  }
  const auto dot = owner->find('.');
  return d.quote_ident(owner->substr(0, dot)) + "." + d.quote_ident(owner->substr(dot + 1));
}

std::vector<Statement> alter_sequence(const PostgresDialect& d, const schema::Sequence& from,
                                      const schema::Sequence& to) {
  const std::string name = d.quote_ident(to.name);
  const std::string what = "sequence " + util::squote(to.name);
  std::vector<Statement> out;
  if (from.type != to.type) {
    out.push_back({"ALTER SEQUENCE " + name + " AS " + to.type.value_or("bigint"),
                   "change the type of " + what});
  }
  const std::string changes = sequence_changes_sql(from, to, k_default_cache);
  if (!changes.empty()) {
    out.push_back({"ALTER SEQUENCE " + name + changes, "change the options of " + what});
  }
  if (from.owned_by != to.owned_by) {
    out.push_back({"ALTER SEQUENCE " + name + " OWNED BY " + owned_by_sql(d, to.owned_by),
                   to.owned_by ? "make " + what + " owned by " + util::squote(*to.owned_by)
                               : "make " + what + " owned by no column"});
  }
  return out;
}

} // namespace

std::vector<Statement> render_sequence_op(const PostgresDialect& d, const schema::Op& op,
                                          const schema::Database& before) {
  if (const auto* o = std::get_if<schema::CreateSequence>(&op)) {
    const schema::Sequence& s = o->sequence;
    std::vector<Statement> out = {{"CREATE SEQUENCE " + d.quote_ident(s.name) +
                                       (s.type ? " AS " + *s.type : std::string()) +
                                       sequence_options_sql(s),
                                   "create sequence " + util::squote(s.name)}};
    if (s.owned_by) {
      schema::Sequence unowned = s;
      unowned.owned_by.reset();
      for (auto& st : alter_sequence(d, unowned, s)) {
        out.push_back(std::move(st));
      }
    }
    return out;
  }
  if (const auto* o = std::get_if<schema::DropSequence>(&op)) {
    return {{"DROP SEQUENCE " + d.quote_ident(o->name), "drop sequence " + util::squote(o->name)}};
  }
  const auto& o = std::get<schema::AlterSequence>(op);
  schema::Sequence from;
  if (o.existing) {
    from = *o.existing;
  } else if (const schema::Sequence* known = before.find_sequence(o.sequence.name)) {
    from = *known;
  } else {
    throw util::Error("alter_sequence " + util::squote(o.sequence.name) +
                      ": the sequence is not known and the op does not give existing");
  }
  return alter_sequence(d, from, o.sequence);
}

std::string create_domain_sql(const PostgresDialect& d, const schema::Domain& domain) {
  std::string sql = "CREATE DOMAIN " + d.quote_ident(domain.name) + " AS " + domain.type;
  if (domain.collation) {
    sql += " COLLATE " + d.quote_ident(*domain.collation);
  }
  if (domain.default_expr) {
    sql += " DEFAULT " + *domain.default_expr;
  }
  if (!domain.nullable) {
    sql += " NOT NULL";
  }
  for (const auto& c : domain.checks) {
    sql += " CONSTRAINT " + d.quote_ident(c.name) + " CHECK (" + c.expression + ")";
  }
  return sql;
}

std::vector<Statement> render_domain_op(const PostgresDialect& d, const schema::Op& op,
                                        const schema::Database& before) {
  if (const auto* o = std::get_if<schema::CreateDomain>(&op)) {
    return {{create_domain_sql(d, o->domain), "create domain " + util::squote(o->domain.name)}};
  }
  if (const auto* o = std::get_if<schema::DropDomain>(&op)) {
    return {{"DROP DOMAIN " + d.quote_ident(o->name), "drop domain " + util::squote(o->name)}};
  }
  const auto& o = std::get<schema::AlterDomain>(op);
  const schema::Domain& to = o.domain;
  schema::Domain from;
  if (o.existing) {
    from = *o.existing;
  } else if (const schema::Domain* known = before.find_domain(to.name)) {
    from = *known;
  } else {
    throw util::Error("alter_domain " + util::squote(to.name) +
                      ": the domain is not known and the op does not give existing");
  }
  const std::string what = "domain " + util::squote(to.name);
  if (from.type != to.type || from.collation != to.collation) {
    throw util::Error("alter_domain " + util::squote(to.name) +
                      ": a domain's base type and collation cannot change in place (drop the "
                      "domain and create it again, its columns through the base type)");
  }
  const std::string alter = "ALTER DOMAIN " + d.quote_ident(to.name);
  std::vector<Statement> out;
  auto find = [](const std::vector<schema::CheckConstraint>& checks, const std::string& name) {
    return std::find_if(checks.begin(), checks.end(),
                        [&](const schema::CheckConstraint& c) { return c.name == name; });
  };
  for (const auto& c : from.checks) {
    auto it = find(to.checks, c.name);
    if (it == to.checks.end() || it->expression != c.expression) {
      out.push_back({alter + " DROP CONSTRAINT " + d.quote_ident(c.name),
                     "drop check " + util::squote(c.name) + " of " + what});
    }
  }
  if (from.default_expr != to.default_expr) {
    out.push_back(
        {to.default_expr ? alter + " SET DEFAULT " + *to.default_expr : alter + " DROP DEFAULT",
         "change the default of " + what});
  }
  if (from.nullable != to.nullable) {
    out.push_back({alter + (to.nullable ? " DROP NOT NULL" : " SET NOT NULL"),
                   (to.nullable ? "allow NULL in " : "disallow NULL in ") + what});
  }
  for (const auto& c : to.checks) {
    auto it = find(from.checks, c.name);
    if (it == from.checks.end() || it->expression != c.expression) {
      out.push_back(
          {alter + " ADD CONSTRAINT " + d.quote_ident(c.name) + " CHECK (" + c.expression + ")",
           "add check " + util::squote(c.name) + " to " + what});
    }
  }
  return out;
}

std::vector<Statement> render_extension_op(const PostgresDialect& d, const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateExtension>(&op)) {
    const schema::Extension& e = o->extension;
    std::string sql = "CREATE EXTENSION " + d.quote_ident(e.name);
    if (e.schema) {
      sql += " WITH SCHEMA " + d.quote_ident(*e.schema);
    }
    if (e.version) {
      sql += " VERSION " + d.quote_string(*e.version);
    }
    // The comment is what an error names: creating most extensions takes a superuser.
    return {{sql, "create extension " + util::squote(e.name) +
                      " (unless the extension is trusted, a superuser must create it; or leave "
                      "it out of the models and let the DBA create it)"}};
  }
  if (const auto* o = std::get_if<schema::DropExtension>(&op)) {
    return {
        {"DROP EXTENSION " + d.quote_ident(o->name), "drop extension " + util::squote(o->name)}};
  }
  const auto& o = std::get<schema::AlterExtension>(op);
  return {{"ALTER EXTENSION " + d.quote_ident(o.name) + " UPDATE TO " + d.quote_string(o.version),
           "update extension " + util::squote(o.name) + " to version " + o.version}};
}

} // namespace migratecpp::dialects::postgresql
