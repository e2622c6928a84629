#include "dialects/sqlite/sqlite_connection.h"

#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <sqlite3.h>
#include <utility>

namespace migratecpp::dialects::sqlite {

namespace {

// Called from a signal handler: sqlite3_interrupt only sets a flag the running statement
// checks (the sqlite3 shell calls it from its SIGINT handler too).
void interrupt_statement(void* db) noexcept {
  sqlite3_interrupt(static_cast<sqlite3*>(db));
}

struct CodeName {
  int code;
  const char* name;
};

#define MIGRATECPP_CODE(c)                                                                         \
  { c, #c }
constexpr CodeName k_code_names[] = {
    MIGRATECPP_CODE(SQLITE_ERROR),
    MIGRATECPP_CODE(SQLITE_INTERNAL),
    MIGRATECPP_CODE(SQLITE_PERM),
    MIGRATECPP_CODE(SQLITE_ABORT),
    MIGRATECPP_CODE(SQLITE_BUSY),
    MIGRATECPP_CODE(SQLITE_LOCKED),
    MIGRATECPP_CODE(SQLITE_NOMEM),
    MIGRATECPP_CODE(SQLITE_READONLY),
    MIGRATECPP_CODE(SQLITE_INTERRUPT),
    MIGRATECPP_CODE(SQLITE_IOERR),
    MIGRATECPP_CODE(SQLITE_CORRUPT),
    MIGRATECPP_CODE(SQLITE_NOTFOUND),
    MIGRATECPP_CODE(SQLITE_FULL),
    MIGRATECPP_CODE(SQLITE_CANTOPEN),
    MIGRATECPP_CODE(SQLITE_PROTOCOL),
    MIGRATECPP_CODE(SQLITE_EMPTY),
    MIGRATECPP_CODE(SQLITE_SCHEMA),
    MIGRATECPP_CODE(SQLITE_TOOBIG),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT),
    MIGRATECPP_CODE(SQLITE_MISMATCH),
    MIGRATECPP_CODE(SQLITE_MISUSE),
    MIGRATECPP_CODE(SQLITE_NOLFS),
    MIGRATECPP_CODE(SQLITE_AUTH),
    MIGRATECPP_CODE(SQLITE_FORMAT),
    MIGRATECPP_CODE(SQLITE_RANGE),
    MIGRATECPP_CODE(SQLITE_NOTADB),
    MIGRATECPP_CODE(SQLITE_ERROR_MISSING_COLLSEQ),
    MIGRATECPP_CODE(SQLITE_ERROR_RETRY),
    MIGRATECPP_CODE(SQLITE_ERROR_SNAPSHOT),
    MIGRATECPP_CODE(SQLITE_BUSY_RECOVERY),
    MIGRATECPP_CODE(SQLITE_BUSY_SNAPSHOT),
    MIGRATECPP_CODE(SQLITE_BUSY_TIMEOUT),
    MIGRATECPP_CODE(SQLITE_LOCKED_SHAREDCACHE),
    MIGRATECPP_CODE(SQLITE_LOCKED_VTAB),
    MIGRATECPP_CODE(SQLITE_READONLY_RECOVERY),
    MIGRATECPP_CODE(SQLITE_READONLY_CANTLOCK),
    MIGRATECPP_CODE(SQLITE_READONLY_ROLLBACK),
    MIGRATECPP_CODE(SQLITE_READONLY_DBMOVED),
    MIGRATECPP_CODE(SQLITE_READONLY_CANTINIT),
    MIGRATECPP_CODE(SQLITE_READONLY_DIRECTORY),
    MIGRATECPP_CODE(SQLITE_CANTOPEN_NOTEMPDIR),
    MIGRATECPP_CODE(SQLITE_CANTOPEN_ISDIR),
    MIGRATECPP_CODE(SQLITE_CANTOPEN_FULLPATH),
    MIGRATECPP_CODE(SQLITE_CANTOPEN_CONVPATH),
    MIGRATECPP_CODE(SQLITE_CORRUPT_VTAB),
    MIGRATECPP_CODE(SQLITE_CORRUPT_SEQUENCE),
    MIGRATECPP_CODE(SQLITE_CORRUPT_INDEX),
    MIGRATECPP_CODE(SQLITE_ABORT_ROLLBACK),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_CHECK),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_COMMITHOOK),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_FOREIGNKEY),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_FUNCTION),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_NOTNULL),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_PRIMARYKEY),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_TRIGGER),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_UNIQUE),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_VTAB),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_ROWID),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_PINNED),
    MIGRATECPP_CODE(SQLITE_CONSTRAINT_DATATYPE),
    MIGRATECPP_CODE(SQLITE_IOERR_READ),
    MIGRATECPP_CODE(SQLITE_IOERR_SHORT_READ),
    MIGRATECPP_CODE(SQLITE_IOERR_WRITE),
    MIGRATECPP_CODE(SQLITE_IOERR_FSYNC),
    MIGRATECPP_CODE(SQLITE_IOERR_FSTAT),
    MIGRATECPP_CODE(SQLITE_IOERR_TRUNCATE),
    MIGRATECPP_CODE(SQLITE_IOERR_LOCK),
    MIGRATECPP_CODE(SQLITE_IOERR_NOMEM),
    MIGRATECPP_CODE(SQLITE_IOERR_ACCESS),
    MIGRATECPP_CODE(SQLITE_IOERR_DELETE),
};
#undef MIGRATECPP_CODE

} // namespace

