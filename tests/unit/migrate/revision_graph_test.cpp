// The revision graph's shape, lookups and construction errors, on literal histories.
#include "migrate/revision_graph.h"
#include "util/error.h"

#include "support/graph_fixtures.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using migratecpp::migrate::Revision;
using migratecpp::migrate::RevisionGraph;
using migratecpp::test::Ids;
using migratecpp::test::rev;

namespace {

Revision in_file(Revision r, std::string path) {
  r.where = migratecpp::util::Location{std::move(path), 0};
  return r;
}

// a -> a2 -> a3 -> a4, given out of order to show that input order does not matter.
RevisionGraph chain() {
  return RevisionGraph({rev("a3", {"a2"}), rev("a1"), rev("a4", {"a3"}), rev("a2", {"a1"})});
}

//      +-- b1 [bee] -- b2 --+
//  a --+                    +-- m -- d
//      +-- c1 [sea] -- c2 --+
RevisionGraph merged() {
  return RevisionGraph({rev("a"), rev("b1", {"a"}, {"bee"}), rev("b2", {"b1"}),
                        rev("c1", {"a"}, {"sea"}), rev("c2", {"c1"}), rev("m", {"b2", "c2"}),
                        rev("d", {"m"})});
}

} // namespace

TEST_CASE("shape of a linear chain", "[revision_graph]") {
  const RevisionGraph g = chain();
  CHECK(g.size() == 4);
  CHECK(g.heads() == Ids{"a4"});
  CHECK(g.bases() == Ids{"a1"});
  CHECK(g.branch_points().empty());
  CHECK(g.children("a2") == Ids{"a3"});
  CHECK(g.children("a4").empty());
  CHECK(g.is_head("a4"));
  CHECK_FALSE(g.is_head("a3"));
  CHECK(g.is_base("a1"));
  CHECK_FALSE(g.is_base("a2"));
  CHECK_FALSE(g.is_merge_point("a2"));
  CHECK_FALSE(g.is_branch_point("a2"));
  CHECK(g.topo_order_newest_first() == Ids{"a4", "a3", "a2", "a1"});

  Ids all;
  for (const Revision& r : g.all()) {
    all.push_back(r.id);
  }
  CHECK(all == Ids{"a1", "a2", "a3", "a4"});
}

TEST_CASE("shape of two branches from a root and a merge", "[revision_graph]") {
  SECTION("two branches give two heads, sorted") {
    const RevisionGraph g({rev("a"), rev("c1", {"a"}), rev("b1", {"a"})});
    CHECK(g.heads() == Ids{"b1", "c1"});
    CHECK(g.bases() == Ids{"a"});
    CHECK(g.branch_points() == Ids{"a"});
    CHECK(g.is_branch_point("a"));
    CHECK(g.children("a") == Ids{"b1", "c1"});
    CHECK(g.topo_order_newest_first() == Ids{"b1", "c1", "a"});
  }
  SECTION("a merge joins them into one head") {
    const RevisionGraph g = merged();
    CHECK(g.heads() == Ids{"d"});
    CHECK(g.branch_points() == Ids{"a"});
    CHECK(g.is_merge_point("m"));
    CHECK_FALSE(g.is_merge_point("d"));
    CHECK(g.children("b2") == Ids{"m"});
    CHECK(g.get("m").down_revisions == Ids{"b2", "c2"});
    // Each branch from its head down before the next one; children before parents.
    CHECK(g.topo_order_newest_first() == Ids{"d", "m", "b2", "b1", "c2", "c1", "a"});
  }
  SECTION("unrelated roots are all bases") {
    const RevisionGraph g({rev("x"), rev("y"), rev("y2", {"y"})});
    CHECK(g.bases() == Ids{"x", "y"});
    CHECK(g.heads() == Ids{"x", "y2"});
  }
  SECTION("an empty graph") {
    const RevisionGraph g({});
    CHECK(g.size() == 0);
    CHECK(g.heads().empty());
    CHECK(g.resolve_targets("head", {}).empty());
    CHECK(g.upgrade_plan({}, "heads").empty());
  }
}

TEST_CASE("resolving ids and prefixes and labels", "[revision_graph]") {
  const RevisionGraph g(
      {rev("abc123"), rev("abd456", {"abc123"}, {"feature"}), rev("ffe789", {"abd456"})});

  CHECK(g.resolve("abc123") == "abc123");
  CHECK(g.resolve("abc") == "abc123");
  CHECK(g.resolve("f") == "ffe789");
  CHECK(g.resolve("feature") == "abd456");
  CHECK(g.resolve("head") == "ffe789");
  CHECK(g.resolve("feature@head") == "ffe789");
  CHECK(g.resolve("feature@ffe") == "ffe789");
  // The unbranched stretch below a labelled revision is on its branch too.
  CHECK(g.resolve("feature@abc123") == "abc123");
  CHECK(g.get("abd").id == "abd456");
  CHECK(g.labels() == std::map<std::string, std::string, std::less<>>{{"feature", "abd456"}});

  // find() is exact: it answers "is this id taken?" and "is this row known?".
  REQUIRE(g.find("abd456") != nullptr);
  CHECK(g.find("abd456")->id == "abd456");
  CHECK(g.find("abd") == nullptr);
  CHECK(g.find("feature") == nullptr);

  CHECK_THROWS_WITH(g.resolve("ab"), "revision prefix 'ab' is ambiguous: abc123, abd456");
  CHECK_THROWS_WITH(g.resolve("zzz"), "no such revision 'zzz'");
  CHECK_THROWS_WITH(g.resolve("abc124"), "no such revision 'abc124' (did you mean 'abc123'?)");
  CHECK_THROWS_WITH(g.resolve("featur"), "no such revision 'featur' (did you mean 'feature'?)");
  CHECK_THROWS_WITH(g.resolve(""), "no such revision ''");
  CHECK_THROWS_WITH(g.get("nope"), "no such revision 'nope'");
  CHECK_THROWS_WITH(g.is_head("nope"), "no such revision 'nope'");
  CHECK_THROWS_WITH(g.resolve("nope@head"), "no such branch label 'nope'");
  CHECK_THROWS_WITH(g.resolve("featuer@head"),
                    "no such branch label 'featuer' (did you mean 'feature'?)");
}

