// Declarative partitioning in model and revision files (partition_by, partition_of,
// partition_bound), their load-time checks and refusals, and the diff of partitions.
#include "dialects/dialect.h"
#include "migrate/diff.h"
#include "migrate/model_file.h"
#include "migrate/revision_file.h"
#include "schema/partition.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using migrate::parse_models;
using migrate::render_models;

namespace {

const std::string k_path = "models/schema.toml";

std::string at(int line, const std::string& message) {
  return k_path + ":" + std::to_string(line) + ": " + message;
}

// Lines 1-9: `payment`, partitioned by range, with two partitions from line 11 on.
const std::string k_payment = R"toml([[table]]
name = "payment"
partition_by = "RANGE (payment_date)"
columns = [
  { name = "payment_id", type = "integer", nullable = false },
  { name = "customer_id", type = "integer", nullable = false },
  { name = "payment_date", type = "timestamptz", nullable = false },
]
primary_key = { columns = ["payment_date", "payment_id"] }

[[table]]
name = "payment_p2022_01"
partition_of = "payment"
partition_bound = "FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00')"
indexes = [ { name = "payment_p2022_01_customer_id_idx", columns = ["customer_id"] } ]

[[table]]
name = "payment_rest"
partition_of = "payment"
partition_bound = "DEFAULT"
)toml";

} // namespace

TEST_CASE("partitions: model file round trip", "[partitions]") {
  const schema::Database db = parse_models(k_payment, k_path);
  REQUIRE(db.tables.size() == 3);
  const schema::Table& parent = *db.find_table("payment");
  CHECK(parent.partition_by == "RANGE (payment_date)");
  CHECK_FALSE(parent.is_partition());
  const schema::Table& p = *db.find_table("payment_p2022_01");
  CHECK(p.partition_of == "payment");
  CHECK(p.columns.empty()); // its parent's
  CHECK(p.indexes.size() == 1);
  CHECK(&schema::column_source(db, p) == &parent);
  CHECK(db.find_table("payment_rest")->partition_bound == "DEFAULT");
  CHECK(render_models(db) == k_payment);
  CHECK(parse_models(render_models(db), k_path) == db);
}

TEST_CASE("partitions: sub-partitioning composes", "[partitions]") {
  const std::string text = k_payment + R"toml(
[[table]]
name = "payment_2023"
partition_of = "payment"
partition_bound = "FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')"
partition_by = "LIST (customer_id)"

[[table]]
name = "payment_2023_c1"
partition_of = "payment_2023"
partition_bound = "FOR VALUES IN (1)"
indexes = [ { name = "payment_2023_c1_id", columns = ["payment_id"] } ]
)toml";
  const schema::Database db = parse_models(text, k_path);
  const schema::Table& leaf = *db.find_table("payment_2023_c1");
  CHECK(schema::column_source(db, leaf).name == "payment");
  CHECK(parse_models(render_models(db), k_path) == db);
}