std::string result_code_name(int code) {
  for (const auto& c : k_code_names) {
    if (c.code == code) {
      return c.name;
    }
  }
  const int primary = code & 0xff;
  for (const auto& c : k_code_names) {
    if (c.code == primary) {
      return std::string(c.name) + "(" + std::to_string(code) + ")";
    }
  }
  return std::to_string(code);
}

namespace {

// A file name inside a file: URI: the characters a URI gives a meaning to, percent-encoded.
std::string uri_path(const std::string& path) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c == '&' || c == '=' || c <= 0x20 || c >= 0x7f) {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// A hot journal: the rollback journal of a write transaction whose process died (a SIGKILL, a
// power cut) before it committed or rolled back. It starts with this magic while it is live;
// a finished one is deleted, truncated or has its header zeroed. The next read-write open
// rolls the database back from it (https://www.sqlite.org/fileformat2.html#the_rollback_journal).
bool has_hot_journal(const std::string& path) {
  static constexpr unsigned char k_magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
  std::FILE* f = std::fopen((path + "-journal").c_str(), "rb");
  if (f == nullptr) {
    return false;
  }
  unsigned char head[8] = {};
  const bool hot = std::fread(head, 1, sizeof head, f) == sizeof head &&
                   std::memcmp(head, k_magic, sizeof head) == 0;
  std::fclose(f);
  return hot;
}

// `dead`: SQLite found no live writer, so the journal's process died mid-transaction.
std::string hot_journal_message(const std::string& path, bool dead) {
  return "'" + path + "-journal' holds the rollback of " +
         (dead ? "a write whose process died mid-transaction"
               : "an unfinished write (running now, or its process died mid-transaction)") +
         ", which a read-only connection cannot apply. Open the database read-write once (any " +
         "migratecpp command without mode=ro or immutable=1) and SQLite rolls it back";
}

} // namespace

