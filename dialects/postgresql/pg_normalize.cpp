// How PostgreSQL prints SQL text (pg_get_expr, pg_get_constraintdef, pg_get_indexdef) ->
// what a model file would say: a small tokenizer for the SQL PostgreSQL prints, and the
// rewrites that undo its casts, operator spellings and parentheses. Used by introspection
// and by the stored-forms probe.
#include "dialects/postgresql/pg_normalize.h"

#include "schema/types.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>

namespace migratecpp::dialects::postgresql {

namespace {

// ---------------------------------------------------------------------------------------------
// A tokenizer for the SQL PostgreSQL prints: enough to find literals, identifiers, casts and
// operators without being fooled by their contents.

enum class Tok { space, string, quoted_ident, word, number, op, punct };

struct Token {
  Tok kind;
  std::string text;
};

bool is_word_start(char ch) {
  return std::isalpha(static_cast<unsigned char>(ch)) != 0 || ch == '_' ||
         static_cast<unsigned char>(ch) >= 0x80;
}

bool is_word_char(char ch) {
  return is_word_start(ch) || std::isdigit(static_cast<unsigned char>(ch)) != 0 || ch == '$';
}

bool is_op_char(char ch) {
  return std::string_view("+-*/<>=~!@#%^&|`?").find(ch) != std::string_view::npos;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char ch = s[i];
    const std::size_t start = i;
    if (std::isspace(static_cast<unsigned char>(ch)) != 0) {
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0) {
        ++i;
      }
      out.push_back({Tok::space, std::string(s.substr(start, i - start))});
    } else if (ch == '\'' || ((ch == 'E' || ch == 'e') && i + 1 < s.size() && s[i + 1] == '\'')) {
      // 'it''s', or E'a\'b' (backslash escapes; printed only for strings with backslashes).
      const bool escapes = ch != '\'';
      i += escapes ? 2 : 1;
      while (i < s.size()) {
        if (escapes && s[i] == '\\' && i + 1 < s.size()) {
          i += 2;
        } else if (s[i] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
          i += 2;
        } else if (s[i] == '\'') {
          ++i;
          break;
        } else {
          ++i;
        }
      }
      out.push_back({Tok::string, std::string(s.substr(start, i - start))});
    } else if (ch == '"') {
      ++i;
      while (i < s.size()) {
        if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') {
          i += 2;
        } else if (s[i] == '"') {
          ++i;
          break;
        } else {
          ++i;
        }
      }
      out.push_back({Tok::quoted_ident, std::string(s.substr(start, i - start))});
    } else if (is_word_start(ch)) {
      while (i < s.size() && is_word_char(s[i])) {
        ++i;
      }
      out.push_back({Tok::word, std::string(s.substr(start, i - start))});
    } else if (std::isdigit(static_cast<unsigned char>(ch)) != 0 ||
               (ch == '.' && i + 1 < s.size() &&
                std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) != 0 || s[i] == '.' ||
              ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
        ++i;
      }
      out.push_back({Tok::number, std::string(s.substr(start, i - start))});
    } else if (ch == ':' && i + 1 < s.size() && s[i + 1] == ':') {
      i += 2;
      out.push_back({Tok::punct, "::"});
    } else if (is_op_char(ch)) {
      while (i < s.size() && is_op_char(s[i])) {
        ++i;
      }
      out.push_back({Tok::op, std::string(s.substr(start, i - start))});
    } else {
      ++i;
      out.push_back({Tok::punct, std::string(1, ch)});
    }
  }
  return out;
}

std::string join_tokens(const std::vector<Token>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    out += t.text;
  }
  return out;
}

std::string identifier_value(const Token& t) {
  if (t.kind != Tok::quoted_ident) {
    return t.text; // PostgreSQL prints a name bare only when it is already lowercase-valid
  }
  std::string out;
  for (std::size_t i = 1; i + 1 < t.text.size(); ++i) {
    out.push_back(t.text[i]);
    if (t.text[i] == '"' && t.text[i + 1] == '"') {
      ++i;
    }
  }
  return out;
}

// The text of a '...' literal: 'it''s' -> it's. E'' strings are left alone (nullopt).
std::optional<std::string> string_value(const Token& t) {
  if (t.kind != Tok::string || t.text.empty() || t.text[0] != '\'') {
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 1; i + 1 < t.text.size(); ++i) {
    out.push_back(t.text[i]);
    if (t.text[i] == '\'' && t.text[i + 1] == '\'') {
      ++i;
    }
  }
  return out;
}

bool is_number_text(const std::string& s) {
  static const std::regex k_number(R"(-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)");
  return std::regex_match(s, k_number);
}

// A type name after "::": its end (token index) and its base name in lowercase words
// ("character varying", "double precision", "mood"), without arguments and array brackets.
struct CastType {
  std::size_t end = 0;
  std::string base;
  bool array = false;
};

