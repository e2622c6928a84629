// libFuzzer harness for the revision-file loader (migrate/revision_file.h). Beyond "no crash,
// no exception but util::Error", it checks the writer/reader pair the tool relies on: the ops
// of any file it accepts, written back by render_ops (as `revision` and the checksum do), read
// again to the same text, and the checksum of the ops can be computed.
#include "fuzz_support.h"
#include "migrate/revision_checksum.h"
#include "migrate/revision_file.h"
#include "util/error.h"

using namespace migratecpp;

namespace {

std::string rendered(const migrate::RevisionFile& f) {
  // The id was validated by the parser ([0-9A-Za-z_-]), so it needs no escaping here.
  return "revision = \"" + f.revision.id + "\"\ndown_revision = \"\"\n\n" +
         migrate::render_ops(f.upgrade, "upgrade") + "\n" +
         migrate::render_ops(f.downgrade, "downgrade");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  migrate::RevisionFile file;
  try {
    file = migrate::parse_revision_file(fuzz::text_of(data, size), "fuzz.toml");
  } catch (const util::Error&) {
    return 0;
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
