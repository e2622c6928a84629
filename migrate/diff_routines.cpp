#include "migrate/diff_routines.h"

#include "schema/routine.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace migratecpp::migrate {

namespace {

using schema::Op;
using schema::Routine;
using schema::Trigger;

bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool same_optional_sql(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) {
    return a.has_value() == b.has_value();
  }
  return same_sql(*a, *b);
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  for (auto& e : v) {
    std::transform(e.begin(), e.end(), e.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  std::sort(v.begin(), v.end());
  return v;
}

// A body without the BEGIN ... END around it ("BEGIN x; END" and "x" run the same).
std::optional<std::string> body_core(const std::optional<std::string>& body) {
  if (!body) {
    return body;
  }
  auto tokens = util::sql::tokenize(*body);
  std::erase_if(tokens,
                [](const util::sql::Token& t) { return t.kind == util::sql::TokenKind::comment; });
  if (tokens.size() >= 2 && util::sql::is_keyword(tokens.front(), "BEGIN") &&
      util::sql::is_keyword(tokens.back(), "END")) {
    const auto start = tokens.front().offset + tokens.front().text.size();
    return body->substr(start, tokens.back().offset - start);
  }
  return body;
}

// `want` is the model's: an order it does not give is not compared (the database numbers
// triggers of one table, timing and event whatever the model says).
bool same_trigger(const Trigger& have, const Trigger& want) {
  return have.timing == want.timing && sorted(have.events) == sorted(want.events) &&
         have.for_each_row == want.for_each_row && same_optional_sql(have.when, want.when) &&
         same_optional_sql(have.function, want.function) &&
         same_optional_sql(body_core(have.body), body_core(want.body)) &&
         (!want.order || same_optional_sql(have.order, want.order)) &&
         schema::same_session_settings(have.session, want.session);
}

// The model's definition is the live one's, in its stored spelling or another the server
// prints for it (Routine::alternate_definitions), and so are the session settings it gives.
bool same_routine(const Routine& have, const Routine& want) {
  if (!schema::same_session_settings(have.session, want.session)) {
    return false;
  }
  if (same_sql(have.definition, want.definition)) {
    return true;
  }
  return std::any_of(have.alternate_definitions.begin(), have.alternate_definitions.end(),
                     [&](const std::string& d) { return same_sql(d, want.definition); });
}

// The name of the function a PostgreSQL trigger calls: "last_updated" of "last_updated()",
// "f" of "public.f('x')".
std::string called_function(const Trigger& t) {
  if (!t.function) {
    return "";
  }
  const auto tokens = util::sql::tokenize(*t.function);
  std::string name;
  for (const auto& tok : tokens) {
    if (util::sql::is_punct(tok, "(")) {
      break;
    }
    if (util::sql::is_identifier(tok)) {
      name = util::sql::identifier_value(tok);
    }
  }
  return name;
}

// True when the routine's arguments or result name a table of `db` (its row type).
bool uses_table_type(const Routine& r, const schema::Database& db) {
  // The tokens point into the text: it must outlive them (not a temporary of the loop's head).
  const std::string text = r.arguments + " " + r.returns.value_or("");
  for (const auto& tok : util::sql::tokenize(text)) {
    if (util::sql::is_identifier(tok) &&
        db.find_table(util::sql::identifier_value(tok)) != nullptr) {
      return true;
    }
  }
  return false;
}

} // namespace

bool same_sql(std::string_view a, std::string_view b) {
  auto code = [](std::string_view text) {
    auto tokens = util::sql::tokenize(text);
    std::erase_if(tokens, [](const util::sql::Token& t) {
      return t.kind == util::sql::TokenKind::comment || util::sql::is_punct(t, ";");
    });
    return tokens;
  };
  const auto x = code(a);
  const auto y = code(b);
  if (x.size() != y.size()) {
    return false;
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i].kind != y[i].kind) {
      return false;
    }
    const bool equal = x[i].kind == util::sql::TokenKind::word ? same_word(x[i].text, y[i].text)
                                                               : x[i].text == y[i].text;
    if (!equal) {
      return false;
    }
  }
  return true;
}

