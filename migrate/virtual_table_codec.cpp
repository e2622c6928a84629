#include "migrate/virtual_table_codec.h"

#include "migrate/toml_writer.h"
#include "util/error.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <cctype>

namespace migratecpp::migrate {

namespace {

bool plain_name(std::string_view s) {
  if (s.empty() || (std::isalpha(static_cast<unsigned char>(s[0])) == 0 && s[0] != '_')) {
    return false;
  }
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
      return false;
    }
  }
  return true;
}

// Why `text` is not one module argument, or nullopt: it must be one SQL fragment (no ';', no
// parenthesis it does not close, no open quote or comment) without a comma outside
// parentheses (which would make it two).
std::optional<std::string> argument_problem(std::string_view text) {
  if (util::trim(std::string(text)).empty()) {
    return "it is empty";
  }
  if (auto problem = util::sql::fragment_problem(text)) {
    return problem;
  }
  int depth = 0;
  for (const auto& t : util::sql::tokenize(text)) {
    if (util::sql::is_punct(t, "(")) {
      ++depth;
    } else if (util::sql::is_punct(t, ")")) {
      --depth;
    } else if (depth == 0 && util::sql::is_punct(t, ",")) {
      return "it has a comma outside parentheses (give each argument as its own string)";
    }
  }
  return std::nullopt;
}

} // namespace

const std::vector<std::string_view>& virtual_table_keys() {
  static const std::vector<std::string_view> k_keys = {"name", "module", "arguments"};
  return k_keys;
}

schema::VirtualTable read_virtual_table(const KeyReader& r) {
  schema::VirtualTable v;
  v.name = r.required_string("name");
  const std::string what = "virtual table " + util::squote(v.name);
  v.module = r.required_string("module");
  if (!plain_name(v.module)) {
    r.fail("module", what + ": 'module' must be a module's name (letters, digits, '_'), not " +
                         util::squote(v.module));
  }
  v.arguments = r.string_array("arguments");
  for (std::size_t i = 0; i < v.arguments.size(); ++i) {
    if (auto problem = argument_problem(v.arguments[i])) {
      r.fail("arguments", what + ": argument " + std::to_string(i + 1) + " " +
                              util::squote(v.arguments[i]) + ": " + *problem);
    }
    v.arguments[i] = util::trim(v.arguments[i]);
  }
  return v;
}

std::string render_virtual_table_keys(const schema::VirtualTable& v) {
  std::string out = "name = " + toml_string(v.name) + "\n";
  out += "module = " + toml_string(v.module) + "\n";
  if (!v.arguments.empty()) {
    out += "arguments = " + toml_string_array(v.arguments) + "\n";
  }
  return out;
}

const std::vector<std::string>& virtual_table_op_names() {
  static const std::vector<std::string> k_names = {"create_virtual_table", "drop_virtual_table"};
  return k_names;
}

schema::Op read_virtual_table_op(const std::string& name, const toml::table& t,
                                 const std::string& path) {
  std::vector<std::string_view> keys = virtual_table_keys();
  keys.insert(keys.begin(), "op");
  const KeyReader r(t, path, name, name + " op", keys);
  if (name == "create_virtual_table") {
    return schema::CreateVirtualTable{read_virtual_table(r)};
  }
  schema::DropVirtualTable op;
  op.name = r.required_string("name");
  // Only the name: a drop whose file gives no module cannot be reversed.
  if (r.has("module")) {
    op.definition = read_virtual_table(r);
  } else if (r.has("arguments")) {
    r.fail("arguments", "drop_virtual_table " + util::squote(op.name) +
                            ": 'arguments' without 'module' (give both, or only the name)");
  }
  return op;
}

std::optional<std::string> render_virtual_table_op_keys(const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateVirtualTable>(&op)) {
    return render_virtual_table_keys(o->table);
  }
  if (const auto* o = std::get_if<schema::DropVirtualTable>(&op)) {
    if (o->definition) {
      schema::VirtualTable v = *o->definition;
      v.name = o->name;
      return render_virtual_table_keys(v);
    }
    return "name = " + toml_string(o->name) + "\n";
  }
  return std::nullopt;
}

} // namespace migratecpp::migrate
