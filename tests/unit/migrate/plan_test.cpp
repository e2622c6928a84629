// Upgrade, downgrade and stamp plans, the version rows after each step, history ranges, and a
// 10,000-revision chain.
#include "migrate/revision_graph.h"
#include "util/error.h"

#include "support/graph_fixtures.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

using migratecpp::migrate::Revision;
using migratecpp::migrate::RevisionGraph;
using migratecpp::test::chain;
using migratecpp::test::Ids;
using migratecpp::test::rev;

namespace {

//      +-- b1 [bee] -- b2 --+
//  a --+                    +-- m -- d
//      +-- c1 [sea] -- c2 --+
RevisionGraph merged() {
  return RevisionGraph({rev("a"), rev("b1", {"a"}, {"bee"}), rev("b2", {"b1"}),
                        rev("c1", {"a"}, {"sea"}), rev("c2", {"c1"}), rev("m", {"b2", "c2"}),
                        rev("d", {"m"})});
}

//      +-- x1 [ex] -- x2 (depends on why)
//  r --+
//      +-- y1 [why] -- y2
RevisionGraph with_dependency() {
  return RevisionGraph({rev("r"), rev("x1", {"r"}, {"ex"}), rev("x2", {"x1"}, {}, {"why"}),
                        rev("y1", {"r"}, {"why"}), rev("y2", {"y1"})});
}

// The version rows after each step of a plan, as the runner computes them.
std::vector<Ids> rows_after_each(const RevisionGraph& g, const Ids& rows, const Ids& plan,
                                 bool up) {
  std::set<std::string> applied = g.applied_set(rows);
  std::vector<Ids> out;
  for (const std::string& id : plan) {
    if (up) {
      applied.insert(id);
    } else {
      applied.erase(id);
    }
    out.push_back(g.version_rows_for(applied));
  }
  return out;
}

} // namespace

TEST_CASE("plans: a linear chain", "[revision_graph][plans]") {
  const RevisionGraph g = chain();
  CHECK(g.applied_set({}).empty());
  CHECK(g.applied_set({"a2"}) == std::set<std::string>{"a1", "a2"});
  CHECK(g.version_rows_for({"a1", "a2", "a3"}) == Ids{"a3"});
  CHECK(g.version_rows_for({}).empty());

  CHECK(g.upgrade_plan({}, "head") == Ids{"a1", "a2", "a3", "a4"});
  CHECK(rows_after_each(g, {}, {"a1", "a2"}, true) == std::vector<Ids>{{"a1"}, {"a2"}});
  CHECK(g.upgrade_plan({"a2"}, "+1") == Ids{"a3"});
  CHECK(g.upgrade_plan({"a2"}, "a4") == Ids{"a3", "a4"});
  CHECK_THROWS_WITH(g.upgrade_plan({"a2"}, "a"),
                    "revision prefix 'a' is ambiguous: a1, a2, a3, a4");
  CHECK(g.upgrade_plan({"a3"}, "a1").empty());
  CHECK(g.upgrade_plan({"a3"}, "base").empty());
  CHECK(g.upgrade_plan({"a4"}, "head").empty());

  CHECK(g.downgrade_plan({"a4"}, "-2") == Ids{"a4", "a3"});
  CHECK(g.downgrade_plan({"a4"}, "a2") == Ids{"a4", "a3"});
  CHECK(g.downgrade_plan({"a4"}, "base") == Ids{"a4", "a3", "a2", "a1"});
  CHECK(rows_after_each(g, {"a4"}, {"a4", "a3", "a2", "a1"}, false) ==
        std::vector<Ids>{{"a3"}, {"a2"}, {"a1"}, {}});
  CHECK(g.downgrade_plan({"a2"}, "a2").empty());
  CHECK(g.downgrade_plan({}, "base").empty());
  CHECK_THROWS_WITH(g.downgrade_plan({"a2"}, "a4"),
                    "target 'a4' is not below the current revision(s) a2; use upgrade");
  CHECK_THROWS_WITH(g.downgrade_plan({"a2"}, "+1"),
                    "target '+1' is not below the current revision(s) a2; use upgrade");
  CHECK_THROWS_WITH(g.downgrade_plan({}, "a1"),
                    "target 'a1' is not below the current revision(s) (none); use upgrade");
  CHECK_THROWS_WITH(g.upgrade_plan({"a1"}, "a9"), "no such revision 'a9' (did you mean 'a1'?)");
  CHECK_THROWS_WITH(g.applied_set({"zz"}), "no such revision 'zz'");
}

