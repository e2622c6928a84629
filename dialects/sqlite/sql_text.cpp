#include "dialects/sqlite/sql_text.h"

#include "util/strings.h"

namespace migratecpp::dialects::sqlite {

std::vector<Token> tokenize(std::string_view sql) {
  return util::sql::tokenize(sql, k_quoting.syntax);
}

std::string quote_identifier(std::string_view name) {
  return dialects::quote_identifier(name, k_quoting);
}

bool mentions_identifier(std::string_view expr, std::string_view name) {
  for (const Token& t : tokenize(expr)) {
    if (is_identifier(t) && util::iequals(identifier_value(t), name)) {
      return true;
    }
  }
  return false;
}

std::string rename_identifier(std::string_view expr, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t copied = 0;
  for (const Token& t : tokenize(expr)) {
    if (is_identifier(t) && util::iequals(identifier_value(t), from)) {
      out.append(expr.substr(copied, t.offset - copied));
      out += quote_identifier(to);
      copied = t.offset + t.text.size();
    }
  }
  out.append(expr.substr(copied));
  return out;
}

std::string metadata_comment(std::string_view key, std::string_view text) {
  std::string out = "/* ";
  out += key;
  out += ": ";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      out += "\\\\";
    } else if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "*\\/";
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  out += " */";
  return out;
}

std::optional<std::string> parse_metadata_comment(std::string_view comment_token,
                                                  std::string_view key) {
  const std::string prefix = "/* " + std::string(key) + ": ";
  constexpr std::string_view k_suffix = " */";
  if (comment_token.size() < prefix.size() + k_suffix.size() ||
      comment_token.substr(0, prefix.size()) != prefix ||
      comment_token.substr(comment_token.size() - k_suffix.size()) != k_suffix) {
    return std::nullopt;
  }
  std::string_view body =
      comment_token.substr(prefix.size(), comment_token.size() - prefix.size() - k_suffix.size());
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && (body[i + 1] == '\\' || body[i + 1] == '/')) {
      out.push_back(body[i + 1]);
      ++i;
    } else {
      out.push_back(body[i]);
    }
  }
  return out;
}

} // namespace migratecpp::dialects::sqlite
