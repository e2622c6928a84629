// The header read (migrate/revision_header.h): the same fields and the same errors as the full
// parse, from the top-level keys alone; and ScriptDirectory parsing ops only when asked.
#include "migrate/revision_checksum.h"
#include "migrate/revision_file.h"
#include "migrate/revision_header.h"
#include "migrate/script_directory.h"
#include "support/test_support.h"
#include "util/error.h"

#include <catch2/catch.hpp>

using namespace migratecpp;
using namespace migratecpp::test;

namespace {

const std::string k_path = "versions/r1.toml";

const std::string k_ops = R"toml(
[[upgrade]]
op = "create_table"
table = "t"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[downgrade]]
op = "drop_table"
table = "t"
)toml";

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const util::Error& e) {
    return e.what();
  }
  return "(no error)";
}

// The header read agrees with the full parse: fields when the file is good, message otherwise.
void check_same(const std::string& text) {
  INFO(text);
  const std::string full_error = error_of([&] { migrate::parse_revision_file(text, k_path); });
  const std::string header_error = error_of([&] { migrate::parse_revision_header(text, k_path); });
  CHECK(header_error == full_error);
  if (full_error == "(no error)") {
    const migrate::Revision a = migrate::parse_revision_file(text, k_path).revision;
    const migrate::Revision b = migrate::parse_revision_header(text, k_path);
    CHECK(a.id == b.id);
    CHECK(a.down_revisions == b.down_revisions);
    CHECK(a.branch_labels == b.branch_labels);
    CHECK(a.depends_on == b.depends_on);
    CHECK(a.message == b.message);
    CHECK(a.create_date == b.create_date);
    CHECK(a.where.path == b.where.path);
    CHECK(a.where.line == b.where.line);
  }
}

struct Folder {
  TempDir dir;
  migrate::Config config;
  Folder() {
    config.dir = dir.path();
    config.file = dir / "migratecpp.toml";
    config.script_location = dir / "migrations";
    std::filesystem::create_directories(config.script_location / "versions");
  }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = config.script_location / "versions" / name;
    write_file(path, text);
    return path;
  }
};

} // namespace

TEST_CASE("toml_top_level_end: the first table header outside strings, arrays and comments",
          "[revision_header]") {
  bool complete = false;
  CHECK(migrate::toml_top_level_end("a = 1\n[[upgrade]]\nop = 1\n", &complete) == 6);
  CHECK(complete);
  CHECK(migrate::toml_top_level_end("a = 1\n  [t]\n", &complete) == 6);
  // Not a header: in a multi-line string, a multi-line array, a comment.
  const std::string multi = "m = \"\"\"\n[[upgrade]]\n\"\"\"\nl = '''\n[x]\n'''\n";
  CHECK(migrate::toml_top_level_end(multi, &complete) == multi.size());
  CHECK_FALSE(complete);
  const std::string arr = "d = [\n  [\"a\"],\n]\n# [[upgrade]]\n[[upgrade]]\n";
  CHECK(migrate::toml_top_level_end(arr, &complete) == arr.find("[[upgrade]]\n", 20));
  CHECK(complete);
  // An escaped quote does not end a basic string; a literal string has no escapes.
  const std::string esc = "m = \"a\\\"\n[x]\"\n";
  CHECK(migrate::toml_top_level_end(esc) == esc.find("[x]"));
  // Text that ends inside a string may go on: not complete.
  migrate::toml_top_level_end("m = \"\"\"\n[[upgrade]]", &complete);
  CHECK_FALSE(complete);
  migrate::toml_top_level_end("m = \"\"", &complete);
  CHECK_FALSE(complete);
}

TEST_CASE("revision header: the same fields as the full parse", "[revision_header]") {
  check_same("revision = \"r1\"\ndown_revision = \"\"\n" + k_ops);
  check_same("revision = \"r3\"\ndown_revision = [\"r1\",\n  \"r2\"]\nbranch_labels = \"x\"\n"
             "depends_on = [\"r0\"]\nmessage = \"\"\"\n[[upgrade]]\nnot a table\"\"\"\n"
             "create_date = 2026-11-23T10:15:00Z\n" +
             k_ops);
  check_same("# comment\n\nrevision = 'r1' # [x]\ndown_revision = \"\"\ncreate_date = \"today\"\n");
  check_same("revision = \"r1\"\ndown_revision = \"r0\"\nupgrade = []\n");
}

