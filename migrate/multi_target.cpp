// One command over many databases, on threads.
//
// Threads rather than child processes of the binary: each job calls the command API
// (migrate/commands.h) with its own Project (its URL) and its own util::Output writing into
// string buffers, so its result comes back as values (revisions, warnings, the error) instead
// of text to parse, and a job costs a thread, not a process start-up (dynamic loading, config
// and revision files read again) per database. What threads give up is isolation: the jobs
// share the process, so the code under the command API must keep no unguarded global state
// (connections, the revision graph and the Output are per job; util::register_secret is
// locked; the interrupt handler keeps one canceller per open connection), and a crash in one
// job ends the whole run, as it would end a single-database run.
#include "migrate/multi_target.h"

#include "migrate/json_output.h"
#include "migrate/script_directory.h"
#include "util/display.h"
#include "util/error.h"
#include "util/interrupt.h"
#include "util/strings.h"
#include "util/url.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace migratecpp::migrate {

namespace {

using Status = TargetResult::Status;
using Clock = std::chrono::steady_clock;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) {
      out.push_back(line);
    }
  }
  return out;
}

std::optional<std::vector<std::string>> rows_now(const Project& p) {
  try {
    return current_revisions(p);
  } catch (const std::exception&) {
    return std::nullopt; // unreachable or not a database: the command's own error says why
  }
}

std::string error_text(const std::exception& e, bool ours) {
  std::string message = util::redact_urls(e.what());
  if (!ours) {
    message = "internal error: " + message;
  }
  if (util::interrupted_signal() != 0 && message.rfind("interrupted", 0) != 0) {
    message = util::interrupted_message() + ": " + message;
  }
  return message;
}

// One database, start to end, on a worker thread. Never throws.
TargetResult run_one(const Project& base, const Target& target, const MultiOptions& options,
                     util::Verbosity verbosity) {
  TargetResult r;
  r.target = target;
  const auto started = Clock::now();
  Project p = base;
  p.url = target.url;
  p.url_error = target.url_error;
  std::ostringstream data;
  std::ostringstream diag;
  util::Output out(data, diag);
  out.set_verbosity(verbosity == util::Verbosity::verbose ? util::Verbosity::verbose
                                                          : util::Verbosity::normal);
  out.set_color(util::ColorMode::never);
  const bool migrating =
      options.command == MultiCommand::upgrade || options.command == MultiCommand::downgrade;
  try {
    if (migrating && !target.url_error) {
      r.before = rows_now(p);
    }
    MigrateOptions migrate_options;
    migrate_options.target = options.revision;
    switch (options.command) {
    case MultiCommand::upgrade:
      upgrade(p, migrate_options, out);
      break;
    case MultiCommand::downgrade:
      downgrade(p, migrate_options, out);
      break;
    case MultiCommand::current: {
      current(p, false, out);
      std::vector<std::string> rows;
      for (const auto& line : lines_of(data.str())) {
        rows.push_back(line.substr(0, line.find(' '))); // "id (head)"
      }
      r.after = rows;
      break;
    }
    case MultiCommand::check:
      r.status = check(p, out) ? Status::ok : Status::differs;
      r.operations = lines_of(data.str());
      break;
    }
    if (r.status != Status::differs) {
      r.status = Status::ok;
    }
  } catch (const util::Error& e) {
    r.status = Status::failed;
    r.error = error_text(e, true);
  } catch (const std::exception& e) {
    r.status = Status::failed;
    r.error = error_text(e, false);
  }
  if (migrating && !target.url_error) {
    r.after = rows_now(p); // also after a failure: where it stopped
  }
  for (const auto& line : lines_of(diag.str())) {
    static const std::string k_warning = "migratecpp: warning: ";
    if (line.rfind(k_warning, 0) == 0) {
      r.warnings.push_back(line.substr(k_warning.size()));
    } else {
      r.notes.push_back(line);
    }
  }
  r.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return r;
}

// The revisions a database moved by: applied (upgrade) or reverted (downgrade).
std::optional<std::size_t> moved_by(const RevisionGraph& graph, const TargetResult& r, bool up) {
  if (!r.before || !r.after) {
    return std::nullopt;
  }
  try {
    const auto before = graph.applied_set(*r.before);
    const auto after = graph.applied_set(*r.after);
    const auto& from = up ? after : before;
    const auto& to = up ? before : after;
    return static_cast<std::size_t>(std::count_if(
        from.begin(), from.end(), [&](const std::string& id) { return to.count(id) == 0; }));
  } catch (const util::Error&) {
    return std::nullopt; // a version row the revisions do not know: current/check say so
  }
}

std::string rows_text(const std::optional<std::vector<std::string>>& rows) {
  if (!rows) {
    return "?";
  }
  return rows->empty() ? std::string("base") : util::join(*rows, ",");
}

const char* status_word(Status s) {
  switch (s) {
  case Status::ok:
    return "ok";
  case Status::differs:
    return "differs";
  case Status::failed:
    return "failed";
  case Status::not_run:
    return "not_run";
  }
  return "?";
}

