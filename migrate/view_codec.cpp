#include "migrate/view_codec.h"

#include "dialects/dialect.h"
#include "migrate/session_codec.h"
#include "migrate/table_codec.h"
#include "migrate/toml_writer.h"
#include "schema/index_part.h"
#include "util/strings.h"

#include <utility>

namespace migratecpp::migrate {

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// A definition as a TOML string: a literal multi-line string ('''...''') where it spans lines
// and that form can hold it as is (no ''' inside, no control characters but tab and line
// breaks, not ending in a quote), so that the SQL reads as the server prints it.
std::string definition_value(const std::string& text, bool inline_form) {
  bool literal_ok = !inline_form && text.find('\n') != std::string::npos &&
                    text.find("'''") == std::string::npos && !text.empty() && text.back() != '\'';
  for (unsigned char ch : text) {
    if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
      literal_ok = false;
    }
  }
  if (literal_ok && text.find('\r') == std::string::npos) {
    return "'''\n" + text + "'''";
  }
  return toml_string(text);
}

Pairs view_pairs(const schema::View& v, bool inline_form) {
  Pairs out = {{"name", toml_string(v.name)}};
  if (v.materialized) {
    out.emplace_back("materialized", "true");
  }
  if (!v.columns.empty()) {
    out.emplace_back("columns", toml_string_array(v.columns));
  }
  if (v.check_option) {
    out.emplace_back("check_option", toml_string(*v.check_option));
  }
  if (v.security_barrier) {
    out.emplace_back("security_barrier", *v.security_barrier ? "true" : "false");
  }
  if (v.security_invoker) {
    out.emplace_back("security_invoker", *v.security_invoker ? "true" : "false");
  }
  if (v.algorithm) {
    out.emplace_back("algorithm", toml_string(*v.algorithm));
  }
  if (v.sql_security) {
    out.emplace_back("sql_security", toml_string(*v.sql_security));
  }
  if (v.materialized && !v.with_data) {
    out.emplace_back("with_data", "false");
  }
  if (v.comment) {
    out.emplace_back("comment", toml_string(*v.comment));
  }
  if (!v.indexes.empty()) {
    std::vector<std::string> items;
    for (const auto& i : v.indexes) {
      items.push_back(render_index(i));
    }
    out.emplace_back("indexes", "[" + util::join(items, ", ") + "]");
  }
  for (auto& pair : session_pairs(v.session)) {
    out.push_back(std::move(pair));
  }
  out.emplace_back("definition", definition_value(v.definition, inline_form));
  return out;
}

std::optional<std::string> one_of(const KeyReader& r, std::string_view key,
                                  const std::vector<std::string>& allowed) {
  auto value = r.string(key);
  if (!value) {
    return value;
  }
  const std::string lower = util::to_lower(*value);
  for (const auto& a : allowed) {
    if (lower == a) {
      return lower;
    }
  }
  r.fail(key, util::squote(key) + " must be one of " + util::join(allowed, ", ") + ", not " +
                  util::squote(*value));
}

} // namespace

const std::vector<std::string_view>& view_keys() {
  static const std::vector<std::string_view> k_keys = {"name",
                                                       "definition",
                                                       "materialized",
                                                       "with_data",
                                                       "check_option",
                                                       "security_barrier",
                                                       "security_invoker",
                                                       "algorithm",
                                                       "sql_security",
                                                       "columns",
                                                       "comment",
                                                       "indexes",
                                                       "depends_on",
                                                       "character_set_client",
                                                       "collation_connection"};
  return k_keys;
}

schema::View read_view(const KeyReader& r, bool definition_optional) {
  schema::View v;
  v.name = r.required_string("name");
  if (definition_optional) {
    v.definition = r.string("definition").value_or("");
  } else {
    v.definition = r.required_string("definition");
  }
  if (!v.definition.empty()) {
    // One SELECT: no `;` that could end the statement and start another.
    r.check_sql_fragment("definition", v.definition);
  }
  v.materialized = r.boolean("materialized").value_or(false);
  v.with_data = r.boolean("with_data").value_or(true);
  if (!v.with_data && !v.materialized) {
    r.fail("with_data", "view " + util::squote(v.name) +
                            ": 'with_data' is for materialized views (materialized = true)");
  }
  v.check_option = one_of(r, "check_option", {"local", "cascaded"});
  if (v.check_option && v.materialized) {
    r.fail("check_option",
           "view " + util::squote(v.name) + ": a materialized view has no check option");
  }
  v.security_barrier = r.boolean("security_barrier");
  v.security_invoker = r.boolean("security_invoker");
  v.algorithm = one_of(r, "algorithm", {"undefined", "merge", "temptable"});
  if (v.algorithm == "undefined") {
    v.algorithm.reset(); // the default
  }
  v.sql_security = one_of(r, "sql_security", {"definer", "invoker"});
  if (v.sql_security == "definer") {
    v.sql_security.reset(); // the default
  }
  v.columns = r.string_array("columns");
  v.comment = r.string("comment");
  for (const toml::table* t : r.table_array("indexes")) {
    const KeyReader ir(*t, r.path(), "index", "index", index_keys());
    if (!v.materialized) {
      ir.fail("view " + util::squote(v.name) +
              ": only a materialized view has indexes (materialized = true)");
    }
    schema::Index i = read_index(ir);
    if (i.name.empty()) {
      ir.missing("name");
    }
    v.indexes.push_back(std::move(i));
  }
  v.depends_on = r.string_array("depends_on");
  // A view keeps no sql_mode (MariaDB and MySQL keep it for routines and triggers only): the
  // key is not a view's.
  v.session = read_session(r);
  return v;
}

std::string render_view_keys(const schema::View& v) {
  std::string out;
  for (const auto& [key, value] : view_pairs(v, false)) {
    out += key + " = " + value + "\n";
  }
  return out;
}

std::string render_view_inline(const schema::View& v) {
  std::vector<std::string> parts;
  for (const auto& [key, value] : view_pairs(v, true)) {
    parts.push_back(key + " = " + value);
  }
  return "{ " + util::join(parts, ", ") + " }";
}

schema::View read_view_table(const KeyReader& r, std::string_view key) {
  const toml::table& t = r.required_table(key, "{ name = \"...\", definition = \"...\" }");
  return read_view(
      KeyReader(t, r.path(), r.what() + " " + std::string(key), std::string(key), view_keys()));
}

void check_view_for_dialect(const schema::View& v, const dialects::Dialect& dialect,
                            const util::Location& where) {
  const std::string on = " on " + std::string(dialect.name());
  const std::string what = "view " + util::squote(v.name);
  if (v.materialized && !dialect.has_materialized_views()) {
    throw util::Error(what + ": there are no materialized views" + on +
                          " (a table filled by the application, or a plain view)",
                      where);
  }
  if (v.check_option && !dialect.has_view_option("check_option")) {
    throw util::Error(what + ": a view has no check option" + on, where);
  }
  const std::pair<const char*, bool> options[] = {
      {"security_barrier", v.security_barrier.has_value()},
      {"security_invoker", v.security_invoker.has_value()},
      {"algorithm", v.algorithm.has_value()},
      {"sql_security", v.sql_security.has_value()},
      {"character_set_client", v.session.character_set_client.has_value()},
      {"collation_connection", v.session.collation_connection.has_value()}};
  for (const auto& [key, given] : options) {
    if (given && !dialect.has_view_option(key)) {
      throw util::Error(what + ": a view has no " + util::squote(key) + on, where);
    }
  }
}

} // namespace migratecpp::migrate
