// How PostgreSQL prints SQL text (pg_get_expr, pg_get_constraintdef, pg_get_indexdef) ->
// what a model file would say: a small tokenizer for the SQL PostgreSQL prints, and the
// rewrites that undo its casts, operator spellings and parentheses. Used by introspection
// and by the stored-forms probe.
#include "dialects/postgresql/pg_normalize.h"

#include "dialects/postgresql/pg_quoting.h"
#include "schema/types.h"
#include "util/sql_lexer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>

namespace migratecpp::dialects::postgresql {

namespace {

// ---------------------------------------------------------------------------------------------
// The SQL PostgreSQL prints, as tokens the rewrites below can edit: util::sql::tokenize with
// PostgreSQL's syntax (E'' strings, "x" names, ::), plus the spacing between tokens (kept so
// the text joins back as printed) and operators read as whole runs of operator characters
// (~~*, !~~, @>), as PostgreSQL's own lexer reads them.

enum class Tok { space, string, quoted_ident, word, number, op, punct };

struct Token {
  Tok kind;
  std::string text;
};

bool is_op_char(char ch) {
  return std::string_view("+-*/<>=~!@#%^&|`?").find(ch) != std::string_view::npos;
}

bool is_op_text(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_op_char);
}

// How many leading characters of `text` a number written against it takes: letters, digits
// and dots (1e5, 0x1f, 1.5, 2abc), as PostgreSQL's printer never writes them otherwise.
std::size_t number_part(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[n])) != 0 || text[n] == '.')) {
    ++n;
  }
  return n;
}

std::vector<Token> tokenize(std::string_view s) {
  using util::sql::TokenKind;
  std::vector<Token> out;
  std::size_t end = 0; // where the previous token ended
  // Appends `text` of `kind`, joining it to the previous token where PostgreSQL reads one:
  // operator characters run together, and letters written against a number belong to it.
  auto push = [&](Tok kind, std::string_view text, bool touching) {
    if (touching && !out.empty() && out.back().kind == Tok::number && kind != Tok::string &&
        kind != Tok::quoted_ident) {
      const std::size_t n = number_part(text);
      out.back().text += text.substr(0, n);
      text.remove_prefix(n);
      if (text.empty()) {
        return;
      }
    }
    // Two operators, words or strings written together are one ('a''b' after x'a').
    if (touching && !out.empty() && out.back().kind == kind &&
        (kind == Tok::op || kind == Tok::word || kind == Tok::string)) {
      out.back().text += text;
      return;
    }
    out.push_back({kind, std::string(text)});
  };
  // 1_000 is 1 and a word here (PostgreSQL prints no digit separators).
  auto push_number = [&](std::string_view text, bool touching) {
    const std::size_t underscore = text.find('_');
    push(Tok::number, text.substr(0, underscore), touching);
    if (underscore != std::string_view::npos) {
      push(Tok::word, text.substr(underscore), true);
    }
  };
  for (const auto& t : util::sql::tokenize(s, k_quoting.syntax)) {
    const bool touching = t.offset == end && end != 0;
    if (t.offset > end) {
      out.push_back({Tok::space, std::string(s.substr(end, t.offset - end))});
    }
    end = t.offset + t.text.size();
    switch (t.kind) {
    case TokenKind::string:
      push(Tok::string, t.text, touching);
      break;
    case TokenKind::blob: // x'..' is the word x and a string to the rewrites
      push(Tok::word, t.text.substr(0, 1), touching);
      push(Tok::string, t.text.substr(1), true);
      break;
    case TokenKind::quoted_identifier:
      push(Tok::quoted_ident, t.text, touching);
      break;
    case TokenKind::number:
      push_number(t.text, touching);
      break;
    case TokenKind::word: // a lone $ is a word to the tokenizer
      push(t.text == "$" ? Tok::punct : Tok::word, t.text, touching);
      break;
    case TokenKind::variable: // :name, @name, $1: PostgreSQL prints none; read as before
      push(is_op_char(t.text.front()) ? Tok::op : Tok::punct, t.text.substr(0, 1), touching);
      if (t.text.size() > 1) {
        const std::string_view rest = t.text.substr(1);
        if (std::isdigit(static_cast<unsigned char>(rest.front())) != 0) {
          push_number(rest, true);
        } else {
          push(Tok::word, rest, true);
        }
      }
      break;
    default: // punctuation and operators (comments: PostgreSQL prints none)
      push(is_op_text(t.text) ? Tok::op : Tok::punct, t.text, touching);
    }
  }
  if (end < s.size()) {
    out.push_back({Tok::space, std::string(s.substr(end))});
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
  return util::sql::identifier_value({util::sql::TokenKind::quoted_identifier, t.text, 0});
}

// The text of a '...' literal: 'it''s' -> it's. E'' strings are left alone (nullopt).
std::optional<std::string> string_value(const Token& t) {
  if (t.kind != Tok::string || t.text.empty() || t.text[0] != '\'') {
    return std::nullopt;
  }
  return util::sql::string_value({util::sql::TokenKind::string, t.text, 0}, k_quoting.syntax);
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
    const std::string& base = c.type.base();
    if (!c.type.is_array() &&
        (base == "varchar" || base == "char" || base == "text" || base == "citext")) {
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
