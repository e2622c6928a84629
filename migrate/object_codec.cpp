#include "migrate/object_codec.h"

#include "migrate/table_codec.h"
#include "migrate/toml_writer.h"
#include "util/strings.h"

#include <utility>

namespace migratecpp::migrate {

namespace {

// (key, value text) pairs, in the order written.
using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs sequence_pairs(const schema::Sequence& s) {
  Pairs out = {{"name", toml_string(s.name)}};
  if (s.type) {
    out.emplace_back("type", toml_string(*s.type));
  }
  const std::pair<const char*, const std::optional<std::int64_t>*> numbers[] = {
      {"start", &s.start},
      {"increment", &s.increment},
      {"min", &s.min},
      {"max", &s.max},
      {"cache", &s.cache}};
  for (const auto& [key, value] : numbers) {
    if (*value) {
      out.emplace_back(key, std::to_string(**value));
    }
  }
  if (s.cycle) {
    out.emplace_back("cycle", "true");
  }
  if (s.owned_by) {
    out.emplace_back("owned_by", toml_string(*s.owned_by));
  }
  return out;
}

Pairs domain_pairs(const schema::Domain& d) {
  Pairs out = {{"name", toml_string(d.name)}, {"type", toml_string(d.type)}};
  if (!d.nullable) {
    out.emplace_back("nullable", "false");
  }
  if (d.default_expr) {
    out.emplace_back("default", toml_string(*d.default_expr));
  }
  if (d.collation) {
    out.emplace_back("collation", toml_string(*d.collation));
  }
  if (!d.checks.empty()) {
    std::vector<std::string> checks;
    for (const auto& c : d.checks) {
      checks.push_back(render_check(c));
    }
    out.emplace_back("checks", "[" + util::join(checks, ", ") + "]");
  }
  return out;
}

Pairs extension_pairs(const schema::Extension& e) {
  Pairs out = {{"name", toml_string(e.name)}};
  if (e.schema) {
    out.emplace_back("schema", toml_string(*e.schema));
  }
  if (e.version) {
    out.emplace_back("version", toml_string(*e.version));
  }
  return out;
}

std::string as_lines(const Pairs& pairs) {
  std::string out;
  for (const auto& [key, value] : pairs) {
    out += key + " = " + value + "\n";
  }
  return out;
}

std::string as_inline(const Pairs& pairs) {
  std::vector<std::string> parts;
  for (const auto& [key, value] : pairs) {
    parts.push_back(key + " = " + value);
  }
  return "{ " + util::join(parts, ", ") + " }";
}

std::optional<std::int64_t> positive_or_absent(const KeyReader& r, std::string_view key) {
  const auto v = r.integer(key);
  if (v && *v <= 0) {
    r.fail(key, util::squote(key) + " must be a positive integer");
  }
  return v;
}

} // namespace

const std::vector<std::string_view>& sequence_keys() {
  static const std::vector<std::string_view> k_keys = {"name", "type",  "start", "increment", "min",
                                                       "max",  "cache", "cycle", "owned_by"};
  return k_keys;
}

const std::vector<std::string_view>& domain_keys() {
  static const std::vector<std::string_view> k_keys = {"name",    "type",      "nullable",
                                                       "default", "collation", "checks"};
  return k_keys;
}

const std::vector<std::string_view>& extension_keys() {
  static const std::vector<std::string_view> k_keys = {"name", "schema", "version"};
  return k_keys;
}

schema::Sequence read_sequence(const KeyReader& r) {
  schema::Sequence s;
  s.name = r.required_string("name");
  s.type = r.sql_text("type");
  s.start = r.integer("start");
  s.increment = r.integer("increment");
  if (s.increment && *s.increment == 0) {
    r.fail("increment", "sequence " + util::squote(s.name) + ": 'increment' must not be 0");
  }
  s.min = r.integer("min");
  s.max = r.integer("max");
  if (s.min && s.max && *s.min >= *s.max) {
    r.fail("min", "sequence " + util::squote(s.name) + ": 'min' (" + std::to_string(*s.min) +
                      ") must be less than 'max' (" + std::to_string(*s.max) + ")");
  }
  s.cache = positive_or_absent(r, "cache");
  s.cycle = r.boolean("cycle").value_or(false);
  s.owned_by = r.string("owned_by");
  if (s.owned_by) {
    const auto dot = s.owned_by->find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == s.owned_by->size()) {
      r.fail("owned_by", "sequence " + util::squote(s.name) +
                             ": 'owned_by' must be \"table.column\", not " +
                             util::squote(*s.owned_by));
    }
  }
  return s;
}

schema::Domain read_domain(const KeyReader& r) {
  schema::Domain d;
  d.name = r.required_string("name");
  d.type = r.required_sql_text("type");
  d.nullable = r.boolean("nullable").value_or(true);
  d.default_expr = r.sql_value("default");
  d.collation = r.string("collation");
  for (const toml::table* t : r.table_array("checks")) {
    const KeyReader c(*t, r.path(), "check", "check", check_keys());
    schema::CheckConstraint check = read_check(c);
    if (check.name.empty()) {
      c.missing("name");
    }
    for (const auto& other : d.checks) {
      if (other.name == check.name) {
        c.fail("name", "domain " + util::squote(d.name) + " has two checks named " +
                           util::squote(check.name));
      }
    }
    d.checks.push_back(std::move(check));
  }
  return d;
}

schema::Extension read_extension(const KeyReader& r) {
  schema::Extension e;
  e.name = r.required_string("name");
  e.schema = r.string("schema");
  e.version = r.string("version");
  return e;
}

std::string render_sequence_keys(const schema::Sequence& s) {
  return as_lines(sequence_pairs(s));
}
std::string render_domain_keys(const schema::Domain& d) {
  return as_lines(domain_pairs(d));
}
std::string render_extension_keys(const schema::Extension& e) {
  return as_lines(extension_pairs(e));
}
std::string render_sequence_inline(const schema::Sequence& s) {
  return as_inline(sequence_pairs(s));
}
std::string render_domain_inline(const schema::Domain& d) {
  return as_inline(domain_pairs(d));
}

schema::Sequence read_sequence_table(const KeyReader& r, std::string_view key) {
  const toml::table& t = r.required_table(key, "{ name = \"...\", increment = ... }");
  return read_sequence(
      KeyReader(t, r.path(), r.what() + " " + std::string(key), std::string(key), sequence_keys()));
}

schema::Domain read_domain_table(const KeyReader& r, std::string_view key) {
  const toml::table& t = r.required_table(key, "{ name = \"...\", type = \"...\" }");
  return read_domain(
      KeyReader(t, r.path(), r.what() + " " + std::string(key), std::string(key), domain_keys()));
}

} // namespace migratecpp::migrate
