// The ops checksum: taken from the parsed ops re-serialized canonically, so that comments,
// whitespace, key order, quoting and the header do not change it, and any op change does.
#include "migrate/revision_checksum.h"
#include "migrate/revision_file.h"

#include <catch2/catch.hpp>

using namespace migratecpp;

namespace {

std::string checksum(const std::string& text) {
  return migrate::ops_checksum(migrate::parse_revision_file(text, "versions/r1.toml"));
}

const std::string k_base = R"toml(revision = "r1"
down_revision = ""
message = "users"
create_date = 2026-11-23T10:15:00Z

[[upgrade]]
op = "create_table"
table = "users"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "varchar(100)", nullable = false },
]

[[upgrade]]
op = "create_index"
table = "users"
name = "ix_users_email"
columns = ["email"]

[[downgrade]]
op = "drop_table"
table = "users"
)toml";

} // namespace

TEST_CASE("ops checksum: 64 hex digits, stable", "[checksum]") {
  const std::string c = checksum(k_base);
  CHECK(c.size() == 64);
  CHECK(c.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(checksum(k_base) == c);
}

TEST_CASE("ops checksum: comments, whitespace, key order, quoting and header do not count",
          "[checksum]") {
  const std::string same = R"toml(# a comment at the top
revision = "r1"
down_revision = ""
message = "another message"   # the header is not an op
create_date = 2026-12-01T00:00:00Z


[[upgrade]]
# keys in another order, literal strings, one line
table = 'users'
op="create_table"
columns = [ { type = "integer", primary_key = true, name = "id" }, { nullable = false, name = "email", type = 'varchar(100)' } ]
[[upgrade]]
columns = [ "email" ]
name    = "ix_users_email"
op      = "create_index"
table   = "users"

[[downgrade]]
table = "users"   # trailing comment
op = "drop_table"
)toml";
  CHECK(checksum(same) == checksum(k_base));
}

TEST_CASE("ops checksum: an op change, an op order change or a moved op does count", "[checksum]") {
  const std::string base = checksum(k_base);
  auto edited = [](std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  CHECK(checksum(edited(k_base, "varchar(100)", "varchar(200)")) != base);
  CHECK(checksum(edited(k_base, "nullable = false", "nullable = true")) != base);
  CHECK(checksum(edited(k_base, "name = \"ix_users_email\"", "name = \"ix_email\"")) != base);
  // The downgrade counts too.
  CHECK(checksum(edited(k_base, "op = \"drop_table\"\ntable = \"users\"",
                        "op = \"drop_table\"\ntable = \"people\"")) != base);
  // The two upgrade ops in the other order.
  const auto table_op = k_base.find("[[upgrade]]\nop = \"create_table\"");
  const auto index_op = k_base.find("[[upgrade]]\nop = \"create_index\"");
  const auto down_op = k_base.find("[[downgrade]]");
  REQUIRE(table_op != std::string::npos);
  REQUIRE(index_op != std::string::npos);
  const std::string header = k_base.substr(0, table_op);
  const std::string create_table = k_base.substr(table_op, index_op - table_op);
  const std::string create_index = k_base.substr(index_op, down_op - index_op);
  const std::string downgrade = k_base.substr(down_op);
  CHECK(checksum(header + create_table + create_index + downgrade) == base);
  CHECK(checksum(header + create_index + "\n" + create_table + downgrade) != base);
  // The drop_table moved from downgrade to upgrade.
  CHECK(checksum(header + create_table + create_index +
                 edited(downgrade, "[[downgrade]]", "[[upgrade]]")) != base);
  // Removing the downgrade op.
  CHECK(checksum(k_base.substr(0, k_base.find("[[downgrade]]"))) != base);
}

TEST_CASE("ops checksum: execute SQL is compared as written", "[checksum]") {
  const std::string head = "revision = \"r1\"\ndown_revision = \"\"\n\n[[upgrade]]\n";
  const std::string a = checksum(head + "op = \"execute\"\nsql = \"UPDATE t SET a = 1\"\n");
  const std::string b = checksum(head + "op = \"execute\"\nsql = \"UPDATE t SET a = 2\"\n");
  const std::string per_dialect =
      checksum(head + "op = \"execute\"\nsql = { sqlite = \"UPDATE t SET a = 1\" }\n");
  CHECK(a != b);
  CHECK(a != per_dialect);
}

// The canonical text is versioned (revision_checksum.h): a writer made faster must render it
// byte for byte as before, or every applied revision would count as edited. These values were
// taken from the writers as they were when checksums were first recorded.
TEST_CASE("ops checksum: v1 values are pinned", "[checksum]") {
  CHECK(checksum(k_base) == "c7aa6f477bda026f6b19da5ab4bdbbb719b9e398279c68c3bb4bd02f50aebf04");
  const std::string escapes = R"toml(revision = "r1"
down_revision = ""

[[upgrade]]
op = "create_table"
table = "t \"quoted\""
comment = "line\nbreak\ttab \u0001 back\\slash"
columns = [
  { name = "id", type = "bigint", primary_key = true, autoincrement = true },
  { name = "note", type = "text", default = "'it''s'", collation = "C", comment = "c\"1" },
  { name = "parent", type = "bigint", nullable = false, statistics = 500 },
]
foreign_keys = [
  { name = "fk_parent", columns = ["parent"], ref_table = "t \"quoted\"", ref_columns = ["id"], on_delete = "cascade", deferrable = true },
  { columns = ["parent"], ref_table = "other", ref_columns = ["id"], on_update = "set null" },
]
checks = [{ name = "ck", expression = "parent > 0" }]
indexes = [{ name = "ix_note", columns = ["note"] }]
unique = [{ columns = ["note", "parent"] }]

[[downgrade]]
op = "drop_table"
table = "t \"quoted\""
)toml";
  CHECK(checksum(escapes) == "a4fb1de785613ee21d8fd91b0ed0c225e3cda27b64c6c1f667fa58cf5996e413");
}
