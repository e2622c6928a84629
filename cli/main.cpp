// The command line: binds flags to the command API (migrate/commands.h) and maps errors to
// exit codes once: 0 success, 1 failure, 2 usage error.
#include "cli/bind.h"
#include "dialects/connection.h"
#include "dialects/dialect.h"
#include "util/error.h"
#include "util/interrupt.h"
#include "util/output.h"
#include "util/strings.h"
#include "util/url.h"

#include <CLI/CLI.hpp>

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string_view>

namespace {

// CLI11 reads "-1" as an unknown short option; the spec's relative targets (downgrade -1) are
// positionals. No option of ours starts with a digit, so mark such words as positionals.
// (By hand, not std::regex: compiling one cost every run a measurable part of its start-up.)
bool is_relative_target(std::string_view a) {
  return a.size() > 1 && a[0] == '-' &&
         std::all_of(a.begin() + 1, a.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> protect_relative_targets(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (is_relative_target(a)) {
      a = migratecpp::cli::k_relative_marker + a;
    }
    args.push_back(a);
  }
  return args;
}

// MIGRATECPP_STATS=1: on the way out, how many SQL statements the run sent to databases, on
// stderr (docs/commands.md#environment). The benchmark counts catalog queries with it on every
// dialect, SQLite included, where no server log can.
struct StatsOnExit {
  ~StatsOnExit() {
    const char* on = std::getenv("MIGRATECPP_STATS");
    if (on != nullptr && *on != '\0' && std::string_view(on) != "0") {
      std::cerr << "migratecpp stats: "
                << migratecpp::dialects::Connection::statements_sent_by_process()
                << " SQL statements sent\n";
    }
  }
};

} // namespace

int main(int argc, char** argv) {
  using namespace migratecpp;
  // The heap grows 4 MiB at a time instead of by what each allocation lacks, and is given back
  // to the kernel only beyond that: a run is short and its memory goes with the process. glibc's
  // default moved the heap's top up and down with SQLite's statement arenas, a few hundred brk
  // calls and page faults in a 200-revision upgrade (3 ms of its 52, bench/RESULTS.md). Peak
  // RSS does not change (autogenerate on 5,000 tables: 47.7 MiB either way). Not in the library:
  // the heap is the embedding program's.
  mallopt(M_TOP_PAD, 4 << 20);
  dialects::tune_for_command_process();
  const StatsOnExit stats;
  util::Output out;
  CLI::App app{"migratecpp: schema migrations for SQLite, PostgreSQL and MySQL", "migratecpp"};
  cli::Context ctx(out);
  cli::bind(app, ctx);

  const auto original = protect_relative_targets(argc, argv);
  auto args = original;
  std::reverse(args.begin(), args.end()); // CLI11 takes them in reverse order, and consumes them
  util::install_interrupt_handlers();
  // A run cut short by SIGINT/SIGTERM exits 128 + the signal, after its error says where the
  // database is (the runner rolled back or undid what the cancelled statement left).
  auto failed = [] { return util::interrupted_signal() != 0 ? util::interrupted_exit_code() : 1; };
  try {
    app.parse(args);
    cli::apply_globals(ctx);
    ctx.run();
    // A script or listing that did not reach its file is a failure, whatever the command
    // thought of itself: check the last buffered bytes too.
    out.finish();
    if (util::interrupted_signal() != 0) {
      out.error("interrupted after the command had finished its work");
      return util::interrupted_exit_code();
    }
    return ctx.exit_code;
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (auto word = cli::unknown_command(app, original); !word.empty()) {
      msg = "unknown command '" + word + "'" + util::did_you_mean(word, cli::command_names(app)) +
            "; see 'migratecpp --help'";
    }
    out.error(util::redact_urls(msg));
    return 2;
  } catch (const util::UsageError& e) {
    out.error(util::redact_urls(e.what()));
    return 2;
  } catch (const util::Error& e) {
    std::string message = util::redact_urls(e.what());
    if (util::interrupted_signal() != 0 && message.rfind("interrupted", 0) != 0) {
      // The database's own words ("canceling statement due to user request") say why the
      // statement stopped, not that the user asked: say it first.
      message = util::interrupted_message() + ": " + message;
    }
    out.error(message);
    return failed();
  } catch (const std::exception& e) {
    out.error(std::string("internal error: ") + util::redact_urls(e.what()));
    return failed();
  }
}
