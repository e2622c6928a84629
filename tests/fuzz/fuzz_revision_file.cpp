// libFuzzer harness for the revision-file loader (migrate/revision_file.h). Beyond "no crash,
// no exception but util::Error", it checks the writer/reader pair the tool relies on: the ops
// of any file it accepts, written back by render_ops (as `revision` and the checksum do), read
// again to the same text, and the checksum of the ops can be computed. The header read
// (migrate/revision_header.h) must agree with the full parse on every file it accepts, and the
// plain ops reader (migrate/plain_ops.h) with toml++ on every ops part it reads.
#include "fuzz_support.h"
#include "migrate/plain_ops.h"
#include "migrate/revision_checksum.h"
#include "migrate/revision_file.h"
#include "migrate/revision_header.h"
#include "util/error.h"

using namespace migratecpp;

namespace {

std::string rendered(const migrate::RevisionFile& f) {
  // The id was validated by the parser ([0-9A-Za-z_-]), so it needs no escaping here.
  return "revision = \"" + f.revision.id + "\"\ndown_revision = \"\"\n\n" +
         migrate::render_ops(f.upgrade, "upgrade") + "\n" +
         migrate::render_ops(f.downgrade, "downgrade");
}

// Where read_plain_ops reads the ops part of `text`, toml::parse reads the same table, each
// [[...]] element on the same line.
void check_plain_ops(std::string_view text) {
  const std::string_view ops = text.substr(migrate::toml_top_level_end(text));
  const auto plain = migrate::read_plain_ops(ops, 1);
  if (!plain) {
    return;
  }
  toml::table parsed;
  try {
    parsed = toml::parse(ops);
  } catch (const toml::parse_error& e) {
    fuzz::finding("the plain ops reader accepts what toml++ rejects: " +
                      std::string(e.description()),
                  std::string(ops));
    return;
  }
  if (plain->sections != parsed) {
    fuzz::finding("the plain ops reader and toml++ read different tables", std::string(ops));
  }
  for (const auto& [section, lines] : {std::pair{"upgrade", &plain->upgrade_lines},
                                       std::pair{"downgrade", &plain->downgrade_lines}}) {
    std::vector<std::size_t> expected;
    if (const toml::array* items = parsed.get_as<toml::array>(section)) {
      for (const auto& item : *items) {
        expected.push_back(item.source().begin.line);
      }
    }
    if (expected != *lines) {
      fuzz::finding("the plain ops reader and toml++ put an op on different lines",
                    std::string(ops));
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_plain_ops(fuzz::text_of(data, size));
  migrate::RevisionFile file;
  try {
    file = migrate::parse_revision_file(fuzz::text_of(data, size), "fuzz.toml");
  } catch (const util::Error& e) {
    // A file the full parse rejects: the header read either accepts it (the error is in the
    // ops) or rejects it with the very same message.
    try {
      (void)migrate::parse_revision_header(fuzz::text_of(data, size), "fuzz.toml");
    } catch (const util::Error& h) {
      if (std::string(h.what()) != e.what()) {
        fuzz::finding("the header read and the full parse disagree on the error: " +
                          std::string(h.what()) + " / " + e.what(),
                      std::string(fuzz::text_of(data, size)));
      }
    }
    return 0;
  }
  migrate::Revision header;
  try {
    header = migrate::parse_revision_header(fuzz::text_of(data, size), "fuzz.toml");
  } catch (const util::Error& e) {
    fuzz::finding("the header read rejects a file the full parse accepts: " + std::string(e.what()),
                  std::string(fuzz::text_of(data, size)));
  }
  const migrate::Revision& r = file.revision;
  if (header.id != r.id || header.down_revisions != r.down_revisions ||
      header.branch_labels != r.branch_labels || header.depends_on != r.depends_on ||
      header.message != r.message || header.create_date != r.create_date ||
      header.where.line != r.where.line) {
    fuzz::finding("the header read and the full parse give different headers",
                  std::string(fuzz::text_of(data, size)));
  }
  (void)migrate::ops_checksum(file);
  const std::string first = rendered(file);
  migrate::RevisionFile again;
  try {
    again = migrate::parse_revision_file(first, "rendered.toml");
  } catch (const util::Error& e) {
    fuzz::finding("render_ops wrote ops that parse_revision_file rejects: " + std::string(e.what()),
                  first);
  }
  const std::string second = rendered(again);
  if (second != first) {
    fuzz::finding("render_ops -> parse_revision_file -> render_ops changed the text",
                  "first:\n" + first + "\nsecond:\n" + second);
  }
  return 0;
}
