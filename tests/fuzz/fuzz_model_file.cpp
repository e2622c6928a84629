// libFuzzer harness for the model-file loader (migrate/model_file.h). Beyond "no crash, no
// exception but util::Error", it checks what `inspect` relies on: a schema the loader accepts,
// written by render_models, is read back and written again to the same text.
#include "fuzz_support.h"
#include "migrate/model_file.h"
#include "util/error.h"

using namespace migratecpp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  schema::Database db;
  try {
    db = migrate::parse_models(fuzz::text_of(data, size), "fuzz.toml");
  } catch (const util::Error&) {
    return 0;
  }
  const std::string first = migrate::render_models(db);
  schema::Database again;
  try {
    again = migrate::parse_models(first, "rendered.toml");
  } catch (const util::Error& e) {
    fuzz::finding(
        "render_models wrote a schema that parse_models rejects: " + std::string(e.what()), first);
  }
  const std::string second = migrate::render_models(again);
  if (second != first) {
    fuzz::finding("render_models -> parse_models -> render_models changed the text",
                  "first:\n" + first + "\nsecond:\n" + second);
  }
  return 0;
}
