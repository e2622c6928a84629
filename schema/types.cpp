#include "schema/types.h"

#include "schema/column_type.h"

#include "util/sql_lexer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace migratecpp::schema {

namespace {

const std::vector<std::string> k_portable = {
    "smallint",  "integer",     "bigint", "boolean", "real", "double",
    "numeric",   "varchar",     "char",   "text",    "date", "time",
    "timestamp", "timestamptz", "json",   "uuid",    "blob"};

// Native types of the dialects we support whose canonical name is not portable. Only used to
// tell a native type from a typo, so completeness matters less than avoiding false alarms.
const std::vector<std::string> k_native = {
    // PostgreSQL
    "jsonb", "inet", "cidr", "macaddr", "macaddr8", "interval", "money", "serial", "bigserial",
    "smallserial", "xml", "tsvector", "tsquery", "point", "line", "lseg", "box", "path", "polygon",
    "circle", "bit", "bit varying", "varbit", "timetz", "citext", "hstore", "oid", "int4range",
    "int8range", "numrange", "tsrange", "tstzrange", "daterange", "name", "regclass", "float",
    // MySQL / MariaDB
    "tinyint", "mediumint", "tinytext", "mediumtext", "longtext", "tinyblob", "mediumblob",
    "longblob", "binary", "varbinary", "enum", "set", "year", "geometry", "datetime",
    // SQLite affinity names people write
    "clob", "nchar", "nvarchar", "varying character", "native character", "any"};

// How type text is read: ' and " quote (MySQL enum('A','B'), PostgreSQL "char"); backticks,
// brackets, -- and /* are plain characters in a type name, as they always were here.
const util::sql::Syntax k_type_syntax{.double_quote_identifiers = true,
                                      .backtick_identifiers = false,
                                      .bracket_identifiers = false,
                                      .comments = false};

// Lowercase, whitespace runs made one space.
void append_folded(std::string& out, std::string_view text) {
  bool space = false;
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch)) != 0) {
      space = true;
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
}

// Lowercase with runs of whitespace made one space; quoted parts (enum('A','B')) kept as written.
std::string collapse_space(std::string_view s) {
  std::string out;
  std::size_t end = 0; // where the previous token ended
  for (const auto& t : util::sql::tokenize(s, k_type_syntax)) {
    if (t.offset > end && !out.empty()) {
      out.push_back(' ');
    }
    end = t.offset + t.text.size();
    if (t.kind == util::sql::TokenKind::string ||
        t.kind == util::sql::TokenKind::quoted_identifier) {
      out += t.text;
    } else if (t.kind == util::sql::TokenKind::blob) {
      append_folded(out, t.text.substr(0, 1)); // x'00FF': the x folds, the bytes do not
      out += t.text.substr(1);
    } else {
      append_folded(out, t.text);
    }
  }
  return out;
}

// A parsed type plus what follows the argument list ("with time zone", "unsigned").
struct Split {
  ParsedType type;
  std::string suffix;
};

Split split_type(std::string_view written) {
  Split out;
  std::string s = collapse_space(written);
  while (s.size() >= 2 && s.compare(s.size() - 2, 2, "[]") == 0) {
    out.type.array = true;
    s = util::trim(s.substr(0, s.size() - 2));
  }
  const auto open = s.find('(');
  if (open == std::string::npos) {
    out.type.base = s;
    return out;
  }
  // Find the matching ')' and split the arguments at top-level commas, quotes respected
  // (MySQL enum('a,b','c')).
  const std::string_view rest = std::string_view(s).substr(open);
  const auto tokens = util::sql::tokenize(rest, k_type_syntax);
  const std::size_t close_token = util::sql::matching_paren(tokens, 0);
  if (close_token == tokens.size()) {
    out.type.base = s; // unbalanced: leave it whole
    return out;
  }
  std::vector<std::string> args;
  std::size_t arg_start = 1; // byte offset in `rest` where the current argument starts
  int depth = 0;
  for (std::size_t i = 1; i < close_token; ++i) {
    if (util::sql::is_punct(tokens[i], "(")) {
      ++depth;
    } else if (util::sql::is_punct(tokens[i], ")")) {
      --depth;
    } else if (util::sql::is_punct(tokens[i], ",") && depth == 0) {
      args.push_back(util::trim(rest.substr(arg_start, tokens[i].offset - arg_start)));
      arg_start = tokens[i].offset + 1;
    }
  }
  const std::size_t close = open + tokens[close_token].offset;
  args.push_back(util::trim(rest.substr(arg_start, tokens[close_token].offset - arg_start)));
  if (args.size() == 1 && args[0].empty()) {
    args.clear();
  }
  out.type.base = util::trim(s.substr(0, open));
  out.type.args = std::move(args);
  out.suffix = util::trim(s.substr(close + 1));
  return out;
}

std::string with_args(const std::string& base, const std::vector<std::string>& args) {
  if (args.empty()) {
    return base;
  }
  return base + "(" + util::join(args, ",") + ")";
}

