#include "migrate/statement_sink.h"

#include "util/strings.h"

namespace migratecpp::migrate {

void ScriptSink::begin() {
  m_out.data(m_dialect.begin_sql() + ";\n");
}

void ScriptSink::commit() {
  m_out.data(m_dialect.commit_sql() + ";\n");
}

void ScriptSink::execute(const dialects::Statement& s) {
  m_out.data(s.sql + ";\n");
}

void ScriptSink::comment(std::string_view text) {
  for (const auto& line : util::split(text, '\n')) {
    m_out.data("-- " + line);
  }
  m_out.data("");
}

} // namespace migratecpp::migrate
