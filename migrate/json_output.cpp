#include "migrate/json_output.h"

#include <sstream>

namespace migratecpp::migrate {

toml::array string_array(const std::vector<std::string>& items) {
  toml::array out;
  for (const auto& item : items) {
    out.push_back(item);
  }
  return out;
}

toml::table revision_json(const ScriptDirectory& scripts, const Revision& r,
                          const std::set<std::string>* current) {
  const RevisionGraph& graph = scripts.graph();
  toml::table t{
      {"id", r.id},
      {"message", r.message},
      {"down_revisions", string_array(r.down_revisions)},
      {"depends_on", string_array(r.depends_on)},
      {"branch_labels", string_array(r.branch_labels)},
      {"create_date", r.create_date},
      {"path", scripts.path_of(r.id).string()},
      {"is_head", graph.is_head(r.id)},
      {"is_branch_point", graph.is_branch_point(r.id)},
      {"is_merge_point", graph.is_merge_point(r.id)},
  };
  if (current != nullptr) {
    t.insert("is_current", current->count(r.id) != 0);
  }
  return t;
}

void print_json(util::Output& out, toml::table body) {
  body.insert_or_assign("format_version", k_json_format_version);
  std::ostringstream text;
  text << toml::json_formatter{body}; // its default: indented, dates as strings
  out.data_raw(text.str() + "\n");
}

} // namespace migratecpp::migrate
