#include "migrate/diff_normalize.h"

#include "migrate/diff.h"
#include "util/strings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <vector>

namespace migratecpp::migrate {

namespace {

// Longest first, so that "->>" is not read as "->" ">".
constexpr std::array<std::string_view, 17> k_operators = {"->>", "#>>", "::", "<=", ">=", "<>",
                                                          "!=",  "||",  "->", "#>", "@>", "<@",
                                                          "&&",  "<<",  ">>", "~~", "!~"};

bool is_word_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_word_char(char c) {
  return is_word_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Splits an expression into tokens in their comparison form. Unquoted words are lowercased
// because all three databases fold (or ignore the case of) unquoted identifiers and keywords;
// a quoted identifier keeps its case, as PostgreSQL keeps it.
std::vector<std::string> tokenize(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '\'') {
      // A string literal, kept exactly: '0' is not 0, 'A' is not 'a'. '' is an escaped quote.
      const std::size_t start = i++;
      while (i < s.size()) {
        if (s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
          i += 2;
        } else if (s[i++] == '\'') {
          break;
        }
      }
      out.emplace_back(s.substr(start, i - start));
    } else if (c == '"' || c == '`' || c == '[') {
      const char close = c == '[' ? ']' : c;
      std::string ident;
      ++i;
      while (i < s.size()) {
        if (s[i] == close && close != ']' && i + 1 < s.size() && s[i + 1] == close) {
          ident.push_back(close);
          i += 2;
        } else if (s[i] == close) {
          ++i;
          break;
        } else {
          ident.push_back(s[i++]);
        }
      }
      out.push_back(std::move(ident));
    } else if (is_digit(c) || (c == '.' && i + 1 < s.size() && is_digit(s[i + 1]))) {
      const std::size_t start = i;
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) != 0 || s[i] == '.' || s[i] == '_')) {
        ++i;
      }
      out.push_back(util::to_lower(s.substr(start, i - start)));
    } else if (is_word_start(c)) {
      const std::size_t start = i;
      while (i < s.size() && is_word_char(s[i])) {
        ++i;
      }
      out.push_back(util::to_lower(s.substr(start, i - start)));
    } else {
      std::string op(1, c);
      for (std::string_view candidate : k_operators) {
        if (s.substr(i, candidate.size()) == candidate) {
          op = std::string(candidate);
          break;
        }
      }
      i += op.size();
      out.push_back(op == "!=" ? "<>" : op);
    }
  }
  return out;
}

// "((a > 0))" -> "a > 0", but "(a) + (b)" stays: its first parenthesis closes early.
void strip_outer_parentheses(std::vector<std::string>& tokens) {
  while (tokens.size() >= 2 && tokens.front() == "(" && tokens.back() == ")") {
    int depth = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i] == "(") {
        ++depth;
      } else if (tokens[i] == ")") {
        --depth;
        if (depth == 0 && i + 1 != tokens.size()) {
          return;
        }
      }
    }
    tokens.erase(tokens.begin());
    tokens.pop_back();
  }
}

} // namespace

std::string normalize_expression(std::string_view expression) {
  std::vector<std::string> tokens = tokenize(expression);
  strip_outer_parentheses(tokens);
  return util::join(tokens, " ");
}

std::string normalize_default(const std::optional<std::string>& expr) {
  if (!expr) {
    return "";
  }
  std::string n = normalize_expression(*expr);
  return n == "null" ? "" : n;
}

std::string normalize_entry(const std::string& entry) {
  if (!entry.empty() && std::all_of(entry.begin(), entry.end(), is_word_char)) {
    return entry;
  }
  return normalize_expression(entry);
}

std::string normalize_action(const std::string& action) {
  std::string a = util::to_lower(util::trim(action));
  std::string collapsed;
  for (char c : a) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (!collapsed.empty() && collapsed.back() != ' ') {
        collapsed.push_back(' ');
      }
    } else {
      collapsed.push_back(c);
    }
  }
  // NO ACTION is what every database does when nothing is said.
  return collapsed == "no action" ? "" : collapsed;
}

std::string effective_comment(const std::optional<std::string>& c) {
  return c.value_or("");
}

bool effective_nullable(const schema::Column& c) {
  return c.nullable && !c.primary_key;
}

} // namespace migratecpp::migrate
