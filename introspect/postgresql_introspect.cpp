// PostgreSQL introspection: the pg_catalog, read with a fixed number of queries, normalized
// into the shared model so that a schema created from models reads back equal to them.
//
// Normalization rules (what PostgreSQL stores or prints -> what the model holds):
// - types: format_type(atttypid, atttypmod) through schema::canonical_type ("character
//   varying(255)" -> varchar(255), "timestamp without time zone" -> timestamp, "integer[]"
//   stays integer[]); an enum of the introspected schema by its bare name ("Mood", "mood[]"),
//   unqualified and with its case, as the model names it; PostgreSQL's one-byte "char" keeps
//   its double quotes (type = "\"char\"" in the models file, which the loader takes as a
//   native type and the dialect writes back as is: unquoted, char is char(1));
// - identity columns (GENERATED ... AS IDENTITY) and serial columns (default
//   nextval('..._seq'::regclass)) -> autoincrement = true, no default, key or not (the loader
//   accepts autoincrement on any integer column; the dialect makes it an identity column);
// - defaults: normalize_pg_default (literal casts dropped, numbers unquoted, CURRENT_TIMESTAMP,
//   now(), true kept as PostgreSQL 15 prints them); generated columns report no default;
// - checks, partial-index predicates and index expressions: normalize_pg_check /
//   normalize_pg_expression over the pretty-printed text (no redundant parentheses);
// - foreign-key actions: a (no action) -> "", r -> restrict, c -> cascade, n -> set null,
//   d -> set default; a referenced table in another schema is written schema.table;
// - primary keys: the key's columns flagged (they are NOT NULL); the key's name is not kept;
// - indexes: those that back a primary-key, unique or exclusion constraint are left out (the
//   constraint stands for them); btree is the default method (no `method`); entries are the
//   column name, or the expression, followed by a non-default operator class and DESC /
//   NULLS FIRST / NULLS LAST where they differ from the default; INCLUDE columns are not kept;
// - order: tables by name, columns by attnum, indexes and constraints by name, enum values by
//   enumsortorder.
#include "introspect/postgresql_introspect.h"

#include "dialects/postgresql/pg_dialect.h"

#include "schema/types.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>