std::optional<CastType> read_cast_type(const std::vector<Token>& t, std::size_t i) {
  auto word_at = [&](std::size_t k) -> std::string {
    return k < t.size() && t[k].kind == Tok::word ? util::to_lower(t[k].text) : "";
  };
  // "word" following one space at k: the index after it, or 0.
  auto next_word = [&](std::size_t k, std::string_view w) -> std::size_t {
    if (k + 1 < t.size() && t[k].kind == Tok::space && t[k].text == " " && word_at(k + 1) == w) {
      return k + 2;
    }
    return 0;
  };
  if (i >= t.size() || (t[i].kind != Tok::word && t[i].kind != Tok::quoted_ident)) {
    return std::nullopt;
  }
  CastType out;
  out.base = t[i].kind == Tok::word ? util::to_lower(t[i].text) : identifier_value(t[i]);
  std::size_t k = i + 1;
  // schema.type
  if (k + 1 < t.size() && t[k].text == "." &&
      (t[k + 1].kind == Tok::word || t[k + 1].kind == Tok::quoted_ident)) {
    out.base =
        t[k + 1].kind == Tok::word ? util::to_lower(t[k + 1].text) : identifier_value(t[k + 1]);
    k += 2;
  }
  const std::pair<std::string_view, std::string_view> k_two_words[] = {
      {"character", "varying"}, {"double", "precision"}, {"bit", "varying"}};
  for (const auto& [first, second] : k_two_words) {
    if (out.base == first) {
      if (const std::size_t n = next_word(k, second); n != 0) {
        out.base += " " + std::string(second);
        k = n;
      }
    }
  }
  if (k < t.size() && t[k].text == "(") {
    int depth = 0;
    for (; k < t.size(); ++k) {
      if (t[k].text == "(") {
        ++depth;
      } else if (t[k].text == ")" && --depth == 0) {
        ++k;
        break;
      }
    }
  }
  // timestamp(3) without time zone / time with time zone
  if (out.base == "timestamp" || out.base == "time") {
    for (std::string_view with : {"with", "without"}) {
      if (std::size_t n = next_word(k, with); n != 0) {
        if (std::size_t n2 = next_word(n, "time"); n2 != 0) {
          if (std::size_t n3 = next_word(n2, "zone"); n3 != 0) {
            out.base += " " + std::string(with) + " time zone";
            k = n3;
          }
        }
      }
    }
  }
  while (k + 1 < t.size() && t[k].text == "[" && t[k + 1].text == "]") {
    out.array = true;
    k += 2;
  }
  out.end = k;
  return out;
}

bool is_text_type(const std::string& base) {
  static const std::vector<std::string> k_text = {
      "text", "character varying", "varchar", "bpchar", "character", "char", "name", "citext"};
  return std::find(k_text.begin(), k_text.end(), base) != k_text.end();
}

bool is_numeric_type(const std::string& base) {
  static const std::vector<std::string> k_numeric = {
      "integer", "int",     "int2", "int4",   "int8",   "smallint",         "bigint",
      "numeric", "decimal", "real", "float4", "float8", "double precision", "float"};
  return std::find(k_numeric.begin(), k_numeric.end(), base) != k_numeric.end();
}

bool is_arithmetic(const Token& t) {
  return t.kind == Tok::op && (t.text == "+" || t.text == "-" || t.text == "*" || t.text == "/" ||
                               t.text == "%" || t.text == "^");
}

// True if the number that ends `before` (a unary minus in front included), or the token at
// `after` in `rest`, is an arithmetic operator, spaces skipped.
bool next_to_arithmetic(const std::vector<Token>& before, const std::vector<Token>& rest,
                        std::size_t after) {
  while (after < rest.size() && rest[after].kind == Tok::space) {
    ++after;
  }
  if (after < rest.size() && is_arithmetic(rest[after])) {
    return true;
  }
  std::size_t k = before.size() - 1; // the number itself
  if (k > 0 && before[k - 1].kind == Tok::op && before[k - 1].text == "-") {
    --k; // unary minus: look at what precedes it
  }
  while (k > 0 && before[k - 1].kind == Tok::space) {
    --k;
  }
  return k > 0 && is_arithmetic(before[k - 1]);
}

