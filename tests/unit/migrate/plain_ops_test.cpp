// The plain ops reader (no TOML parser) against toml++ on the same text: wherever it returns a
// table, toml::parse gives an equal one and puts each [[...]] element on the same line; the
// rest it leaves alone. Checked on hand-written cases, on every revision file of the examples
// and the fuzz corpus, and on thousands of random mutations of them.
#include "migrate/plain_ops.h"
#include "migrate/revision_checksum.h"
#include "migrate/revision_file.h"
#include "migrate/revision_header.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace migratecpp;
using migrate::read_plain_ops;

namespace {

std::vector<std::size_t> toml_lines(const toml::table& parsed, std::string_view section) {
  std::vector<std::size_t> lines;
  if (const toml::array* items = parsed.get_as<toml::array>(section)) {
    for (const auto& item : *items) {
      lines.push_back(item.source().begin.line);
    }
  }
  return lines;
}

enum class Outcome { left_to_toml, same_as_toml };

// What read_plain_ops does with `text`; fails the test where it reads a table toml::parse
// rejects or reads differently.
Outcome compare_with_toml(std::string_view text) {
  const auto plain = read_plain_ops(text, 1);
  if (!plain) {
    return Outcome::left_to_toml;
  }
  toml::table parsed;
  try {
    parsed = toml::parse(text);
  } catch (const toml::parse_error& e) {
    FAIL("the plain reader accepts what toml++ rejects (" << e.description() << "):\n" << text);
  }
  CHECK(plain->sections == parsed);
  CHECK(plain->upgrade_lines == toml_lines(parsed, "upgrade"));
  CHECK(plain->downgrade_lines == toml_lines(parsed, "downgrade"));
  return Outcome::same_as_toml;
}

// The ops part of a revision file: from its first table header on.
std::string_view ops_part(std::string_view file) {
  return file.substr(migrate::toml_top_level_end(file));
}

// The revision files of the examples and the fuzz corpus that have ops.
std::vector<std::string> revision_files() {
  std::vector<std::string> out;
  for (auto& text : test::example_toml_texts()) {
    if (text.find("[[upgrade]]") != std::string::npos ||
        text.find("[[downgrade]]") != std::string::npos) {
      out.push_back(std::move(text));
    }
  }
  return out;
}

} // namespace

TEST_CASE("plain ops: what `revision` writes is read as toml++ reads it", "[plain_ops]") {
  const std::vector<std::string> plain = {
      "[[upgrade]]\nop = \"create_table\"\ntable = \"t\"\ncolumns = [\n"
      "  { name = \"id\", type = \"integer\", primary_key = true, autoincrement = true },\n"
      "  { name = \"name\", type = \"varchar(100)\", nullable = false },\n]\n"
      "foreign_keys = [ { name = \"fk\", columns = [\"p\"], ref_table = \"p\", ref_columns = "
      "[\"id\"] } ]\n\n[[upgrade]]\nop = \"create_index\"\ntable = \"t\"\nname = \"ix\"\n"
      "columns = [\"name\"]\n\n[[downgrade]]\nop = \"drop_table\"\ntable = \"t\"\n",
      // Escapes, literal strings, a multi-line literal string, integers, comments everywhere.
      "# WARNING: this operation loses data\n[[upgrade]] # the first\nop = \"execute\"\n"
      "sql = \"UPDATE t SET a = 'x\\\"y\\\\z\\n\\t\\r\\b\\f\\u0001'\"\n"
      "reverse_sql = 'SELECT \"1\"'\n\n[[downgrade]]\nop = \"execute\"\nsql = '''\n"
      "UPDATE t\n  SET b = 'it''s' -- two quotes\n'''\nn = -42\nm = 0\nk = 123456789012345678\n",
      // Dotted keys, as render_sql writes per-dialect SQL.
      "[[upgrade]]\nop = \"execute\"\nsql.sqlite = \"SELECT 1\"\nsql.postgresql = '''\n"
      "SELECT 2'''\nsql . mysql = \"SELECT 3\"\n",
      // Arrays over several lines with comments, trailing commas, empty ones, nesting.
      "[[upgrade]]\nvalues = [ # the values\n  \"a\", # one\n\n  \"b\",\n]\nempty = []\n"
      "nested = [[1, 2], [\"x\"], []]\ninline = { a = { b = [true, false] } }\nnone = {}\n",
      // CRLF line ends, in an array and after a comment too.
      "[[upgrade]]\r\nop = \"x\" # c\r\nv = [\r\n 1,\r\n]\r\n",
      // Blanks, tabs, no final line end.
      "\n\t[[downgrade]]\t\n\top\t=\t\"drop_index\"\t# dropped\nname=\"ix\"",
  };
  for (const auto& text : plain) {
    INFO(text);
    CHECK(compare_with_toml(text) == Outcome::same_as_toml);
  }
}

