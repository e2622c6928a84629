#include "migrate/diff_normalize.h"

#include "migrate/diff.h"
#include "util/sql_lexer.h"
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

// Expressions here come from any dialect (model files, SQLite's CREATE text, PostgreSQL's
// catalog), so every identifier quote is accepted. Comments are not read as such: they were
// never part of the comparison form, and a CHECK that keeps one in SQLite's text differs from
// the model's in any case.
const util::sql::Syntax k_syntax{.double_quote_identifiers = true,
                                 .backtick_identifiers = true,
                                 .bracket_identifiers = true,
                                 .comments = false};

bool contiguous(const util::sql::Token& a, const util::sql::Token& b) {
  return a.offset + a.text.size() == b.offset;
}

// Punctuation, or a lone $ (a word to the tokenizer, an operator character here).
bool is_operator_text(const util::sql::Token& t) {
  return t.kind == util::sql::TokenKind::punct ||
         (t.kind == util::sql::TokenKind::word && t.text == "$");
}

// A run of operator characters split into operators, longest first from k_operators.
void push_operators(std::vector<std::string>& out, std::string_view run) {
  while (!run.empty()) {
    std::string_view op = run.substr(0, 1);
    for (std::string_view candidate : k_operators) {
      if (run.substr(0, candidate.size()) == candidate) {
        op = candidate;
        break;
      }
    }
    out.emplace_back(op == "!=" ? "<>" : op);
    run.remove_prefix(op.size());
  }
}

// The letters, digits, dots and underscores written against a number (1.5, 1e5, 2abc, 1x.y)
// after tokens[i]: they are part of it here. Advances i past them.
std::string number_tail(const std::vector<util::sql::Token>& tokens, std::size_t& i) {
  using util::sql::TokenKind;
  std::string tail;
  while (i + 1 < tokens.size() && contiguous(tokens[i], tokens[i + 1])) {
    const auto& next = tokens[i + 1];
    const bool part =
        next.kind == TokenKind::number ||
        (next.kind == TokenKind::word && next.text.find('$') == std::string_view::npos) ||
        util::sql::is_punct(next, ".");
    if (!part) {
      break;
    }
    tail += next.text;
    ++i;
  }
  return tail;
}

// The name after a variable's sigil: a number if it starts with a digit (?1), else a word.
void push_name(std::vector<std::string>& out, std::string_view name,
               const std::vector<util::sql::Token>& tokens, std::size_t& i) {
  while (!name.empty() && name.front() == '$') { // :$x is : $ x
    out.emplace_back("$");
    name.remove_prefix(1);
  }
  if (name.empty()) {
    return;
  }
  std::string text(name);
  if (std::isdigit(static_cast<unsigned char>(name.front())) != 0) {
    text += number_tail(tokens, i);
  }
  out.push_back(util::to_lower(text));
}

