#pragma once
// One revision as the graph sees it: ids and edges, plus what is shown to users.
// The ops live beside it in RevisionFile (migrate/revision_file.h): the graph needs none of them.
#include "schema/ops.h"
#include "util/error.h"

#include <string>
#include <vector>

namespace migratecpp::migrate {

struct Revision {
  std::string id;
  std::vector<std::string> down_revisions; // empty = a root; two or more = a merge
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on; // ids, unique prefixes or branch labels, as written
  std::string message;
  std::string create_date; // as written, e.g. "2026-11-23T10:15:00Z"
  util::Location where;    // the file (line 0) it came from, for messages
};

struct RevisionFile {
  Revision revision;
  std::vector<schema::Op> upgrade;
  std::vector<schema::Op> downgrade;
  // The line of each op's [[upgrade]] / [[downgrade]] table (0 where unknown), so that a
  // failing op is reported at path:line.
  std::vector<std::size_t> upgrade_lines;
  std::vector<std::size_t> downgrade_lines;
};

} // namespace migratecpp::migrate
