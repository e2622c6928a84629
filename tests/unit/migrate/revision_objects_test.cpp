// The ops on sequences, domains and extensions in revision files: written, read back the same,
// and reversed.
#include "migrate/revision_file.h"

#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

std::vector<schema::Op> round_trip(const std::vector<schema::Op>& ops) {
  const std::string text =
      "revision = \"r1\"\ndown_revision = \"\"\n\n" + migrate::render_ops(ops, "upgrade");
  return migrate::parse_revision_file(text, "versions/r1.toml").upgrade;
}

schema::Sequence seq() {
  schema::Sequence s;
  s.name = "film_seq";
  s.type = "integer";
  s.increment = 5;
  s.cycle = true;
  return s;
}

schema::Domain year() {
  schema::Domain d;
  d.name = "year";
  d.type = "integer";
  d.nullable = false;
  d.default_expr = "2000";
  d.checks = {{"year_check", "VALUE >= 1901"}};
  return d;
}

} // namespace

TEST_CASE("revision file: sequence, domain and extension ops round-trip", "[revision_file]") {
  schema::Sequence owned = seq();
  owned.owned_by = "film.id";
  schema::Domain plain = year();
  plain.checks.clear();
  schema::Sequence bare;
  bare.name = "bare_seq";
  const std::vector<schema::Op> ops = {
      schema::CreateSequence{seq()},
      schema::DropSequence{"film_seq", seq()},
      schema::DropSequence{"bare_seq", bare},
      schema::DropSequence{"unknown_seq", std::nullopt},
      schema::AlterSequence{owned, seq()},
      schema::CreateDomain{year()},
      schema::DropDomain{"year", year()},
      schema::DropDomain{"year", std::nullopt},
      schema::AlterDomain{year(), plain},
      schema::CreateExtension{{"btree_gist", "ext", "1.7"}},
      schema::DropExtension{"btree_gist", schema::Extension{"btree_gist", {}, {}}},
      schema::DropExtension{"citext", std::nullopt},
      schema::AlterExtension{"btree_gist", "1.7", "1.6"},
  };
  CHECK(full_all(round_trip(ops)) == full_all(ops));
  CHECK(migrate::render_ops({ops[4]}, "upgrade") == R"toml([[upgrade]]
op = "alter_sequence"
name = "film_seq"
type = "integer"
increment = 5
cycle = true
owned_by = "film.id"
existing = { name = "film_seq", type = "integer", increment = 5, cycle = true }
)toml");
}

TEST_CASE("ops: sequence, domain and extension ops reverse", "[ops]") {
  CHECK(full(schema::reverse(schema::CreateSequence{seq()})) ==
        full(schema::DropSequence{"film_seq", seq()}));
  // A dropped sequence comes back without its owner (an alter_sequence gives it back).
  schema::Sequence owned = seq();
  owned.owned_by = "film.id";
  CHECK(full(schema::reverse(schema::DropSequence{"film_seq", owned})) ==
        full(schema::CreateSequence{seq()}));
  CHECK(full(schema::reverse(schema::AlterSequence{owned, seq()})) ==
        full(schema::AlterSequence{seq(), owned}));
  CHECK(full(schema::reverse(schema::DropDomain{"year", year()})) ==
        full(schema::CreateDomain{year()}));
  CHECK(full(schema::reverse(schema::AlterExtension{"x", "2", "1"})) ==
        full(schema::AlterExtension{"x", "1", "2"}));
  CHECK_THROWS_WITH(schema::reverse(schema::DropExtension{"citext", std::nullopt}),
                    "operation is not reversible: drop_extension citext does not give the "
                    "dropped extension's definition");
  CHECK_THROWS_WITH(schema::reverse(schema::AlterSequence{seq(), std::nullopt}),
                    "operation is not reversible: alter_sequence film_seq does not give existing "
                    "(the sequence before)");
  CHECK(schema::is_destructive(schema::DropSequence{"s", std::nullopt}));
  CHECK(schema::is_destructive(schema::DropExtension{"e", std::nullopt}));
  CHECK_FALSE(schema::is_destructive(schema::DropDomain{"d", std::nullopt}));
}