const char* command_word(MultiCommand c) {
  switch (c) {
  case MultiCommand::upgrade:
    return "upgrade";
  case MultiCommand::downgrade:
    return "downgrade";
  case MultiCommand::current:
    return "current";
  case MultiCommand::check:
    return "check";
  }
  return "?";
}

bool migrating(const MultiOptions& o) {
  return o.command == MultiCommand::upgrade || o.command == MultiCommand::downgrade;
}

std::string ms(std::chrono::milliseconds d) {
  return std::to_string(d.count()) + " ms";
}

// "[3/50] tenant_a: ok, 2 applied, at 3f2a9c1b7d4e (12 ms)"
void print_progress(const TargetResult& r, std::size_t done, std::size_t total,
                    const MultiOptions& options, util::Output& out) {
  const std::string head =
      "[" + std::to_string(done) + "/" + std::to_string(total) + "] " + r.target.label() + ": ";
  if (r.status == Status::failed) {
    out.error(head + "failed after " + ms(r.duration) + ": " + r.error);
  } else {
    std::string what;
    if (migrating(options)) {
      what = "ok, " + (r.revisions_run ? std::to_string(*r.revisions_run) : std::string("?")) +
             (options.command == MultiCommand::upgrade ? " applied" : " reverted") + ", at " +
             rows_text(r.after);
    } else if (options.command == MultiCommand::current) {
      what = "at " + rows_text(r.after);
    } else {
      what = r.status == Status::ok
                 ? std::string("clean")
                 : "differs, " + std::to_string(r.operations.size()) + " pending operation(s)";
    }
    out.info(head + what + " (" + ms(r.duration) + ")");
  }
  for (const auto& w : r.warnings) {
    out.warning(r.target.label() + ": " + w);
  }
  for (const auto& n : r.notes) {
    out.detail("  " + r.target.label() + ": " + n);
  }
}

void print_table(const std::vector<TargetResult>& results, const MultiOptions& options,
                 util::Output& out) {
  if (options.command == MultiCommand::check) {
    for (const auto& r : results) {
      if (r.status == Status::differs) {
        out.data_escaped(r.target.label() + ": " + std::to_string(r.operations.size()) +
                         " pending operation(s)");
        for (const auto& op : r.operations) {
          out.data_escaped("  " + op);
        }
      }
    }
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"TARGET", "RESULT"};
  if (migrating(options)) {
    header.emplace_back(options.command == MultiCommand::upgrade ? "APPLIED" : "REVERTED");
  }
  if (options.command != MultiCommand::check) { // check reads no version table
    header.emplace_back("AT");
  }
  header.insert(header.end(), {"TIME", "DETAIL"});
  rows.push_back(header);
  for (const auto& r : results) {
    std::vector<std::string> row = {r.target.label(), status_word(r.status)};
    if (migrating(options)) {
      row.push_back(r.revisions_run ? std::to_string(*r.revisions_run) : "?");
    }
    if (options.command != MultiCommand::check) {
      row.push_back(rows_text(r.after));
    }
    row.push_back(r.status == Status::not_run ? "-" : ms(r.duration));
    std::string detail = r.error;
    if (r.status == Status::differs) {
      detail = std::to_string(r.operations.size()) + " pending operation(s)";
    }
    std::replace(detail.begin(), detail.end(), '\n', ' ');
    row.push_back(detail);
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      width[i] = std::max(width[i], row[i].size());
    }
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line += std::string(width[i] - row[i].size() + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out.data_escaped(line);
  }
}

void print_json_summary(const std::vector<TargetResult>& results, const MultiOptions& options,
                        std::size_t jobs, util::Output& out) {
  toml::array targets;
  std::map<std::string, std::int64_t> counts = {
      {"ok", 0}, {"differs", 0}, {"failed", 0}, {"not_run", 0}};
  for (const auto& r : results) {
    ++counts[status_word(r.status)];
    toml::table t{{"name", r.target.label()},
                  {"url", util::redact_url(r.target.url)},
                  {"result", status_word(r.status)},
                  {"duration_ms", static_cast<std::int64_t>(r.duration.count())},
                  {"warnings", string_array(r.warnings)}};
    if (r.after) {
      t.insert("current", string_array(*r.after));
    }
    if (migrating(options)) {
      if (r.before) {
        t.insert("before", string_array(*r.before));
      }
      if (r.revisions_run) {
        t.insert("revisions_run", static_cast<std::int64_t>(*r.revisions_run));
      }
    }
    if (options.command == MultiCommand::check && r.status != Status::failed &&
        r.status != Status::not_run) {
      t.insert("operations", string_array(r.operations));
    }
    if (!r.error.empty()) {
      t.insert("error", r.error);
    }
    targets.push_back(std::move(t));
  }
  toml::table count_table{{"total", static_cast<std::int64_t>(results.size())}};
  for (const auto& [k, v] : counts) {
    count_table.insert(k, v);
  }
  toml::table body{
      {"command", command_word(options.command)},
      {"jobs", static_cast<std::int64_t>(jobs)},
      {"ok", counts["failed"] == 0 && counts["differs"] == 0 && counts["not_run"] == 0},
      {"counts", std::move(count_table)},
      {"targets", std::move(targets)}};
  if (migrating(options)) {
    body.insert("revision", options.revision);
  }
  print_json(out, std::move(body));
}