SqliteConnection::SqliteConnection(const std::string& path,
                                   const std::vector<std::pair<std::string, std::string>>& params,
                                   std::chrono::milliseconds busy_timeout)
    : m_path(path.empty() ? ":memory:" : path) {
  namespace fs = std::filesystem;
  const std::string what = "cannot open SQLite database '" + m_path + "'";
  if (m_path != ":memory:") {
    // SQLite only says "unable to open database file"; name what is actually wrong.
    std::error_code ec;
    const fs::path file(m_path);
    const fs::path dir = file.parent_path();
    if (!dir.empty()) {
      const auto st = fs::status(dir, ec);
      if (!fs::exists(st)) {
        throw util::Error(what + ": directory '" + dir.string() + "' does not exist");
      }
      if (!fs::is_directory(st)) {
        throw util::Error(what + ": '" + dir.string() + "' is not a directory");
      }
    }
    if (fs::is_directory(file, ec)) {
      throw util::Error(what + ": it is a directory");
    }
  }
  auto busy_timeout_ms = static_cast<int>(std::min<std::chrono::milliseconds::rep>(
      busy_timeout.count(), std::numeric_limits<int>::max()));
  std::string uri_query;
  for (const auto& [key, value] : params) {
    if (key == "busy_timeout") {
      busy_timeout_ms = std::stoi(value);
    } else {
      // immutable=1 makes SQLite skip the journal: after a killed migration it would read the
      // file with half a transaction in it, so refuse while a hot journal is there.
      if (key == "immutable" && value == "1" && has_hot_journal(m_path)) {
        throw util::Error(what + ": immutable=1, but " + hot_journal_message(m_path, false));
      }
      uri_query += (uri_query.empty() ? "?" : "&") + key + "=" + value;
    }
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  std::string name = m_path;
  if (!uri_query.empty()) {
    // SQLite reads mode, cache and immutable from a file: URI; the flags above are the most
    // it may do, and mode=ro|rw narrows them.
    flags |= SQLITE_OPEN_URI;
    name = "file:" + uri_path(m_path) + uri_query;
  }
  const int rc = sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = m_db != nullptr ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw util::Error(what + ": " + msg);
  }
  sqlite3_extended_result_codes(m_db, 1);
  sqlite3_busy_timeout(m_db, busy_timeout_ms);
  // Foreign-key enforcement stays OFF on migration connections. A table rebuild (the procedure
  // of https://www.sqlite.org/lang_altertable.html section 7: create the new table, copy, drop
  // the old one, rename) drops a table that other tables reference; with enforcement on, the
  // DROP would cascade deletes or fail. The pragma cannot be switched inside the revision's
  // transaction (it is a no-op there), so it is set here, once, before any transaction.
  // These setup statements are not counted: they are the same for every connection.
  //
  // The SELECT makes SQLite read the file now, so that a file that is not a database is
  // reported as an open failure naming the path, not on some later statement.
  char* err = nullptr;
  if (sqlite3_exec(m_db, "PRAGMA foreign_keys = OFF; SELECT count(*) FROM sqlite_master", nullptr,
                   nullptr, &err) != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errmsg(m_db);
    if (sqlite3_extended_errcode(m_db) == SQLITE_READONLY_ROLLBACK) {
      // SQLite says only "attempt to write a readonly database".
      msg = hot_journal_message(m_path, true);
    }
    sqlite3_free(err);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw util::Error(what + ": " + msg);
  }
  m_canceller = {&interrupt_statement, m_db};
  util::register_canceller(&m_canceller);
}

SqliteConnection::~SqliteConnection() {
  util::unregister_canceller(&m_canceller);
  if (m_db != nullptr) {
    // Anything still open is abandoned work: roll it back rather than let close commit nothing
    // and keep locks until the handle goes.
    rollback();
    sqlite3_close_v2(m_db);
  }
}

void SqliteConnection::fail(std::string_view sql) const {
  const int code = sqlite3_extended_errcode(m_db);
  throw DatabaseError(sqlite3_errmsg(m_db), result_code_name(code), std::string(sql));
}

void SqliteConnection::run(sqlite3_stmt* stmt, std::string_view sql) {
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) {
    rc = sqlite3_step(stmt);
  }
  if (rc != SQLITE_DONE) {
    // The message and code survive finalize only if read first.
    const int code = sqlite3_extended_errcode(m_db);
    std::string msg = sqlite3_errmsg(m_db);
    sqlite3_finalize(stmt);
    throw DatabaseError(msg, result_code_name(code), std::string(sql));
  }
  sqlite3_finalize(stmt);
}

