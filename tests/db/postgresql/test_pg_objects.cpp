// Sequences, domains and extensions read from PostgreSQL: the serial rule on the shapes real
// schemas have (pagila's sequences that no column owns, roundcube's late-binding nextval,
// synapse's sequences no default uses, a real serial), a column of a domain type, and what an
// extension owns left out. Through the real binary: inspect -> check -> autogenerate into an
// empty schema -> upgrade -> check -> the catalogs of both compared.
#include "introspect/introspect.h"
#include "migrate/model_file.h"
#include "pg_test_support.h"
#include "support/test_support.h"

#include <string>
#include <vector>

using namespace migratecpp;

namespace {

std::string url_of(const std::string& url, const test::pg::TestSchema& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema.name();
}

test::RunResult run(const test::TempDir& dir, const std::string& url, const std::string& args) {
  const auto r = test::run_cli(dir.path(), "--url '" + url + "' " + args);
  INFO("migratecpp " << args << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.exit_code == 0);
  return r;
}

const std::string k_fragment_sql = R"sql(
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE SEQUENCE actor_actor_id_seq;
CREATE TABLE actor (
  actor_id integer DEFAULT nextval('actor_actor_id_seq'::regclass) NOT NULL PRIMARY KEY,
  first_name text NOT NULL
);
CREATE TABLE film (film_id serial PRIMARY KEY, release_year year, n integer);
CREATE SEQUENCE users_seq;
CREATE TABLE users (user_id integer DEFAULT nextval(('users_seq'::text)::regclass) NOT NULL PRIMARY KEY);
CREATE SEQUENCE stream_seq AS integer START WITH 10 INCREMENT BY 5 CACHE 20 CYCLE;
CREATE SEQUENCE film_n_seq INCREMENT BY 2 OWNED BY film.n;
INSERT INTO actor (first_name) VALUES ('PENELOPE');
INSERT INTO film (release_year) VALUES (2006);
)sql";

// What both schemas must agree on, read from the catalogs (queries/pg/*.sql of the plan).
const std::string k_sequences_sql =
    "SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, "
    "s.seqmax, s.seqcache, s.seqcycle, oc.relname || '.' || oa.attname "
    "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
    "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid "
    "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
    "LEFT JOIN pg_class oc ON oc.oid = d.refobjid "
    "LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid "
    "WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1";
const std::string k_domains_sql =
    "SELECT t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, "
    "ARRAY(SELECT con.conname || ': ' || pg_get_constraintdef(con.oid, true) FROM pg_constraint "
    "con WHERE con.contypid = t.oid ORDER BY 1) FROM pg_type t "
    "WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype = 'd' ORDER BY 1";
const std::string k_defaults_sql =
    "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attidentity, "
    "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
    "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
    "AND a.attnum > 0 AND NOT a.attisdropped AND c.relname IN ('actor', 'film', 'users') "
    // A serial comes back an identity column (autoincrement's PostgreSQL form): compared
    // through its sequence above, not here.
    "AND NOT (c.relname = 'film' AND a.attname = 'film_id') ORDER BY 1, 2";

} // namespace

