#include "dialects/view_sql.h"

#include "schema/view.h"
#include "util/strings.h"

#include <cctype>

namespace migratecpp::dialects {

std::string view_definition_sql(const std::string& definition) {
  return stored_view_definition(definition);
}

std::string stored_view_definition(const std::string& text) {
  std::string out = util::trim(text);
  while (!out.empty() &&
         (out.back() == ';' || std::isspace(static_cast<unsigned char>(out.back())) != 0)) {
    out.pop_back();
  }
  return out;
}

std::string view_columns_sql(const Dialect& d, const schema::View& v) {
  if (v.columns.empty()) {
    return "";
  }
  std::string out = " (";
  for (std::size_t i = 0; i < v.columns.size(); ++i) {
    out += (i == 0 ? "" : ", ") + d.quote_ident(v.columns[i]);
  }
  return out + ")";
}

std::vector<std::string> take_views_calling_routines(std::vector<schema::View>& views,
                                                     const std::set<std::string>& calling) {
  if (calling.empty()) {
    return {};
  }
  schema::Database db;
  db.views = views;
  std::set<std::string> out = calling;
  for (const auto& name : schema::dependent_views(db, calling)) {
    out.insert(name);
  }
  std::erase_if(views, [&](const schema::View& v) { return out.count(v.name) != 0; });
  return {out.begin(), out.end()};
}

} // namespace migratecpp::dialects