bool in(const std::string& name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The canonical form of one non-array type.
std::string canonical_scalar(const Split& sp) {
  const auto& args = sp.type.args;
  const std::string name = sp.suffix.empty() ? sp.type.base : sp.type.base + " " + sp.suffix;

  // Integer display widths (MySQL int(11)) say nothing about the range: drop them. Two or
  // more arguments are no display width: leave such a name alone.
  const bool width = args.size() <= 1;
  if (width && in(name, {"int", "int4", "integer"})) {
    return "integer";
  }
  if (width && in(name, {"int2", "smallint"})) {
    return "smallint";
  }
  if (width && in(name, {"int8", "bigint"})) {
    return "bigint";
  }
  if (in(name, {"bool", "boolean"})) {
    return "boolean";
  }
  if (in(name, {"float4", "real"})) {
    return "real";
  }
  if (in(name, {"float8", "double", "double precision"})) {
    return "double";
  }
  if (name == "float" && args.size() == 1) {
    // SQL standard / PostgreSQL: float(1..24) is single precision, float(25..53) double.
    if (auto p = util::to_int(args[0])) {
      return *p <= 24 ? "real" : "double";
    }
  }
  if (in(name, {"decimal", "numeric", "dec"})) {
    if (args.size() == 1) {
      return "numeric(" + args[0] + ",0)"; // numeric(p) is numeric(p,0) everywhere
    }
    return with_args("numeric", args);
  }
  if (in(name, {"varchar", "character varying", "char varying"})) {
    return with_args("varchar", args);
  }
  if (in(name, {"char", "character", "bpchar"})) {
    return with_args("char", args);
  }
  if (in(name, {"time", "time without time zone"})) {
    return with_args("time", args);
  }
  if (in(name, {"timetz", "time with time zone"})) {
    return with_args("timetz", args);
  }
  // DATETIME is a type of its own, not an alias: MySQL has both (different ranges and time-zone
  // handling) and SQLite stores the declared name. PostgreSQL's dialect spells it timestamp.
  if (in(name, {"timestamp", "timestamp without time zone"})) {
    return with_args("timestamp", args);
  }
  if (in(name, {"timestamptz", "timestamp with time zone"})) {
    return with_args("timestamptz", args);
  }
  if (in(name, {"bytea", "blob"})) {
    return "blob";
  }
  std::string out = with_args(sp.type.base, args);
  if (!sp.suffix.empty()) {
    out += " " + sp.suffix;
  }
  return out;
}

} // namespace

ParsedType parse_type(std::string_view written) {
  Split sp = split_type(written);
  if (!sp.suffix.empty()) {
    sp.type.base += " " + sp.suffix;
  }
  return sp.type;
}

std::string canonical_type(std::string_view written) {
  const Split sp = split_type(written);
  std::string out = canonical_scalar(sp);
  if (sp.type.array) {
    out += "[]";
  }
  return out;
}

const std::vector<std::string>& portable_type_names() {
  return k_portable;
}

bool is_portable_type(std::string_view written) {
  const Split sp = split_type(canonical_type(written));
  if (sp.type.array || !sp.suffix.empty()) {
    return false;
  }
  const std::string& base = sp.type.base;
  const auto& args = sp.type.args;
  if (std::find(k_portable.begin(), k_portable.end(), base) == k_portable.end()) {
    return false;
  }
  auto positive = [](const std::string& a) {
    auto v = util::to_int(a);
    return v && *v > 0;
  };
  if (base == "varchar") {
    return args.size() == 1 && positive(args[0]);
  }
  if (base == "char") {
    return args.empty() || (args.size() == 1 && positive(args[0]));
  }
  if (base == "numeric") {
    if (args.empty()) {
      return true;
    }
    auto p = util::to_int(args[0]);
    auto s = args.size() == 2 ? util::to_int(args[1]) : std::nullopt;
    return args.size() == 2 && p && s && *p > 0 && *s >= 0 && *s <= *p;
  }
  if (in(base, {"time", "timestamp", "timestamptz"})) {
    if (args.empty()) {
      return true;
    }
    auto p = args.size() == 1 ? util::to_int(args[0]) : std::nullopt;
    return p && *p >= 0 && *p <= 6;
  }
  return args.empty();
}

bool is_known_type(std::string_view written) {
  if (is_portable_type(written)) {
    return true;
  }
  const Split sp = split_type(written);
  // MySQL modifiers do not change which type it is: "int(10) unsigned" is an int.
  std::vector<std::string> words = util::split(sp.type.base + " " + sp.suffix, ' ');
  bool modified = false;
  while (!words.empty() && (words.back().empty() || words.back() == "unsigned" ||
                            words.back() == "signed" || words.back() == "zerofill")) {
    modified = modified || !words.back().empty();
    words.pop_back();
  }
  Split base;
  base.type.base = util::join(words, " ");
  base.type.args = sp.type.args;
  const std::string canonical = canonical_scalar(base);
  const std::string name = parse_type(canonical).base;
  if (modified) {
    return in(name, {"integer", "smallint", "bigint", "tinyint", "mediumint", "real", "double",
                     "numeric", "float"});
  }
  return std::find(k_portable.begin(), k_portable.end(), name) != k_portable.end() ||
         std::find(k_native.begin(), k_native.end(), name) != k_native.end();
}

bool is_narrowing(std::string_view from, std::string_view to) {
  return ColumnType(from).narrows_to(ColumnType(to));
}

ColumnType serial_integer(const ColumnType& type) {
  const std::string& base = type.base();
  if (type.is_array() || type.has_modifiers()) {
    return type;
  }
  if (base == "serial" || base == "serial4") {
    return ColumnType("integer");
  }
  if (base == "bigserial" || base == "serial8") {
    return ColumnType("bigint");
  }
  if (base == "smallserial" || base == "serial2") {
    return ColumnType("smallint");
  }
  return type;
}

std::optional<ColumnType> serial_of(const ColumnType& type) {
  if (type.is_array() || type.has_modifiers() || !type.args().empty()) {
    return std::nullopt;
  }
  if (type.base() == "integer") {
    return ColumnType("serial");
  }
  if (type.base() == "bigint") {
    return ColumnType("bigserial");
  }
  if (type.base() == "smallint") {
    return ColumnType("smallserial");
  }
  return std::nullopt;
}

} // namespace migratecpp::schema
