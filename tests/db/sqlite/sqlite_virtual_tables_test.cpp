// SQLite virtual tables read from a live database (the stored text's module and arguments,
// whatever its spelling; the shadow tables never tables of the model) and made and dropped by
// their ops: what is created reads back as the model it came from, and the shadow tables come
// and go with it.
#include "sqlite_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

std::vector<std::string> shadow_tables(SqliteDb& db) {
  std::vector<std::string> out;
  for (const auto& r :
       db.conn()
           .query("SELECT name FROM pragma_table_list WHERE type = 'shadow' ORDER BY name")
           .rows) {
    out.push_back(r[0].value_or(""));
  }
  return out;
}

} // namespace

TEST_CASE("virtual tables: read from their stored text, shadow tables left out",
          "[sqlite][introspect][virtual_tables]") {
  SqliteDb db;
  db.exec(R"sql(
    CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
    CREATE VIRTUAL TABLE IF NOT EXISTS "Event Search" USING fts4 ( event_id, room_id , value );
    CREATE VIRTUAL TABLE docs USING fts5(title, body, content = 'notes', tokenize = "porter unicode61");
    CREATE VIRTUAL TABLE shapes USING rtree(id, minx, maxx);
    CREATE VIRTUAL TABLE plain USING fts5(a /* a comment, with a comma */, b);
  )sql");
  const auto live = db.schema();
  REQUIRE(live.virtual_tables.size() == 4);
  CHECK(live.virtual_tables[0] ==
        schema::VirtualTable{"Event Search", "fts4", {"event_id", "room_id", "value"}});
  CHECK(live.virtual_tables[1] == schema::VirtualTable{"docs",
                                                       "fts5",
                                                       {"title", "body", "content = 'notes'",
                                                        "tokenize = \"porter unicode61\""}});
  CHECK(live.virtual_tables[2] ==
        schema::VirtualTable{"plain", "fts5", {"a /* a comment, with a comma */", "b"}});
  CHECK(live.virtual_tables[3] == schema::VirtualTable{"shapes", "rtree", {"id", "minx", "maxx"}});
  // Only notes is a table: not the virtual tables, not one of their shadow tables.
  REQUIRE(live.tables.size() == 1);
  CHECK(live.tables[0].name == "notes");
  CHECK(sqlite_dialect().unmanaged_objects(db.conn(), {}).empty());
}

TEST_CASE("virtual tables: created and dropped by their ops, shadow tables with them",
          "[sqlite][ops][virtual_tables]") {
  SqliteDb db;
  const schema::VirtualTable v{"docs", "fts5", {"title", "body", "tokenize = 'porter'"}};
  const auto statements = db.run(schema::CreateVirtualTable{v});
  REQUIRE(statements.size() == 1);
  CHECK(statements[0].sql ==
        "CREATE VIRTUAL TABLE \"docs\" USING fts5(title, body, tokenize = 'porter')");
  CHECK(db.schema().virtual_tables == std::vector<schema::VirtualTable>{v});
  CHECK(db.schema().tables.empty());
  CHECK(shadow_tables(db) == std::vector<std::string>{"docs_config", "docs_content", "docs_data",
                                                      "docs_docsize", "docs_idx"});
  db.exec("INSERT INTO docs (title, body) VALUES ('a', 'running')");
  CHECK(db.conn().query("SELECT title FROM docs WHERE docs MATCH 'run'").rows.size() == 1);
  db.run(schema::DropVirtualTable{"docs", v});
  CHECK(db.schema().virtual_tables.empty());
  CHECK(shadow_tables(db).empty());
  CHECK(db.conn().query("SELECT name FROM sqlite_master").rows.empty());
}