TEST_CASE("partitions: load-time errors name file:line", "[partitions]") {
  auto fails = [](const std::string& text) {
    try {
      parse_models(text, k_path);
    } catch (const util::Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(fails(k_payment + "\n[[table]]\nname = \"x\"\npartition_of = \"paymnt\"\n"
                          "partition_bound = \"DEFAULT\"\n") ==
        at(24, "table 'x' is a partition of 'paymnt', which is not in the models (did you mean "
               "'payment'?)"));
  CHECK(fails(k_payment + "\n[[table]]\nname = \"x\"\npartition_of = \"payment_rest\"\n"
                          "partition_bound = \"DEFAULT\"\n") ==
        at(24, "table 'x' is a partition of 'payment_rest', which is not partitioned (give it "
               "partition_by)"));
  CHECK(fails(k_payment + "\n[[table]]\nname = \"x\"\npartition_of = \"payment\"\n") ==
        at(24, "table 'x': a partition needs partition_bound (\"FOR VALUES FROM (...) TO "
               "(...)\", \"FOR VALUES IN (...)\", \"FOR VALUES WITH (MODULUS m, REMAINDER r)\" "
               "or \"DEFAULT\")"));
  CHECK(fails("[[table]]\nname = \"x\"\npartition_bound = \"DEFAULT\"\n"
              "columns = [ { name = \"a\", type = \"integer\" } ]\n") ==
        at(3, "table 'x': partition_bound needs partition_of (the table it is a partition of)"));
  CHECK(fails(k_payment + "\n[[table]]\nname = \"x\"\npartition_of = \"payment\"\n"
                          "partition_bound = \"DEFAULT\"\n"
                          "columns = [ { name = \"a\", type = \"integer\" } ]\n") ==
        at(26, "table 'x' is a partition of 'payment': its columns are its parent's (leave "
               "'columns' out)"));
  CHECK(fails(k_payment + "\n[[table]]\nname = \"x\"\npartition_of = \"payment\"\n"
                          "partition_bound = \"DEFAULT\"\n"
                          "indexes = [ { name = \"x_i\", columns = [\"nope\"] } ]\n") ==
        at(26, "table 'x': index 'x_i' names column 'nope', which is not in its partitioned "
               "table 'payment'"));
}

TEST_CASE("partitions: refused at load where the dialect has none", "[partitions]") {
  test::TempDir dir;
  test::write_file(dir / "p.toml", k_payment);
  CHECK_NOTHROW(migrate::load_models({dir / "p.toml"}, &dialects::dialect_by_name("postgresql")));
  for (const char* name : {"mysql", "sqlite"}) {
    CHECK_THROWS_WITH(migrate::load_models({dir / "p.toml"}, &dialects::dialect_by_name(name)),
                      (dir / "p.toml").string() +
                          ":3: table 'payment': partition_by is PostgreSQL's declarative "
                          "partitioning; " +
                          name +
                          " has none that migratecpp manages (leave partitioning out of the "
                          "models)");
  }
}

TEST_CASE("partitions: revision files carry them on create_table", "[partitions]") {
  const schema::Database db = parse_models(k_payment, k_path);
  std::vector<schema::Op> up;
  for (const auto& t : db.tables) {
    up.push_back(schema::CreateTable{t});
  }
  const std::vector<schema::Op> down = schema::reverse_all(up);
  const std::string text = "revision = \"r1\"\ndown_revision = \"\"\n\n" +
                           migrate::render_ops(up, "upgrade") + "\n" +
                           migrate::render_ops(down, "downgrade");
  CHECK(text.find("partition_of = \"payment\"") != std::string::npos);
  const migrate::RevisionFile back = migrate::parse_revision_file(text, "versions/r1.toml");
  CHECK(back.upgrade == up);
  CHECK(back.downgrade == down);
}

TEST_CASE("partitions: diff creates partitions after their parent, drops them before",
          "[partitions]") {
  const schema::Database db = parse_models(k_payment, k_path);
  const auto result = migrate::diff(schema::Database{}, db, {});
  REQUIRE(result.upgrade.size() >= 3);
  std::vector<std::string> created;
  for (const auto& op : result.upgrade) {
    if (const auto* c = std::get_if<schema::CreateTable>(&op)) {
      created.push_back(c->table.name);
    }
  }
  CHECK(created == std::vector<std::string>{"payment", "payment_p2022_01", "payment_rest"});
  std::vector<std::string> dropped;
  for (const auto& op : result.downgrade) {
    if (const auto* d = std::get_if<schema::DropTable>(&op)) {
      dropped.push_back(d->table);
    }
  }
  CHECK(dropped == std::vector<std::string>{"payment_rest", "payment_p2022_01", "payment"});
  // A parent whose name sorts after its partitions' still comes first.
  schema::Database renamed = db;
  renamed.tables[0].name = "zpayment";
  for (auto& t : renamed.tables) {
    if (t.partition_of) {
      t.partition_of = "zpayment";
    }
  }
  const auto again = migrate::diff(schema::Database{}, renamed, {});
  REQUIRE(std::holds_alternative<schema::CreateTable>(again.upgrade.at(0)));
  CHECK(std::get<schema::CreateTable>(again.upgrade.at(0)).table.name == "zpayment");
  // No difference against itself, whatever the spelling of the bound's keywords.
  schema::Database spelled = db;
  spelled.tables[1].partition_bound =
      "for values from ('2022-01-01 00:00:00+00')  to ('2022-02-01 00:00:00+00')";
  CHECK(migrate::diff(db, spelled, {}).upgrade.empty());
}

TEST_CASE("partitions: the diff refuses what would move rows", "[partitions]") {
  const schema::Database db = parse_models(k_payment, k_path);
  schema::Database by = db;
  by.tables[0].partition_by = "LIST (customer_id)";
  CHECK_THROWS_WITH(migrate::diff(db, by, {}),
                    Catch::StartsWith("table 'payment': partition_by changes from 'RANGE "
                                      "(payment_date)' to 'LIST (customer_id)': a table cannot "
                                      "be partitioned differently in place"));
  schema::Database plain = db;
  plain.tables.resize(1);
  plain.tables[0].partition_by.reset();
  schema::Database parent_only = db;
  parent_only.tables.resize(1);
  CHECK_THROWS_WITH(migrate::diff(plain, parent_only, {}),
                    Catch::StartsWith("table 'payment': partition_by changes from none to "
                                      "'RANGE (payment_date)'"));
  schema::Database bound = db;
  bound.tables[1].partition_bound = "FOR VALUES FROM ('2022-01-01') TO ('2022-03-01')";
  CHECK_THROWS_WITH(migrate::diff(db, bound, {}),
                    Catch::StartsWith("table 'payment_p2022_01': its partition bound changes"));
}
