#include "cli/manual.h"

#include "cli/visible_commands.h"
#include "util/error.h"
#include "util/strings.h"

#include <vector>

namespace migratecpp::cli {

namespace {

// Text as roff reads it literally: backslashes doubled, a line never starting with a control
// character, hyphens as minus signs (so that options copy as typed).
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) {
      out += "\\&";
    }
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

// ".TP" entries for the options of `app`: their spellings (and a value placeholder), then
// their description. Positionals are listed apart, as ARGUMENTS.
std::string options_section(const CLI::App& app, bool positionals) {
  std::string out;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional() != positionals) {
      continue;
    }
    std::vector<std::string> names;
    if (positionals) {
      names.push_back(o->get_name());
    }
    for (const auto& s : o->get_snames()) {
      names.push_back("-" + s);
    }
    for (const auto& l : o->get_lnames()) {
      names.push_back("--" + l);
    }
    if (names.empty()) {
      continue;
    }
    std::string head = "\\fB" + roff(util::join(names, ", ")) + "\\fR";
    if (!positionals && o->get_items_expected_min() != 0) {
      head += " \\fI" + roff(o->get_type_name().empty() ? "VALUE" : o->get_type_name()) + "\\fR";
    }
    out += ".TP\n" + head + "\n" + roff(o->get_description()) + "\n";
  }
  return out;
}

std::string header(const std::string& name, const std::string& version) {
  return ".TH " + roff(util::to_upper(name)) + " 1 \"\" \"migratecpp " + roff(version) +
         "\" \"migratecpp manual\"\n.nh\n"; // no hyphenation: names and options copy as typed
}

} // namespace

std::string manual_page(const CLI::App& app, const std::string& command,
                        const std::string& version) {
  if (command.empty()) {
    std::string out = header("migratecpp", version);
    out += ".SH NAME\nmigratecpp \\- schema migrations for SQLite, PostgreSQL and MySQL/MariaDB\n";
    out += ".SH SYNOPSIS\n\\fBmigratecpp\\fR [\\fIglobal options\\fR] \\fIcommand\\fR "
           "[\\fIoptions\\fR] [\\fIarguments\\fR]\n";
    out += ".SH DESCRIPTION\n" +
           roff("Alembic's workflow (init, revision --autogenerate, upgrade, downgrade, branches "
                "and merges) as one native binary. Revisions are reviewable TOML files of "
                "dialect-neutral operations; the desired schema lives in TOML model files. "
                "Exit codes: 0 success, 1 failure (a database error, an invalid file, drift "
                "found by check), 2 usage error.") +
           "\n";
    out += ".SH COMMANDS\n";
    for (const CLI::App* sub : visible_commands(app)) {
      out += ".TP\n\\fB" + roff(sub->get_name()) + "\\fR\n" + roff(sub->get_description()) +
             ". See \\fBmigratecpp\\-" + roff(sub->get_name()) + "\\fR(1).\n";
    }
    out += ".SH GLOBAL OPTIONS\nThey may stand before or after the command.\n" +
           options_section(app, false);
    out += ".SH ENVIRONMENT\n.TP\n\\fBMIGRATECPP_URL\\fR\n" +
           roff("The database URL, beating the config file's (--url beats it).") +
           "\n.TP\n\\fBNO_COLOR\\fR\n" + roff("Set: no colour, as --color never.") + "\n";
    out += ".SH FILES\n.TP\n\\fBmigratecpp.toml\\fR\n" +
           roff("The project's configuration (see migratecpp init).") + "\n";
    out += ".SH SEE ALSO\n" +
           roff("The README and docs/ of the source tree: docs/tutorial.md, docs/adopting.md, "
                "docs/json.md.") +
           "\n";
    return out;
  }
  const CLI::App* sub = nullptr;
  for (const CLI::App* c : visible_commands(app)) {
    if (c->get_name() == command) {
      sub = c;
    }
  }
  if (sub == nullptr) {
    throw util::UsageError("no manual page for '" + command + "': not a command");
  }
  std::string out = header("migratecpp-" + command, version);
  out += ".SH NAME\nmigratecpp\\-" + roff(command) + " \\- " + roff(sub->get_description()) + "\n";
  std::vector<std::string> args;
  for (const CLI::Option* o : sub->get_options()) {
    if (o->get_positional()) {
      args.push_back(o->get_required() ? "\\fI" + roff(o->get_name()) + "\\fR"
                                       : "[\\fI" + roff(o->get_name()) + "\\fR]");
    }
  }
  out += ".SH SYNOPSIS\n\\fBmigratecpp " + roff(command) + "\\fR [\\fIoptions\\fR]" +
         (args.empty() ? "" : " " + util::join(args, " ")) + "\n";
  out += ".SH DESCRIPTION\n" + roff(sub->get_description()) + ".\n";
  if (const std::string positionals = options_section(*sub, true); !positionals.empty()) {
    out += ".SH ARGUMENTS\n" + positionals;
  }
  out += ".SH OPTIONS\n" + options_section(*sub, false);
  out += ".SH SEE ALSO\n\\fBmigratecpp\\fR(1)\n";
  return out;
}

} // namespace migratecpp::cli
