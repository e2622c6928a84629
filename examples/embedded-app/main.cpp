// An application that brings its database to the newest revision when it starts, with the
// revisions compiled into the binary (migratecpp_embed_migrations): nothing to deploy beside it.
//
//   embedded_app [DATABASE_URL]        (default: $APP_DATABASE_URL)
//
// Prints each revision it applies and where the database is; on failure prints the library's
// message and exits with its code (1, or 2 for a bad argument), the database left as the
// failed revision found it.
#include <migratecpp/migratecpp.h>

#include "migratecpp_embedded/migrations.h"

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const char* env = std::getenv("APP_DATABASE_URL");
  const std::string url = argc > 1 ? argv[1] : (env != nullptr ? env : "");
  if (url.empty()) {
    std::cerr << "usage: embedded_app DATABASE_URL (or set APP_DATABASE_URL)\n";
    return 2;
  }
  try {
    migratecpp::ProjectSettings settings;
    settings.url = url;
    settings.migrations = migratecpp::embedded::migrations();
    auto project = migratecpp::Project::from_settings(std::move(settings));
    project.on_progress([](const migratecpp::ProgressEvent& e) {
      if (e.phase == migratecpp::ProgressEvent::Phase::finished) {
        std::cout << "applied " << e.revision << " (" << e.message << ") [" << e.index << "/"
                  << e.total << "] in " << e.elapsed_ms << " ms\n";
      }
    });
    project.upgrade("head");
    std::string at;
    for (const auto& r : project.current()) {
      at += (at.empty() ? "" : ", ") + r.id + (r.is_head ? " (head)" : "");
    }
    std::cout << "database at " << (at.empty() ? "base" : at) << "\n";
    // ... the application's own work would start here.
    return 0;
  } catch (const migratecpp::Error& e) {
    std::cerr << "embedded_app: cannot migrate the database: " << e.what() << "\n";
    return e.exit_code();
  }
}