TEST_CASE("plain ops: anything else is left to toml++", "[plain_ops]") {
  const std::vector<std::string> other = {
      "op = \"x\"\n",                                       // a key before any header
      "[upgrade]\nop = \"x\"\n",                            // a plain table header
      "[[ upgrade ]]\nop = \"x\"\n",                        // spaces in the header
      "[[upgrades]]\nop = \"x\"\n",                         // another array
      "[[upgrade]]\n\"op\" = \"x\"\n",                      // a quoted key
      "[[upgrade]]\nop = \"x\"\nop = \"y\"\n",              // a repeated key
      "[[upgrade]]\na = 1.5\n",                             // a float
      "[[upgrade]]\na = 1e3\n",                             // an exponent
      "[[upgrade]]\na = 1_000\n",                           // underscores
      "[[upgrade]]\na = 0x1f\n",                            // hex
      "[[upgrade]]\na = +1\n",                              // a plus sign
      "[[upgrade]]\na = 01\n",                              // a leading zero
      "[[upgrade]]\na = 1234567890123456789\n",             // 19 digits
      "[[upgrade]]\na = 6666666666666666666666666666666\n", // 31 (no overflow on the way)
      "[[upgrade]]\na = 2026-01-01\n",                      // a date
      "[[upgrade]]\na = \"\"\"\nx\"\"\"\n",                 // a multi-line basic string
      "[[upgrade]]\na = \"caf\xc3\xa9\"\n",                 // UTF-8
      "[[upgrade]]\na = \"\\u00e9\"\n",                     // an escape beyond ASCII
      "[[upgrade]]\na = \"\\e\"\n",                         // an escape TOML 1.0 lacks
      "[[upgrade]]\nop = '''x\r\ny'''\n",                   // a CR in a multi-line string
      "[[upgrade]]\nop = \"x\"\r\r\n",                      // a CR alone
      "[[upgrade]]\na = { b = 1, }\n",                      // a trailing comma in an inline table
      "[[upgrade]]\na = { b = 1,\n c = 2 }\n",              // an inline table over two lines
      "[[upgrade]]\na = { b.c = 1 }\n",                     // a dotted key in an inline table
      "[[upgrade]]\na = { b = 1 }\na.c = 2\n",              // extending an inline table
      "[[upgrade]]\na = 1\na.b = 2\n",                      // a dotted key through a value
      "[[upgrade]]\na.b.c.d.e = 1\n",                       // five parts
      "[[upgrade]]\na = '''x''''\n",                        // four closing quotes
      "[[upgrade]]\na = \"x\" b = 1\n",                     // two values on a line
      "[[upgrade]]\na = [1 2]\n",                           // no comma
      "[[upgrade]]\na = [,]\n",                             // a lone comma
      "[[upgrade]]\na = truely\n",                          // not a boolean
      "[[upgrade]]\na = \"x\n",                             // unterminated
      "[[upgrade]]\n# a\x01 control\n",                     // a control character in a comment
      "[[upgrade]]\na = [[[[[[[[[[1]]]]]]]]]]\n",           // deeper than the reader goes
      "[[upgrade]]\n[upgrade.x]\na = 1\n",                  // a sub-table header
  };
  for (const auto& text : other) {
    INFO(text);
    CHECK_FALSE(read_plain_ops(text, 1));
  }
}