namespace migratecpp::introspect {

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

// ---------------------------------------------------------------------------------------------
// Reading the catalog.

// Every query takes the schema as $1; "" means the session's current schema.
constexpr std::string_view k_schema_filter =
    "n.nspname = coalesce(nullif($1, ''), current_schema())";

std::string tables_sql() {
  return "SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment "
         "FROM pg_catalog.pg_class c "
         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
         "WHERE " +
         std::string(k_schema_filter) +
         " AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
         "ORDER BY c.relname";
}

std::string columns_sql() {
  return "SELECT c.relname AS table_name, a.attname AS name, "
         "CASE WHEN t.typtype = 'e' AND t.typnamespace = n.oid THEN t.typname::text "
         "WHEN et.typtype = 'e' AND et.typnamespace = n.oid THEN et.typname || '[]' "
         "ELSE format_type(a.atttypid, a.atttypmod) END AS type, "
         "(t.typtype = 'e' OR coalesce(et.typtype = 'e', false)) AS is_enum, "
         "a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid, true) AS default_expr, "
         "a.attidentity AS identity, a.attgenerated AS generated, "
         "col_description(a.attrelid, a.attnum) AS comment "
         "FROM pg_catalog.pg_attribute a "
         "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
         "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
         "LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' "
         "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
         "WHERE " +
         std::string(k_schema_filter) +
         " AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
         "AND a.attnum > 0 AND NOT a.attisdropped "
         "ORDER BY c.relname, a.attnum";
}

std::string constraints_sql() {
  // conparentid = 0: a foreign key that references a partitioned table also has one internal
  // clone per partition; only the parent is the user's constraint.
  return "SELECT c.relname AS table_name, con.conname AS name, con.contype AS type, "
         "ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i) "
         "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
         "ORDER BY k.i) AS columns, "
         "CASE WHEN rc.oid IS NULL THEN NULL WHEN rn.oid = n.oid THEN rc.relname::text "
         "ELSE rn.nspname || '.' || rc.relname END AS ref_table, "
         "ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i) "
         "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum "
         "ORDER BY k.i) AS ref_columns, "
         "con.confdeltype AS on_delete, con.confupdtype AS on_update, "
         "pg_get_constraintdef(con.oid, true) AS definition "
         "FROM pg_catalog.pg_constraint con "
         "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
         "LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid "
         "LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace "
         "WHERE " +
         std::string(k_schema_filter) +
         " AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
         "AND con.contype IN ('p', 'u', 'f', 'c') AND con.conparentid = 0 "
         "ORDER BY c.relname, con.conname";
}

std::string indexes_sql() {
  // One row per index; the key columns (not INCLUDE ones) as parallel arrays in key order:
  // the column name (0 = expression), the pretty-printed expression, the operator class when
  // it is not the type's default, and the ordering option bits.
  return "SELECT t.relname AS table_name, ic.relname AS name, ix.indisunique AS is_unique, "
         "am.amname AS method, pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate, "
         "ARRAY(SELECT coalesce(a.attname::text, '') "
         "FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, i) "
         "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum "
         "AND k.attnum <> 0 "
         "WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS columns, "
         "ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k.i::int, true) "
         "FROM generate_series(1, ix.indnkeyatts) k(i) ORDER BY k.i) AS expressions, "
         "ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname::text END "
         "FROM unnest(ix.indclass::oid[]) WITH ORDINALITY k(opc, i) "
         "JOIN pg_catalog.pg_opclass opc ON opc.oid = k.opc "
         "WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS opclasses, "
         "ARRAY(SELECT k.opt FROM unnest(ix.indoption::int2[]) WITH ORDINALITY k(opt, i) "
         "WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS options "
         "FROM pg_catalog.pg_index ix "
         "JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid "
         "JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
         "JOIN pg_catalog.pg_am am ON am.oid = ic.relam "
         "WHERE " +
         std::string(k_schema_filter) +
         " AND t.relkind IN ('r', 'p') AND NOT t.relispartition "
         "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pc "
         "WHERE pc.conindid = ix.indexrelid AND pc.conrelid = ix.indrelid "
         "AND pc.contype IN ('p', 'u', 'x')) "
         "ORDER BY t.relname, ic.relname";
}

std::string enums_sql() {
  return "SELECT t.typname AS name, e.enumlabel AS value "
         "FROM pg_catalog.pg_type t "
         "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid "
         "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
         "WHERE " +
         std::string(k_schema_filter) + " ORDER BY t.typname, e.enumsortorder";
}

// Column access by name for one result.
class RowReader {
public:
  explicit RowReader(const dialects::Rows& rows) : m_rows(rows) {}
  std::size_t size() const { return m_rows.rows.size(); }
  const std::optional<std::string>& get(std::size_t row, std::string_view column) const {
    return m_rows.rows[row][m_rows.column_index(column)];
  }
  std::string text(std::size_t row, std::string_view column) const {
    return get(row, column).value_or("");
  }
  bool boolean(std::size_t row, std::string_view column) const { return text(row, column) == "t"; }

private:
  const dialects::Rows& m_rows;
};

std::string fk_action(const std::string& code) {
  if (code == "r") {
    return "restrict";
  }
  if (code == "c") {
    return "cascade";
  }
  if (code == "n") {
    return "set null";
  }
  if (code == "d") {
    return "set default";
  }
  return ""; // 'a': no action, the default
}

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

template <class T> void sort_by_name(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const T& a, const T& b) { return a.name < b.name; });
}

} // namespace

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

