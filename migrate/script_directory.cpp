#include "migrate/script_directory.h"

#include "migrate/revision_checksum.h"
#include "migrate/revision_file.h"
#include "migrate/revision_header.h"
#include "migrate/template.h"
#include "migrate/toml_writer.h"
#include "util/error.h"
#include "util/file_read.h"
#include "util/file_write.h"
#include "util/strings.h"
#include "util/symlink.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <random>

namespace fs = std::filesystem;

namespace migratecpp::migrate {

namespace {

void collect_toml_files(const fs::path& dir, std::vector<fs::path>& out) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".toml") {
      continue;
    }
    // A *.toml link that leads nowhere is a revision we cannot read: say so rather than
    // leave it out (the graph would then look complete) or fail on a bare filesystem error.
    // (The entry's type comes with the listing: only a link costs a stat.)
    std::error_code type_ec;
    if (it->is_symlink(type_ec)) {
      util::require_followable(it->path());
    }
    if (it->is_regular_file(type_ec)) {
      out.push_back(it->path());
    }
  }
  if (ec) {
    throw util::Error("cannot list directory: " + ec.message(), util::Location{dir.string(), 0});
  }
}

} // namespace

void ScriptDirectory::add(Revision rev, Source source, std::vector<Revision>& revisions) {
  const std::string id = rev.id;
  if (auto it = m_sources.find(id); it != m_sources.end()) {
    throw util::Error("duplicate revision id '" + id + "' (also in " + it->second.path.string() +
                          ")",
                      util::Location{source.path.string(), 0});
  }
  revisions.push_back(std::move(rev));
  m_sources.emplace(id, std::move(source));
}

ScriptDirectory ScriptDirectory::load_texts(std::shared_ptr<const RevisionTexts> texts) {
  ScriptDirectory sd;
  sd.m_texts = std::move(texts);
  // In name order, as files on disk are read in path order: the same duplicate is named.
  std::vector<const RevisionText*> sorted;
  for (const auto& t : *sd.m_texts) {
    sorted.push_back(&t);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const RevisionText* a, const RevisionText* b) { return a->name < b->name; });
  std::vector<Revision> revisions;
  revisions.reserve(sorted.size());
  for (const RevisionText* t : sorted) {
    Source source;
    source.path = t->name;
    source.text = &t->text;
    sd.add(parse_revision_header(t->text, t->name), std::move(source), revisions);
  }
  sd.m_graph = std::make_unique<RevisionGraph>(std::move(revisions));
  return sd;
}

