#include "schema/routine.h"

#include "util/strings.h"

namespace migratecpp::schema {

bool Routine::operator==(const Routine& o) const {
  return name == o.name && kind == o.kind && arguments == o.arguments && returns == o.returns &&
         definition == o.definition && session == o.session;
}

const Routine* find_routine(const Database& db, const std::string& kind, const std::string& name,
                            const std::string& arguments) {
  for (const auto& r : db.routines) {
    if (r.kind == kind && r.name == name && r.arguments == arguments) {
      return &r;
    }
  }
  return nullptr;
}

const Trigger* find_trigger(const Database& db, const std::string& table, const std::string& name) {
  for (const auto& t : db.triggers) {
    if (t.table == table && t.name == name) {
      return &t;
    }
  }
  return nullptr;
}

std::string routine_label(const Routine& routine) {
  return routine.kind + " " + util::squote(routine.name + "(" + routine.arguments + ")");
}

std::string routine_key(const Routine& routine) {
  return routine.kind + " " + routine.name + "(" + routine.arguments + ")";
}

std::string trigger_label(const std::string& table, const std::string& name) {
  return "trigger " + util::squote(name) + " on " + util::squote(table);
}

} // namespace migratecpp::schema
