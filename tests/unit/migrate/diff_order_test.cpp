// creation_order on its own: referenced tables first, ties by position, cycles broken by
// deferring the foreign keys that close them.
#include "migrate/diff_order.h"
#include "support/diff_helpers.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;
using migrate::creation_order;
using Order = std::vector<std::size_t>;
using Deferred = std::set<std::pair<std::size_t, std::size_t>>;

namespace {

schema::Table referencing(std::string name, std::vector<std::string> refs) {
  schema::Table t = table(std::move(name), {pk("id"), col("ref", "bigint")});
  for (auto& r : refs) {
    t.foreign_keys.push_back(fk("fk_" + t.name + "_" + r, {"ref"}, r, {"id"}));
  }
  return t;
}

std::vector<const schema::Table*> pointers(const std::vector<schema::Table>& tables) {
  std::vector<const schema::Table*> out;
  for (const auto& t : tables) {
    out.push_back(&t);
  }
  return out;
}

} // namespace

TEST_CASE("diff order: referenced tables first, ties by position", "[diff][order]") {
  // a -> c, b -> nothing, c -> b, d -> a and the unknown table x (ignored), e -> itself.
  const std::vector<schema::Table> tables = {referencing("a", {"c"}), referencing("b", {}),
                                             referencing("c", {"b"}), referencing("d", {"a", "x"}),
                                             referencing("e", {"e"})};
  const auto order = creation_order(pointers(tables));
  CHECK(order.order == Order{1, 2, 0, 3, 4});
  CHECK(order.deferred.empty());
}

TEST_CASE("diff order: a cycle is broken on one table, its keys into the cycle deferred",
          "[diff][order]") {
  // a -> b -> c -> a, and d -> a.
  const std::vector<schema::Table> tables = {referencing("a", {"b"}), referencing("b", {"c"}),
                                             referencing("c", {"a"}), referencing("d", {"a"})};
  const auto order = creation_order(pointers(tables));
  // From a, the first waiting table, "first unmet dependency" links lead a -> b -> c -> a:
  // a repeats first, so a is created without its key to b.
  CHECK(order.order == Order{0, 2, 1, 3});
  CHECK(order.deferred == Deferred{{0, 0}});
}

TEST_CASE("diff order: no tables, no order", "[diff][order]") {
  const auto order = creation_order({});
  CHECK(order.order.empty());
  CHECK(order.deferred.empty());
}