schema::Database introspect_postgresql(dialects::Connection& conn, const Options& options) {
  const std::vector<std::optional<std::string>> params = {options.schema};
  auto skipped = [&](const std::string& name) {
    if (!options.version_table.empty() && util::iequals(name, options.version_table)) {
      return true;
    }
    return std::any_of(options.exclude_tables.begin(), options.exclude_tables.end(),
                       [&](const std::string& x) { return util::iequals(name, x); });
  };

  schema::Database db;
  std::map<std::string, std::size_t> table_index;

  const dialects::Rows table_rows = conn.query(tables_sql(), params);
  const RowReader tables(table_rows);
  for (std::size_t r = 0; r < tables.size(); ++r) {
    const std::string name = tables.text(r, "name");
    if (skipped(name)) {
      continue;
    }
    table_index[name] = db.tables.size();
    schema::Table& t = db.tables.emplace_back();
    t.name = name;
    t.comment = tables.get(r, "comment");
  }
  auto table_for = [&](const std::string& name) -> schema::Table* {
    auto it = table_index.find(name);
    return it == table_index.end() ? nullptr : &db.tables[it->second];
  };

  const dialects::Rows column_rows = conn.query(columns_sql(), params);
  const RowReader columns(column_rows);
  for (std::size_t r = 0; r < columns.size(); ++r) {
    schema::Table* t = table_for(columns.text(r, "table_name"));
    if (t == nullptr) {
      continue;
    }
    schema::Column& c = t->columns.emplace_back();
    c.name = columns.text(r, "name");
    const std::string type = columns.text(r, "type");
    // An enum keeps its name as created (case included): canonical_type would lowercase it.
    c.type = columns.boolean(r, "is_enum") ? type : schema::canonical_type(type);
    c.nullable = !columns.boolean(r, "not_null");
    c.comment = columns.get(r, "comment");
    const std::string identity = columns.text(r, "identity");
    const std::string generated = columns.text(r, "generated");
    const auto& raw_default = columns.get(r, "default_expr");
    if (!identity.empty()) {
      c.autoincrement = true;
    } else if (raw_default && util::starts_with_ci(*raw_default, "nextval(")) {
      c.autoincrement = true; // serial: the sequence is an implementation detail
    } else if (raw_default && generated.empty()) {
      c.default_expr = normalize_pg_default(*raw_default);
    }
  }

  const dialects::Rows constraint_rows = conn.query(constraints_sql(), params);
  const RowReader constraints(constraint_rows);
  for (std::size_t r = 0; r < constraints.size(); ++r) {
    schema::Table* t = table_for(constraints.text(r, "table_name"));
    if (t == nullptr) {
      continue;
    }
    const std::string kind = constraints.text(r, "type");
    const std::string name = constraints.text(r, "name");
    const auto cols = parse_pg_array(constraints.text(r, "columns"));
    if (kind == "p") {
      for (const auto& col : cols) {
        if (schema::Column* c = t->find_column(col)) {
          c->primary_key = true;
          c->nullable = false;
        }
      }
    } else if (kind == "u") {
      t->uniques.push_back({name, cols});
    } else if (kind == "f") {
      schema::ForeignKey fk;
      fk.name = name;
      fk.columns = cols;
      fk.ref_table = constraints.text(r, "ref_table");
      fk.ref_columns = parse_pg_array(constraints.text(r, "ref_columns"));
      fk.on_delete = fk_action(constraints.text(r, "on_delete"));
      fk.on_update = fk_action(constraints.text(r, "on_update"));
      t->foreign_keys.push_back(std::move(fk));
    } else if (kind == "c") {
      t->checks.push_back(
          {name, normalize_pg_check(constraints.text(r, "definition"), text_columns_of(*t))});
    }
  }

  const dialects::Rows index_rows = conn.query(indexes_sql(), params);
  const RowReader indexes(index_rows);
  for (std::size_t r = 0; r < indexes.size(); ++r) {
    schema::Table* t = table_for(indexes.text(r, "table_name"));
    if (t == nullptr) {
      continue;
    }
    const auto text_columns = text_columns_of(*t);
    schema::Index index;
    index.name = indexes.text(r, "name");
    index.unique = indexes.boolean(r, "is_unique");
    if (const std::string method = indexes.text(r, "method"); method != "btree") {
      index.method = method;
    }
    if (const auto& predicate = indexes.get(r, "predicate")) {
      index.where = normalize_pg_expression(*predicate, text_columns);
    }
    const auto names = parse_pg_array(indexes.text(r, "columns"));
    const auto expressions = parse_pg_array(indexes.text(r, "expressions"));
    const auto opclasses = parse_pg_array(indexes.text(r, "opclasses"));
    const auto opts = parse_pg_array(indexes.text(r, "options"));
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::string suffix;
      if (k < opclasses.size() && !opclasses[k].empty()) {
        suffix += " " + opclasses[k];
      }
      const int option = k < opts.size() && !opts[k].empty() ? std::stoi(opts[k]) : 0;
      const bool desc = (option & 1) != 0;
      const bool nulls_first = (option & 2) != 0;
      if (desc) {
        suffix += nulls_first ? " DESC" : " DESC NULLS LAST";
      } else if (nulls_first) {
        suffix += " NULLS FIRST";
      }
      std::string entry;
      if (!names[k].empty()) {
        entry = suffix.empty() ? names[k] : util::quote_identifier_if_needed(names[k]) + suffix;
      } else {
        const std::string expr = k < expressions.size() ? expressions[k] : "";
        entry = normalize_pg_expression(expr, text_columns);
        // "(age + 1)" loses its parentheses above; PostgreSQL prints them only where the
        // index element needs them, so they go back.
        if (expr.size() >= 2 && expr.front() == '(' &&
            util::closing_paren(expr, 0) == expr.size()) {
          entry = "(" + entry + ")";
        }
        entry += suffix;
      }
      index.columns.push_back(std::move(entry));
    }
    t->indexes.push_back(std::move(index));
  }

  const dialects::Rows enum_rows = conn.query(enums_sql(), params);
  const RowReader enums(enum_rows);
  for (std::size_t r = 0; r < enums.size(); ++r) {
    const std::string name = enums.text(r, "name");
    if (db.enums.empty() || db.enums.back().name != name) {
      db.enums.push_back({name, {}});
    }
    db.enums.back().values.push_back(enums.text(r, "value"));
  }

  // The queries sort already; sorting again keeps the order byte-wise whatever collation a
  // future query might pick up.
  sort_by_name(db.tables);
  sort_by_name(db.enums);
  for (auto& t : db.tables) {
    sort_by_name(t.indexes);
    sort_by_name(t.uniques);
    sort_by_name(t.foreign_keys);
    sort_by_name(t.checks);
  }
  return db;
}

