#pragma once
// Revision files held in memory instead of read from the migrations folder: what a program
// that embeds its migrations (migratecpp_embed_migrations, the library's Project) passes in.
// Each is parsed exactly as a file on disk would be; `name` stands for its path in messages.
#include <memory>
#include <string>
#include <vector>

namespace migratecpp::migrate {

struct RevisionText {
  std::string name; // "migrations/versions/1a2b_init.toml": named in messages as path:line
  std::string text; // the file's bytes
};

using RevisionTexts = std::vector<RevisionText>;

} // namespace migratecpp::migrate