// Drops the casts described in the header. `text_columns` empty for defaults.
std::vector<Token> strip_casts(std::vector<Token> t, const std::vector<std::string>& text_columns) {
  std::vector<Token> out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].text != "::" || out.empty()) {
      out.push_back(std::move(t[i]));
      continue;
    }
    const auto type = read_cast_type(t, i + 1);
    if (!type) {
      out.push_back(std::move(t[i]));
      continue;
    }
    Token& operand = out.back();
    bool drop = false;
    if (operand.kind == Tok::string) {
      // A bare literal takes its type from where it is used (the column, the other operand),
      // so the cast PostgreSQL records adds nothing a reader needs.
      drop = true;
      if (!type->array && is_numeric_type(type->base)) {
        if (auto value = string_value(operand); value && is_number_text(*value)) {
          operand = {Tok::number, *value};
        }
      }
    } else if (operand.kind == Tok::number && !type->array && is_numeric_type(type->base)) {
      // balance > -100::numeric: the comparison converts on its own. Kept next to arithmetic,
      // where the cast decides the result type (1::numeric / 3 is not 1 / 3).
      drop = !next_to_arithmetic(out, t, type->end);
    } else if (is_text_type(type->base)) {
      if (operand.text == "]") {
        drop = true; // ARRAY['a', 'b']::text[]
      } else if (operand.kind == Tok::word || operand.kind == Tok::quoted_ident) {
        const std::string name = identifier_value(operand);
        drop = std::find(text_columns.begin(), text_columns.end(), name) != text_columns.end();
      }
    }
    if (!drop) {
      out.push_back(std::move(t[i]));
      continue;
    }
    i = type->end - 1;
  }
  return out;
}

void rename_like_operators(std::vector<Token>& t) {
  for (auto& tok : t) {
    if (tok.kind != Tok::op) {
      continue;
    }
    if (tok.text == "~~") {
      tok.text = "LIKE";
    } else if (tok.text == "!~~") {
      tok.text = "NOT LIKE";
    } else if (tok.text == "~~*") {
      tok.text = "ILIKE";
    } else if (tok.text == "!~~*") {
      tok.text = "NOT ILIKE";
    }
  }
}

std::string strip_outer_parens(std::string s) {
  s = util::trim(s);
  while (s.size() >= 2 && s.front() == '(' && util::closing_paren(s, 0) == s.size()) {
    s = util::trim(s.substr(1, s.size() - 2));
  }
  return s;
}

std::string any_array_to_in(const std::string& s) {
  // Only simple lists (no brackets inside): anything else stays as PostgreSQL prints it.
  static const std::regex k_any(
      R"(([A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+") = ANY \(ARRAY\[([^\[\]]*)\]\))");
  static const std::regex k_all(
      R"(([A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+") <> ALL \(ARRAY\[([^\[\]]*)\]\))");
  std::string out = std::regex_replace(s, k_any, "$1 IN ($2)");
  return std::regex_replace(out, k_all, "$1 NOT IN ($2)");
}

} // namespace

std::vector<std::string> text_columns_of(const schema::Table& table) {
  std::vector<std::string> out;
  for (const auto& c : table.columns) {
    const auto parsed = schema::parse_type(c.type);
    if (!parsed.array && (parsed.base == "varchar" || parsed.base == "char" ||
                          parsed.base == "text" || parsed.base == "citext")) {
      out.push_back(c.name);
    }
  }
  return out;
}

std::string normalize_pg_default(std::string_view expr) {
  auto tokens = strip_casts(tokenize(expr), {});
  return strip_outer_parens(join_tokens(tokens));
}

std::string normalize_pg_expression(std::string_view expr,
                                    const std::vector<std::string>& text_columns) {
  auto tokens = strip_casts(tokenize(expr), text_columns);
  rename_like_operators(tokens);
  return strip_outer_parens(any_array_to_in(join_tokens(tokens)));
}

std::string normalize_pg_check(std::string_view definition,
                               const std::vector<std::string>& text_columns) {
  std::string def = util::trim(definition);
  for (std::string_view suffix : {" NOT VALID", " NO INHERIT"}) {
    if (def.size() > suffix.size() &&
        def.compare(def.size() - suffix.size(), suffix.size(), suffix) == 0) {
      def.resize(def.size() - suffix.size());
    }
  }
  if (util::starts_with_ci(def, "CHECK ")) {
    def = def.substr(6);
  }
  return normalize_pg_expression(strip_outer_parens(def), text_columns);
}

std::vector<std::string> parse_pg_array(std::string_view text) {
  std::vector<std::string> out;
  const std::string s = util::trim(text);
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') {
    return out;
  }
  std::size_t i = 1;
  const std::size_t end = s.size() - 1;
  while (i < end) {
    std::string item;
    if (s[i] == '"') {
      ++i;
      while (i < end && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < end) {
          ++i;
        }
        item.push_back(s[i]);
        ++i;
      }
      ++i; // closing quote
    } else {
      while (i < end && s[i] != ',') {
        item.push_back(s[i]);
        ++i;
      }
      if (item == "NULL") {
        item.clear();
      }
    }
    out.push_back(std::move(item));
    if (i < end && s[i] == ',') {
      ++i;
    }
  }
  return out;
}

} // namespace migratecpp::dialects::postgresql
