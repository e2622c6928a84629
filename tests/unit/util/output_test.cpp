// The output streams: data to stdout, progress and diagnostics to stderr, verbosity, colour.
#include "util/output.h"

#include "util/error.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

using migratecpp::util::ColorMode;
using migratecpp::util::Output;
using migratecpp::util::Verbosity;

TEST_CASE("output: data goes to the data stream, the rest to diagnostics", "[output]") {
  std::ostringstream data;
  std::ostringstream diag;
  Output out(data, diag);
  out.data("line");
  out.data_raw("raw");
  out.data_stream() << "!";
  out.info("progress");
  out.detail("hidden");
  out.warning("careful");
  out.error("broken");
  CHECK(data.str() == "line\nraw!");
  CHECK(diag.str() == "progress\n"
                      "migratecpp: warning: careful\n"
                      "migratecpp: error: broken\n");
}

TEST_CASE("output: verbosity", "[output]") {
  std::ostringstream data;
  std::ostringstream diag;
  Output out(data, diag);
  CHECK(out.verbosity() == Verbosity::normal);
  out.set_verbosity(Verbosity::quiet);
  out.info("progress");
  out.detail("detail");
  out.warning("still shown");
  out.data("data is never hidden");
  CHECK(diag.str() == "migratecpp: warning: still shown\n");
  CHECK(data.str() == "data is never hidden\n");
  diag.str("");
  out.set_verbosity(Verbosity::verbose);
  out.info("progress");
  out.detail("detail");
  CHECK(diag.str() == "progress\ndetail\n");
}

TEST_CASE("output: colour only when asked, never on data", "[output]") {
  std::ostringstream data;
  std::ostringstream diag;
  Output out(data, diag);
  out.set_color(ColorMode::always);
  out.warning("w");
  out.error("e");
  out.data("plain");
  CHECK(diag.str() == "migratecpp: \033[1;33mwarning:\033[0m w\n"
                      "migratecpp: \033[1;31merror:\033[0m e\n");
  CHECK(data.str() == "plain\n");
  diag.str("");
  out.set_color(ColorMode::never);
  out.error("e");
  CHECK(diag.str() == "migratecpp: error: e\n");
  diag.str("");
  // automatic: a string stream is not a terminal.
  out.set_color(ColorMode::automatic);
  out.error("e");
  CHECK(diag.str() == "migratecpp: error: e\n");
}

TEST_CASE("output: with_data keeps settings and diagnostics, redirects data", "[output]") {
  std::ostringstream data;
  std::ostringstream diag;
  Output out(data, diag);
  out.set_verbosity(Verbosity::quiet);
  out.set_color(ColorMode::always);
  std::ostringstream held;
  Output buffered = out.with_data(held);
  buffered.data("script");
  buffered.info("hidden: quiet is kept");
  buffered.error("e");
  CHECK(held.str() == "script\n");
  CHECK(data.str().empty());
  CHECK(buffered.verbosity() == Verbosity::quiet);
  CHECK(diag.str() == "migratecpp: \033[1;31merror:\033[0m e\n");
}

namespace {
// A stream buffer that refuses every byte, as a full disk does.
class FullBuffer : public std::streambuf {
protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};
} // namespace

TEST_CASE("output: a data write that fails is an error, not a silent truncation", "[output]") {
  FullBuffer full;
  std::ostream data(&full);
  std::ostringstream diag;
  Output out(data, diag);
  CHECK_THROWS_WITH(out.data("line"), Catch::Contains("cannot write to standard output"));
  Output raw(data, diag);
  CHECK_THROWS_AS(raw.data_raw("text"), migratecpp::util::Error);
}

TEST_CASE("output: finish() reports a data stream that failed earlier", "[output]") {
  FullBuffer full;
  std::ostream data(&full);
  std::ostringstream diag;
  Output out(data, diag);
  out.data_stream() << "written around the checks";
  CHECK_THROWS_WITH(out.finish(), Catch::Contains("cannot write to standard output"));
  std::ostringstream fine;
  Output ok(fine, diag);
  ok.data("line");
  CHECK_NOTHROW(ok.finish());
}
