// Target resolution: head/heads/base, labels, and relative steps (+N, -N, REV+N, LABEL@+N).
#include "migrate/target.h"

#include "migrate/revision_graph.h"
#include "util/error.h"

#include "support/graph_fixtures.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using migratecpp::migrate::Revision;
using migratecpp::migrate::RevisionGraph;
using migratecpp::test::chain;
using migratecpp::test::Ids;
using migratecpp::test::rev;

namespace {

//  a --+-- b1 [bee]
//      +-- c1 [sea]
RevisionGraph forked() {
  return RevisionGraph({rev("a"), rev("b1", {"a"}, {"bee"}), rev("c1", {"a"}, {"sea"})});
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

TEST_CASE("targets: keywords and ids and lists", "[revision_graph][targets]") {
  const RevisionGraph g = chain();
  CHECK(g.resolve_targets("head", {}) == Ids{"a4"});
  CHECK(g.resolve_targets("heads", {}) == Ids{"a4"});
  CHECK(g.resolve_targets("base", {"a2"}).empty());
  CHECK(g.resolve_targets("a3", {}) == Ids{"a3"});
  CHECK(g.resolve_targets("current", {"a2"}) == Ids{"a2"});
  CHECK(g.resolve_targets("current", {}).empty());
  CHECK(g.resolve_targets("a3,a1", {}) == Ids{"a1", "a3"});
  CHECK_THROWS_WITH(g.resolve_targets("a", {}), "revision prefix 'a' is ambiguous: a1, a2, a3, a4");
  CHECK_THROWS_WITH(g.resolve_targets("b7", {}), "no such revision 'b7'");
  CHECK_THROWS_WITH(g.resolve_targets("", {}), "no such revision ''");
}

TEST_CASE("targets: relative steps on a chain", "[revision_graph][targets]") {
  const RevisionGraph g = chain();
  CHECK(g.resolve_targets("+1", {}) == Ids{"a1"});
  CHECK(g.resolve_targets("+2", {}) == Ids{"a2"});
  CHECK(g.resolve_targets("+2", {"a2"}) == Ids{"a4"});
  CHECK(g.resolve_targets("+0", {"a2"}) == Ids{"a2"});
  CHECK(g.resolve_targets("-1", {"a2"}) == Ids{"a1"});
  CHECK(g.resolve_targets("-2", {"a2"}).empty());
  CHECK(g.resolve_targets("a2+1", {}) == Ids{"a3"});
  CHECK(g.resolve_targets("a3-2", {}) == Ids{"a1"});
  CHECK(g.resolve_targets("a1-1", {}).empty());
  CHECK(g.resolve_targets("head-1", {}) == Ids{"a3"});
  CHECK(g.resolve_targets("base+2", {"a4"}) == Ids{"a2"});
  // A row that is an ancestor of another row does not make the state ambiguous.
  CHECK(g.resolve_targets("+1", {"a1", "a2"}) == Ids{"a3"});

  CHECK_THROWS_WITH(g.resolve_targets("+3", {"a2"}),
                    "relative target '+3' goes past the head 'a4' (only 2 more revisions)");
  CHECK_THROWS_WITH(g.resolve_targets("+2", {"a3"}),
                    "relative target '+2' goes past the head 'a4' (only 1 more revision)");
  CHECK_THROWS_WITH(g.resolve_targets("+1", {"a4"}),
                    "relative target '+1' goes past the head 'a4' (only 0 more revisions)");
  CHECK_THROWS_WITH(g.resolve_targets("+5", {}),
                    "relative target '+5' goes past the head 'a4' (only 4 more revisions)");
  CHECK_THROWS_WITH(g.resolve_targets("a3+2", {}),
                    "relative target 'a3+2' goes past the head 'a4' (only 1 more revision)");
  CHECK_THROWS_WITH(g.resolve_targets("-3", {"a2"}), "relative target '-3' goes below base");
  CHECK_THROWS_WITH(g.resolve_targets("-1", {}), "relative target '-1' goes below base");
  CHECK_THROWS_WITH(g.resolve_targets("a1-2", {}), "relative target 'a1-2' goes below base");
  CHECK_THROWS_WITH(g.resolve_targets("zz+1", {}), "no such revision 'zz'");
}

TEST_CASE("targets: ids that look relative are still ids", "[revision_graph][targets]") {
  const RevisionGraph g({rev("add-users-1"), rev("add-users-2", {"add-users-1"})});
  CHECK(g.resolve_targets("add-users-1", {}) == Ids{"add-users-1"});
  CHECK(g.resolve_targets("add-users-2-1", {}) == Ids{"add-users-1"});
}

TEST_CASE("targets: several heads", "[revision_graph][targets]") {
  SECTION("head is refused, naming the heads and a label that works") {
    const RevisionGraph g = forked();
    CHECK_THROWS_WITH(g.resolve_targets("head", {}),
                      "multiple heads are present (b1, c1); give a specific target such as "
                      "'b1', 'bee@head', or 'heads' for all");
    CHECK_THROWS_WITH(g.resolve("head"), "multiple heads are present (b1, c1); give a specific "
                                         "target such as 'b1', 'bee@head', or 'heads' for all");
    CHECK(g.resolve_targets("heads", {}) == Ids{"b1", "c1"});
  }
  SECTION("without labels the suggestion is generic") {
    const RevisionGraph g({rev("a", {}, {"root"}), rev("b1", {"a"}), rev("c1", {"a"})});
    CHECK_THROWS_WITH(g.resolve_targets("head", {}),
                      "multiple heads are present (b1, c1); give a specific target such as "
                      "'b1', 'LABEL@head', or 'heads' for all");
    CHECK_THROWS_WITH(g.resolve_targets("root@head", {}),
                      "'root@head' is ambiguous: branch 'root' has several heads (b1, c1)");
  }
  SECTION("relative steps need one current head and one child per step") {
    const RevisionGraph g = forked();
    CHECK(g.resolve_targets("+1", {}) == Ids{"a"});
    CHECK_THROWS_WITH(g.resolve_targets("+2", {}),
                      "relative target '+2' is ambiguous: 'a' has several children (b1, c1)");
    CHECK_THROWS_WITH(g.resolve_targets("+1", {"b1", "c1"}),
                      "relative target '+1' is ambiguous: the database is at several heads (b1, "
                      "c1)");
    CHECK_THROWS_WITH(g.resolve_targets("-1", {"b1", "c1"}),
                      "relative target '-1' is ambiguous: the database is at several heads (b1, "
                      "c1)");
    const RevisionGraph two_roots({rev("x"), rev("y")});
    CHECK_THROWS_WITH(two_roots.resolve_targets("+1", {}),
                      "relative target '+1' is ambiguous: there are several bases (x, y)");
  }
}

TEST_CASE("targets: branch labels", "[revision_graph][targets]") {
  const RevisionGraph g = forked();
  CHECK(g.resolve_targets("bee", {}) == Ids{"b1"});
  CHECK(g.resolve_targets("bee@head", {}) == Ids{"b1"});
  CHECK(g.resolve_targets("sea@head", {}) == Ids{"c1"});
  CHECK(g.resolve_targets("bee@b1", {}) == Ids{"b1"});
  CHECK(g.resolve_targets("bee@+1", {}) == Ids{"b1"});
  CHECK(g.resolve_targets("bee@+1", {"a"}) == Ids{"b1"});
  CHECK(g.resolve_targets("sea@-1", {"b1", "c1"}) == Ids{"a"});
  CHECK(g.resolve_targets("bee@head,sea@head", {}) == Ids{"b1", "c1"});
  CHECK_THROWS_WITH(g.resolve_targets("bee@+1", {"b1", "c1"}),
                    "relative target 'bee@+1' goes past the head 'b1' (only 0 more revisions)");
  CHECK_THROWS_WITH(g.resolve_targets("bee@c1", {}), "revision 'c1' is not on branch 'bee'");
  // A branch point belongs to no single branch.
  CHECK_THROWS_WITH(g.resolve_targets("bee@a", {}), "revision 'a' is not on branch 'bee'");
  CHECK_THROWS_WITH(g.resolve_targets("nope@head", {}), "no such branch label 'nope'");
  CHECK_THROWS_WITH(g.resolve_targets("nope@+1", {}), "no such branch label 'nope'");
  CHECK_THROWS_WITH(g.resolve_targets("bea@head", {}),
                    "no such branch label 'bea' (did you mean 'bee'?)");
}

TEST_CASE("targets: across a merge", "[revision_graph][targets]") {
  const RevisionGraph g = merged();
  CHECK(g.resolve_targets("head", {}) == Ids{"d"});
  CHECK(g.resolve_targets("-1", {"m"}) == Ids{"b2", "c2"});
  CHECK(g.resolve_targets("-2", {"d"}) == Ids{"b2", "c2"});
  CHECK(g.resolve_targets("d-2", {}) == Ids{"b2", "c2"});
  CHECK(g.resolve_targets("+1", {"b2"}) == Ids{"m"});
  CHECK(g.resolve_targets("b1+3", {}) == Ids{"d"});
  CHECK_THROWS_WITH(g.resolve_targets("-3", {"d"}),
                    "relative target '-3' is ambiguous: 'm' has several parents (b2, c2)");
  CHECK_THROWS_WITH(g.resolve_targets("+1", {"b2", "c2"}),
                    "relative target '+1' is ambiguous: the database is at several heads (b2, "
                    "c2)");

  // Both branches lead to d, so both labels' heads are d.
  CHECK(g.resolve_targets("bee@head", {}) == Ids{"d"});
  CHECK(g.resolve_targets("sea@head", {}) == Ids{"d"});
  CHECK(g.resolve_targets("bee@b2", {}) == Ids{"b2"});
  CHECK(g.resolve_targets("bee@d", {}) == Ids{"d"});
  CHECK(g.resolve_targets("bee@b2+1", {}) == Ids{"m"});
  CHECK_THROWS_WITH(g.resolve_targets("bee@b", {}), "revision prefix 'b' is ambiguous: b1, b2");
  CHECK_THROWS_WITH(g.resolve_targets("bee@c2", {}), "revision 'c2' is not on branch 'bee'");

  // LABEL@+N counts from the applied revision on that branch, or from the branch's start.
  CHECK(g.resolve_targets("bee@+1", {"c2"}) == Ids{"b1"});
  CHECK(g.resolve_targets("bee@+2", {"b1", "c2"}) == Ids{"m"});
  CHECK(g.resolve_targets("sea@-1", {"b2", "c2"}) == Ids{"c1"});
  CHECK(g.resolve_targets("sea@+1", {"b2", "c1"}) == Ids{"c2"});
}

TEST_CASE("targets: a label in the middle of a chain", "[revision_graph][targets]") {
  // The label sits on c; the unbranched stretch a, b below it belongs to its branch.
  const RevisionGraph g({rev("a"), rev("b", {"a"}), rev("c", {"b"}, {"feat"}), rev("d", {"c"})});
  CHECK(g.resolve_targets("feat", {}) == Ids{"c"});
  CHECK(g.resolve_targets("feat@head", {}) == Ids{"d"});
  CHECK(g.resolve_targets("feat@b", {}) == Ids{"b"});
  CHECK(g.resolve_targets("feat@+1", {}) == Ids{"a"});
  CHECK(g.resolve_targets("feat@+2", {"a"}) == Ids{"c"});
  CHECK(g.resolve_targets("feat@-1", {"c"}) == Ids{"b"});
}

TEST_CASE("targets: the grammar of relative steps", "[target]") {
  using migratecpp::migrate::parse_relative;
  const auto up = parse_relative("+2");
  REQUIRE(up);
  CHECK(up->base.empty());
  CHECK(up->up);
  CHECK(up->steps == 2);
  const auto down = parse_relative("feat@ae1-12");
  REQUIRE(down);
  CHECK(down->base == "feat@ae1");
  CHECK_FALSE(down->up);
  CHECK(down->steps == 12);
  CHECK_FALSE(parse_relative("add-users")); // no digits after the sign
  CHECK_FALSE(parse_relative("12"));        // no sign
  CHECK_FALSE(parse_relative("+"));
  CHECK_FALSE(parse_relative(""));
  CHECK_FALSE(parse_relative("+99999999999999999999999")); // does not fit
}

TEST_CASE("targets: the grammar of history ranges", "[target]") {
  using migratecpp::migrate::parse_history_range;
  const auto both = parse_history_range(" a : b ");
  CHECK(both.start == "a");
  CHECK(both.end == "b");
  CHECK(parse_history_range("a:").end.empty());
  CHECK(parse_history_range(":b").start.empty());
  CHECK_THROWS_AS(parse_history_range("ab"), migratecpp::util::UsageError);
  CHECK_THROWS_WITH(parse_history_range("ab"),
                    "history range 'ab' must be START:END, START: or :END");
}
