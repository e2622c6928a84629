// Cutting a TOML document at its [[table]] headers (models files are read a table at a time):
// the pieces and the rest parse to what the whole parses to, every line keeps its number, and
// header-like lines inside strings and arrays are not headers.
#include "migrate/model_file.h"
#include "migrate/toml_pieces.h"
#include "migrate/toml_reader.h"
#include "util/error.h"

#include <catch2/catch.hpp>
#include <toml++/toml.h>

#include <algorithm>

using namespace migratecpp;
using migrate::cut_array_of_tables;

namespace {

// The rest parsed, with each piece's [[table]] elements appended to its `table` array, in order.
toml::table reassembled(const migrate::TomlPieces& cut) {
  toml::table root = toml::parse(cut.rest);
  toml::array tables;
  for (const auto& piece : cut.pieces) {
    toml::table doc = toml::parse(piece.text);
    for (auto& element : *doc.get_as<toml::array>("table")) {
      tables.push_back(std::move(*element.as_table()));
    }
  }
  root.insert("table", std::move(tables));
  return root;
}

std::size_t lines_of(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

constexpr const char* k_document = R"(# models
[[enum]]
name = "mood"
values = ["ok", "sad"]

[[table]]
name = "a"
columns = [
  { name = "id", type = "integer" },
]

[table.options]
engine = "InnoDB"

[[view]]
name = "v"
definition = """
SELECT 1
[[table]]
"""

[[table]]   # the second
name = "b"
comment = '''
[[table]]
[view]
'''
columns = [
  { name = "x", type = "text" },
[["table"]],
]
[[table]]
name = "c"
)";

} // namespace

TEST_CASE("toml pieces: the pieces and the rest parse to the whole", "[toml_pieces]") {
  const auto cut = cut_array_of_tables(k_document, "table");
  REQUIRE(cut);
  REQUIRE(cut->pieces.size() == 3);
  CHECK(cut->pieces[0].first_line == 6);
  CHECK(cut->pieces[1].first_line == 22);
  CHECK(cut->pieces[2].first_line == 32);
  CHECK(cut->pieces[0].text.starts_with("[[table]]\nname = \"a\""));
  CHECK(cut->pieces[0].text.find("engine") != std::string_view::npos); // its [table.options]
  CHECK(cut->pieces[0].text.find("[[view]]") == std::string_view::npos);
  // Every line keeps its number: the rest has as many lines as the whole.
  CHECK(lines_of(cut->rest) == lines_of(k_document));
  CHECK(cut->rest.find("name = \"v\"") != std::string::npos);
  CHECK(reassembled(*cut) == toml::parse(k_document));
}

TEST_CASE("toml pieces: what is left whole", "[toml_pieces]") {
  CHECK_FALSE(cut_array_of_tables("[[enum]]\nname = \"e\"\n", "table"));      // no [[table]]
  CHECK_FALSE(cut_array_of_tables("[[\"table\"]]\nname = \"a\"\n", "table")); // quoted
  CHECK_FALSE(cut_array_of_tables("[table.options]\nx = 1\n[[table]]\n", "table"));
  CHECK_FALSE(cut_array_of_tables("[table]\nname = \"a\"\n", "table"));
  CHECK_FALSE(cut_array_of_tables("[[table]\nname = \"a\"\n", "table")); // not TOML
  // A key that only starts like it is something else.
  const auto other = cut_array_of_tables("[[tables]]\nx = 1\n[[table]]\nname = \"a\"\n", "table");
  REQUIRE(other);
  CHECK(other->pieces.size() == 1);
  CHECK(other->pieces[0].first_line == 3);
}

TEST_CASE("models read in pieces: as read whole, lines in errors included", "[toml_pieces]") {
  // A models file whose view holds a [[table]] line in its definition: one table, and the
  // view's text unchanged.
  const std::string text = "[[table]]\nname = \"a\"\ncolumns = [{ name = \"id\", type = "
                           "\"integer\" }]\n\n[[view]]\nname = \"v\"\ndefinition = \"\"\"\n"
                           "SELECT 1\n[[table]]\nname = \"x\"\n[[view]]\n\"\"\"\n";
  const schema::Database db = migrate::parse_models(text, "m.toml");
  REQUIRE(db.tables.size() == 1);
  REQUIRE(db.views.size() == 1);
  CHECK(db.views[0].definition.find("[[table]]\nname = \"x\"\n[[view]]") != std::string::npos);

  // A bad key in the third table: its own line of the file.
  std::string tables;
  for (const char* name : {"a", "b", "c"}) {
    tables += std::string("\n[[table]]\nname = \"") + name +
              "\"\ncolumns = [{ name = \"id\", type = \"integer\" }]\n";
  }
  tables.insert(tables.rfind("columns"), "nulable = true\n");
  CHECK_THROWS_WITH(
      migrate::parse_models("[[enum]]\nname = \"e\"\nvalues = [\"x\"]\n" + tables, "m.toml"),
      Catch::StartsWith("m.toml:15: unknown key 'nulable' in table"));
  // A syntax error in a piece: the whole file's own message.
  const std::string broken = "[[table]]\nname = \"a\"\n\n[[table]]\nname = \"b\n";
  std::string whole;
  try {
    migrate::parse_toml(broken, "m.toml");
  } catch (const util::Error& e) {
    whole = e.what();
  }
  REQUIRE_FALSE(whole.empty());
  CHECK_THROWS_WITH(migrate::parse_models(broken, "m.toml"), whole);
  // `table = [...]` beside [[table]]: the whole parse's error, not a merge.
  CHECK_THROWS_AS(migrate::parse_models("table = []\n[[table]]\nname = \"a\"\n", "m.toml"),
                  util::Error);
}
