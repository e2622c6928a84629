#include "support/scratch_database.h"

#include "support/joined_rows.h"

#include "util/error.h"
#include "util/url.h"

#include <cstdlib>
#include <random>

namespace migratecpp::test {

namespace {

DatabaseTarget& target_storage() {
  static DatabaseTarget target{"sqlite", ""};
  return target;
}

std::string random_suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  static const char k_hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    out.push_back(k_hex[rng() % 16]);
  }
  return out;
}

} // namespace

void set_database_target(DatabaseTarget target) {
  target_storage() = std::move(target);
}
const DatabaseTarget& database_target() {
  return target_storage();
}

std::unique_ptr<ScratchDatabase> ScratchDatabase::open(std::string& skip_reason) {
  const DatabaseTarget& target = database_target();
  std::unique_ptr<ScratchDatabase> db(new ScratchDatabase());
  const dialects::Dialect& expected = dialects::dialect_for_scheme(target.name);
  if (target.url_env.empty()) {
    // A file database: a new file in a new directory.
    db->m_dir.emplace();
    const std::string url = target.name + ":///" + (*db->m_dir / "conformance.db").string();
    db->m_dialect = &expected;
    db->m_url = url;
    db->m_conn = expected.connect(util::parse_url(url));
    return db;
  }
  const char* url_text = std::getenv(target.url_env.c_str());
  if (url_text == nullptr || *url_text == '\0') {
    skip_reason = target.url_env + " is not set";
    return nullptr;
  }
  const util::Url url = util::parse_url(url_text);
  db->m_dialect = &dialects::dialect_for_scheme(url.scheme);
  if (db->m_dialect != &expected) {
    throw util::Error(target.url_env + " holds a URL of another database (" + url.redacted() +
                      "), expected " + target.name);
  }
  db->m_url = url_text;
  db->m_conn = db->m_dialect->connect(url);
  // A schema of its own, so that cases run in parallel on one server and leave nothing behind.
  db->m_schema = "conf_" + random_suffix();
  db->m_conn->exec("CREATE SCHEMA " + db->m_dialect->quote_ident(db->m_schema));
  db->m_conn->exec(db->m_dialect->use_schema_sql(db->m_schema));
  return db;
}

ScratchDatabase::~ScratchDatabase() {
  if (m_schema.empty() || !m_conn) {
    return;
  }
  m_conn->rollback();
  const std::string drop = "DROP SCHEMA " + m_dialect->quote_ident(m_schema);
  try {
    m_conn->exec(drop + " CASCADE");
  } catch (...) {
    try {
      m_conn->exec(drop); // databases without CASCADE here drop the contents anyway
    } catch (...) {
      // Nothing useful to do in a destructor; a leftover schema has a recognizable name.
    }
  }
}

introspect::Options ScratchDatabase::introspect_options() const {
  introspect::Options options;
  options.schema = m_schema;
  return options;
}

schema::Database ScratchDatabase::introspect() {
  return introspect::introspect(*m_conn, *m_dialect, introspect_options());
}

void ScratchDatabase::run(const std::vector<dialects::Statement>& statements) {
  const bool transaction = m_dialect->transactional_ddl();
  if (transaction) {
    m_conn->begin();
  }
  try {
    for (const auto& s : statements) {
      dialects::run_statement(*m_conn, s);
    }
    if (transaction) {
      m_conn->commit();
    }
  } catch (...) {
    if (transaction) {
      m_conn->rollback();
    }
    throw;
  }
}

std::vector<std::string> ScratchDatabase::rows(const std::string& sql) {
  return joined_rows(m_conn->query(sql));
}

} // namespace migratecpp::test