TEST_CASE("plans: up one branch then the other through the merge and back",
          "[revision_graph][plans]") {
  const RevisionGraph g = merged();

  SECTION("upgrade step by step") {
    const Ids first = g.upgrade_plan({}, "b2");
    CHECK(first == Ids{"a", "b1", "b2"});
    CHECK(rows_after_each(g, {}, first, true) == std::vector<Ids>{{"a"}, {"b1"}, {"b2"}});

    const Ids second = g.upgrade_plan({"b2"}, "c2");
    CHECK(second == Ids{"c1", "c2"});
    CHECK(rows_after_each(g, {"b2"}, second, true) == std::vector<Ids>{{"b2", "c1"}, {"b2", "c2"}});

    const Ids third = g.upgrade_plan({"b2", "c2"}, "head");
    CHECK(third == Ids{"m", "d"});
    CHECK(rows_after_each(g, {"b2", "c2"}, third, true) == std::vector<Ids>{{"m"}, {"d"}});
  }
  SECTION("upgrade all at once finishes one branch before the next") {
    CHECK(g.upgrade_plan({}, "head") == Ids{"a", "b1", "b2", "c1", "c2", "m", "d"});
    CHECK(g.upgrade_plan({}, "heads") == Ids{"a", "b1", "b2", "c1", "c2", "m", "d"});
    CHECK(g.upgrade_plan({}, "m") == Ids{"a", "b1", "b2", "c1", "c2", "m"});
    CHECK(g.upgrade_plan({}, "c2,b1") == Ids{"a", "b1", "c1", "c2"});
    CHECK(g.upgrade_plan({"c1"}, "bee@head") == Ids{"b1", "b2", "c2", "m", "d"});
    CHECK(g.upgrade_plan({"b2"}, "sea@+1") == Ids{"c1"});
  }
  SECTION("downgrade through the merge") {
    const Ids undo_two = g.downgrade_plan({"d"}, "-2");
    CHECK(undo_two == Ids{"d", "m"});
    CHECK(rows_after_each(g, {"d"}, undo_two, false) == std::vector<Ids>{{"m"}, {"b2", "c2"}});

    const Ids to_b1 = g.downgrade_plan({"d"}, "b1");
    CHECK(to_b1 == Ids{"d", "m", "b2"});
    CHECK(rows_after_each(g, {"d"}, to_b1, false) ==
          std::vector<Ids>{{"m"}, {"b2", "c2"}, {"b1", "c2"}});

    CHECK(g.downgrade_plan({"b2", "c2"}, "b1") == Ids{"b2"});
    CHECK(g.downgrade_plan({"m"}, "-1") == Ids{"m"});
    CHECK(g.downgrade_plan({"d"}, "a") == Ids{"d", "m", "b2", "b1", "c2", "c1"});
    CHECK(g.downgrade_plan({"d"}, "base") == Ids{"d", "m", "b2", "b1", "c2", "c1", "a"});
    CHECK(g.downgrade_plan({"b2", "c2"}, "bee@-1") == Ids{"b2"});
    CHECK(g.downgrade_plan({"b2", "c2"}, "c2").empty());
    CHECK_THROWS_WITH(g.downgrade_plan({"b2", "c2"}, "d"),
                      "target 'd' is not below the current revision(s) b2, c2; use upgrade");
    CHECK_THROWS_WITH(g.downgrade_plan({"b2", "c2"}, "-1"),
                      "relative target '-1' is ambiguous: the database is at several heads (b2, "
                      "c2)");
  }
}

TEST_CASE("plans: a dependency on another branch stays a row", "[revision_graph][plans]") {
  const RevisionGraph g = with_dependency();

  const Ids up = g.upgrade_plan({}, "x2");
  CHECK(up == Ids{"r", "x1", "y1", "x2"});
  CHECK(rows_after_each(g, {}, up, true) ==
        std::vector<Ids>{{"r"}, {"x1"}, {"x1", "y1"}, {"x2", "y1"}});
  CHECK(g.version_rows_for(g.applied_set({"x2"})) == Ids{"x2", "y1"});
  CHECK(g.upgrade_plan({}, "ex@head") == Ids{"r", "x1", "y1", "x2"});

  CHECK(g.upgrade_plan({"x2", "y1"}, "heads") == Ids{"y2"});
  CHECK(rows_after_each(g, {"x2", "y1"}, {"y2"}, true) == std::vector<Ids>{{"x2", "y2"}});

  // Downgrading the dependency unapplies its dependents too.
  const Ids to_y1 = g.downgrade_plan({"x2", "y2"}, "y1");
  CHECK(to_y1 == Ids{"x2", "y2"});
  CHECK(rows_after_each(g, {"x2", "y2"}, to_y1, false) ==
        std::vector<Ids>{{"x1", "y2"}, {"x1", "y1"}});

  // Downgrading the dependent leaves the dependency applied.
  CHECK(g.downgrade_plan({"x2", "y1"}, "x1") == Ids{"x2"});
  CHECK(rows_after_each(g, {"x2", "y1"}, {"x2"}, false) == std::vector<Ids>{{"x1", "y1"}});

  CHECK(g.downgrade_plan({"x2", "y1"}, "r") == Ids{"x2", "x1", "y1"});
  CHECK(g.downgrade_plan({"x2", "y1"}, "base") == Ids{"x2", "x1", "y1", "r"});
}