TEST_CASE("plain ops: the revision files of the examples and the fuzz corpus", "[plain_ops]") {
  const auto files = revision_files();
  REQUIRE(files.size() > 50);
  std::size_t read = 0;
  for (const auto& text : files) {
    INFO(text);
    read += compare_with_toml(ops_part(text)) == Outcome::same_as_toml ? 1 : 0;
  }
  // Most are plain (the others hold a float, a date, UTF-8...): the fast path is the usual one.
  CHECK(read * 2 > files.size());
}

TEST_CASE("plain ops: random mutations of revision files", "[plain_ops]") {
  // Characters that change what TOML reads, and some it refuses.
  const std::string alphabet = "\"'[]{}=,.#\n\t \\ab01-_+eE:u\r\x7f\xc3\x01";
  std::mt19937 random(20261206);
  std::size_t counts[2] = {0, 0};
  for (const auto& file : revision_files()) {
    const std::string base(ops_part(file));
    if (base.empty()) {
      continue;
    }
    for (int round = 0; round < 60; ++round) {
      const std::string text = test::mutated(base, random, alphabet);
      INFO(text);
      ++counts[compare_with_toml(text) == Outcome::same_as_toml ? 1 : 0];
    }
  }
  // Both sides are exercised: many mutants stay plain, many do not.
  CHECK(counts[0] > 500);
  CHECK(counts[1] > 500);
}

TEST_CASE("plain ops: parse_revision_file gives what the TOML parse gives", "[plain_ops]") {
  std::size_t compared = 0;
  for (const auto& text : revision_files()) {
    migrate::RevisionFile fast;
    try {
      fast = migrate::parse_revision_file(text, "v/r.toml");
    } catch (const util::Error&) {
      continue; // a corpus file with an error: the TOML parse reports it either way
    }
    // A comment the plain readers leave alone (non-ASCII) sends the same file through toml++.
    const migrate::RevisionFile slow =
        migrate::parse_revision_file(text + "\n# caf\xc3\xa9\n", "v/r.toml");
    INFO(text);
    CHECK(fast.revision.id == slow.revision.id);
    CHECK(fast.revision.where.line == slow.revision.where.line);
    CHECK(migrate::ops_checksum_text(fast) == migrate::ops_checksum_text(slow));
    CHECK(fast.upgrade_lines == slow.upgrade_lines);
    CHECK(fast.downgrade_lines == slow.downgrade_lines);
    ++compared;
  }
  CHECK(compared > 50);
}

TEST_CASE("plain ops: bulk_insert rows keep the file's key order", "[plain_ops]") {
  // The op's name spelt plainly, and with an escape.
  for (const std::string name : {"bulk_insert", "bulk\\u005finsert"}) {
    const std::string text = "revision = \"a1\"\ndown_revision = \"\"\n\n[[upgrade]]\nop = \"" +
                             name + "\"\ntable = \"t\"\nrows = [ { b = 1, a = 2 } ]\n";
    INFO(text);
    const auto file = migrate::parse_revision_file(text, "v/r.toml");
    REQUIRE(file.upgrade.size() == 1);
    const auto& op = std::get<schema::BulkInsert>(file.upgrade[0]);
    REQUIRE(op.rows.size() == 1);
    REQUIRE(op.rows[0].size() == 2);
    CHECK(op.rows[0][0].first == "b");
    CHECK(file.upgrade_lines == std::vector<std::size_t>{4});
  }
}

TEST_CASE("plain ops: an error in a plain file is reported at its line", "[plain_ops]") {
  const std::string text = "revision = \"a1\"\ndown_revision = \"\"\n\n[[upgrade]]\n"
                           "op = \"create_tabel\"\ntable = \"t\"\n";
  try {
    (void)migrate::parse_revision_file(text, "v/r.toml");
    FAIL("no error");
  } catch (const util::Error& e) {
    REQUIRE(e.where());
    CHECK(e.where()->line == 5);
    CHECK(std::string(e.what()).find("unknown op 'create_tabel'") != std::string::npos);
  }
}
