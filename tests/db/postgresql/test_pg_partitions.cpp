// PostgreSQL declarative partitioning (issue 11): a model with a partitioned table, partitions
// (one sub-partitioned) and what is a partition's own, created through the dialect's ops and
// read back equal; what the server attaches from the parent (columns, the key, indexes, foreign
// keys, checks) is not read as the partition's.
#include "dialects/connection.h"
#include "introspect/introspect.h"
#include "migrate/model_file.h"
#include "pg_test_support.h"
#include "schema/apply.h"

using namespace migratecpp;

namespace {

const char* k_model = R"toml([[table]]
name = "cities"
columns = [
  { name = "id", type = "integer", primary_key = true },
]

[[table]]
name = "m2024"
partition_of = "measurement"
partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
indexes = [ { name = "m2024_peak", columns = ["peak"] } ]
checks = [ { name = "m2024_peak_small", expression = "peak < 1000" } ]

[[table]]
name = "m2025"
partition_of = "measurement"
partition_bound = "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
partition_by = "LIST (city_id)"

[[table]]
name = "m2025_c1"
partition_of = "m2025"
partition_bound = "FOR VALUES IN (1)"

[[table]]
name = "m_default"
partition_of = "measurement"
partition_bound = "DEFAULT"
foreign_keys = [ { name = "m_default_city", columns = ["city_id"], ref_table = "cities", ref_columns = ["id"] } ]

[[table]]
name = "measurement"
partition_by = "RANGE (logdate)"
columns = [
  { name = "id", type = "bigint", nullable = false },
  { name = "city_id", type = "integer", nullable = false },
  { name = "logdate", type = "date", nullable = false },
  { name = "peak", type = "integer", nullable = false },
]
primary_key = { columns = ["logdate", "city_id", "id"] }
indexes = [ { name = "measurement_city", columns = ["city_id"] } ]
foreign_keys = [ { name = "measurement_city_fk", columns = ["city_id"], ref_table = "cities", ref_columns = ["id"] } ]
checks = [ { name = "measurement_peak", expression = "peak >= 0" } ]
)toml";

} // namespace

TEST_CASE("partitions: created from a model, read back as the model", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema s(url);
  const auto& d = test::pg::pg_dialect();
  const schema::Database model = migrate::parse_models(k_model, "models/schema.toml");
  // The parent before its partitions, the sub-partitioned one before its own.
  schema::Database state;
  for (const char* name : {"cities", "measurement", "m2024", "m2025", "m2025_c1", "m_default"}) {
    const schema::CreateTable op{*model.find_table(name)};
    for (const auto& st : d.render(op, state)) {
      INFO(st.sql);
      dialects::run_statement(s.conn(), st);
    }
    schema::apply(state, op);
  }
  const schema::Database live = introspect::introspect(s.conn(), d, {});
  CHECK(live.tables == model.tables);
  // The server did attach the parent's parts to each partition.
  const auto count = [&](const std::string& sql) { return s.conn().query(sql, {}).text(0, "n"); };
  CHECK(count("SELECT count(*) AS n FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid "
              "WHERE c.relnamespace = '" +
              s.name() + "'::regnamespace") == "12"); // (key, city) x (parent, 4 tables, m2025)
  // Rows go through the parent (the partition's own check is tried last).
  s.conn().exec("INSERT INTO cities VALUES (1), (2)");
  s.conn().exec("INSERT INTO measurement VALUES (1, 1, '2025-03-01', 5), (2, 2, '2031-01-01', 1)");
  CHECK(count("SELECT count(*) AS n FROM m2025_c1") == "1");
  CHECK(count("SELECT count(*) AS n FROM m_default") == "1");

  // Dropping a partition detaches it first; the reverse creates it again, bound and all.
  const schema::DropTable drop{"m2024", *model.find_table("m2024")};
  for (const auto& st : d.render(drop, state)) {
    INFO(st.sql);
    dialects::run_statement(s.conn(), st);
  }
  schema::apply(state, drop);
  const schema::Op back = schema::reverse(drop);
  for (const auto& st : d.render(back, state)) {
    dialects::run_statement(s.conn(), st);
  }
  CHECK(introspect::introspect(s.conn(), d, {}).tables == model.tables);
  CHECK_THROWS(s.conn().exec("INSERT INTO measurement VALUES (3, 1, '2024-03-01', 5000)"));
}