StoredForms stored_forms_postgresql(dialects::Connection& conn, const schema::Table& table,
                                    const std::vector<std::string>& checks,
                                    const std::vector<std::string>& predicates) {
  StoredForms out{std::vector<std::optional<std::string>>(checks.size()),
                  std::vector<std::optional<std::string>>(predicates.size())};
  if ((checks.empty() && predicates.empty()) || table.columns.empty()) {
    return out;
  }
  static const std::string k_probe = "_migratecpp_probe";
  auto quote_ident = [](const std::string& name) {
    return dialects::postgresql::dialect().quote_ident(name);
  };
  const std::string probe = quote_ident(k_probe);
  // Each expression in its own savepoint: one the server refuses (a column the change adds)
  // must not abort the others.
  auto attempt = [&](const std::string& sql) {
    conn.exec("SAVEPOINT migratecpp_probe");
    try {
      conn.exec(sql);
      conn.exec("RELEASE SAVEPOINT migratecpp_probe");
    } catch (const dialects::DatabaseError&) {
      conn.exec("ROLLBACK TO SAVEPOINT migratecpp_probe");
    }
  };
  conn.begin();
  try {
    conn.exec("CREATE TEMPORARY TABLE " + probe + " (LIKE " + quote_ident(table.name) + ")");
    for (std::size_t i = 0; i < checks.size(); ++i) {
      attempt("ALTER TABLE " + probe + " ADD CONSTRAINT " + quote_ident("c" + std::to_string(i)) +
              " CHECK (" + checks[i] + ") NOT VALID");
    }
    for (std::size_t i = 0; i < predicates.size(); ++i) {
      attempt("CREATE INDEX " + quote_ident(k_probe + "_p" + std::to_string(i)) + " ON " + probe +
              " (" + quote_ident(table.columns.front().name) + ") WHERE " + predicates[i]);
    }
    const auto text_columns = text_columns_of(table);
    const dialects::Rows cons =
        conn.query("SELECT conname, pg_get_constraintdef(oid, true) FROM pg_constraint "
                   "WHERE conrelid = 'pg_temp." +
                   k_probe + "'::regclass AND contype = 'c'");
    for (const auto& row : cons.rows) {
      const std::size_t i = std::stoul(row[0]->substr(1));
      if (i < checks.size() && row[1]) {
        out.checks[i] = normalize_pg_check(*row[1], text_columns);
      }
    }
    const dialects::Rows preds =
        conn.query("SELECT c.relname, pg_get_expr(i.indpred, i.indrelid, true) FROM pg_index i "
                   "JOIN pg_class c ON c.oid = i.indexrelid "
                   "WHERE i.indrelid = 'pg_temp." +
                   k_probe + "'::regclass");
    const std::string prefix = k_probe + "_p";
    for (const auto& row : preds.rows) {
      if (row[0] && row[1] && row[0]->rfind(prefix, 0) == 0) {
        const std::size_t i = std::stoul(row[0]->substr(prefix.size()));
        if (i < predicates.size()) {
          out.predicates[i] = normalize_pg_expression(*row[1], text_columns);
        }
      }
    }
  } catch (...) {
    conn.rollback();
    throw;
  }
  conn.rollback();
  return out;
}

} // namespace migratecpp::introspect
