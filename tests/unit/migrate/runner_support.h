#pragma once
// What the runner tests share (runner_test, runner_reread_test, runner_rebuild_group_test):
// a real SQLite dialect that claims no transactional DDL, so that the runner takes its
// compensating strategy (MySQL's) on a real file, and small builders of revisions and steps.
#include "db/sqlite/sqlite_helpers.h"
#include "migrate/runner.h"

#include <string>
#include <vector>

namespace migratecpp::test::runner {

// Real SQLite that claims its DDL commits on its own: the runner then compensates.
class NoTransactionalDdl : public dialects::sqlite::SqliteDialect {
public:
  bool transactional_ddl() const override { return false; }
};

inline const NoTransactionalDdl& compensating() {
  static const NoTransactionalDdl dialect{};
  return dialect;
}

inline std::vector<const dialects::Dialect*> both_strategies() {
  return {&sqlite_dialect(), &compensating()};
}

// A revision of `upgrade` ops, its ops on lines 10, 20, ... of `<id>.toml`.
inline migrate::RevisionFile revision(std::string id, std::vector<std::string> down,
                                      std::vector<schema::Op> upgrade) {
  migrate::RevisionFile f;
  f.revision.id = std::move(id);
  f.revision.down_revisions = std::move(down);
  f.revision.where.path = f.revision.id + ".toml";
  f.upgrade = std::move(upgrade);
  for (std::size_t i = 0; i < f.upgrade.size(); ++i) {
    f.upgrade_lines.push_back(10 * (i + 1));
  }
  return f;
}

inline migrate::Step step(const migrate::RevisionFile& f, std::vector<std::string> before,
                          std::vector<std::string> after) {
  migrate::Step s;
  s.file = &f;
  s.rows_before = std::move(before);
  s.rows_after = std::move(after);
  return s;
}

inline schema::Execute execute(std::string sql, std::string reverse = "") {
  schema::Execute e;
  e.sql[""] = std::move(sql);
  if (!reverse.empty()) {
    e.reverse_sql[""] = std::move(reverse);
  }
  return e;
}

// The last line of an error: where the database is after the failure.
inline std::string last_line(const std::string& message) {
  return message.substr(message.rfind('\n') + 1);
}

} // namespace migratecpp::test::runner