TEST_CASE("revision header: the same errors, at the same file:line, as the full parse",
          "[revision_header]") {
  check_same("down_revision = \"\"\n" + k_ops);                         // no revision
  check_same("revision = \"bad id!\"\ndown_revision = \"\"\n" + k_ops); // invalid id
  check_same("revision = \"r1\"\ndown_revison = \"\"\n" + k_ops);       // typo
  check_same("revision = \"r1\"\ndown_revision = 5\n" + k_ops);         // wrong type
  check_same("revision = \"r1\"\ndown_revision = [\"ok\", \"no way\"]\n" + k_ops);
  check_same("revision = \"r1\"\ncreate_date = 5\n" + k_ops);
  check_same("revision = \"r1\"\nmessage = \"unterminated\n" + k_ops); // syntax
  check_same("revision = \"r1\"\nmessage = \"\"\"never closed\n" + k_ops);
  check_same("revision = \"r1\"\nrevision = \"r2\"\n" + k_ops); // duplicate key
  // A bad header and a syntax error in the ops: the full parse names the syntax error first.
  check_same("revision = \"bad id!\"\n[[upgrade]]\nop = = 1\n");
  // A header key defined again as a table further down: a TOML error either way.
  check_same("revision = 5\n[revision]\nx = 1\n");
}

TEST_CASE("revision header: an error in the ops is not seen by the header read",
          "[revision_header]") {
  const std::string text =
      "revision = \"r1\"\ndown_revision = \"\"\n\n[[upgrade]]\nop = \"nope\"\n";
  CHECK(migrate::parse_revision_header(text, k_path).id == "r1");
  CHECK_THROWS_WITH(migrate::parse_revision_file(text, k_path),
                    Catch::StartsWith(k_path + ":5: unknown op 'nope'"));
  const std::string syntax = "revision = \"r1\"\n[[upgrade]]\nop = \"x\" junk\n";
  CHECK(migrate::parse_revision_header(syntax, k_path).id == "r1");
}

TEST_CASE("revision header: read from disk stops at the first table", "[revision_header]") {
  Folder f;
  // Ops far larger than one read, and broken at the end: never read.
  std::string text = "revision = \"r1\"\ndown_revision = \"\"\nmessage = \"big\"\n\n[[upgrade]]\n"
                     "op = \"bulk_insert\"\ntable = \"t\"\nrows = [\n";
  for (int i = 0; i < 20000; ++i) {
    text +=
        "  { id = " + std::to_string(i) + ", name = \"row number " + std::to_string(i) + "\" },\n";
  }
  text += "]]]] not toml\n";
  const auto path = f.write("r1.toml", text);
  const migrate::Revision r = migrate::read_revision_header(path);
  CHECK(r.id == "r1");
  CHECK(r.message == "big");
  CHECK(r.where.line == 2);
  // A long multi-line message spanning several reads.
  const std::string long_message(100000, 'm');
  const auto path2 =
      f.write("r2.toml", "revision = \"r2\"\ndown_revision = \"r1\"\nmessage = \"\"\"" +
                             long_message + "\n[x]\"\"\"\n" + k_ops);
  CHECK(migrate::read_revision_header(path2).message == long_message + "\n[x]");
  // A bad header on disk: the full parse's error.
  const auto path3 = f.write("r3.toml", "revision = \"r 3\"\n" + k_ops);
  CHECK_THROWS_WITH(migrate::read_revision_header(path3),
                    Catch::StartsWith(path3.string() + ":1: invalid revision id 'r 3'"));
}

TEST_CASE("revision header: a file read whole with its header leaves its text to the caller",
          "[revision_header]") {
  Folder f;
  const std::string small = "revision = \"r1\"\ndown_revision = \"\"\n" + k_ops;
  std::string whole;
  CHECK(migrate::read_revision_header(f.write("r1.toml", small), &whole).id == "r1");
  CHECK(whole == small);
  // One byte short of the first read: the read that finds nothing more says it was the end.
  std::string exact = "revision = \"r2\"\ndown_revision = \"\"\n" + k_ops;
  exact += "# " + std::string(4095 - exact.size() - 3, 'x') + "\n";
  REQUIRE(exact.size() == 4095);
  whole.clear();
  CHECK(migrate::read_revision_header(f.write("r2.toml", exact), &whole).id == "r2");
  CHECK(whole == exact);
  // Ops beyond the header's read: not read for the header, so nothing is left.
  std::string big =
      "revision = \"r3\"\ndown_revision = \"\"\n" + k_ops + "# " + std::string(10000, 'x') + "\n";
  whole.clear();
  CHECK(migrate::read_revision_header(f.write("r3.toml", big), &whole).id == "r3");
  CHECK(whole.empty());
  // A header longer than the first read, reaching the end of the file: kept whole.
  const std::string long_message = "revision = \"r4\"\ndown_revision = \"\"\nmessage = \"\"\"" +
                                   std::string(9000, 'm') + "\"\"\"\n" + k_ops;
  CHECK(migrate::read_revision_header(f.write("r4.toml", long_message), &whole).id == "r4");
  CHECK(whole == long_message);
}

