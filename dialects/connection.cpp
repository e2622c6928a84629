#include "dialects/connection.h"

#include "util/display.h"
#include "util/strings.h"

#include <atomic>

namespace migratecpp::dialects {

namespace {
std::atomic<std::size_t> g_statements_sent_by_process{0};
} // namespace

std::size_t Connection::statements_sent_by_process() {
  return g_statements_sent_by_process.load();
}

void Connection::count_statement() {
  ++m_statements_sent;
  ++g_statements_sent_by_process;
}

namespace {
std::size_t position_of(const std::vector<std::string>& columns, std::string_view name) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) {
      return i;
    }
  }
  throw util::Error("internal error: result has no column '" + std::string(name) + "'");
}
} // namespace

std::size_t Rows::column_index(std::string_view name) const {
  return position_of(columns, name);
}

const std::optional<std::string>& Row::get(std::string_view name) const {
  return m_cells[position_of(m_columns, name)];
}

void Connection::query_each(std::string_view sql,
                            const std::vector<std::optional<std::string>>& params,
                            const std::function<void(const Row&)>& on_row) {
  const Rows rows = query(sql, params);
  for (const auto& cells : rows.rows) {
    on_row(Row(rows.columns, cells));
  }
}

namespace {
// The statement as quoted in messages: no surrounding blanks, no trailing semicolons.
std::string statement_text(std::string_view sql) {
  std::string out = util::trim(sql);
  while (!out.empty() && out.back() == ';') {
    out.pop_back();
    out = util::trim(out);
  }
  return out;
}

std::string describe(const std::string& message, const std::string& sqlstate,
                     const std::string& sql) {
  std::string out = message;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
    out.pop_back();
  }
  if (!sqlstate.empty()) {
    out += " [SQLSTATE " + sqlstate + "]";
  }
  if (!sql.empty()) {
    // Trimmed, and an INSERT without its rows: an error must not print a 500-row bulk insert
    // (nor the data in it) or a 2000-line CREATE TABLE.
    out += "\n  while running: " + util::quote_statement(sql);
  }
  return out;
}
} // namespace

DatabaseError::DatabaseError(const std::string& message, std::string sqlstate, std::string sql)
    : util::Error(describe(message, sqlstate, statement_text(sql))), m_db_message(message),
      m_sqlstate(std::move(sqlstate)), m_sql(statement_text(sql)) {}

} // namespace migratecpp::dialects
