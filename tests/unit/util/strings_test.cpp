#include "util/strings.h"

#include <catch2/catch.hpp>

using namespace migratecpp;

TEST_CASE("strings: to_int takes the whole text or nothing", "[strings]") {
  CHECK(util::to_int("12") == 12);
  CHECK(util::to_int("-3") == -3);
  CHECK_FALSE(util::to_int("").has_value());
  CHECK_FALSE(util::to_int("1x").has_value());
  CHECK_FALSE(util::to_int(" 1").has_value());
  CHECK_FALSE(util::to_int("99999999999999999999").has_value());
}

TEST_CASE("strings: did you mean", "[strings]") {
  CHECK(util::did_you_mean("upgarde", {"upgrade", "downgrade"}) == " (did you mean 'upgrade'?)");
  CHECK(util::did_you_mean("zzz", {"upgrade"}).empty());
}