ScriptDirectory ScriptDirectory::load(const Config& config, bool keep_texts) {
  if (config.revision_texts) {
    return load_texts(config.revision_texts);
  }
  ScriptDirectory sd;
  sd.m_versions_dir = config.script_location / "versions";
  sd.m_template_path = config.script_location / "script.toml.tmpl";
  if (!fs::is_directory(config.script_location)) {
    throw util::Error("migrations folder '" + config.script_location.string() +
                      "' does not exist; run 'migratecpp init' or fix script_location in " +
                      config.file.string());
  }
  sd.m_locations.push_back(sd.m_versions_dir);
  for (const auto& extra : config.version_locations) {
    if (std::find(sd.m_locations.begin(), sd.m_locations.end(), extra) == sd.m_locations.end()) {
      sd.m_locations.push_back(extra);
    }
  }
  std::vector<fs::path> files;
  for (const auto& dir : sd.m_locations) {
    if (fs::is_directory(dir)) {
      collect_toml_files(dir, files);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());

  std::vector<Revision> revisions;
  revisions.reserve(files.size());
  std::size_t kept = 0;
  for (const auto& path : files) {
    Source source;
    source.path = path;
    const bool keep = keep_texts && kept < k_kept_text_budget;
    Revision rev = read_revision_header(path, keep ? &source.kept : nullptr);
    kept += source.kept.size();
    sd.add(std::move(rev), std::move(source), revisions);
  }
  sd.m_graph = std::make_unique<RevisionGraph>(std::move(revisions));
  return sd;
}

RevisionFile ScriptDirectory::parse(const std::string& id, const Source& source,
                                    const std::string& kept) const {
  const std::string path = source.path.string();
  RevisionFile rf = source.text != nullptr ? parse_revision_file(*source.text, path)
                    : kept.empty()         ? parse_revision_file(util::read_file(source.path), path)
                                           : parse_revision_file(kept, path);
  // The graph was built from the header read at load: a file edited since would run ops
  // under edges the plan did not see.
  const Revision& was = *m_graph->find(id);
  const Revision& now = rf.revision;
  if (now.id != was.id || now.down_revisions != was.down_revisions ||
      now.depends_on != was.depends_on || now.branch_labels != was.branch_labels) {
    throw util::Error("the revision file changed while migratecpp was running; run the command "
                      "again",
                      util::Location{source.path.string(), 0});
  }
  return rf;
}

const RevisionFile& ScriptDirectory::file(const std::string& id) const {
  auto it = m_sources.find(id);
  if (it == m_sources.end()) {
    graph().get(id); // throws the graph's "no such revision" error
    throw util::Error("no such revision '" + id + "'");
  }
  const std::lock_guard lock(*m_parse_mutex);
  if (!it->second.parsed) {
    std::string kept;
    kept.swap(it->second.kept); // parsed once: the text is not needed again
    it->second.parsed = std::make_unique<RevisionFile>(parse(id, it->second, kept));
  }
  return *it->second.parsed;
}

std::string ScriptDirectory::ops_checksum_of(const std::string& id) const {
  auto it = m_sources.find(id);
  if (it == m_sources.end()) {
    return ops_checksum(file(id)); // file() throws the "no such revision" error
  }
  std::string kept;
  {
    const std::lock_guard lock(*m_parse_mutex);
    if (it->second.parsed) {
      // Kept with the parse it comes from: a run writes it once per revision into the
      // history, and on MySQL into each begin / progress / end marker too.
      if (it->second.checksum.empty()) {
        it->second.checksum = ops_checksum(*it->second.parsed);
      }
      return it->second.checksum;
    }
    kept.swap(it->second.kept); // not kept after this parse; a second asker reads the file
  }
  return ops_checksum(parse(id, it->second, kept));
}

void ScriptDirectory::check_all_files() const {
  // m_sources is in id order; errors are reported in path order, as load read the files.
  std::vector<std::pair<const fs::path*, const std::string*>> order;
  for (const auto& [id, source] : m_sources) {
    order.emplace_back(&source.path, &id);
  }
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return *a.first < *b.first; });
  for (const auto& [path, id] : order) {
    const Source& source = m_sources.at(*id);
    const std::lock_guard lock(*m_parse_mutex);
    if (!source.parsed) {
      (void)parse(*id, source, source.kept); // the text stays for the parse that keeps
    }
  }
}

const fs::path& ScriptDirectory::path_of(const std::string& id) const {
  auto it = m_sources.find(id);
  if (it == m_sources.end()) {
    throw util::Error("no such revision '" + id + "'");
  }
  return it->second.path;
}

std::shared_ptr<const ScriptDirectory> load_scripts(const Project& project, bool keep_texts) {
  if (project.scripts) {
    return project.scripts;
  }
  return std::make_shared<const ScriptDirectory>(ScriptDirectory::load(project.config, keep_texts));
}

std::string new_revision_id() {
  std::random_device rd;
  std::mt19937_64 gen(
      (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  static const char* k_hex = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 12; ++i) {
    id.push_back(k_hex[gen() % 16]);
  }
  return id;
}

std::string slugify(const std::string& message) {
  std::string slug;
  bool pending_sep = false;
  for (unsigned char c : message) {
    // Bytes of UTF-8 letters (>= 0x80) are kept: "ünïcode" stays one word, as in Alembic.
    if (std::isalnum(c) != 0 || c >= 0x80) {
      if (pending_sep && !slug.empty()) {
        slug.push_back('_');
      }
      pending_sep = false;
      slug.push_back(static_cast<char>(std::tolower(c)));
    } else {
      pending_sep = true;
    }
  }
  if (slug.size() > 40) {
    // Cut at a word boundary where there is one, as Alembic's truncate_slug_length does.
    auto cut = slug.rfind('_', 40);
    slug.resize(cut == std::string::npos || cut < 10 ? 40 : cut);
  }
  return slug;
}

namespace {

// Two digits, zero-padded ("07"); wider values as they are.
std::string two(int v) {
  std::string digits = std::to_string(v);
  return v >= 0 && v < 10 ? "0" + digits : digits;
}

std::string expand_file_template(const std::string& tmpl, const std::string& rev,
                                 const std::string& slug, const std::tm& t,
                                 const std::string& config_path) {
  const std::map<std::string, std::string> vars = {
      {"rev", rev},
      {"slug", slug},
      {"year", std::to_string(t.tm_year + 1900)},
      {"month", two(t.tm_mon + 1)},
      {"day", two(t.tm_mday)},
      {"hour", two(t.tm_hour)},
      {"minute", two(t.tm_min)},
      {"second", two(t.tm_sec)},
  };
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') {
      out.push_back(tmpl[i]);
      continue;
    }
    auto close = tmpl.find('}', i);
    if (close == std::string::npos) {
      throw util::Error("file_template '" + tmpl + "' has an unclosed '{'",
                        util::Location{config_path, 0});
    }
    std::string name = tmpl.substr(i + 1, close - i - 1);
    auto it = vars.find(name);
    if (it == vars.end()) {
      std::vector<std::string> known;
      for (const auto& [k, v] : vars) {
        known.push_back(k);
      }
      throw util::Error("file_template '" + tmpl + "' uses unknown field '{" + name + "}'" +
                            util::did_you_mean(name, known) +
                            "; known: {rev} {slug} {year} {month} {day} {hour} {minute} {second}",
                        util::Location{config_path, 0});
    }
    out += it->second;
    i = close;
  }
  // A message with no letters leaves "rev_": drop the dangling separators.
  while (!out.empty() && (out.back() == '_' || out.back() == '-')) {
    out.pop_back();
  }
  return out;
}