TEST_CASE("script directory: ops parsed once, only when asked, errors at path:line",
          "[script_directory]") {
  Folder f;
  f.write("r1.toml", "revision = \"r1\"\ndown_revision = \"\"\n" + k_ops);
  const auto bad = f.write("r2.toml", "revision = \"r2\"\ndown_revision = \"r1\"\n\n[[upgrade]]\n"
                                      "op = \"create_tabel\"\ntable = \"x\"\n");
  const auto scripts = migrate::ScriptDirectory::load(f.config);
  CHECK(scripts.graph().heads() == std::vector<std::string>{"r2"});
  const migrate::RevisionFile& r1 = scripts.file("r1");
  CHECK(r1.upgrade.size() == 1);
  CHECK(&scripts.file("r1") == &r1); // parsed once, kept
  CHECK_THROWS_WITH(scripts.file("r2"),
                    Catch::StartsWith(bad.string() + ":5: unknown op 'create_tabel'"));
  CHECK_THROWS_WITH(scripts.check_all_files(),
                    Catch::StartsWith(bad.string() + ":5: unknown op 'create_tabel'"));
}

TEST_CASE("script directory: a file edited after load is refused, not run under a stale graph",
          "[script_directory]") {
  Folder f;
  f.write("r1.toml", "revision = \"r1\"\ndown_revision = \"\"\n" + k_ops);
  const auto r2 = f.write("r2.toml", "revision = \"r2\"\ndown_revision = \"r1\"\n" + k_ops);
  const auto scripts = migrate::ScriptDirectory::load(f.config);
  write_file(r2, "revision = \"r2\"\ndown_revision = \"\"\n" + k_ops);
  CHECK_THROWS_WITH(scripts.file("r2"), Catch::Contains("changed while migratecpp was running"));
}

TEST_CASE("script directory: keep_texts parses the text read at load, not the file again",
          "[script_directory]") {
  Folder f;
  const auto r1 = f.write("r1.toml", "revision = \"r1\"\ndown_revision = \"\"\n" + k_ops);
  const auto r2 = f.write("r2.toml", "revision = \"r2\"\ndown_revision = \"r1\"\n" + k_ops);
  const auto r3 = f.write("r3.toml", "revision = \"r3\"\ndown_revision = \"r2\"\n" + k_ops + "# " +
                                         std::string(10000, 'x') + "\n");
  const auto kept = migrate::ScriptDirectory::load(f.config, true);
  const auto unkept = migrate::ScriptDirectory::load(f.config);
  const std::string checksum = kept.ops_checksum_of("r2");
  // Emptied on disk after load: the kept texts still give the ops as loaded.
  const std::string no_ops = "revision = \"r1\"\ndown_revision = \"\"\n";
  write_file(r1, no_ops);
  write_file(r2, "revision = \"r2\"\ndown_revision = \"r1\"\n");
  CHECK(kept.file("r1").upgrade.size() == 1);
  CHECK(unkept.file("r1").upgrade.empty());
  // The checksum's parse kept neither the parse nor the text: a second one reads the file.
  CHECK(migrate::ops_checksum(kept.file("r2")) != checksum);
  // A file larger than the header's read is read again, and an edit is still caught.
  write_file(r3, "revision = \"r3\"\ndown_revision = \"\"\n" + k_ops);
  CHECK_THROWS_WITH(kept.file("r3"), Catch::Contains("changed while migratecpp was running"));
}

TEST_CASE("script directory: in-memory texts are read lazily too", "[script_directory]") {
  migrate::Config config;
  auto texts = std::make_shared<migrate::RevisionTexts>();
  texts->push_back({"v/r1.toml", "revision = \"r1\"\ndown_revision = \"\"\n" + k_ops});
  texts->push_back({"v/r2.toml", "revision = \"r2\"\ndown_revision = \"r1\"\n\n[[upgrade]]\n"
                                 "op = \"nope\"\n"});
  config.revision_texts = texts;
  const auto scripts = migrate::ScriptDirectory::load(config);
  CHECK(scripts.graph().heads() == std::vector<std::string>{"r2"});
  CHECK(scripts.file("r1").downgrade.size() == 1);
  CHECK_THROWS_WITH(scripts.file("r2"), Catch::StartsWith("v/r2.toml:5: unknown op 'nope'"));
  // A bad header still fails the load, with the file's line.
  texts->push_back({"v/r3.toml", "revision = \"r3\"\ndown_revision = 7\n"});
  CHECK_THROWS_WITH(migrate::ScriptDirectory::load(config),
                    Catch::StartsWith("v/r3.toml:2: 'down_revision' must be"));
}

TEST_CASE("script directory: the ops checksum is kept with the parse it comes from",
          "[script_directory]") {
  Folder f;
  const auto r1 = f.write("r1.toml", "revision = \"r1\"\ndown_revision = \"\"\n" + k_ops);
  const auto scripts = migrate::ScriptDirectory::load(f.config);
  const migrate::RevisionFile& file = scripts.file("r1");
  const std::string checksum = scripts.ops_checksum_of("r1");
  CHECK(checksum == migrate::ops_checksum(file));
  // The ops that run are the parsed ones: an edit on disk after the parse changes neither.
  write_file(r1, "revision = \"r1\"\ndown_revision = \"\"\n");
  CHECK(scripts.ops_checksum_of("r1") == checksum);
  CHECK(&scripts.file("r1") == &file);
}
