#include "dialects/sequence_sql.h"

namespace migratecpp::dialects {

std::string sequence_options_sql(const schema::Sequence& s) {
  std::string out;
  if (s.start) {
    out += " START WITH " + std::to_string(*s.start);
  }
  if (s.increment) {
    out += " INCREMENT BY " + std::to_string(*s.increment);
  }
  if (s.min) {
    out += " MINVALUE " + std::to_string(*s.min);
  }
  if (s.max) {
    out += " MAXVALUE " + std::to_string(*s.max);
  }
  if (s.cache) {
    out += " CACHE " + std::to_string(*s.cache);
  }
  if (s.cycle) {
    out += " CYCLE";
  }
  return out;
}

std::string sequence_changes_sql(const schema::Sequence& from, const schema::Sequence& to,
                                 std::int64_t default_cache) {
  std::string out;
  if (from.increment != to.increment) {
    out += " INCREMENT BY " + std::to_string(to.increment.value_or(1));
  }
  if (from.min != to.min) {
    out += to.min ? " MINVALUE " + std::to_string(*to.min) : std::string(" NO MINVALUE");
  }
  if (from.max != to.max) {
    out += to.max ? " MAXVALUE " + std::to_string(*to.max) : std::string(" NO MAXVALUE");
  }
  if (from.start != to.start || (!to.start && (from.min != to.min || from.max != to.max))) {
    if (to.start) {
      out += " START WITH " + std::to_string(*to.start);
    } else if (to.increment.value_or(1) > 0) {
      out += to.min ? " START WITH " + std::to_string(*to.min) : std::string(" START WITH 1");
    } else {
      out += to.max ? " START WITH " + std::to_string(*to.max) : std::string(" START WITH -1");
    }
  }
  if (from.cache != to.cache) {
    out += " CACHE " + std::to_string(to.cache.value_or(default_cache));
  }
  if (from.cycle != to.cycle) {
    out += to.cycle ? " CYCLE" : " NO CYCLE";
  }
  return out;
}

} // namespace migratecpp::dialects
