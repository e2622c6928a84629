#pragma once
// The memory of the compensating failure strategy: what already ran of the revision (or of
// the run, with one transaction for the whole run) on a database whose DDL commits on its
// own (MySQL), so that a failure can undo it, newest first, op by op and statement by
// statement.
#include "dialects/dialect.h"
#include "migrate/statement_sink.h"
#include "schema/model.h"
#include "schema/ops.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace migratecpp::migrate {

class UndoJournal {
public:
  struct Outcome {
    std::vector<std::string> undone;     // newest first
    std::vector<std::string> not_undone; // newest first, each with the reason
  };

  // An op whose statements all ran. It is undone by its reverse op (schema::reverse) rendered
  // against the schema of the moment, else by the statements' own reverses if every one has
  // one (bulk_insert), else reported as not undone.
  void op_done(std::string what, schema::Op op, std::vector<dialects::Statement> ran);
  // Statements that ran of something that did not finish (an op that failed partway) or that
  // has no op (a version-row write). Undone statement by statement, newest first, up to the
  // first one without a reverse: the ones before it assumed it had run.
  void statements_ran(std::string what, std::vector<dialects::Statement> ran);

  // migratecpp's own bookkeeping (a revision's begin marker in the history table): undone
  // like statements_ran, but not listed among what was undone (the user's changes).
  void bookkeeping_ran(std::string what, dialects::Statement ran);

  bool empty() const { return m_entries.empty(); }
  void clear() { m_entries.clear(); }

  // Undoes everything recorded, newest first, through `sink`, and empties the journal.
  // `state` is the schema as it stands now; reverse ops are rendered against it and applied
  // to it. `reread` (may be empty) reads the live schema where the model cannot follow (after
  // an execute). Stops at the first undo statement the database refuses: what is older is
  // then reported as not undone.
  Outcome undo(const dialects::Dialect& dialect, Sink& sink, schema::Database& state,
               const std::function<schema::Database()>& reread);

private:
  struct Entry {
    std::string what;
    std::optional<schema::Op> op; // set for a finished op
    std::vector<dialects::Statement> ran;
    bool quiet = false; // bookkeeping: not listed as undone
  };
  std::vector<Entry> m_entries;
};

} // namespace migratecpp::migrate