TEST_CASE("dependencies resolve by id or label or prefix", "[revision_graph]") {
  const RevisionGraph g({rev("root"), rev("x1", {"root"}), rev("y1", {"root"}, {"why"}),
                         rev("y2", {"y1"}), rev("x2", {"x1"}, {}, {"why"}),
                         rev("x3", {"x2"}, {}, {"y2"}), rev("x4", {"x3"}, {}, {"x1"})});
  CHECK(g.applied_set({"x2"}) == std::set<std::string>{"root", "x1", "x2", "y1"});
  CHECK(g.applied_set({"x3"}) == std::set<std::string>{"root", "x1", "x2", "x3", "y1", "y2"});
  // A dependency is not a parent: y1 keeps its one child and x2 its one parent.
  CHECK(g.children("y1") == Ids{"y2"});
  CHECK(g.heads() == Ids{"x4", "y2"});
  CHECK_FALSE(g.is_merge_point("x2"));
  // A dependency that is also an ancestor changes nothing.
  CHECK(g.upgrade_plan({"x3"}, "x4") == Ids{"x4"});

  const RevisionGraph by_prefix({rev("aaa"), rev("bbb", {"aaa"}), rev("ccc", {"aaa"}, {}, {"bb"})});
  CHECK(by_prefix.applied_set({"ccc"}) == std::set<std::string>{"aaa", "bbb", "ccc"});
}

TEST_CASE("construction errors word for word", "[revision_graph][errors]") {
  SECTION("duplicate id, located at the second file") {
    CHECK_THROWS_WITH(RevisionGraph({in_file(rev("a"), "v/1.toml"), in_file(rev("a"), "v/2.toml")}),
                      "v/2.toml: duplicate revision id 'a' (also in v/1.toml)");
    try {
      RevisionGraph({in_file(rev("a"), "v/1.toml"), in_file(rev("a"), "v/2.toml")});
      FAIL("no error");
    } catch (const migratecpp::util::Error& e) {
      CHECK(e.message() == "duplicate revision id 'a' (also in v/1.toml)");
      REQUIRE(e.where().has_value());
      CHECK(e.where()->path == "v/2.toml");
      CHECK(e.where()->line == 0);
    }
    CHECK_THROWS_WITH(RevisionGraph({rev("a"), rev("a")}), "duplicate revision id 'a'");
  }
  SECTION("missing parent") {
    CHECK_THROWS_WITH(RevisionGraph({rev("aa2"), rev("b", {"aa1"})}),
                      "revision 'b' has down_revision 'aa1', which does not exist (did you "
                      "mean 'aa2'?)");
    CHECK_THROWS_WITH(RevisionGraph({rev("a"), in_file(rev("b", {"zzzz"}), "versions/b.toml")}),
                      "versions/b.toml: revision 'b' has down_revision 'zzzz', which does not "
                      "exist");
  }
  SECTION("missing dependency") {
    CHECK_THROWS_WITH(RevisionGraph({rev("a"), rev("b", {"a"}, {}, {"nothere"})}),
                      "revision 'b' depends on 'nothere', which is not a revision id or branch "
                      "label");
    CHECK_THROWS_WITH(
        RevisionGraph({rev("ab1"), rev("ab2"), in_file(rev("c", {"ab1"}, {}, {"ab"}), "v/c.toml")}),
        "v/c.toml: revision prefix 'ab' is ambiguous: ab1, ab2");
  }
  SECTION("cycles, from the smallest id, child to parent") {
    CHECK_THROWS_WITH(RevisionGraph({rev("x", {"y"}), rev("y", {"x"})}),
                      "cycle in revision graph: x -> y -> x");
    CHECK_THROWS_WITH(
        RevisionGraph({rev("a", {"e"}), rev("c", {"d"}), rev("d", {"e"}), rev("e", {"c"})}),
        "cycle in revision graph: c -> d -> e -> c");
    CHECK_THROWS_WITH(RevisionGraph({rev("a", {"a"})}), "cycle in revision graph: a -> a");
    CHECK_THROWS_WITH(RevisionGraph({rev("a", {}, {}, {"b"}), rev("b", {"a"})}),
                      "cycle in revision graph: a -> b -> a");
    CHECK_THROWS_WITH(RevisionGraph({in_file(rev("q", {"q"}), "v/q.toml")}),
                      "v/q.toml: cycle in revision graph: q -> q");
  }
  SECTION("branch labels") {
    CHECK_THROWS_WITH(RevisionGraph({rev("b", {}, {"feat"}), rev("a", {"b"}, {"feat"})}),
                      "branch label 'feat' is used by both 'a' and 'b'");
    CHECK_THROWS_WITH(
        RevisionGraph({rev("a", {}, {"feat"}), in_file(rev("b", {"a"}, {"feat"}), "v/b.toml")}),
        "v/b.toml: branch label 'feat' is used by both 'a' and 'b'");
    CHECK_THROWS_WITH(RevisionGraph({rev("a"), rev("b", {"a"}, {"a"})}),
                      "branch label 'a' of revision 'b' is also a revision id");
    // The same label twice on one revision is harmless.
    CHECK_NOTHROW(RevisionGraph({rev("a", {}, {"feat", "feat"})}));
  }
}