TEST_CASE("sequences and domains of a pagila-like schema survive a round trip",
          "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema source(url);
  source.conn().exec_script(k_fragment_sql);
  test::TempDir dir;
  REQUIRE(test::run_cli(dir.path(), "init").exit_code == 0);
  const std::string source_url = url_of(url, source);

  const auto inspected = run(dir, source_url, "inspect");
  INFO(inspected.out);
  for (const char* text : {
           "[[domain]]\nname = \"year\"\ntype = \"integer\"\nchecks = [{ name = \"year_check\", "
           "expression = \"VALUE >= 1901 AND VALUE <= 2155\" }]\n",
           "[[sequence]]\nname = \"actor_actor_id_seq\"\n\n",
           "[[sequence]]\nname = \"film_n_seq\"\nincrement = 2\nowned_by = \"film.n\"\n",
           "[[sequence]]\nname = \"stream_seq\"\ntype = \"integer\"\nstart = 10\nincrement = "
           "5\ncache = 20\ncycle = true\n",
           "[[sequence]]\nname = \"users_seq\"\n",
           "default = \"nextval('actor_actor_id_seq'::regclass)\"",
           "default = \"nextval(('users_seq'::text)::regclass)\"", // as the server printed it
           "{ name = \"release_year\", type = \"year\" }",
       }) {
    INFO(text);
    CHECK(inspected.out.find(text) != std::string::npos);
  }
  // A real serial is a column's: autoincrement, its sequence not listed; nothing is unmanaged.
  CHECK(inspected.out.find("film_film_id_seq") == std::string::npos);
  CHECK(inspected.out.find("autoincrement = true") != std::string::npos);
  CHECK(inspected.err.find("sequence") == std::string::npos);
  CHECK(inspected.err.find("domain") == std::string::npos);
  CHECK(inspected.out.find("\"actor_id\", type = \"integer\", nullable = false, primary_key = "
                           "true, autoincrement") == std::string::npos);

  test::write_file(dir / "models/schema.toml", inspected.out);
  CHECK(!migrate::parse_models(inspected.out, "inspect.toml").sequences.empty());
  run(dir, source_url, "check");

  test::pg::TestSchema copy(url);
  const std::string copy_url = url_of(url, copy);
  run(dir, copy_url, "revision --autogenerate -m copy");
  run(dir, copy_url, "upgrade head");
  run(dir, copy_url, "check");
  CHECK(run(dir, copy_url, "inspect").out == inspected.out);
  for (const auto& sql : {k_sequences_sql, k_domains_sql, k_defaults_sql}) {
    INFO(sql);
    CHECK(copy.rows(sql) == source.rows(sql));
  }
  // The domain works in the copy: its check holds.
  CHECK_THROWS(copy.conn().exec("INSERT INTO film (release_year) VALUES (1800)"));
  run(dir, copy_url, "downgrade base");
  CHECK(copy.rows(k_sequences_sql).empty());
  CHECK(copy.rows(k_domains_sql).empty());
}

TEST_CASE("what an extension owns is the extension's, not the models'", "[postgresql][db]") {
  MIGRATECPP_PG_URL_OR_SKIP(url);
  test::pg::TestSchema s(url);
  // hstore is trusted (a database owner may create it); the objects added to it stand for
  // what extensions such as PostGIS bring (spatial_ref_sys).
  s.conn().exec_script(R"sql(
    CREATE EXTENSION hstore;
    CREATE TABLE ext_table (id int PRIMARY KEY);
    CREATE SEQUENCE ext_seq;
    CREATE DOMAIN ext_domain AS int;
    CREATE TYPE ext_enum AS ENUM ('a');
    ALTER EXTENSION hstore ADD TABLE ext_table;
    ALTER EXTENSION hstore ADD SEQUENCE ext_seq;
    ALTER EXTENSION hstore ADD DOMAIN ext_domain;
    ALTER EXTENSION hstore ADD TYPE ext_enum;
    CREATE TABLE mine (id int PRIMARY KEY, attrs hstore);
  )sql");
  introspect::Options options;
  options.schema = s.name();
  const auto db = test::pg::pg_dialect().introspect(s.conn(), options);
  REQUIRE(db.tables.size() == 1);
  CHECK(db.tables[0].name == "mine");
  CHECK(db.sequences.empty());
  CHECK(db.domains.empty());
  CHECK(db.enums.empty());
  REQUIRE(db.extensions.size() == 1);
  CHECK(db.extensions[0].name == "hstore");
  CHECK(db.extensions[0].schema == std::nullopt);
  CHECK(db.extensions[0].version.has_value());
  CHECK(test::pg::pg_dialect().unmanaged_objects(s.conn(), options).empty());
  s.conn().exec("DROP TABLE mine");
  s.conn().exec("DROP EXTENSION hstore");
}
