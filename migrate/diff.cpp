// The differ: classifies tables, diffs each kept one, and lays the ops out in steps that run
// (see diff.h for the order). Comparison forms, matching, foreign-key order and descriptions
// live in diff_normalize, diff_match, diff_order and diff_describe.
#include "migrate/diff.h"

#include "migrate/diff_aggregates.h"
#include "migrate/diff_describe.h"
#include "migrate/diff_match.h"
#include "migrate/diff_normalize.h"
#include "migrate/diff_objects.h"
#include "migrate/diff_order.h"
#include "migrate/diff_partitions.h"
#include "migrate/diff_routines.h"
#include "migrate/diff_views.h"
#include "migrate/diff_virtual_tables.h"
#include "schema/column_uses.h"
#include "schema/naming.h"
#include "schema/types.h"
#include "util/strings.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace migratecpp::migrate {

namespace {

using schema::AddColumn;
using schema::AddEnumValue;
using schema::AlterColumn;
using schema::CheckConstraint;
using schema::Column;
using schema::CreateCheck;
using schema::CreateEnum;
using schema::CreateForeignKey;
using schema::CreateIndex;
using schema::CreateTable;
using schema::CreateUnique;
using schema::Database;
using schema::DropColumn;
using schema::DropConstraint;
using schema::DropEnum;
using schema::DropIndex;
using schema::DropTable;
using schema::Enum;
using schema::ForeignKey;
using schema::Op;
using schema::SetTableComment;
using schema::Table;
using schema::UniqueConstraint;

// ---------------------------------------------------------------------------------------------
// Small helpers

std::set<std::string> primary_key_set(const Table& t) {
  const auto pk = t.primary_key();
  return {pk.begin(), pk.end()};
}

DropConstraint drop_of(const std::string& table, const UniqueConstraint& u) {
  return DropConstraint{table, u.name, u, std::nullopt, std::nullopt};
}
DropConstraint drop_of(const std::string& table, const ForeignKey& f) {
  return DropConstraint{table, f.name, std::nullopt, f, std::nullopt};
}
DropConstraint drop_of(const std::string& table, const CheckConstraint& c) {
  return DropConstraint{table, c.name, std::nullopt, std::nullopt, c};
}

// Names unnamed objects a diff creates on an existing table, as name_unnamed does for a new
// one: a later revision must be able to drop them, and the downgrade must now.
class NameClaimer {
public:
  void take(const std::string& name) {
    if (!name.empty()) {
      m_taken.insert(name);
    }
  }
  std::string claim(const std::string& base) {
    std::string name = base;
    for (int n = 2; m_taken.count(name) != 0; ++n) {
      name = schema::normalize_name(base + "_" + std::to_string(n));
    }
    m_taken.insert(name);
    return name;
  }

private:
  std::set<std::string> m_taken;
};

// ---------------------------------------------------------------------------------------------
// The differ

// What changes inside one table that exists on both sides, grouped by the step it runs in.
struct TableChanges {
  std::vector<Op> drop_foreign_keys;
  std::vector<Op> drop_others; // indexes, uniques, checks
  std::vector<Op> columns;     // added, altered, dropped
  std::vector<Op> create_others;
  std::vector<Op> create_foreign_keys;
  std::vector<Op> comment; // and table options
  // Unchanged foreign keys: (as they are, as they would be created again, named).
  std::vector<std::pair<ForeignKey, ForeignKey>> kept_foreign_keys;
  // Column sets (sorted) of unique constraints and unique indexes dropped here, which a
  // foreign key to this table may rely on.
  std::set<std::string> dropped_unique_keys;
  // Columns dropped and added again because their generation changes: the database drops
  // the indexes and constraints on them with them (or refuses to drop them under one).
  std::set<std::string> regenerated;
  // Columns whose type changes here, which a foreign key may involve.
  std::set<std::string> retyped_columns;
  // Columns or the indexes/constraints a foreign key may rely on change: a new table's
  // foreign keys to this table wait until the end.
  bool reshaped() const {
    return !drop_others.empty() || !columns.empty() || !create_others.empty();
  }
};

// A group of ops and what undoes it; nullopt = reverse_all(up).
struct Step {
  std::vector<Op> up;
  std::optional<std::vector<Op>> down;
};

class Differ {
public:
  Differ(const Database& current, const Database& desired, const DiffOptions& options)
      : m_current(current), m_desired(desired), m_options(options) {}

  DiffResult run();

private:
  void classify_tables();
  void diff_enums();
  std::vector<Op> recreate_enum(const Enum& from, const Enum& to) const;
  TableChanges diff_table(const Table& cur, const Table& des);
  void diff_table_options(const Table& cur, const Table& des, TableChanges& changes);
  void diff_columns(const Table& cur, const Table& des, TableChanges& changes);
  void diff_indexes_and_constraints(const Table& cur, const Table& des, TableChanges& changes);
  void recreate_blocking_foreign_keys();
  void detect_table_renames();
  void add_step(std::vector<Op> ops) {
    if (!ops.empty()) {
      m_steps.push_back(Step{std::move(ops), std::nullopt});
    }
  }

