#include "migrate/model_routines.h"

#include "schema/routine.h"
#include "util/strings.h"

#include <map>

namespace migratecpp::migrate {

namespace {

std::string first_at(const util::Location& first, const util::Location& here) {
  if (first.path == here.path) {
    return "line " + std::to_string(first.line);
  }
  return first.path + ":" + std::to_string(first.line);
}

} // namespace

void check_routines(const schema::Database& db, const std::vector<util::Location>& routines,
                    const std::vector<util::Location>& triggers) {
  std::map<std::string, util::Location> seen;
  for (std::size_t i = 0; i < db.routines.size(); ++i) {
    const schema::Routine& r = db.routines[i];
    auto [it, inserted] = seen.emplace(schema::routine_key(r), routines[i]);
    if (!inserted) {
      throw util::Error("duplicate " + schema::routine_label(r) + " (first defined at " +
                            first_at(it->second, routines[i]) + ")",
                        routines[i]);
    }
  }
  std::map<std::pair<std::string, std::string>, util::Location> seen_triggers;
  for (std::size_t i = 0; i < db.triggers.size(); ++i) {
    const schema::Trigger& t = db.triggers[i];
    auto [it, inserted] = seen_triggers.emplace(std::pair{t.table, t.name}, triggers[i]);
    if (!inserted) {
      throw util::Error("duplicate " + schema::trigger_label(t.table, t.name) +
                            " (first defined at " + first_at(it->second, triggers[i]) + ")",
                        triggers[i]);
    }
    if (db.find_table(t.table) == nullptr) {
      throw util::Error(schema::trigger_label(t.table, t.name) + ": table " +
                            util::squote(t.table) + " is not in the models",
                        triggers[i]);
    }
  }
}

void check_routines_for_dialect(const schema::Database& db,
                                const std::vector<util::Location>& routines,
                                const std::vector<util::Location>& triggers,
                                const dialects::Dialect& dialect) {
  const std::string on = " on " + std::string(dialect.name());
  if (!dialect.has_routines() && !db.routines.empty()) {
    throw util::Error(schema::routine_label(db.routines[0]) + ": there are no " +
                          db.routines[0].kind + "s" + on,
                      routines[0]);
  }
  // sql_mode and the character sets a routine or trigger was created under: MySQL's.
  auto refuse_session = [&](const schema::SessionSettings& s, const std::string& what,
                            const util::Location& where) {
    if (!s.empty() && !dialect.keeps_session_settings()) {
      const char* key = s.sql_mode               ? "sql_mode"
                        : s.character_set_client ? "character_set_client"
                                                 : "collation_connection";
      throw util::Error(what + ": " + util::squote(key) +
                            " is MySQL's (the session a routine or "
                            "trigger was created under); there is none" +
                            on,
                        where);
    }
  };
  for (std::size_t i = 0; i < db.routines.size(); ++i) {
    refuse_session(db.routines[i].session, schema::routine_label(db.routines[i]), routines[i]);
  }
  for (std::size_t i = 0; i < db.triggers.size(); ++i) {
    const schema::Trigger& t = db.triggers[i];
    refuse_session(t.session, schema::trigger_label(t.table, t.name), triggers[i]);
  }
  const auto features = dialect.trigger_features();
  std::map<std::string, std::size_t> names;
  for (std::size_t i = 0; i < db.triggers.size(); ++i) {
    const schema::Trigger& t = db.triggers[i];
    const std::string what = schema::trigger_label(t.table, t.name) + ": ";
    auto refuse = [&](const std::string& why) { throw util::Error(what + why, triggers[i]); };
    if (!features.names_per_table) {
      auto [it, inserted] = names.emplace(t.name, i);
      if (!inserted) {
        throw util::Error("duplicate trigger name " + util::squote(t.name) + " (on " +
                              util::squote(db.triggers[it->second].table) + " at " +
                              first_at(triggers[it->second], triggers[i]) +
                              "): trigger names are per schema" + on,
                          triggers[i]);
      }
    }
    if (features.calls_function && !t.function) {
      refuse("a trigger calls a function" + on + " (function = \"f()\"), it has no 'body'");
    }
    if (!features.calls_function && t.function) {
      refuse("a trigger has a 'body'" + on + ", it calls no 'function'");
    }
    if (t.events.size() > 1 && !features.several_events) {
      refuse("a trigger has one event" + on + " (make one trigger per event)");
    }
    if (!features.for_each_statement) {
      if (!t.for_each_row) {
        refuse("triggers run for each row" + on + " (for_each = \"statement\" is PostgreSQL's)");
      }
      for (const auto& e : t.events) {
        if (e == "truncate") {
          refuse("there are no truncate triggers" + on);
        }
      }
    }
    if (t.when && !features.when) {
      refuse("a trigger has no 'when' condition" + on + " (test it in the body)");
    }
    if (t.order && !features.order) {
      refuse("'order' (follows/precedes) is MySQL's; triggers have no order" + on);
    }
  }
}

} // namespace migratecpp::migrate
