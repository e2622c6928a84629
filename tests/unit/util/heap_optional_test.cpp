// util::HeapOptional: one pointer wide, and read and written as std::optional is.
#include "util/heap_optional.h"

#include <catch2/catch.hpp>

#include <string>

using migratecpp::util::HeapOptional;

TEST_CASE("HeapOptional: a pointer wide, an optional to use", "[heap_optional]") {
  STATIC_REQUIRE(sizeof(HeapOptional<std::string>) == sizeof(void*));
  HeapOptional<std::string> a;
  CHECK_FALSE(a.has_value());
  CHECK(a == std::nullopt);
  CHECK(a.value_or("none") == "none");
  CHECK_THROWS_AS(a.value(), std::bad_optional_access);
  a = "x";
  CHECK(a == "x");
  CHECK(a == std::optional<std::string>("x"));
  CHECK(a != std::optional<std::string>());
  CHECK(a->size() == 1);
  // Copies are deep; moves leave the source empty.
  HeapOptional<std::string> b = a;
  *b += "y";
  CHECK(*a == "x");
  CHECK(*b == "xy");
  CHECK(a != b);
  HeapOptional<std::string> c = std::move(b);
  CHECK(*c == "xy");
  // To and from std::optional.
  const std::optional<std::string> o = c;
  CHECK(o == "xy");
  HeapOptional<std::string> d = std::optional<std::string>();
  CHECK_FALSE(d);
  d.emplace(3, 'z');
  CHECK(d == "zzz");
  d.reset();
  CHECK(d == HeapOptional<std::string>());
  // Ordered as std::optional: absent first.
  CHECK(d < a);
  CHECK_FALSE(a < d);
  CHECK(a < c);
}