  const Database& m_current;
  const Database& m_desired;
  const DiffOptions& m_options;

  std::map<std::string, const Table*> m_current_tables; // excluded ones left out
  std::map<std::string, const Table*> m_desired_tables;
  std::vector<std::string> m_kept; // on both sides, altered in place
  std::vector<std::string> m_dropped;
  std::vector<std::string> m_created;
  std::map<std::string, TableChanges> m_changes; // per kept table

  std::set<std::string> reshaped_tables() const;

  std::vector<Step> m_steps;
  std::vector<Op> m_enum_drops;
  std::vector<RenameHint> m_renames;
  std::vector<std::string> m_warnings;
};

// Tables dropped, or whose columns change under the views that read them (diff_views.h), by
// any step so far (the models' changes, an enum type recreated under its columns).
std::set<std::string> Differ::reshaped_tables() const {
  std::set<std::string> out(m_dropped.begin(), m_dropped.end());
  for (const auto& step : m_steps) {
    for (const auto& op : step.up) {
      const auto* alter = std::get_if<AlterColumn>(&op);
      if (std::holds_alternative<DropColumn>(op) ||
          (alter != nullptr && (alter->type || alter->new_name || alter->collation))) {
        out.insert(schema::op_table(op));
      }
    }
  }
  return out;
}

void Differ::classify_tables() {
  const std::set<std::string> excluded(m_options.exclude_tables.begin(),
                                       m_options.exclude_tables.end());
  auto managed = [&](const std::string& name) {
    return excluded.count(name) == 0 && m_options.objects.manages("tables", name);
  };
  for (const auto& t : m_current.tables) {
    if (managed(t.name)) {
      m_current_tables[t.name] = &t;
    }
  }
  for (const auto& t : m_desired.tables) {
    if (managed(t.name)) {
      m_desired_tables[t.name] = &t;
    }
  }
  for (const auto& [name, cur] : m_current_tables) {
    auto it = m_desired_tables.find(name);
    if (it == m_desired_tables.end()) {
      m_dropped.push_back(name);
      continue;
    }
    // Kept, and altered in place: a changed primary key or autoincrement too
    // (alter_primary_key, alter_column autoincrement), so that the rows stay.
    m_kept.push_back(name);
  }
  for (const auto& [name, des] : m_desired_tables) {
    if (m_current_tables.count(name) == 0) {
      m_created.push_back(name);
    }
  }
}

// Enum types: PostgreSQL can add a value (anywhere) but never remove or move one.
void Differ::diff_enums() {
  std::map<std::string, const Enum*> cur;
  std::map<std::string, const Enum*> des;
  for (const auto& e : m_current.enums) {
    if (m_options.objects.manages("enums", e.name)) {
      cur[e.name] = &e;
    }
  }
  for (const auto& e : m_desired.enums) {
    if (m_options.objects.manages("enums", e.name)) {
      des[e.name] = &e;
    }
  }
  for (const auto& [name, e] : des) {
    if (cur.count(name) == 0) {
      add_step({CreateEnum{*e}});
    }
  }
  for (const auto& [name, d] : des) {
    auto it = cur.find(name);
    if (it == cur.end() || it->second->values == d->values) {
      continue;
    }
    const Enum& c = *it->second;
    // Values only added, the old ones still in their order: ADD VALUE [BEFORE].
    std::size_t matched = 0;
    for (const auto& v : d->values) {
      if (matched < c.values.size() && v == c.values[matched]) {
        ++matched;
      }
    }
    // `d = d`: clang before 16 cannot capture a structured binding by name.
    const bool only_added =
        matched == c.values.size() &&
        std::all_of(c.values.begin(), c.values.end(), [&, d = d](const std::string& v) {
          return std::count(d->values.begin(), d->values.end(), v) == 1;
        });
    if (only_added) {
      std::vector<Op> ops;
      for (std::size_t i = 0; i < d->values.size(); ++i) {
        const std::string& v = d->values[i];
        if (std::find(c.values.begin(), c.values.end(), v) != c.values.end()) {
          continue;
        }
        // Anchor on the next value that already exists; none = append.
        std::optional<std::string> before;
        for (std::size_t j = i + 1; j < d->values.size() && !before; ++j) {
          if (std::find(c.values.begin(), c.values.end(), d->values[j]) != c.values.end()) {
            before = d->values[j];
          }
        }
        ops.push_back(AddEnumValue{name, v, before});
      }
      // ADD VALUE has no reverse; the downgrade recreates the type with the old values.
      m_steps.push_back(Step{std::move(ops), recreate_enum(*d, c)});
    } else {
      add_step(recreate_enum(c, *d));
      m_warnings.push_back("enum " + util::squote(name) +
                           " is dropped and created again because values are removed or "
                           "reordered (PostgreSQL can only add values); its columns go through "
                           "text, which fails if a row holds a removed value");
    }
  }
  for (const auto& [name, c] : cur) {
    if (des.count(name) == 0) {
      m_enum_drops.push_back(DropEnum{name, *c});
    }
  }
}

// Replaces type `from` by `to` (same name) under the columns that use it: columns to text
// (defaults removed, since a default of the enum type cannot be cast back from text
// implicitly), drop the type, create it, columns back with their defaults. The columns are
// those of the current schema: the enum steps run first in the upgrade and last in the
// downgrade, when exactly those tables exist.
std::vector<Op> Differ::recreate_enum(const Enum& from, const Enum& to) const {
  const std::string type = schema::ColumnType(from.name).canonical();
  struct User {
    std::string table;
    const Column* column;
    std::string via;
  };
  std::vector<User> users;
  for (const auto& [name, t] : m_current_tables) {
    for (const auto& c : t->columns) {
      const std::string& ct = c.type.canonical();
      if (ct == type) {
        users.push_back({name, &c, "text"});
      } else if (ct == type + "[]") {
        users.push_back({name, &c, "text[]"});
      }
    }
  }
  std::vector<Op> ops;
  for (const auto& u : users) {
    AlterColumn a;
    a.table = u.table;
    a.column = u.column->name;
    a.type = u.via;
    if (u.column->default_expr) {
      a.default_expr = "";
    }
    a.existing_type = u.column->type.declared();
    a.existing_nullable = effective_nullable(*u.column);
    a.existing_default = u.column->default_expr.value_or("");
    a.existing_comment = effective_comment(u.column->comment);
    a.existing_generated = u.column->generated;
    ops.push_back(std::move(a));
  }
  ops.push_back(DropEnum{from.name, from});
  ops.push_back(CreateEnum{to});
  for (const auto& u : users) {
    AlterColumn a;
    a.table = u.table;
    a.column = u.column->name;
    a.type = u.column->type.declared();
    if (u.column->default_expr) {
      a.default_expr = *u.column->default_expr;
    }
    a.existing_type = u.via;
    a.existing_nullable = effective_nullable(*u.column);
    a.existing_default = "";
    a.existing_comment = effective_comment(u.column->comment);
    a.existing_generated = u.column->generated;
    ops.push_back(std::move(a));
  }
  return ops;
}

// Same generation: both plain, or both generated, equally stored, by expressions whose
// comparison forms agree.
bool same_generation(const Column& a, const Column& b) {
  if (!a.generated || !b.generated) {
    return a.generated.has_value() == b.generated.has_value();
  }
  return a.generated->stored == b.generated->stored &&
         normalize_expression(a.generated->expression) ==
             normalize_expression(b.generated->expression);
}

void Differ::diff_columns(const Table& cur, const Table& des, TableChanges& changes) {
  std::vector<const Column*> added;
  std::vector<const Column*> dropped;
  // Columns whose generation changes (expression, stored, generated or not) are dropped and
  // added again below: no database alters a generation in place everywhere, and the values
  // are derived, so nothing is lost that the new definition does not compute again.
  std::set<std::string>& regenerated = changes.regenerated;
  for (const auto& d : des.columns) {
    const Column* c = cur.find_column(d.name);
    if (c != nullptr && !same_generation(*c, d)) {
      regenerated.insert(d.name);
    }
  }
  for (const auto& d : des.columns) {
    const Column* c = cur.find_column(d.name);
    if (c == nullptr) {
      added.push_back(&d);
      // A new key column joins the key through alter_primary_key below (a table has one key),
      // and turns autoincrement on after it (SQLite autoincrements only the key).
      Column plain = d;
      if (d.primary_key) {
        plain.primary_key = false;
        plain.autoincrement = false;
        plain.identity_always = false;
        plain.nullable = false;
      }
      changes.columns.push_back(AddColumn{des.name, std::move(plain)});
    }
  }
  // Autoincrement changes, each an op of its own: off before the key changes, on after.
  auto autoincrement = [&](bool on) {
    for (const auto& d : des.columns) {
      const Column* c = cur.find_column(d.name);
      const bool was = c != nullptr && c->autoincrement;
      if (was != d.autoincrement && d.autoincrement == on) {
        AlterColumn a;
        a.table = des.name;
        a.column = d.name;
        a.autoincrement = on;
        a.existing_autoincrement = was;
        if (on && d.identity_always) {
          a.identity_always = true;
          a.existing_identity_always = false;
        }
        changes.columns.push_back(std::move(a));
      } else if (on && was && d.autoincrement && c->identity_always != d.identity_always) {
        AlterColumn a; // an identity column ALWAYS <-> BY DEFAULT
        a.table = des.name;
        a.column = d.name;
        a.identity_always = d.identity_always;
        a.existing_identity_always = c->identity_always;
        changes.columns.push_back(std::move(a));
      }
    }
  };
  autoincrement(false);
  // The other changes of the columns both sides have. Those of a column joining the key run
  // before the key changes (it must be NOT NULL by then, and its downgrade must wait until it
  // has left the key again); the others after (a column leaving the key can become nullable
  // only once it is out).
  const std::set<std::string> old_key = primary_key_set(cur);
  const std::set<std::string> new_key = primary_key_set(des);
  auto alter_columns = [&](bool joining) {
    for (const auto& d : des.columns) {
      const Column* c = cur.find_column(d.name);
      if (c == nullptr || regenerated.count(d.name) != 0 ||
          (new_key.count(d.name) != 0 && old_key.count(d.name) == 0) != joining) {
        continue;
      }
      AlterColumn a;
      a.table = des.name;
      a.column = d.name;
      bool changed = false;
      const bool alias_changed = m_options.is_row_alias && old_key == new_key &&
                                 m_options.is_row_alias(cur, *c) != m_options.is_row_alias(des, d);
      if (c->type != d.type || alias_changed) {
        a.type = d.type.declared();
        changed = true;
        changes.retyped_columns.insert(d.name);
      }
      if (effective_nullable(*c) != effective_nullable(d)) {
        a.nullable = effective_nullable(d);
        changed = true;
      }
      if (normalize_default(c->default_expr, d.type) != normalize_default(d.default_expr, d.type)) {
        a.default_expr = d.default_expr.value_or("");
        changed = true;
      }
      if (m_options.comments && effective_comment(c->comment) != effective_comment(d.comment)) {
        a.comment = effective_comment(d.comment);
        changed = true;
      }
      if (effective_collation(c->collation) != effective_collation(d.collation)) {
        a.collation = d.collation.value_or("");
        changed = true;
      }
      if (c->statistics.value_or(-1) != d.statistics.value_or(-1)) {
        a.statistics = d.statistics.value_or(-1); // -1: back to the server's default
        a.existing_statistics = c->statistics.value_or(-1);
        changed = true;
      }
      if (changed) {
        a.existing_type = c->type.declared();
        a.existing_nullable = effective_nullable(*c);
        a.existing_default = c->default_expr.value_or("");
        a.existing_comment = effective_comment(c->comment);
        a.existing_generated = c->generated;
        // Like the other existing_*, for MySQL's restating of the whole column (and PostgreSQL's
        // TYPE change, which would otherwise reset it); left out where there is none to keep.
        if (c->collation || a.collation) {
          a.existing_collation = c->collation.value_or("");
        }
        changes.columns.push_back(std::move(a));
      }
    }
  };
  alter_columns(true);
  // The key changes when its columns, their order, its deferrability or (where the model
  // names it) its name do: the key is made again, in place.
  const bool renamed_key = !des.key.name.empty() && des.key.name != cur.key.name;
  if (cur.primary_key() != des.primary_key() ||
      (!new_key.empty() && (renamed_key || cur.key.deferrable != des.key.deferrable ||
                            cur.key.initially_deferred != des.key.initially_deferred))) {
    const auto key_before = cur.primary_key();
    schema::AlterPrimaryKey alter;
    alter.table = des.name;
    alter.columns = des.primary_key();
    alter.existing_columns = key_before;
    // A key the model does not name keeps the name it has (a renamed PostgreSQL table's key
    // is still <old>_pkey: the model asks for no change there).
    alter.name = des.key.name.empty() ? cur.key.name : des.key.name;
    alter.existing_name = cur.key.name;
    alter.deferrable = des.key.deferrable;
    alter.initially_deferred = des.key.initially_deferred;
    alter.existing_deferrable = cur.key.deferrable;
    alter.existing_initially_deferred = cur.key.initially_deferred;
    changes.columns.push_back(std::move(alter));
    // A foreign key to the old key relies on it: it is dropped first and made again after.
    if (!key_before.empty()) {
      changes.dropped_unique_keys.insert(sorted_key(key_before));
    }
  }
  alter_columns(false);
  autoincrement(true);
  for (const auto& c : cur.columns) {
    if (des.find_column(c.name) == nullptr) {
      dropped.push_back(&c);
      // What the column is when dropped: out of the key by now (alter_primary_key above).
      Column gone = c;
      if (new_key.count(c.name) == 0 && c.primary_key) {
        gone.primary_key = false;
        gone.autoincrement = false;
        gone.identity_always = false;
      }
      changes.columns.push_back(DropColumn{cur.name, c.name, gone});
    }
  }
  for (const auto& d : des.columns) {
    if (regenerated.count(d.name) != 0) {
      changes.columns.push_back(DropColumn{cur.name, d.name, *cur.find_column(d.name)});
      changes.columns.push_back(AddColumn{des.name, d});
    }
  }

  // A column that disappears while one of the same type and nullability appears may be a
  // rename; only a pair where each side has exactly one candidate is reported.
  auto compatible = [](const Column* a, const Column* b) {
    return a->type == b->type && effective_nullable(*a) == effective_nullable(*b);
  };
  for (const Column* gone : dropped) {
    std::vector<const Column*> candidates;
    for (const Column* a : added) {
      if (compatible(gone, a)) {
        candidates.push_back(a);
      }
    }
    if (candidates.size() != 1) {
      continue;
    }
    const auto rivals = std::count_if(dropped.begin(), dropped.end(), [&](const Column* d) {
      return compatible(d, candidates[0]);
    });
    if (rivals == 1) {
      m_renames.push_back(RenameHint{des.name, gone->name, candidates[0]->name, false});
    }
  }
}

void Differ::diff_indexes_and_constraints(const Table& cur, const Table& des,
                                          TableChanges& changes) {
  const std::string& table = des.name;
  auto indexes = match(cur.indexes, des.indexes, index_key, index_key);
  auto uniques = match(cur.uniques, des.uniques, unique_key, unique_key);
  auto fks = match(
      cur.foreign_keys, des.foreign_keys,
      [&](const ForeignKey& f) { return foreign_key_key(f, m_current); },
      [&](const ForeignKey& f) { return foreign_key_key(f, m_desired); });
  auto checks = match(cur.checks, des.checks, check_key, check_key);
  match_across_kinds(indexes.removed, uniques.added);
  match_across_kinds(indexes.added, uniques.removed);

  // Names an added unnamed object may not take: those that stay, and the desired ones.
  NameClaimer names;
  auto take_all = [&](const auto& matching) {
    for (const auto& [c, d] : matching.kept) {
      names.take(c->name);
      names.take(d->name);
    }
    for (const auto& [c, d] : matching.changed) {
      names.take(d->name);
    }
    for (const auto* d : matching.added) {
      names.take(d->name);
    }
  };
  take_all(indexes);
  take_all(uniques);
  take_all(fks);
  take_all(checks);
  // An object on a column that is dropped and added again goes with it: it is dropped first
  // and made again once the column is back, as if it had changed.
  auto follow_regenerated = [&](auto& matching) {
    auto& kept = matching.kept;
    for (auto it = kept.begin(); it != kept.end();) {
      const bool uses = std::any_of(
          changes.regenerated.begin(), changes.regenerated.end(),
          [&](const std::string& column) { return schema::uses_column(*it->first, column); });
      if (uses) {
        matching.changed.push_back(*it);
        it = kept.erase(it);
      } else {
        ++it;
      }
    }
  };
  follow_regenerated(indexes);
  follow_regenerated(uniques);
  follow_regenerated(fks);
  follow_regenerated(checks);
  auto named = [&](auto object, auto base_name) {
    if (object.name.empty()) {
      object.name = names.claim(base_name(table, object));
    }
    return object;
  };

  // Drops: current definitions, so that each drop can be reversed.
  auto removed_or_changed = [](const auto& matching) {
    std::vector<std::remove_cvref_t<decltype(*matching.removed.front())>> out;
    for (const auto* c : matching.removed) {
      out.push_back(*c);
    }
    for (const auto& [c, d] : matching.changed) {
      out.push_back(*c);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
  };
  for (const auto& f : removed_or_changed(fks)) {
    changes.drop_foreign_keys.push_back(drop_of(table, f));
  }
  for (const auto& [c, d] : fks.kept) {
    // Recreated under the name it has, or the desired one, or the convention's.
    ForeignKey again = !c->name.empty() ? *c : named(*d, schema::foreign_key_name);
    changes.kept_foreign_keys.emplace_back(*c, std::move(again));
  }
  for (const auto& i : removed_or_changed(indexes)) {
    changes.drop_others.push_back(DropIndex{table, i.name, i});
    if (i.unique) {
      // The columns it keys (an expression keys none a foreign key could name).
      std::vector<std::string> keyed;
      for (const auto& p : i.parts) {
        keyed.push_back(p.is_expression() ? schema::index_part_text(p) : p.column);
      }
      changes.dropped_unique_keys.insert(sorted_key(keyed));
    }
  }
  for (const auto& u : removed_or_changed(uniques)) {
    changes.drop_others.push_back(drop_of(table, u));
    changes.dropped_unique_keys.insert(sorted_key(u.columns));
  }
  for (const auto& c : removed_or_changed(checks)) {
    changes.drop_others.push_back(drop_of(table, c));
  }

  // Creates: desired definitions, named.
  auto added_or_changed = [&](const auto& matching, auto base_name) {
    std::vector<std::remove_cvref_t<decltype(*matching.added.front())>> out;
    for (const auto& [c, d] : matching.changed) {
      // Unnamed only if it followed a regenerated column: made again under its own name.
      out.push_back(!d->name.empty() ? *d : !c->name.empty() ? *c : named(*d, base_name));
    }
    for (const auto* d : matching.added) {
      out.push_back(named(*d, base_name));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
  };
  for (const auto& i : added_or_changed(indexes, schema::index_name)) {
    changes.create_others.push_back(CreateIndex{table, i});
  }
  for (const auto& u : added_or_changed(uniques, schema::unique_name)) {
    changes.create_others.push_back(CreateUnique{table, u});
  }
  for (const auto& c : added_or_changed(checks, schema::check_name)) {
    changes.create_others.push_back(CreateCheck{table, c});
  }
  for (const auto& f : added_or_changed(fks, schema::foreign_key_name)) {
    changes.create_foreign_keys.push_back(CreateForeignKey{table, f});
  }
}

// Options the model gives and the table does not have (names compared case-insensitively, as
// the database does). An option the model leaves out is not compared: the database chose it.
// A charset change carries the collation the table had, so that the downgrade puts it back.
void Differ::diff_table_options(const Table& cur, const Table& des, TableChanges& changes) {
  schema::AlterTableOptions op;
  op.table = des.name;
  auto compare = [&](const std::optional<std::string>& want, const std::optional<std::string>& have,
                     std::optional<std::string>& set, std::optional<std::string>& existing) {
    if (want && !(have && util::iequals(*want, *have))) {
      set = want;
      existing = have;
    }
  };
  const schema::TableOptions& w = des.options;
  const schema::TableOptions& h = cur.options;
  compare(w.engine, h.engine, op.options.engine, op.existing.engine);
  compare(w.charset, h.charset, op.options.charset, op.existing.charset);
  compare(w.collate, h.collate, op.options.collate, op.existing.collate);
  compare(w.row_format, h.row_format, op.options.row_format, op.existing.row_format);
  // PostgreSQL's are compared whole: an absent one is the default, not the server's choice.
  if (w.unlogged.value_or(false) != h.unlogged.value_or(false)) {
    op.options.unlogged = w.unlogged.value_or(false);
    op.existing.unlogged = h.unlogged.value_or(false);
  }
  const auto want_storage = w.storage.value_or(std::map<std::string, std::string>{});
  const auto have_storage = h.storage.value_or(std::map<std::string, std::string>{});
  if (want_storage != have_storage) {
    // Only the parameters that change: set (options) and their values before (existing).
    auto& set = op.options.storage.emplace();
    auto& before = op.existing.storage.emplace();
    for (const auto& [key, value] : want_storage) {
      auto it = have_storage.find(key);
      if (it == have_storage.end() || it->second != value) {
        set[key] = value;
      }
    }
    for (const auto& [key, value] : have_storage) {
      auto it = want_storage.find(key);
      if (it == want_storage.end() || it->second != value) {
        before[key] = value;
      }
    }
  }
  if (op.options.empty()) {
    return;
  }
  if (op.options.charset && !op.options.collate) {
    op.existing.collate = h.collate;
  }
  changes.comment.push_back(std::move(op));
}

TableChanges Differ::diff_table(const Table& cur, const Table& des) {
  check_partitioning_change(cur, des); // refuses what would move rows
  TableChanges changes;
  diff_columns(cur, des, changes);
  diff_indexes_and_constraints(cur, des, changes);
  if (m_options.comments && effective_comment(cur.comment) != effective_comment(des.comment)) {
    changes.comment.push_back(
        SetTableComment{des.name, effective_comment(des.comment), effective_comment(cur.comment)});
  }
  diff_table_options(cur, des, changes);
  return changes;
}

// An unchanged foreign key blocks the drop of what it relies on: the primary key, unique
// constraint or index on its referenced columns when that is dropped (removed or changed). Where
// the dialect says so (MySQL), it also blocks a type change of its columns or of those it
// references. Such a key is dropped first and created again at the end, once both sides have
// their new types.
void Differ::recreate_blocking_foreign_keys() {
  auto any_retyped = [](const TableChanges& changes, const std::vector<std::string>& columns) {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const std::string& c) { return changes.retyped_columns.count(c) != 0; });
  };
  for (auto& [name, changes] : m_changes) {
    for (const auto& [fk, again] : changes.kept_foreign_keys) {
      bool blocked = false;
      const std::vector<std::string> referenced = m_current.referenced_columns(fk);
      auto ref = m_changes.find(fk.ref_table);
      if (ref != m_changes.end()) {
        blocked = ref->second.dropped_unique_keys.count(sorted_key(referenced)) != 0;
      }
      if (m_options.foreign_keys_block_type_changes) {
        blocked = blocked || any_retyped(changes, fk.columns) ||
                  (ref != m_changes.end() && any_retyped(ref->second, referenced));
      }
      if (blocked) {
        changes.drop_foreign_keys.push_back(drop_of(name, fk));
        changes.create_foreign_keys.push_back(CreateForeignKey{name, again});
      }
    }
  }
}

// A dropped table and a created one with the same columns (names, types, nullability, key)
// may be a rename; only 1:1 pairs are reported.
void Differ::detect_table_renames() {
  auto signature = [](const Table& t) {
    std::vector<std::string> cols;
    for (const auto& c : t.columns) {
      cols.push_back(c.name + k_key_separator + c.type.canonical() + k_key_separator +
                     (effective_nullable(c) ? "n" : "-") + (c.primary_key ? "p" : "-"));
    }
    std::sort(cols.begin(), cols.end());
    return util::join(cols, "\x1e");
  };
  std::map<std::string, std::vector<std::string>> dropped_by_sig;
  std::map<std::string, std::vector<std::string>> created_by_sig;
  for (const auto& name : m_dropped) {
    if (!m_current_tables.at(name)->is_partition()) { // no columns of its own to tell by
      dropped_by_sig[signature(*m_current_tables.at(name))].push_back(name);
    }
  }
  for (const auto& name : m_created) {
    if (!m_desired_tables.at(name)->is_partition()) {
      created_by_sig[signature(*m_desired_tables.at(name))].push_back(name);
    }
  }
  for (const auto& [sig, from] : dropped_by_sig) {
    auto it = created_by_sig.find(sig);
    if (from.size() == 1 && it != created_by_sig.end() && it->second.size() == 1) {
      m_renames.push_back(RenameHint{from[0], from[0], it->second[0], true});
    }
  }
}

DiffResult Differ::run() {
  classify_tables();
  // Extensions first (a type, an operator class or a function of one may be used by anything
  // below), then enum types, domains (a domain may be over an enum) and sequences, all before
  // the tables; their drops come last, in reverse.
  ObjectChanges objects = diff_objects(m_current, m_desired);
  RoutineChanges routines = diff_routines(m_current, m_desired);
  VirtualTableChanges virtual_tables = diff_virtual_tables(m_current, m_desired, m_options);
  m_warnings.insert(m_warnings.end(), virtual_tables.warnings.begin(),
                    virtual_tables.warnings.end());
  // Virtual tables going away or changing first (a table may take the name); then triggers
  // going away or changing, before their table or function can; then the routines that use
  // a table's row type, before the table.
  add_step(std::move(virtual_tables.drops));
  add_step(std::move(routines.trigger_drops));
  add_step(std::move(routines.table_typed_drops));
  add_step(std::move(objects.extensions));
  if (m_options.enums) {
    diff_enums();
  }
  add_step(std::move(objects.domains));
  add_step(std::move(objects.sequences));
  add_step(std::move(objects.sequence_unowned));
  // Functions and procedures before the tables: a default or check may call one.
  add_step(std::move(routines.routines));
  // Aggregates and operators after the functions they call (diff_aggregates.h).
  AggregateChanges aggregates = diff_aggregates(m_current, m_desired, m_options);
  add_step(std::move(aggregates.ops));
  m_warnings.insert(m_warnings.end(), aggregates.warnings.begin(), aggregates.warnings.end());
  m_warnings.insert(m_warnings.end(), objects.warnings.begin(), objects.warnings.end());
  m_warnings.insert(m_warnings.end(), routines.warnings.begin(), routines.warnings.end());
  for (const auto& name : m_kept) {
    m_changes[name] = diff_table(*m_current_tables.at(name), *m_desired_tables.at(name));
  }
  recreate_blocking_foreign_keys();
  detect_table_renames();

  // Tables going away, in the order they would be created; dropping runs
  // it backwards, after the foreign keys that close cycles among them are dropped.
  std::vector<std::string> going = m_dropped;
  std::sort(going.begin(), going.end());
  std::vector<const Table*> going_tables;
  for (const auto& name : going) {
    going_tables.push_back(m_current_tables.at(name));
  }
  const CreationOrder drop_order = creation_order(going_tables);

  // Tables coming, named, in creation order.
  std::vector<std::string> coming = m_created;
  std::sort(coming.begin(), coming.end());
  std::vector<Table> coming_named;
  for (const auto& name : coming) {
    Table t = *m_desired_tables.at(name);
    schema::name_unnamed(t);
    coming_named.push_back(std::move(t));
  }
  std::vector<const Table*> coming_tables;
  for (const auto& t : coming_named) {
    coming_tables.push_back(&t);
  }
  const CreationOrder create_order = creation_order(coming_tables);

  // Step: drop foreign keys that are removed, changed, or in the way of a table drop.
  {
    std::vector<std::pair<std::pair<std::string, std::string>, Op>> drops;
    for (const auto& name : m_kept) {
      for (const auto& op : m_changes[name].drop_foreign_keys) {
        drops.push_back({{name, std::get<DropConstraint>(op).name}, op});
      }
    }
    for (const auto& [t, k] : drop_order.deferred) {
      const Table& table = *going_tables[t];
      drops.push_back(
          {{table.name, table.foreign_keys[k].name}, drop_of(table.name, table.foreign_keys[k])});
    }
    std::stable_sort(drops.begin(), drops.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Op> ops;
    for (auto& [key, op] : drops) {
      ops.push_back(std::move(op));
    }
    add_step(std::move(ops));
  }

  // Step: drop tables, referencing ones first. Each keeps the definition it has at that point
  // (cycle foreign keys already gone), so that its reverse recreates exactly that.
  {
    std::vector<Op> ops;
    for (auto it = drop_order.order.rbegin(); it != drop_order.order.rend(); ++it) {
      Table def = *going_tables[*it];
      std::vector<ForeignKey> fks;
      for (std::size_t k = 0; k < def.foreign_keys.size(); ++k) {
        if (drop_order.deferred.count({*it, k}) == 0) {
          fks.push_back(def.foreign_keys[k]);
        }
      }
      def.foreign_keys = std::move(fks);
      ops.push_back(DropTable{def.name, std::move(def)});
    }
    add_step(std::move(ops));
  }

  // Step: drop removed or changed indexes and constraints. After the table drops, since a
  // dropped table's foreign key may rely on a unique constraint dropped here.
  {
    std::vector<Op> ops;
    for (const auto& name : m_kept) {
      for (const auto& op : m_changes[name].drop_others) {
        ops.push_back(op);
      }
    }
    add_step(std::move(ops));
  }

  // Step: create tables, referenced ones first. A foreign key waits for the end when it closes
  // a cycle, or when it points at a kept table whose columns or keys change below.
  std::vector<std::pair<std::pair<std::string, std::string>, Op>> fk_creates;
  {
    std::vector<Op> ops;
    for (std::size_t i : create_order.order) {
      Table t = coming_named[i];
      std::vector<ForeignKey> fks;
      for (std::size_t k = 0; k < t.foreign_keys.size(); ++k) {
        const ForeignKey& fk = t.foreign_keys[k];
        auto changes = m_changes.find(fk.ref_table);
        const bool waits = create_order.deferred.count({i, k}) != 0 ||
                           (changes != m_changes.end() && changes->second.reshaped());
        if (waits) {
          fk_creates.push_back({{t.name, fk.name}, CreateForeignKey{t.name, fk}});
        } else {
          fks.push_back(fk);
        }
      }
      t.foreign_keys = std::move(fks);
      ops.push_back(CreateTable{std::move(t)});
    }
    add_step(std::move(ops));
  }

  // Step: columns of the tables that stay.
  {
    std::vector<Op> ops;
    for (const auto& name : m_kept) {
      for (const auto& op : m_changes[name].columns) {
        ops.push_back(op);
      }
    }
    add_step(std::move(ops));
  }

  // Step: new indexes and constraints, then every foreign key, all tables being there.
  {
    std::vector<Op> ops;
    for (const auto& name : m_kept) {
      for (const auto& op : m_changes[name].create_others) {
        ops.push_back(op);
      }
      for (const auto& op : m_changes[name].create_foreign_keys) {
        fk_creates.push_back({{name, std::get<CreateForeignKey>(op).constraint.name}, op});
      }
    }
    std::stable_sort(fk_creates.begin(), fk_creates.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [key, op] : fk_creates) {
      ops.push_back(std::move(op));
    }
    add_step(std::move(ops));
  }

  // Step: table comments; then enum types nothing uses any more.
  {
    std::vector<Op> ops;
    for (const auto& name : m_kept) {
      for (const auto& op : m_changes[name].comment) {
        ops.push_back(op);
      }
    }
    add_step(std::move(ops));
  }
  // Step: sequence options, and OWNED BY now that the tables are there.
  add_step(std::move(objects.sequence_changes));
  // Routines on a table's row type, once their tables are there.
  add_step(std::move(routines.table_typed_routines));
  // Virtual tables once the tables are there (an external-content FTS table reads one).
  add_step(std::move(virtual_tables.creates));
  // Views: once every other step is known (a column retyped by an enum's recreation counts as
  // much as one the models retype). Those going away, or coming back below, go first of all:
  // a view blocks changes to what it reads. Created after the tables and the routines they
  // may call.
  std::set<std::string> reshaped = reshaped_tables();
  reshaped.insert(aggregates.recreated.begin(), aggregates.recreated.end());
  ViewChanges views = diff_views(m_current, m_desired, reshaped, m_options);
  m_warnings.insert(m_warnings.end(), views.warnings.begin(), views.warnings.end());
  if (!views.drops.empty()) {
    m_steps.insert(m_steps.begin(), Step{std::move(views.drops), std::nullopt});
  }
  if (!views.creates.empty()) {
    m_steps.push_back(Step{std::move(views.creates), std::move(views.creates_down)});
  }
  // Triggers once their tables and functions are there; routines nothing uses any more.
  add_step(std::move(routines.triggers));
  add_step(std::move(routines.routine_drops));
  add_step(std::move(objects.sequence_drops));
  add_step(std::move(objects.domain_drops));
  add_step(std::move(m_enum_drops));
  add_step(std::move(objects.extension_drops));

  DiffResult result;
  for (const auto& step : m_steps) {
    result.upgrade.insert(result.upgrade.end(), step.up.begin(), step.up.end());
  }
  for (auto it = m_steps.rbegin(); it != m_steps.rend(); ++it) {
    const std::vector<Op> down = it->down ? *it->down : schema::reverse_all(it->up);
    result.downgrade.insert(result.downgrade.end(), down.begin(), down.end());
  }
  std::sort(m_renames.begin(), m_renames.end(), [](const RenameHint& a, const RenameHint& b) {
    return std::tie(a.table, a.from) < std::tie(b.table, b.from);
  });
  result.renames = std::move(m_renames);
  result.warnings = std::move(m_warnings);
  return result;
}

} // namespace

DiffResult diff(const Database& current, const Database& desired, const DiffOptions& options) {
  return Differ(current, desired, options).run();
}

} // namespace migratecpp::migrate
