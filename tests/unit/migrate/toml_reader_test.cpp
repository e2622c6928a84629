#include "migrate/toml_reader.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using migrate::KeyReader;

namespace {

const std::string k_path = "dir/file.toml";

std::string at(int line, const std::string& message) {
  return k_path + ":" + std::to_string(line) + ": " + message;
}

// The text of the util::Error `f` throws; fails the test when it throws nothing.
template <class F> std::string error_of(F f) {
  try {
    f();
  } catch (const util::Error& e) {
    return e.what();
  }
  FAIL("no util::Error thrown");
  return "";
}

// A reader of the first [[item]] table of `text`, allowing `allowed`.
struct Items {
  explicit Items(const std::string& text) : root(migrate::parse_toml(text, k_path)) {}
  KeyReader first(const std::vector<std::string_view>& allowed) const {
    return KeyReader(*root["item"].as_array()->get(0)->as_table(), k_path, "item", "item", allowed);
  }
  toml::table root;
};

} // namespace

TEST_CASE("toml reader: a syntax error is located at its line", "[toml_reader]") {
  CHECK_THROWS_WITH(migrate::parse_toml("a = 1\nb = \n", k_path),
                    Catch::StartsWith(k_path + ":2: "));
  CHECK(migrate::parse_toml("a = 1\n", k_path)["a"].value<int>() == 1);
}

TEST_CASE("toml reader: an unknown key is located and gets a did-you-mean", "[toml_reader]") {
  const Items items("[[item]]\nname = \"x\"\n\nnulable = true\n");
  CHECK(error_of([&] {
          items.first({"name", "nullable"});
        }) == at(4, "unknown key 'nulable' in item (did you mean 'nullable'?)"));
  CHECK(error_of([&] { items.first({"name"}); }) == at(4, "unknown key 'nulable' in item"));
  CHECK_NOTHROW(items.first({"name", "nulable"}));
}

TEST_CASE("toml reader: a wrong value type is located at the value", "[toml_reader]") {
  const Items items("[[item]]\nname = \"x\"\nflag = \"yes\"\nlist = [\"a\",\n  2]\n");
  const KeyReader r = items.first({"name", "flag", "list"});
  CHECK(error_of([&] { r.boolean("flag"); }) == at(3, "'flag' must be a boolean"));
  CHECK(error_of([&] { r.string_array("list"); }) == at(5, "'list' must be an array of strings"));
  CHECK(error_of([&] { r.string_array("name"); }) == at(2, "'name' must be an array of strings"));
  CHECK(r.string("name") == "x");
  CHECK_FALSE(r.boolean("absent").has_value());
}

TEST_CASE("toml reader: a missing key is located at its table, or the file", "[toml_reader]") {
  const Items items("# a comment\n[[item]]\nname = \"\"\n");
  const KeyReader r = items.first({"name", "type"});
  CHECK(error_of([&] { r.required_string("type"); }) == at(2, "item: missing required key 'type'"));
  CHECK(error_of([&] { r.required_string("name"); }) == at(3, "'name' must not be empty"));

  const toml::table root = migrate::parse_toml("x = 1\n", k_path);
  const KeyReader file(root, k_path, "", "file", {"x", "y"}, true);
  CHECK(error_of([&] { file.required_string("y"); }) == k_path + ": missing required key 'y'");
}

TEST_CASE("toml reader: SQL values written bare", "[toml_reader]") {
  const Items items("[[item]]\na = \"now()\"\nb = 0\nc = 0.5\nd = false\ne = [1]\n");
  const KeyReader r = items.first({"a", "b", "c", "d", "e"});
  CHECK(r.sql_value("a") == "now()");
  CHECK(r.sql_value("b") == "0");
  CHECK(r.sql_value("c") == "0.5");
  CHECK(r.sql_value("d") == "false");
  CHECK(error_of([&] { r.sql_value("e"); }) ==
        at(6, "'e' must be a string (an SQL expression), a number or a boolean"));
}

TEST_CASE("toml reader: date-times", "[toml_reader]") {
  const toml::table root =
      migrate::parse_toml("a = 2026-11-23T10:15:00Z\nb = 2026-11-23T10:15:00.25+05:30\n", k_path);
  CHECK(migrate::format_date_time(*root["a"].value<toml::date_time>()) == "2026-11-23T10:15:00Z");
  CHECK(migrate::format_date_time(*root["b"].value<toml::date_time>()) ==
        "2026-11-23T10:15:00.25+05:30");
}

TEST_CASE("toml reader: every key of a table is found, however many it has", "[toml_reader]") {
  // Up to a few dozen keys the reader indexes them itself; beyond, it asks the table.
  for (const int count : {1, 23, 24, 25, 60}) {
    std::string text = "[[item]]\n";
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
      names.push_back("k" + std::to_string(i));
      text += names.back() + " = " + std::to_string(i) + "\n";
    }
    const Items items(text);
    std::vector<std::string_view> allowed(names.begin(), names.end());
    allowed.emplace_back("absent");
    const KeyReader r = items.first(allowed);
    for (int i = 0; i < count; ++i) {
      CHECK(r.integer(names[static_cast<std::size_t>(i)]) == i);
    }
    CHECK_FALSE(r.has("absent"));
    CHECK(r.node("k") == nullptr);
  }
}