// For the whole run: a canceller with nothing to cancel, so that a signal between two
// databases' connections is still taken as a request to stop (no new database is started,
// the running ones are cancelled through their own cancellers) rather than ending the process
// before the summary.
void cancel_nothing(void*) noexcept {}

class RunRegistration {
public:
  RunRegistration() { util::register_canceller(&m_canceller); }
  ~RunRegistration() { util::unregister_canceller(&m_canceller); }
  RunRegistration(const RunRegistration&) = delete;
  RunRegistration& operator=(const RunRegistration&) = delete;

private:
  util::Canceller m_canceller{&cancel_nothing, nullptr};
};

} // namespace

int run_on_targets(const Project& base, const std::vector<Target>& targets,
                   const MultiOptions& options, util::Output& out) {
  if (targets.empty()) {
    throw util::UsageError("no database to run on: the list of targets is empty");
  }
  // The revisions are read once, before any database is touched: a bad revision file stops
  // the run here, as it stops a single upgrade. The jobs share them (Project::scripts): each
  // file is parsed once for all the databases, by the first job that runs it.
  Project shared = base;
  shared.scripts = std::make_shared<const ScriptDirectory>(ScriptDirectory::load(base.config));
  if (migrating(options)) {
    shared.scripts->check_all_files(); // load reads the headers only
  }
  const std::size_t total = targets.size();
  const std::size_t jobs = std::min<std::size_t>(static_cast<std::size_t>(options.jobs), total);
  const util::Verbosity verbosity = out.verbosity();
  out.info(std::string(command_word(options.command)) + " on " + std::to_string(total) +
           " database(s), " + std::to_string(jobs) + " at a time");

  std::vector<TargetResult> results(total);
  for (std::size_t i = 0; i < total; ++i) {
    results[i].target = targets[i];
  }
  std::mutex mutex;
  std::condition_variable finished_cv;
  std::deque<std::size_t> finished; // indexes, in the order they finished
  std::atomic<std::size_t> next{0};
  std::size_t workers_done = 0;
  {
    const RunRegistration registration;
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < jobs; ++w) {
      workers.emplace_back([&] {
        while (util::interrupted_signal() == 0) {
          const std::size_t i = next.fetch_add(1);
          if (i >= total) {
            break;
          }
          TargetResult r = run_one(shared, targets[i], options, verbosity);
          const std::lock_guard lock(mutex);
          results[i] = std::move(r);
          finished.push_back(i);
          finished_cv.notify_one();
        }
        const std::lock_guard lock(mutex);
        ++workers_done;
        finished_cv.notify_one();
      });
    }
    // This thread prints, as each database finishes: the jobs only fill in their results.
    std::size_t printed = 0;
    while (true) {
      std::unique_lock lock(mutex);
      finished_cv.wait(lock, [&] { return !finished.empty() || workers_done == jobs; });
      if (finished.empty()) {
        break;
      }
      const std::size_t i = finished.front();
      finished.pop_front();
      lock.unlock();
      TargetResult& r = results[i];
      if (migrating(options)) {
        r.revisions_run =
            moved_by(shared.scripts->graph(), r, options.command == MultiCommand::upgrade);
      }
      print_progress(r, ++printed, total, options, out);
    }
    for (auto& t : workers) {
      t.join();
    }
  }

  std::size_t failed = 0;
  std::size_t differs = 0;
  std::size_t not_run = 0;
  for (auto& r : results) {
    if (r.status == Status::not_run) {
      r.error = "not run: " + util::interrupted_message();
      ++not_run;
    }
    failed += r.status == Status::failed ? 1 : 0;
    differs += r.status == Status::differs ? 1 : 0;
  }
  if (options.json) {
    print_json_summary(results, options, jobs, out);
  } else {
    print_table(results, options, out);
  }
  std::string tally = std::to_string(total) +
                      " database(s): " + std::to_string(total - failed - differs - not_run) +
                      (options.command == MultiCommand::check ? " clean" : " ok");
  if (differs != 0) {
    tally += ", " + std::to_string(differs) + " differ";
  }
  tally += ", " + std::to_string(failed) + " failed";
  if (not_run != 0) {
    tally += ", " + std::to_string(not_run) + " not run";
  }
  if (util::interrupted_signal() != 0) {
    // main says it and exits 128 + the signal; the summary above says where each one is.
    throw util::Error(util::interrupted_message() + ": " + tally);
  }
  out.info(tally);
  return failed + differs + not_run == 0 ? 0 : 1;
}

} // namespace migratecpp::migrate
