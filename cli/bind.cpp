#include "cli/bind.h"

#include "cli/bind_targets.h"
#include "cli/completion.h"
#include "cli/manual.h"
#include "dialects/dialect.h"
#include "util/error.h"
#include "util/file_write.h"

#include <memory>

namespace migratecpp::cli {

namespace {

constexpr const char* k_json_help =
    "Print one JSON document instead of text (shape: docs/json.md, format_version 1)";

std::string clean(std::string s) {
  if (!s.empty() && s[0] == k_relative_marker[0]) {
    s.erase(0, 1);
  }
  return s;
}

std::vector<std::string> clean_all(std::vector<std::string> v) {
  for (auto& s : v) {
    s = clean(s);
  }
  return v;
}

migrate::Project project(Context& ctx) {
  return migrate::open_project(ctx.global);
}

void add_init(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<migrate::InitOptions>();
  auto* sub = app.add_subcommand("init", "Create migratecpp.toml, migrations/ and models/");
  sub->add_option("dir", opts->dir, "Project directory (default: .)");
  sub->add_option("-t,--template", opts->template_name, "Project template (see list-templates)");
  sub->callback([&ctx, opts] { ctx.action = [&ctx, opts] { migrate::init(*opts, ctx.out); }; });

  auto* list = app.add_subcommand("list-templates", "List the project templates");
  list->callback([&ctx] {
    ctx.action = [&ctx] {
      for (const auto& t : migrate::list_templates()) {
        ctx.out.data(t.name + " - " + t.description);
      }
    };
  });
}

void add_revision(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<migrate::RevisionOptions>();
  auto* sub = app.add_subcommand("revision", "Write a new revision file and print its path");
  sub->add_option("-m,--message", opts->message, "Message of the revision");
  sub->add_flag("--autogenerate", opts->autogenerate,
                "Fill in the operations that turn the database into the models");
  sub->add_option("--head", opts->head, "Revision the new one follows (default: head)");
  sub->add_flag("--splice", opts->splice, "Allow --head to be a non-head (starts a branch)");
  sub->add_option("--branch-label", opts->branch_labels, "Branch label for the new revision")
      ->allow_extra_args(false);
  sub->add_option("--depends-on", opts->depends_on, "Revision or label this one depends on")
      ->allow_extra_args(false);
  sub->add_option("--rev-id", opts->rev_id, "Id of the new revision (default: random)");
  sub->add_option("--version-path", opts->version_path, "Directory to write the file to");
  sub->callback([&ctx, opts] {
    ctx.action = [&ctx, opts] {
      opts->head = clean(opts->head);
      migrate::revision(project(ctx), *opts, ctx.out);
    };
  });

  auto mopts = std::make_shared<migrate::MergeOptions>();
  auto* merge = app.add_subcommand("merge", "Write a merge revision joining heads");
  merge->add_option("revisions", mopts->revisions, "Revisions to merge, or 'heads'")->required();
  merge->add_option("-m,--message", mopts->message, "Message of the merge revision");
  merge->add_option("--rev-id", mopts->rev_id, "Id of the new revision (default: random)");
  merge->add_option("--branch-label", mopts->branch_labels, "Branch label for the merge")
      ->allow_extra_args(false);
  merge->callback([&ctx, mopts] {
    ctx.action = [&ctx, mopts] { migrate::merge(project(ctx), *mopts, ctx.out); };
  });
}

void add_migrate(CLI::App& app, Context& ctx, bool up) {
  auto opts = std::make_shared<migrate::MigrateOptions>();
  auto* sub =
      app.add_subcommand(up ? "upgrade" : "downgrade",
                         up ? "Apply revisions up to TARGET" : "Revert revisions down to TARGET");
  sub->add_option("target", opts->target,
                  up ? "head, heads, REV, +N, REV+N, LABEL@head (FROM:TO with --sql)"
                     : "base, REV, -N, REV-N (FROM:TO with --sql)")
      ->required();
  sub->add_flag("--sql", opts->sql, "Print the SQL script instead of running it");
  sub->add_option("--dialect", opts->dialect, "Dialect for --sql: sqlite, postgresql, mysql")
      ->check(CLI::IsMember(dialects::dialect_names()));
  auto many = add_target_options(sub, true);
  sub->callback([&ctx, opts, up, many] {
    ctx.action = [&ctx, opts, up, many] {
      opts->target = clean(opts->target);
      if (many->wanted()) {
        ctx.exit_code = run_over_targets(
            ctx, *many,
            {up ? migrate::MultiCommand::upgrade : migrate::MultiCommand::downgrade, opts->target},
            opts->sql               ? "--sql"
            : opts->dialect.empty() ? ""
                                    : "--dialect");
        return;
      }
      if (up) {
        migrate::upgrade(project(ctx), *opts, ctx.out);
      } else {
        migrate::downgrade(project(ctx), *opts, ctx.out);
      }
    };
  });
}

void add_info(CLI::App& app, Context& ctx) {
  auto verbose = std::make_shared<bool>(false);
  auto cjson = std::make_shared<bool>(false);
  auto* cur = app.add_subcommand("current", "Print the revision(s) the database is at");
  cur->add_flag("--verbose", *verbose, "Show each revision in full");
  cur->add_flag("--json", *cjson, k_json_help);
  auto many = add_target_options(cur, false);
  cur->callback([&ctx, verbose, cjson, many] {
    ctx.action = [&ctx, verbose, cjson, many] {
      if (many->wanted()) {
        ctx.exit_code =
            run_over_targets(ctx, *many, {migrate::MultiCommand::current, "", 0, *cjson});
        return;
      }
      migrate::current(project(ctx), *verbose || ctx.verbose, ctx.out, *cjson);
    };
  });

  auto hopts = std::make_shared<migrate::HistoryOptions>();
  auto* hist = app.add_subcommand("history", "List revisions, newest first");
  hist->add_option("-r,--rev-range", hopts->range,
                   "Range START:END, e.g. base:head, -3:, current:");
  hist->add_flag("--verbose", hopts->verbose, "Show each revision in full");
  hist->add_flag("-i,--indicate-current", hopts->indicate_current, "Mark the current revision(s)");
  hist->add_flag("--json", hopts->json, k_json_help);
  hist->callback([&ctx, hopts] {
    ctx.action = [&ctx, hopts] {
      hopts->range = clean(hopts->range);
      hopts->verbose = hopts->verbose || ctx.verbose;
      migrate::history(project(ctx), *hopts, ctx.out);
    };
  });

  auto hverbose = std::make_shared<bool>(false);
  auto hjson = std::make_shared<bool>(false);
  auto* heads = app.add_subcommand("heads", "List the heads of the revision graph");
  heads->add_flag("--verbose", *hverbose, "Show each revision in full");
  heads->add_flag("--json", *hjson, k_json_help);
  heads->callback([&ctx, hverbose, hjson] {
    ctx.action = [&ctx, hverbose, hjson] {
      migrate::heads(project(ctx), *hverbose || ctx.verbose, ctx.out, *hjson);
    };
  });

  auto bverbose = std::make_shared<bool>(false);
  auto* br = app.add_subcommand("branches", "List the branch points of the revision graph");
  br->add_flag("--verbose", *bverbose, "Show each revision in full");
  br->callback([&ctx, bverbose] {
    ctx.action = [&ctx, bverbose] {
      migrate::branches(project(ctx), *bverbose || ctx.verbose, ctx.out);
    };
  });

  auto sopts = std::make_shared<migrate::ShowOptions>();
  auto* show = app.add_subcommand("show", "Show one revision (and its DDL with --sql)");
  show->add_option("revision", sopts->revision, "Revision id, prefix, label or head")->required();
  show->add_flag("--sql", sopts->sql, "Print the revision's upgrade DDL");
  show->add_flag("--json", sopts->json, k_json_help);
  show->add_option("--dialect", sopts->dialect, "Dialect for --sql: sqlite, postgresql, mysql")
      ->check(CLI::IsMember(dialects::dialect_names()));
  show->callback([&ctx, sopts] {
    ctx.action = [&ctx, sopts] { migrate::show(project(ctx), *sopts, ctx.out); };
  });
}

void add_stamp(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<migrate::StampOptions>();
  auto* sub = app.add_subcommand("stamp", "Set the version table without running migrations");
  sub->add_option("revisions", opts->revisions, "Revision(s), head, heads or base")->required();
  sub->add_flag("--purge", opts->purge, "Delete all version rows first");
  sub->add_flag("--sql", opts->sql, "Print the SQL instead of running it");
  sub->add_option("--dialect", opts->dialect, "Dialect for --sql: sqlite, postgresql, mysql")
      ->check(CLI::IsMember(dialects::dialect_names()));
  sub->callback([&ctx, opts] {
    ctx.action = [&ctx, opts] {
      opts->revisions = clean_all(opts->revisions);
      migrate::stamp(project(ctx), *opts, ctx.out);
    };
  });
}

void add_schema(CLI::App& app, Context& ctx) {
  auto json = std::make_shared<bool>(false);
  auto* check = app.add_subcommand(
      "check", "Exit 1 and print the pending operations if the models differ from the database");
  check->add_flag("--json", *json, k_json_help);
  auto many = add_target_options(check, false);
  check->callback([&ctx, json, many] {
    ctx.action = [&ctx, json, many] {
      if (many->wanted()) {
        ctx.exit_code = run_over_targets(ctx, *many, {migrate::MultiCommand::check, "", 0, *json});
        return;
      }
      ctx.exit_code = migrate::check(project(ctx), ctx.out, *json) ? 0 : 1;
    };
  });

  auto opts = std::make_shared<migrate::InspectOptions>();
  auto* inspect = app.add_subcommand("inspect", "Print the live database schema as a models file");
  inspect->add_option("--table", opts->tables, "Only this table (repeatable)")
      ->allow_extra_args(false);
  inspect->callback([&ctx, opts] {
    ctx.action = [&ctx, opts] { migrate::inspect(project(ctx), *opts, ctx.out); };
  });
}

void add_verify(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<migrate::VerifyOptions>();
  auto* verify = app.add_subcommand(
      "verify", "Exit 1 listing every applied revision whose file changed or is gone");
  verify
      ->add_option("--accept", opts->accept,
                   "Record the current file of these applied revisions as deliberate edits")
      ->expected(1, -1);
  verify->add_flag("--json", opts->json, k_json_help);
  verify->callback([&ctx, opts] {
    ctx.action = [&ctx, opts] {
      opts->accept = clean_all(opts->accept);
      ctx.exit_code = migrate::verify(project(ctx), *opts, ctx.out) ? 0 : 1;
    };
  });

  auto lopts = std::make_shared<migrate::LogOptions>();
  auto* log = app.add_subcommand(
      "log", "List what was applied, reverted, stamped and accepted (the history table), newest "
             "first");
  log->add_option("-n,--limit", lopts->limit, "Show only the newest N rows");
  log->add_flag("--verbose", lopts->verbose, "Show full checksums");
  log->add_flag("--json", lopts->json, k_json_help);
  log->callback([&ctx, lopts] {
    ctx.action = [&ctx, lopts] {
      lopts->verbose = lopts->verbose || ctx.verbose;
      migrate::applied_log(project(ctx), *lopts, ctx.out);
    };
  });
}

void add_completion(CLI::App& app, Context& ctx) {
  auto shell = std::make_shared<std::string>();
  auto* sub = app.add_subcommand(
      "completion", "Print the shell completion script for bash, zsh or fish (source it, or "
                    "install it as the shell's completion file)");
  sub->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  sub->callback([&app, &ctx, shell] {
    ctx.action = [&app, &ctx, shell] { ctx.out.data_raw(completion_script(app, *shell)); };
  });
  // The manual, for cmake --install: one page to stdout, or every page into --dir.
  auto page = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  auto* man = app.add_subcommand("__man", "Manual pages in roff");
  man->group("");
  man->add_option("command", *page, "The command's page (default: the main page)");
  man->add_option("--dir", *dir, "Write migratecpp.1 and migratecpp-COMMAND.1 for every command");
  man->callback([&app, &ctx, page, dir] {
    ctx.action = [&app, &ctx, page, dir] {
      if (dir->empty()) {
        ctx.out.data_raw(manual_page(app, *page, MIGRATECPP_VERSION));
        return;
      }
      std::vector<std::string> pages = {""};
      for (const auto& name : command_names(app)) {
        pages.push_back(name);
      }
      for (const auto& name : pages) {
        if (name.rfind("__", 0) == 0) {
          continue;
        }
        const std::string file = *dir + "/migratecpp" + (name.empty() ? "" : "-" + name) + ".1";
        util::write_file_atomically(file, manual_page(app, name, MIGRATECPP_VERSION),
                                    util::IfExists::replace);
      }
    };
  });
  // For the scripts: the project's revision words, one a line; nothing (and exit 0) outside
  // a project, so that completion never prints an error into the user's command line.
  auto* words = app.add_subcommand("__revisions", "Revision words for shell completion");
  words->group("");
  words->callback([&ctx] {
    ctx.action = [&ctx] {
      try {
        for (const auto& w : migrate::revision_words(project(ctx))) {
          ctx.out.data(w);
        }
      } catch (const util::Error&) {
      }
    };
  });
}

} // namespace

void bind(CLI::App& app, Context& ctx) {
  app.set_version_flag("--version", std::string("migratecpp ") + MIGRATECPP_VERSION);
  app.require_subcommand(1, 1);
  app.fallthrough();
  app.option_defaults()->always_capture_default(false);
  app.add_option("-c,--config", ctx.global.config_file, "Config file (default: ./migratecpp.toml)");
  app.add_option("--url", ctx.global.url, "Database URL; beats MIGRATECPP_URL and the config file");
  app.add_option("--lock-timeout", ctx.lock_timeout,
                 "Seconds to wait for the migration lock (default: [database] lock_timeout, 300)");
  app.add_option("-x", ctx.x_pairs, "KEY=VALUE for templates (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("-q,--quiet", ctx.quiet, "Only print data and errors");
  app.add_flag("-v,--verbose", ctx.verbose, "Print more detail");
  app.add_option("--color", ctx.color, "auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  add_init(app, ctx);
  add_revision(app, ctx);
  add_migrate(app, ctx, true);
  add_migrate(app, ctx, false);
  add_info(app, ctx);
  add_stamp(app, ctx);
  add_schema(app, ctx);
  add_verify(app, ctx);
  add_completion(app, ctx);
}

void apply_globals(Context& ctx) {
  for (const auto& pair : ctx.x_pairs) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw util::UsageError("-x expects KEY=VALUE, got '" + pair + "'");
    }
    ctx.global.x_args[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  if (!ctx.lock_timeout.empty()) {
    std::size_t used = 0;
    double seconds = -1;
    try {
      seconds = std::stod(ctx.lock_timeout, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != ctx.lock_timeout.size() || !(seconds >= 0) ||
        seconds > migrate::k_max_lock_timeout_seconds) {
      throw util::UsageError(
          "--lock-timeout expects a number of seconds between 0 and " +
          std::to_string(static_cast<long>(migrate::k_max_lock_timeout_seconds)) + ", got '" +
          ctx.lock_timeout + "'");
    }
    ctx.global.lock_timeout = seconds;
  }
  if (ctx.quiet && ctx.verbose) {
    throw util::UsageError("-q and -v cannot be used together");
  }
  ctx.out.set_verbosity(ctx.quiet     ? util::Verbosity::quiet
                        : ctx.verbose ? util::Verbosity::verbose
                                      : util::Verbosity::normal);
  ctx.out.set_color(ctx.color == "always"  ? util::ColorMode::always
                    : ctx.color == "never" ? util::ColorMode::never
                                           : util::ColorMode::automatic);
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

std::string unknown_command(const CLI::App& app, const std::vector<std::string>& args) {
  const auto names = command_names(app);
  for (auto it = args.begin(); it != args.end(); ++it) {
    const std::string& a = *it;
    if (a.empty() || a[0] == '-') {
      // Options with a value: skip the value too.
      if (a == "-c" || a == "--config" || a == "--url" || a == "-x" || a == "--color" ||
          a == "--lock-timeout") {
        ++it;
        if (it == args.end()) {
          break;
        }
      }
      continue;
    }
    if (std::find(names.begin(), names.end(), a) != names.end()) {
      return "";
    }
    return a;
  }
  return "";
}

} // namespace migratecpp::cli
