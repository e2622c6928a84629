// SQLite virtual tables (sqlite_virtual_tables.h).
#include "dialects/sqlite/sqlite_virtual_tables.h"

#include "dialects/sqlite/sql_text.h"
#include "util/error.h"
#include "util/strings.h"

#include <set>

namespace migratecpp::dialects::sqlite {

std::optional<schema::VirtualTable> parse_virtual_table(const std::string& name,
                                                        std::string_view sql) {
  auto t = tokenize(sql);
  std::erase_if(t, [](const Token& tok) { return tok.kind == TokenKind::comment; });
  // CREATE VIRTUAL TABLE [IF NOT EXISTS] name USING module [(arguments)]
  std::size_t i = 3;
  if (t.size() < 6 || !is_keyword(t[0], "CREATE") || !is_keyword(t[1], "VIRTUAL") ||
      !is_keyword(t[2], "TABLE")) {
    return std::nullopt;
  }
  if (is_keyword(t[i], "IF")) {
    i += 3;
  }
  if (i + 2 >= t.size() || !is_identifier(t[i]) || !is_keyword(t[i + 1], "USING") ||
      t[i + 2].kind != TokenKind::word) {
    return std::nullopt;
  }
  schema::VirtualTable v;
  v.name = name;
  v.module = std::string(t[i + 2].text);
  i += 3;
  if (i == t.size()) {
    return v;
  }
  if (!is_punct(t[i], "(")) {
    return std::nullopt;
  }
  const std::size_t close = matching_paren(t, i);
  if (close >= t.size() || close + 1 != t.size()) {
    return std::nullopt;
  }
  // Split at the commas outside nested parentheses; each argument is its text as written.
  std::size_t start = t[i].offset + 1;
  int depth = 0;
  for (std::size_t k = i + 1; k <= close; ++k) {
    if (is_punct(t[k], "(")) {
      ++depth;
    } else if (is_punct(t[k], ")") && k != close) {
      --depth;
    } else if (k == close || (depth == 0 && is_punct(t[k], ","))) {
      const std::string arg = util::trim(sql.substr(start, t[k].offset - start));
      if (!arg.empty() || k != close || !v.arguments.empty()) {
        v.arguments.push_back(arg);
      }
      start = t[k].offset + 1;
    }
  }
  return v;
}

std::string create_virtual_table_sql(const Dialect& d, const schema::VirtualTable& v) {
  std::string sql = "CREATE VIRTUAL TABLE " + d.quote_ident(v.name) + " USING " + v.module;
  if (!v.arguments.empty()) {
    sql += "(" + util::join(v.arguments, ", ") + ")";
  }
  return sql;
}

std::vector<Statement> render_virtual_table_op(const Dialect& d, const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateVirtualTable>(&op)) {
    return {{create_virtual_table_sql(d, o->table),
             "create virtual table " + util::squote(o->table.name),
             "DROP TABLE " + d.quote_ident(o->table.name)}};
  }
  const auto& o = std::get<schema::DropVirtualTable>(op);
  std::optional<std::string> undo;
  if (o.definition) {
    schema::VirtualTable v = *o.definition;
    v.name = o.name;
    undo = create_virtual_table_sql(d, v);
  }
  // Its shadow tables go with it (the module's xDestroy).
  return {
      {"DROP TABLE " + d.quote_ident(o.name), "drop virtual table " + util::squote(o.name), undo}};
}

std::vector<schema::VirtualTable> read_virtual_tables(Connection& conn,
                                                      std::vector<UnmanagedObject>* unmanaged) {
  // One statement: the modules this connection has come with each row (none without rows).
  const Rows rows = conn.query(
      "SELECT name, sql, (SELECT group_concat(name, ' ') FROM pragma_module_list) AS modules "
      "FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%' ORDER BY name");
  std::vector<schema::VirtualTable> out;
  for (const auto& r : rows.rows) {
    const std::string name = r[0].value_or("");
    std::set<std::string> modules;
    for (const auto& m : util::split(r[2].value_or(""), ' ')) {
      modules.insert(util::to_lower(m));
    }
    auto v = parse_virtual_table(name, r[1].value_or(""));
    if (v && modules.count(util::to_lower(v->module)) != 0) {
      out.push_back(std::move(*v));
    } else if (unmanaged != nullptr) {
      unmanaged->push_back({"virtual table", name, ""});
    }
  }
  return out;
}

} // namespace migratecpp::dialects::sqlite
