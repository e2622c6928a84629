#include "migrate/undo_journal.h"

#include "schema/apply.h"
#include "util/error.h"

#include <algorithm>

namespace migratecpp::migrate {

namespace {

// The database refused an undo statement: nothing older can safely be undone.
struct UndoFailed {
  std::string message;
};

void run_undo(Sink& sink, const dialects::Statement& s) {
  try {
    sink.execute(s);
  } catch (const util::Error& e) {
    throw UndoFailed{e.what()};
  }
}

bool all_reversible(const std::vector<dialects::Statement>& ran) {
  return std::all_of(ran.begin(), ran.end(),
                     [](const dialects::Statement& s) { return s.undo.has_value(); });
}

// Runs the reverses of `ran`, newest first, up to the first statement that has none; returns
// that statement's index, or nullopt if all were undone.
std::optional<std::size_t> undo_statements(Sink& sink,
                                           const std::vector<dialects::Statement>& ran) {
  for (std::size_t i = ran.size(); i-- > 0;) {
    const auto& s = ran[i];
    if (!s.undo) {
      return i;
    }
    if (!s.undo->empty()) {
      run_undo(sink, {*s.undo, "undo: " + s.comment});
    }
  }
  return std::nullopt;
}

void follow(schema::Database& state, const schema::Op& op,
            const std::function<schema::Database()>& reread) {
  try {
    schema::apply(state, op);
  } catch (const util::Error&) {
    if (reread) {
      state = reread();
    }
    return;
  }
  if (std::holds_alternative<schema::Execute>(op) && reread) {
    state = reread();
  }
}

} // namespace

void UndoJournal::op_done(std::string what, schema::Op op, std::vector<dialects::Statement> ran) {
  m_entries.push_back({std::move(what), std::move(op), std::move(ran)});
}

void UndoJournal::statements_ran(std::string what, std::vector<dialects::Statement> ran) {
  if (!ran.empty()) {
    m_entries.push_back({std::move(what), std::nullopt, std::move(ran)});
  }
}

void UndoJournal::bookkeeping_ran(std::string what, dialects::Statement ran) {
  m_entries.push_back({std::move(what), std::nullopt, {std::move(ran)}, true});
}

UndoJournal::Outcome UndoJournal::undo(const dialects::Dialect& dialect, Sink& sink,
                                       schema::Database& state,
                                       const std::function<schema::Database()>& reread) {
  Outcome out;
  std::vector<Entry> entries;
  entries.swap(m_entries);
  std::optional<std::string> stopped; // why undoing stopped
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const Entry& e = *it;
    if (stopped) {
      if (!e.ran.empty()) {
        out.not_undone.push_back(e.what + " (not attempted after the failed undo)");
      }
      continue;
    }
    try {
      if (e.op) {
        // Nothing ran (an execute with no SQL for this dialect, an enum op on SQLite): only
        // the model follows.
        std::optional<schema::Op> reverse;
        std::string why_not;
        try {
          reverse = schema::reverse(*e.op);
        } catch (const util::Error& err) {
          why_not = err.message();
        }
        if (e.ran.empty()) {
          if (reverse) {
            follow(state, *reverse, reread);
          }
          continue;
        }
        std::optional<std::vector<dialects::Statement>> rendered;
        if (reverse) {
          try {
            // With the connection, so that a SQLite rebuild keeps what the model does not
            // say (triggers as stored, STRICT, ...), as the op's own rebuild did.
            dialects::RenderContext context;
            context.live = sink.connection();
            rendered = dialect.render(*reverse, state, context);
          } catch (const util::Error& err) {
            why_not = "its reverse does not render: " + err.message();
          }
        }
        if (rendered) {
          for (const auto& s : *rendered) {
            run_undo(sink, s);
          }
          follow(state, *reverse, reread);
          out.undone.push_back(e.what);
        } else if (all_reversible(e.ran)) {
          undo_statements(sink, e.ran);
          if (reread) {
            state = reread();
          }
          out.undone.push_back(e.what);
        } else {
          if (std::holds_alternative<schema::BulkInsert>(*e.op)) {
            why_not = "the rows it inserted cannot be told from others (no primary key given "
                      "in the rows)";
          }
          out.not_undone.push_back(e.what + ": " + why_not);
        }
        continue;
      }
      const auto missing = undo_statements(sink, e.ran);
      if (!missing && e.quiet) {
        continue;
      }
      if (!missing) {
        out.undone.push_back(e.what + (e.ran.size() == 1 ? " (the statement that ran)"
                                                         : " (the " + std::to_string(e.ran.size()) +
                                                               " statements that ran)"));
      } else {
        const auto& s = e.ran[*missing];
        out.not_undone.push_back(e.what + ": statement " + std::to_string(*missing + 1) + " (" +
                                 s.comment + ") has no known reverse" +
                                 (*missing == 0 ? "" : ", nor were the ones before it undone"));
      }
    } catch (const UndoFailed& f) {
      stopped = f.message;
      out.not_undone.push_back(e.what + " (undoing it failed: " + f.message + ")");
    }
  }
  return out;
}

} // namespace migratecpp::migrate
