// [[sequence]], [[domain]] and [[extension]] in models files: read, written back, and refused
// where the dialect has no such object.
#include "migrate/model_file.h"

#include "dialects/dialect.h"
#include "support/fixtures.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using migrate::parse_models;
using migrate::render_models;

namespace {

const std::string k_path = "models/schema.toml";

// What inspect writes: extensions, domains, enums, sequences, then tables.
const std::string k_objects = R"toml([[extension]]
name = "btree_gist"
version = "1.7"

[[extension]]
name = "pgcrypto"
schema = "extensions"

[[domain]]
name = "year"
type = "integer"
checks = [{ name = "year_check", expression = "VALUE >= 1901 AND VALUE <= 2155" }]

[[domain]]
name = "code"
type = "varchar(10)"
nullable = false
default = "'x'"
collation = "C"

[[sequence]]
name = "film_seq"
type = "integer"
start = 100
increment = -5
min = -1000
max = 1000
cache = 10
cycle = true
owned_by = "film.id2"

[[sequence]]
name = "plain_seq"

[[table]]
name = "film"
columns = [
  { name = "id2", type = "integer", default = "nextval('film_seq'::regclass)" },
  { name = "release_year", type = "year" },
]
)toml";

} // namespace

TEST_CASE("models: sequences, domains and extensions are read and written back",
          "[model_file][objects]") {
  const schema::Database db = parse_models(k_objects, k_path);
  REQUIRE(db.extensions.size() == 2);
  CHECK(db.extensions[0] == schema::Extension{"btree_gist", std::nullopt, "1.7"});
  CHECK(db.extensions[1] == schema::Extension{"pgcrypto", "extensions", std::nullopt});
  REQUIRE(db.domains.size() == 2);
  CHECK(db.domains[0].checks ==
        std::vector<schema::CheckConstraint>{{"year_check", "VALUE >= 1901 AND VALUE <= 2155"}});
  CHECK(!db.domains[1].nullable);
  CHECK(db.domains[1].default_expr == "'x'");
  CHECK(db.domains[1].collation == "C");
  REQUIRE(db.sequences.size() == 2);
  const schema::Sequence& s = db.sequences[0];
  CHECK(s.type == "integer");
  CHECK(s.start == 100);
  CHECK(s.increment == -5);
  CHECK(s.min == -1000);
  CHECK(s.max == 1000);
  CHECK(s.cache == 10);
  CHECK(s.cycle);
  CHECK(s.owned_by == "film.id2");
  CHECK(db.sequences[1].name == "plain_seq");
  CHECK(db.sequences[1] == [] {
    schema::Sequence plain;
    plain.name = "plain_seq";
    return plain;
  }());
  // The writer writes what the reader read, in the same shape.
  CHECK(render_models(db) == k_objects);
  CHECK(parse_models(render_models(db), k_path) == db);
}