TEST_CASE("plans: stamp", "[revision_graph][stamp]") {
  const RevisionGraph g = merged();
  CHECK(g.stamp_rows({}, {"b2"}, false) == Ids{"b2"});
  CHECK(g.stamp_rows({"b2"}, {"c1"}, false) == Ids{"b2", "c1"});
  CHECK(g.stamp_rows({"b2", "c1"}, {"c2"}, false) == Ids{"b2", "c2"});
  CHECK(g.stamp_rows({"b2", "c2"}, {"c2"}, false) == Ids{"b2", "c2"});
  CHECK(g.stamp_rows({"b2", "c2"}, {"m"}, false) == Ids{"m"});
  CHECK(g.stamp_rows({"d"}, {"b1"}, false) == Ids{"b1"});
  CHECK(g.stamp_rows({"b2"}, {"c2", "b1"}, false) == Ids{"b1", "c2"});
  CHECK(g.stamp_rows({"b1"}, {"+1"}, false) == Ids{"b2"});
  CHECK(g.stamp_rows({"b2", "c2"}, {"base"}, false).empty());
  CHECK(g.stamp_rows({}, {"heads"}, false) == Ids{"d"});
  CHECK(g.stamp_rows({"a"}, {"head"}, false) == Ids{"d"});
  CHECK(g.stamp_rows({"b2", "c2"}, {"sea"}, false) == Ids{"b2", "c1"});

  SECTION("purge starts from no rows") {
    CHECK(g.stamp_rows({"b2", "c2"}, {"b1"}, true) == Ids{"b1"});
    CHECK(g.stamp_rows({"b2", "c2"}, {"base"}, true).empty());
  }
  SECTION("a dependency is stamped as its own row") {
    const RevisionGraph dep = with_dependency();
    CHECK(dep.stamp_rows({}, {"x2"}, false) == Ids{"x2", "y1"});
    CHECK(dep.stamp_rows({"y2"}, {"x2"}, true) == Ids{"x2", "y1"});
    CHECK(dep.stamp_rows({"y2"}, {"x2"}, false) == Ids{"x2", "y2"});
  }
  CHECK_THROWS_WITH(g.stamp_rows({}, {"nope"}, false), "no such revision 'nope'");
}

TEST_CASE("history ranges", "[revision_graph][history]") {
  const RevisionGraph g = merged();
  const Ids all{"d", "m", "b2", "b1", "c2", "c1", "a"};
  CHECK(g.history_range(":", {}) == all);
  CHECK(g.history_range("base:heads", {}) == all);
  CHECK(g.history_range("b1:m", {}) == Ids{"m", "b2", "b1"});
  CHECK(g.history_range(":c2", {}) == Ids{"c2", "c1", "a"});
  CHECK(g.history_range("c1:", {}) == Ids{"d", "m", "c2", "c1"});
  CHECK(g.history_range("current:head", {"b2", "c1"}) == Ids{"d", "m", "b2", "c2", "c1"});
  CHECK(g.history_range("current:", {}) == all);
  CHECK(g.history_range(":current", {"b1"}) == Ids{"b1", "a"});
  CHECK(g.history_range("-1:", {"m"}) == Ids{"d", "m", "b2", "c2"});
  CHECK(g.history_range(":base", {}).empty());
  CHECK(g.history_range("d:b1", {}).empty());
  CHECK_THROWS_WITH(g.history_range("b1", {}),
                    "history range 'b1' must be START:END, START: or :END");
  CHECK_THROWS_AS(g.history_range("b1", {}), migratecpp::util::UsageError);
}

TEST_CASE("a 10000-revision chain: no deep recursion and linear plans", "[revision_graph][large]") {
  constexpr int k_count = 10000;
  auto id = [](int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "r%05d", i);
    return std::string(buf);
  };
  std::vector<Revision> revisions;
  for (int i = 0; i < k_count; ++i) {
    revisions.push_back(rev(id(i), i == 0 ? Ids{} : Ids{id(i - 1)}));
  }

  SECTION("every query walks the whole chain") {
    const RevisionGraph g(revisions);
    CHECK(g.size() == k_count);
    CHECK(g.heads() == Ids{"r09999"});
    CHECK(g.bases() == Ids{"r00000"});

    const Ids up = g.upgrade_plan({}, "head");
    REQUIRE(up.size() == k_count);
    CHECK(up.front() == "r00000");
    CHECK(up.back() == "r09999");

    const Ids down = g.downgrade_plan({"r09999"}, "base");
    REQUIRE(down.size() == k_count);
    CHECK(down.front() == "r09999");
    CHECK(down.back() == "r00000");

    CHECK(g.topo_order_newest_first().size() == k_count);
    CHECK(g.history_range(":", {}).size() == k_count);
    CHECK(g.applied_set({"r05000"}).size() == 5001);
    CHECK(g.version_rows_for(g.applied_set({"r05000"})) == Ids{"r05000"});
    CHECK(g.resolve_targets("-9999", {"r09999"}) == Ids{"r00000"});
    CHECK(g.resolve_targets("+10000", {}) == Ids{"r09999"});
    CHECK(g.stamp_rows({"r00001"}, {"r09000"}, false) == Ids{"r09000"});
  }
  SECTION("a cycle through the whole chain is found without recursion") {
    revisions[0].down_revisions = {id(k_count - 1)};
    CHECK_THROWS_AS(RevisionGraph(revisions), migratecpp::util::Error);
  }
}
