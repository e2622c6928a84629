#pragma once
// The part of the diff for the schema objects beside tables and enums: extensions, domains
// and sequences. Each kind compares by name; the ops come back grouped by where they run in
// the upgrade (see diff.h for the whole order).
#include "schema/model.h"
#include "schema/ops.h"

#include <string>
#include <vector>

namespace migratecpp::migrate {

struct ObjectChanges {
  std::vector<schema::Op> extensions;       // created, updated: first of all
  std::vector<schema::Op> domains;          // created, changed: after enum types
  std::vector<schema::Op> sequences;        // created (never with OWNED BY), before tables
  std::vector<schema::Op> sequence_unowned; // OWNED BY given up, before any table is dropped
  std::vector<schema::Op> sequence_changes; // options and OWNED BY, once the tables exist
  std::vector<schema::Op> sequence_drops;   // at the end, then domain and extension drops
  std::vector<schema::Op> domain_drops;
  std::vector<schema::Op> extension_drops;
  std::vector<std::string> warnings;
};

ObjectChanges diff_objects(const schema::Database& current, const schema::Database& desired);

// The form two sequences compare in: the options every dialect defaults alike (increment 1,
// type bigint) left out, the type lowercased.
schema::Sequence comparable(schema::Sequence s);

} // namespace migratecpp::migrate
