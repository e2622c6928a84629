// What PostgreSQL introspection leaves out is named (Dialect::unmanaged_objects), and what
// the model has (a sequence, a domain, an extension with what it owns, an enum) is not.
#include "introspect/introspect.h"
#include "pg_test_support.h"

using namespace migratecpp;
using dialects::UnmanagedObject;

TEST_CASE("unmanaged objects of a schema", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema s(url);
  s.conn().exec_script(R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    CREATE TABLE users (id serial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY, m mood);
    CREATE TABLE vendor (id int);
    CREATE SEQUENCE invoice_numbers;
    CREATE VIEW active_users AS SELECT id FROM users;
    CREATE MATERIALIZED VIEW user_counts AS SELECT count(*) AS n FROM users;
    CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';
    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
    CREATE PROCEDURE noop() LANGUAGE sql AS 'SELECT 1';
    CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();
    CREATE TRIGGER vendor_touch BEFORE INSERT ON vendor FOR EACH ROW EXECUTE FUNCTION touch();
    CREATE CONSTRAINT TRIGGER users_check AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch();
    CREATE DOMAIN positive AS int CHECK (VALUE > 0);
    CREATE TYPE pair AS (a int, b int);
    CREATE RULE users_notify AS ON UPDATE TO users DO ALSO NOTIFY users;
    CREATE POLICY users_all ON users USING (true);
    CREATE TABLE events (id int, at int) PARTITION BY RANGE (at);
    CREATE TABLE events_0 PARTITION OF events FOR VALUES FROM (0) TO (10);
    CREATE UNLOGGED TABLE scratch (id int, body text, doc text COMPRESSION pglz)
      WITH (fillfactor = 60);
    ALTER TABLE scratch ALTER COLUMN body SET STORAGE EXTERNAL;
    CREATE INDEX scratch_id ON scratch (id) WITH (fillfactor = 70);
    CREATE INDEX scratch_lower ON scratch (lower(body));
    ALTER INDEX scratch_lower ALTER COLUMN 1 SET STATISTICS 500;
    CREATE TABLE base (id int);
    CREATE TABLE kid (extra int) INHERITS (base);
    CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
  )sql");
  introspect::Options options;
  options.schema = s.name();
  options.exclude_tables = {"vendor"};
  const auto objects = test::pg::pg_dialect().unmanaged_objects(s.conn(), options);
  // Views, functions, procedures, operators and row triggers are modelled (issue 11); a
  // constraint trigger is not. UNLOGGED, the storage parameters of tables and indexes and
  // their statistics targets are modelled; a column's storage and compression are not.
  CHECK(objects == std::vector<UnmanagedObject>{
                       {"column compression", "scratch.doc", "scratch"},
                       {"column storage", "scratch.body", "scratch"},
                       {"constraint trigger", "users_check", "users"},
                       {"policy", "users_all", "users"},
                       {"rule", "users_notify", "users"},
                       {"table inheritance", "kid", "kid"},
                       {"type", "pair", ""},
                   });
  CHECK(dialects::describe(objects[5]) == "table inheritance 'kid'");
  // Declarative partitions are the models' (issue 11): the partition holds no columns.
  const auto parts = test::pg::pg_dialect().introspect(s.conn(), options);
  REQUIRE(parts.find_table("events_0") != nullptr);
  CHECK(parts.find_table("events_0")->partition_of == "events");
  CHECK(parts.find_table("events_0")->partition_bound == "FOR VALUES FROM (0) TO (10)");
  CHECK(parts.find_table("events_0")->columns.empty());
  CHECK(parts.find_table("events")->partition_by.has_value());
  // The domain and the sequence of its own are the models' now.
  const auto db = test::pg::pg_dialect().introspect(s.conn(), options);
  CHECK(db.find_domain("positive") != nullptr);
  CHECK(db.find_sequence("invoice_numbers") != nullptr);
  CHECK(db.find_sequence("users_id_seq") == nullptr); // the serial's
  // And so are views and materialized views.
  REQUIRE(db.find_view("active_users") != nullptr);
  REQUIRE(db.find_view("user_counts") != nullptr);
  CHECK(db.find_view("user_counts")->materialized);
  CHECK(db.routines.size() == 3); // add, noop, touch
  REQUIRE(db.triggers.size() == 1);
  CHECK(db.triggers[0].name == "users_touch");
  CHECK(db.triggers[0].function == "touch()");
  const schema::Table* scratch = db.find_table("scratch");
  REQUIRE(scratch != nullptr);
  CHECK(scratch->options.unlogged == true);
  CHECK(scratch->options.storage == std::map<std::string, std::string>{{"fillfactor", "60"}});
  REQUIRE(scratch->indexes.size() == 2);
  CHECK(scratch->indexes[0].name == "scratch_id");
  CHECK(scratch->indexes[0].storage == std::map<std::string, std::string>{{"fillfactor", "70"}});
  CHECK(scratch->indexes[1].statistics == std::map<int, int>{{1, 500}});
  // And operators (and aggregates).
  REQUIRE(db.operators.size() == 1);
  CHECK(db.operators[0].name == "===");
  CHECK(db.operators[0].leftarg == std::optional<std::string>("integer"));
  CHECK(db.operators[0].function == "int4eq");
}
