// The plain header reader (no TOML library) against the TOML parse of the same text: the same
// Revision wherever it reads one, and the TOML parse left to everything else.
#include "migrate/plain_header.h"
#include "migrate/revision_file.h"
#include "util/error.h"

#include <catch2/catch.hpp>

#include <string>

using namespace migratecpp;
using migrate::read_plain_header;

namespace {

bool same(const migrate::Revision& a, const migrate::Revision& b) {
  return a.id == b.id && a.down_revisions == b.down_revisions &&
         a.branch_labels == b.branch_labels && a.depends_on == b.depends_on &&
         a.message == b.message && a.create_date == b.create_date && a.where.path == b.where.path &&
         a.where.line == b.where.line;
}

} // namespace

TEST_CASE("plain header: what `revision` writes is read as TOML reads it", "[plain_header]") {
  const std::vector<std::string> plain = {
      // The template's shape.
      "revision = \"000000000002\"\ndown_revision = \"000000000001\"\nbranch_labels = []\n"
      "depends_on = []\nmessage = \"create t_0002\"\ncreate_date = 2026-01-01T00:00:00Z\n\n",
      // A root, comments, blank lines, CRLF, tabs, arrays with and without a trailing comma.
      "# first\r\nrevision = \"a1\"\r\n\r\ndown_revision = \"\"\r\n",
      "revision=\"b2\"\n\tdown_revision = [ \"a1\", \"x-9\" , ]\nbranch_labels = \"main\"\n"
      "depends_on = [\"c3\"]\nmessage = \"it's 'quoted' # not a comment\"\n"
      "create_date = \"yesterday\"\n",
      // No down_revision: the revision's line is the one messages point at.
      "\n\nrevision = \"c3\"\nmessage = \"\"\n",
  };
  for (const auto& text : plain) {
    INFO(text);
    const auto fast = read_plain_header(text, "v/r.toml");
    REQUIRE(fast);
    CHECK(same(*fast, migrate::parse_revision_keys(text, "v/r.toml")));
  }
}

TEST_CASE("plain header: anything else is left to the TOML parse", "[plain_header]") {
  const std::vector<std::string> other = {
      "revision = \"a1\"\nmessage = \"tab\\there\"\n",           // an escape
      "revision = 'a1'\n",                                       // a literal string
      "revision = \"a1\"\nmessage = \"\"\"\nlong\n\"\"\"\n",     // multi-line
      "revision = \"a1\" # the id\n",                            // a comment after a value
      "revision = \"a1\"\nrevision = \"a2\"\n",                  // repeated
      "revision = \"a1\"\nauthor = \"me\"\n",                    // unknown
      "revision = \"\"\n",                                       // empty id
      "revision = \"a b\"\n",                                    // invalid id
      "revision = \"a1\"\ndown_revision = [\"a0\", \"\"]\n",     // invalid parent
      "message = \"no id\"\n",                                   // no revision
      "revision = \"a1\"\nmessage = \"caf\xc3\xa9\"\n",          // UTF-8
      "revision = \"a1\"\ncreate_date = 2026-01-01 00:00:00Z\n", // another date-time form
      "revision = \"a1\"\nmessage = [\"a\"]\n",                  // wrong type
      "revision = \"a1\"\ndown_revision = [\"a0\"\n",            // unclosed array
  };
  for (const auto& text : other) {
    INFO(text);
    CHECK_FALSE(read_plain_header(text, "v/r.toml"));
  }
}