std::string down_revision_value(const std::vector<std::string>& down) {
  if (down.empty()) {
    return toml_string("");
  }
  if (down.size() == 1) {
    return toml_string(down[0]);
  }
  return toml_string_array(down);
}

} // namespace

fs::path write_revision_file(const Config& config, const ScriptDirectory& scripts,
                             const NewRevision& rev, const fs::path& dir,
                             const std::map<std::string, std::string>& x_args) {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);

  const std::string stem = expand_file_template(config.file_template, rev.id, slugify(rev.message),
                                                utc, config.file.string());
  if (stem.empty() || stem.find('/') != std::string::npos) {
    throw util::Error("file_template '" + config.file_template + "' gives an invalid file name '" +
                          stem + "'",
                      util::Location{config.file.string(), 0});
  }
  const fs::path path = dir / (stem + ".toml");
  if (fs::exists(path)) {
    throw util::Error("revision file already exists", util::Location{path.string(), 0});
  }

  std::map<std::string, std::string> vars;
  vars["revision"] = toml_string(rev.id);
  vars["revision_id"] = rev.id;
  vars["down_revision"] = down_revision_value(rev.down_revisions);
  vars["down_revision_text"] =
      rev.down_revisions.empty() ? "" : util::join(rev.down_revisions, ", ");
  vars["branch_labels"] = toml_string_array(rev.branch_labels);
  vars["depends_on"] = toml_string_array(rev.depends_on);
  vars["message"] = toml_string(rev.message);
  vars["message_comment"] = toml_comment_text(rev.message);
  vars["create_date"] = date;
  std::string notes;
  for (const auto& n : rev.notes) {
    notes += "# " + toml_comment_text(n) + "\n";
  }
  vars["notes"] = notes;
  vars["upgrades"] = (rev.upgrade.empty() ? std::string("# No upgrade operations.\n") : notes) +
                     render_ops(rev.upgrade, "upgrade");
  vars["downgrades"] = rev.downgrade.empty() ? std::string("# No downgrade operations.\n")
                                             : render_ops(rev.downgrade, "downgrade");
  for (const auto& [k, v] : x_args) {
    vars["x." + k] = v;
  }

  const fs::path tmpl_path = scripts.template_path();
  if (!fs::exists(tmpl_path)) {
    throw util::Error("revision template not found; restore it from 'migratecpp init' output",
                      util::Location{tmpl_path.string(), 0});
  }
  const std::string text = render_template(util::read_file(tmpl_path), vars, tmpl_path.string());

  // The rendered file must read back as the revision we meant: a template edited into
  // invalid TOML is reported now, not at the next upgrade.
  RevisionFile check = parse_revision_file(text, path.string());
  if (check.revision.id != rev.id) {
    throw util::Error("template does not render 'revision = ${revision}'",
                      util::Location{tmpl_path.string(), 0});
  }

  std::error_code ec;
  fs::create_directories(dir, ec);
  // Whole or not at all: a revision file cut short by a full disk would break every later
  // command that reads versions/.
  util::write_file_atomically(path, text);
  return path;
}

} // namespace migratecpp::migrate