RoutineChanges diff_routines(const schema::Database& current, const schema::Database& desired) {
  RoutineChanges out;
  // Functions dropped (removed, or dropped and created again): PostgreSQL refuses to drop one
  // a trigger calls, so such triggers are dropped first and, where they stay, created again.
  std::set<std::string> dropped_functions;
  for (const Routine& want : desired.routines) {
    const Routine* have = schema::find_routine(current, want.kind, want.name, want.arguments);
    auto& ops = uses_table_type(want, desired) ? out.table_typed_routines : out.routines;
    if (have == nullptr) {
      ops.push_back(schema::CreateRoutine{want});
      continue;
    }
    if (same_routine(*have, want)) {
      continue;
    }
    const bool result_changes = have->returns && want.returns && *have->returns != *want.returns;
    if (!result_changes) {
      ops.push_back(schema::ReplaceRoutine{want, *have});
      continue;
    }
    // CREATE OR REPLACE cannot change a function's result type.
    ops.push_back(schema::DropRoutine{have->name, have->kind, have->arguments, *have});
    ops.push_back(schema::CreateRoutine{want});
    dropped_functions.insert(want.name);
    out.warnings.push_back(schema::routine_label(want) + " changes its result type (" +
                           *have->returns + " -> " + *want.returns +
                           "): it is dropped and created again");
  }
  for (const Routine& have : current.routines) {
    if (schema::find_routine(desired, have.kind, have.name, have.arguments) == nullptr) {
      auto& ops = uses_table_type(have, current) ? out.table_typed_drops : out.routine_drops;
      ops.push_back(schema::DropRoutine{have.name, have.kind, have.arguments, have});
      dropped_functions.insert(have.name);
    }
  }
  // Triggers: a removed or changed one is dropped first; a new or changed one created last.
  std::vector<const Trigger*> creates;
  for (const Trigger& have : current.triggers) {
    const Trigger* want = schema::find_trigger(desired, have.table, have.name);
    const bool calls_dropped = dropped_functions.count(called_function(have)) != 0;
    if (want != nullptr && same_trigger(have, *want) && !calls_dropped) {
      continue;
    }
    out.trigger_drops.push_back(schema::DropTrigger{have.table, have.name, have});
    if (want != nullptr) {
      creates.push_back(want);
    }
  }
  for (const Trigger& want : desired.triggers) {
    if (schema::find_trigger(current, want.table, want.name) == nullptr) {
      creates.push_back(&want);
    }
  }
  std::stable_sort(creates.begin(), creates.end(), [](const Trigger* a, const Trigger* b) {
    return std::tie(a->table, a->name) < std::tie(b->table, b->name);
  });
  // MySQL: a trigger that FOLLOWS/PRECEDES another comes after it.
  std::vector<const Trigger*> ordered;
  std::set<std::pair<std::string, std::string>> placed;
  while (ordered.size() < creates.size()) {
    const std::size_t before = ordered.size();
    for (const Trigger* t : creates) {
      if (placed.count({t->table, t->name}) != 0) {
        continue;
      }
      std::string after;
      if (t->order) {
        after = t->order->substr(t->order->find(' ') + 1);
      }
      const bool waits =
          !after.empty() && std::any_of(creates.begin(), creates.end(), [&](const Trigger* o) {
            return o->name == after && placed.count({o->table, o->name}) == 0;
          });
      if (!waits) {
        ordered.push_back(t);
        placed.insert({t->table, t->name});
      }
    }
    if (ordered.size() == before) { // a cycle: leave the rest as they are
      for (const Trigger* t : creates) {
        if (placed.insert({t->table, t->name}).second) {
          ordered.push_back(t);
        }
      }
    }
  }
  for (const Trigger* t : ordered) {
    out.triggers.push_back(schema::CreateTrigger{*t});
  }
  return out;
}

} // namespace migratecpp::migrate