sqlite3_stmt* SqliteConnection::prepare_one(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, &tail) !=
      SQLITE_OK) {
    fail(sql);
  }
  // Whatever follows must compile to nothing (whitespace, comments): a second statement is
  // refused before the first one runs.
  const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  sqlite3_stmt* second = nullptr;
  const char* second_tail = nullptr;
  const int rc = rest.empty() ? SQLITE_OK
                              : sqlite3_prepare_v2(m_db, rest.data(), static_cast<int>(rest.size()),
                                                   &second, &second_tail);
  if (second != nullptr || rc != SQLITE_OK) {
    sqlite3_finalize(second);
    sqlite3_finalize(stmt);
    throw DatabaseError("refused: the text holds more than one statement", "", std::string(sql));
  }
  return stmt;
}

void SqliteConnection::exec(std::string_view sql) {
  count_statement();
  if (sqlite3_stmt* stmt = prepare_one(sql); stmt != nullptr) {
    run(stmt, sql);
  }
}

void SqliteConnection::exec_script(std::string_view sql) {
  count_statement();
  std::string_view rest = sql;
  while (!rest.empty()) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(m_db, rest.data(), static_cast<int>(rest.size()), &stmt, &tail) !=
        SQLITE_OK) {
      fail(rest);
    }
    const auto consumed = static_cast<std::size_t>(tail - rest.data());
    const std::string_view current = rest.substr(0, consumed);
    rest.remove_prefix(consumed);
    if (stmt != nullptr) { // null: only whitespace or comments
      run(stmt, current);
    }
  }
}

bool SqliteConnection::in_transaction() const {
  return m_db != nullptr && sqlite3_get_autocommit(m_db) == 0;
}

void SqliteConnection::run_query(
    std::string_view sql, const std::vector<std::optional<std::string>>& params,
    std::vector<std::string>& columns,
    const std::function<void(std::vector<std::optional<std::string>>&)>& on_row) {
  count_statement();
  sqlite3_stmt* stmt = prepare_one(sql);
  if (stmt == nullptr) {
    throw util::Error("internal error: empty query");
  }
  struct Finalizer {
    sqlite3_stmt* s;
    ~Finalizer() { sqlite3_finalize(s); }
  } guard{stmt};
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i + 1);
    const int rc = params[i]
                       ? sqlite3_bind_text(stmt, idx, params[i]->data(),
                                           static_cast<int>(params[i]->size()), SQLITE_TRANSIENT)
                       : sqlite3_bind_null(stmt, idx);
    if (rc != SQLITE_OK) {
      fail(sql);
    }
  }
  const int ncol = sqlite3_column_count(stmt);
  for (int c = 0; c < ncol; ++c) {
    columns.emplace_back(sqlite3_column_name(stmt, c));
  }
  std::vector<std::optional<std::string>> cells;
  while (true) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) {
      break;
    }
    if (rc != SQLITE_ROW) {
      fail(sql);
    }
    cells.resize(static_cast<std::size_t>(ncol));
    for (int c = 0; c < ncol; ++c) {
      auto& cell = cells[static_cast<std::size_t>(c)];
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        cell.reset();
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        cell.emplace(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
      }
    }
    on_row(cells);
  }
}

Rows SqliteConnection::query(std::string_view sql,
                             const std::vector<std::optional<std::string>>& params) {
  Rows rows;
  run_query(sql, params, rows.columns, [&](std::vector<std::optional<std::string>>& cells) {
    rows.rows.push_back(std::move(cells));
  });
  return rows;
}

void SqliteConnection::query_each(std::string_view sql,
                                  const std::vector<std::optional<std::string>>& params,
                                  const std::function<void(const Row&)>& on_row) {
  std::vector<std::string> columns;
  run_query(sql, params, columns,
            [&](std::vector<std::optional<std::string>>& cells) { on_row(Row(columns, cells)); });
}

void SqliteConnection::begin() {
  exec("BEGIN IMMEDIATE");
}

void SqliteConnection::commit() {
  exec("COMMIT");
}

void SqliteConnection::rollback() noexcept {
  if (m_db == nullptr || sqlite3_get_autocommit(m_db) != 0) {
    return; // no transaction open (SQLite may already have rolled it back on an error)
  }
  count_statement();
  sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::string SqliteConnection::file_name() const {
  const char* name = sqlite3_db_filename(m_db, "main");
  return name != nullptr ? name : "";
}

} // namespace migratecpp::dialects::sqlite
