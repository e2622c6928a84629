#pragma once
// A revision as the library reports it (current, heads, history).
#include <string>
#include <vector>

namespace migratecpp {

struct Revision {
  std::string id;
  std::string message;
  std::vector<std::string> down_revisions; // empty: a root
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string create_date;
  std::string file; // the revision file's path, or its embedded name
  bool is_head = false;
  bool is_branch_point = false;
  bool is_merge_point = false;
};

} // namespace migratecpp