// Splits an expression into tokens in their comparison form. Unquoted words are lowercased
// because all three databases fold (or ignore the case of) unquoted identifiers and keywords;
// a quoted identifier keeps its case, as PostgreSQL keeps it. String literals are kept
// exactly: '0' is not 0, 'A' is not 'a'.
std::vector<std::string> tokenize(std::string_view s) {
  using util::sql::TokenKind;
  const auto tokens = util::sql::tokenize(s, k_syntax);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    switch (t.kind) {
    case TokenKind::string:
      out.emplace_back(t.text);
      break;
    case TokenKind::quoted_identifier: // a lone unterminated quote names nothing
      out.push_back(t.text.size() < 2 ? std::string() : util::sql::identifier_value(t));
      break;
    case TokenKind::blob: // x'00ff': the x is a word, the bytes a string
      out.push_back(util::to_lower(t.text.substr(0, 1)));
      out.emplace_back(t.text.substr(1));
      break;
    case TokenKind::variable: // ?1, :name, $1: the sigil is an operator, the rest a name
      push_operators(out, t.text.substr(0, 1));
      push_name(out, t.text.substr(1), tokens, i);
      break;
    case TokenKind::number: {
      // A number runs on through letters and digits written against it (1e5, 0x1f, 2abc);
      // an exponent's sign is an operator (1e+5 is 1e + 5), as it always was here.
      std::string_view text = t.text;
      const std::size_t sign = text.find_first_of("+-");
      std::string number(sign == std::string_view::npos ? text : text.substr(0, sign));
      std::string_view tail = sign == std::string_view::npos ? "" : text.substr(sign + 1);
      if (!tail.empty()) {
        out.push_back(util::to_lower(number));
        push_operators(out, text.substr(sign, 1));
        number = std::string(tail);
      }
      out.push_back(util::to_lower(number + number_tail(tokens, i)));
      break;
    }
    default: {
      if (!is_operator_text(t)) { // a word; comments are off in k_syntax
        out.push_back(util::to_lower(t.text));
        break;
      }
      // Operators are read from the whole run of adjacent punctuation (@> is one operator,
      // and so is <@ in <@name).
      std::size_t last = i;
      while (last + 1 < tokens.size() && is_operator_text(tokens[last + 1]) &&
             contiguous(tokens[last], tokens[last + 1])) {
        ++last;
      }
      std::string run(util::sql::span_text(s, tokens, i, last));
      std::string_view variable_name;
      if (last + 1 < tokens.size() && tokens[last + 1].kind == TokenKind::variable &&
          contiguous(tokens[last], tokens[last + 1])) {
        ++last;
        run += tokens[last].text.front();
        variable_name = tokens[last].text.substr(1);
      }
      push_operators(out, run);
      push_name(out, variable_name, tokens, last);
      i = last;
      break;
    }
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

namespace {

// "007" -> "7", "1.500" -> "1.5", "0.00" -> "0", ".5" -> "0.5"; nullopt for anything but
// digits with at most one point (exponents, hex and words are left to the caller).
std::optional<std::string> plain_number_value(std::string_view text) {
  const std::size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  auto digits = [](std::string_view d) {
    return std::all_of(d.begin(), d.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  if ((whole.empty() && fraction.empty()) || !digits(whole) || !digits(fraction)) {
    return std::nullopt;
  }
  while (!whole.empty() && whole.front() == '0') {
    whole.remove_prefix(1);
  }
  while (!fraction.empty() && fraction.back() == '0') {
    fraction.remove_suffix(1);
  }
  std::string out = whole.empty() ? "0" : std::string(whole);
  if (!fraction.empty()) {
    out += "." + std::string(fraction);
  }
  return out;
}

} // namespace

std::string normalize_default(const std::optional<std::string>& expr,
                              const schema::ColumnType& type) {
  std::string n = normalize_default(expr);
  const auto family = type.family();
  if (type.is_array() ||
      (family != schema::TypeFamily::integer && family != schema::TypeFamily::decimal &&
       family != schema::TypeFamily::floating)) {
    return n;
  }
  const bool negative = n.rfind("- ", 0) == 0;
  if (const auto value = plain_number_value(negative ? std::string_view(n).substr(2) : n)) {
    return (negative && *value != "0" ? "- " : "") + *value;
  }
  return n;
}

std::string normalize_entry(const std::string& entry) {
  if (!entry.empty() && std::all_of(entry.begin(), entry.end(), is_word_char)) {
    return entry;
  }
  return normalize_expression(entry);
}

std::string normalize_part(const schema::IndexPart& part) {
  std::string out =
      part.is_expression() ? normalize_expression(part.expression) : normalize_entry(part.column);
  if (part.length) {
    out += "(" + std::to_string(*part.length) + ")";
  }
  schema::IndexPart suffix = part;
  if (suffix.order == schema::SortOrder::ascending) {
    suffix.order = schema::SortOrder::unspecified;
  }
  suffix.length.reset();
  if (const std::string words = normalize_expression(schema::index_part_suffix(suffix));
      !words.empty()) {
    out += " " + words;
  }
  return out;
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

std::string effective_collation(const std::optional<std::string>& c) {
  return util::to_lower(util::trim(c.value_or("")));
}

bool effective_nullable(const schema::Column& c) {
  return c.nullable && !c.primary_key;
}

} // namespace migratecpp::migrate