TEST_CASE("models: bad sequences, domains and extensions are refused with file:line",
          "[model_file][objects]") {
  auto fails = [](const std::string& text) {
    try {
      parse_models(text, k_path);
    } catch (const util::Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(fails("[[sequence]]\nname = \"s\"\nincrement = 0\n") ==
        k_path + ":3: sequence 's': 'increment' must not be 0");
  CHECK(fails("[[sequence]]\nname = \"s\"\nincrement = \"5\"\n") ==
        k_path + ":3: 'increment' must be an integer");
  CHECK(fails("[[sequence]]\nname = \"s\"\nmin = 10\nmax = 5\n") ==
        k_path + ":3: sequence 's': 'min' (10) must be less than 'max' (5)");
  CHECK(fails("[[sequence]]\nname = \"s\"\nowned_by = \"id\"\n") ==
        k_path + ":3: sequence 's': 'owned_by' must be \"table.column\", not 'id'");
  CHECK(fails("[[sequence]]\nname = \"s\"\nowned_by = \"t.id\"\n") ==
        k_path + ":1: sequence 's' is owned by 't.id', which is not in the models");
  CHECK(fails("[[sequence]]\nname = \"s\"\n\n[[sequence]]\nname = \"s\"\n") ==
        k_path + ":4: duplicate sequence 's' (first defined at line 1)");
  CHECK(fails("[[sequence]]\nname = \"s\"\nstep = 1\n") ==
        k_path + ":3: unknown key 'step' in sequence");
  CHECK(fails("[[domain]]\nname = \"d\"\n") == k_path + ":1: domain: missing required key 'type'");
  CHECK(fails("[[domain]]\nname = \"d\"\ntype = \"int\"\nchecks = [{ expression = \"VALUE > 0\" "
              "}]\n") == k_path + ":4: check: missing required key 'name'");
  CHECK(fails("[[enum]]\nname = \"d\"\nvalues = [\"a\"]\n\n[[domain]]\nname = \"d\"\ntype = "
              "\"integer\"\n") ==
        k_path + ":5: duplicate type name 'd': a domain and another domain or enum (first "
                 "defined at line 1)");
  CHECK(fails("[[extension]]\nname = \"x\"\n\n[[extension]]\nname = \"x\"\n") ==
        k_path + ":4: duplicate extension 'x' (first defined at line 1)");
  // A column of a domain type is a type by name, like an enum's; a typo is still caught.
  CHECK(fails("[[domain]]\nname = \"year\"\ntype = \"integer\"\n\n[[table]]\nname = \"t\"\n"
              "columns = [{ name = \"y\", type = \"year\" }]\n") == "no error");
}

TEST_CASE("models: sequences, domains and extensions where the dialect has none",
          "[model_file][objects]") {
  test::TempDir dir;
  test::write_file(dir / "seq.toml", "\n[[sequence]]\nname = \"s\"\nincrement = 5\n");
  test::write_file(dir / "owned.toml",
                   "[[table]]\nname = \"t\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n\n"
                   "[[sequence]]\nname = \"s\"\nowned_by = \"t.id\"\n");
  test::write_file(dir / "typed.toml", "[[sequence]]\nname = \"s\"\ntype = \"integer\"\n");
  test::write_file(dir / "domain.toml", "[[domain]]\nname = \"d\"\ntype = \"integer\"\n");
  test::write_file(dir / "ext.toml", "[[extension]]\nname = \"citext\"\n");
  const auto& sqlite = dialects::dialect_by_name("sqlite");
  const auto& mysql = dialects::dialect_by_name("mysql");
  const auto& pg = dialects::dialect_by_name("postgresql");
  const auto path = [&](const char* f) { return (dir / f).string(); };
  CHECK_THROWS_WITH(migrate::load_models({dir / "seq.toml"}, &sqlite),
                    path("seq.toml") + ":2: sequence 's': there are no sequences on sqlite (an "
                                       "autoincrement column numbers its rows)");
  CHECK(migrate::load_models({dir / "seq.toml"}, &mysql).sequences.size() == 1);
  CHECK_THROWS_WITH(migrate::load_models({dir / "owned.toml"}, &mysql),
                    path("owned.toml") + ":5: sequence 's': a sequence has no 'owned_by' on mysql");
  CHECK_THROWS_WITH(migrate::load_models({dir / "typed.toml"}, &mysql),
                    path("typed.toml") + ":1: sequence 's': a sequence has no 'type' on mysql");
  CHECK_THROWS_WITH(migrate::load_models({dir / "domain.toml"}, &mysql),
                    path("domain.toml") + ":1: domain 'd': there are no domains on mysql (give "
                                          "its columns the base type and checks)");
  CHECK_THROWS_WITH(migrate::load_models({dir / "ext.toml"}, &sqlite),
                    path("ext.toml") + ":1: extension 'citext': there are no extensions on sqlite");
  for (const char* f : {"seq.toml", "owned.toml", "typed.toml", "domain.toml", "ext.toml"}) {
    CHECK_NOTHROW(migrate::load_models({dir / f}, &pg));
  }
}
