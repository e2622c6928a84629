#include "dialects/routine_sql.h"

#include "schema/routine.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace migratecpp::dialects {

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// Index of the first code token (comments skipped) at or after `i`.
std::size_t code_at(const std::vector<util::sql::Token>& t, std::size_t i) {
  while (i < t.size() && t[i].kind == util::sql::TokenKind::comment) {
    ++i;
  }
  return i;
}

} // namespace

std::string create_routine_sql(std::string_view definition, const util::sql::Syntax& syntax) {
  const auto t = util::sql::tokenize(definition, syntax);
  const std::size_t c = code_at(t, 0);
  const std::size_t o = code_at(t, c + 1);
  const std::size_t r = code_at(t, o + 1);
  if (r < t.size() && util::sql::is_keyword(t[c], "CREATE") && util::sql::is_keyword(t[o], "OR") &&
      util::sql::is_keyword(t[r], "REPLACE")) {
    return std::string(definition.substr(0, t[o].offset)) +
           std::string(definition.substr(t[r].offset + t[r].text.size() + 1));
  }
  return std::string(definition);
}

std::string replace_routine_sql(std::string_view definition, const util::sql::Syntax& syntax) {
  const std::string created = create_routine_sql(definition, syntax);
  const auto t = util::sql::tokenize(created, syntax);
  const std::size_t c = code_at(t, 0);
  if (c >= t.size()) {
    return created;
  }
  const std::size_t after = t[c].offset + t[c].text.size();
  return created.substr(0, after) + " OR REPLACE" + created.substr(after);
}

void check_routine_definition(const schema::Routine& routine, const util::sql::Syntax& syntax) {
  const auto t = util::sql::tokenize(routine.definition, syntax);
  const std::size_t c = code_at(t, 0);
  bool ok = c < t.size() && util::sql::is_keyword(t[c], "CREATE");
  // CREATE [OR REPLACE] [DEFINER = user] FUNCTION: the first FUNCTION or PROCEDURE word.
  bool found = false;
  for (std::size_t i = c + 1; ok && !found && i < t.size() && i < c + 12; ++i) {
    if (util::sql::is_keyword(t[i], "FUNCTION") || util::sql::is_keyword(t[i], "PROCEDURE")) {
      found = true;
      ok = util::sql::is_keyword(t[i], routine.kind);
    }
  }
  if (!ok || !found) {
    throw util::Error(schema::routine_label(routine) + ": 'definition' must be the whole CREATE " +
                      upper(routine.kind) + " statement");
  }
}

std::string trigger_events_sql(const schema::Trigger& trigger) {
  std::vector<std::string> events;
  for (const auto& e : trigger.events) {
    if (e.rfind("update of ", 0) == 0) {
      events.push_back("UPDATE OF " + e.substr(10));
    } else {
      events.push_back(upper(e));
    }
  }
  return util::join(events, " OR ");
}

std::string trigger_timing_sql(const schema::Trigger& trigger) {
  return upper(trigger.timing);
}

} // namespace migratecpp::dialects
