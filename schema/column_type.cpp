#include "schema/column_type.h"

#include "schema/types.h"
#include "util/strings.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>

namespace migratecpp::schema {

namespace {

// Capacities of MySQL's text and blob sizes (bytes); text/blob elsewhere are compared as the
// MySQL TEXT/BLOB, so only the MySQL sizes order against them.
constexpr long long k_tiny = 255;
constexpr long long k_regular = 65'535;
constexpr long long k_medium = 16'777'215;
constexpr long long k_long = 4'294'967'295;

// The family of a canonical base name and its size order within the family: integer and
// float ranks are bytes, character and binary ranks capacities; timestamp ranks order MySQL's
// TIMESTAMP (ends in 2038) below DATETIME.
struct Kind {
  std::string_view base;
  TypeFamily family;
  long long rank;
};

constexpr Kind k_kinds[] = {
    {"tinyint", TypeFamily::integer, 1},
    {"smallint", TypeFamily::integer, 2},
    {"smallserial", TypeFamily::integer, 2},
    {"mediumint", TypeFamily::integer, 3},
    {"integer", TypeFamily::integer, 4},
    {"serial", TypeFamily::integer, 4},
    {"bigint", TypeFamily::integer, 8},
    {"bigserial", TypeFamily::integer, 8},
    {"numeric", TypeFamily::decimal, 0},
    {"real", TypeFamily::floating, 4},
    {"float", TypeFamily::floating, 4}, // MySQL FLOAT without arguments: single precision
    {"double", TypeFamily::floating, 8},
    {"char", TypeFamily::string, 1},
    {"nchar", TypeFamily::string, 1},
    {"varchar", TypeFamily::string, k_regular}, // no length: unbounded, as text
    {"nvarchar", TypeFamily::string, k_regular},
    {"tinytext", TypeFamily::text, k_tiny},
    {"text", TypeFamily::text, k_regular},
    {"citext", TypeFamily::text, k_regular},
    {"mediumtext", TypeFamily::text, k_medium},
    {"longtext", TypeFamily::text, k_long},
    {"clob", TypeFamily::text, k_long},
    {"binary", TypeFamily::binary, 1},
    {"varbinary", TypeFamily::binary, k_regular},
    {"tinyblob", TypeFamily::binary, k_tiny},
    {"blob", TypeFamily::binary, k_regular},
    {"mediumblob", TypeFamily::binary, k_medium},
    {"longblob", TypeFamily::binary, k_long},
    {"boolean", TypeFamily::boolean, 0},
    {"date", TypeFamily::date, 0},
    {"time", TypeFamily::time, 0},
    {"timetz", TypeFamily::time, 0},
    {"timestamp", TypeFamily::timestamp, 1},
    {"datetime", TypeFamily::timestamp, 2},
    {"timestamptz", TypeFamily::timestamptz, 0},
    {"json", TypeFamily::json, 0},
    {"jsonb", TypeFamily::json, 0},
    {"uuid", TypeFamily::uuid, 0},
    {"enum", TypeFamily::enumeration, 0},
};

bool is_modifier(const std::string& word) {
  return word.empty() || word == "unsigned" || word == "signed" || word == "zerofill";
}

// Families whose sizes order against each other: a varchar(100) holds less than a text.
bool same_size_scale(TypeFamily a, TypeFamily b) {
  auto character = [](TypeFamily f) { return f == TypeFamily::string || f == TypeFamily::text; };
  return a == b || (character(a) && character(b));
}

// numeric(p,s) loses data when it has fewer fractional digits or fewer integer digits.
bool numeric_narrowing(const ColumnType& from, const ColumnType& to) {
  if (!to.precision()) {
    return false; // unbounded numeric holds anything
  }
  if (!from.precision() || !from.scale() || !to.scale()) {
    return true;
  }
  return *to.scale() < *from.scale() ||
         (*to.precision() - *to.scale()) < (*from.precision() - *from.scale());
}

// Fractional-seconds precision: none written means the default of 6 (PostgreSQL's and MySQL's
// maximum), so timestamp(3) -> timestamp widens.
bool seconds_narrowing(const ColumnType& from, const ColumnType& to) {
  return to.precision().value_or(6) < from.precision().value_or(6);
}

// Same base name, arguments compared one by one: a smaller number anywhere narrows
// (bit(8) -> bit(4)); a change of unknown effect (arguments added or removed, not numbers)
// counts as narrowing.
bool args_narrowing(const ColumnType& from, const ColumnType& to) {
  if (from.args().size() != to.args().size()) {
    return true;
  }
  for (std::size_t i = 0; i < from.args().size(); ++i) {
    auto f = util::to_int(from.args()[i]);
    auto t = util::to_int(to.args()[i]);
    if (!f || !t || *t < *f) {
      return true;
    }
  }
  return false;
}

} // namespace

ColumnType::ColumnType(std::string_view declared)
    : m_declared(declared), m_canonical(canonical_type(declared)) {
  ParsedType parsed = parse_type(m_canonical);
  m_array = parsed.array;
  // MySQL modifiers do not change the family: "int(10) unsigned" is an unsigned integer.
  std::vector<std::string> words = util::split(parsed.base, ' ');
  bool modified = false;
  while (!words.empty() && is_modifier(words.back())) {
    m_unsigned = m_unsigned || words.back() == "unsigned";
    modified = true;
    words.pop_back();
  }
  m_modifiers = modified;
  if (modified) {
    std::string inner = util::join(words, " ");
    if (!parsed.args.empty()) {
      inner += "(" + util::join(parsed.args, ",") + ")";
    }
    parsed = parse_type(canonical_type(inner));
  }
  m_base = parsed.base;
  m_args = parsed.args;
  const auto* kind = std::find_if(std::begin(k_kinds), std::end(k_kinds),
                                  [&](const Kind& k) { return k.base == m_base; });
  if (kind != std::end(k_kinds)) {
    m_family = kind->family;
    m_rank = kind->rank;
  }
  const std::optional<long long> first = m_args.empty() ? std::nullopt : util::to_int(m_args[0]);
  switch (m_family) {
  case TypeFamily::string:
  case TypeFamily::binary:
    if (m_args.size() == 1 && first) {
      m_length = first;
      m_rank = *first;
    }
    break;
  case TypeFamily::decimal:
    m_precision = first;
    if (m_args.size() == 2) {
      m_scale = util::to_int(m_args[1]);
    }
    break;
  case TypeFamily::time:
  case TypeFamily::timestamp:
  case TypeFamily::timestamptz:
    if (m_args.size() == 1) {
      m_precision = first;
    }
    break;
  default:
    break;
  }
}

ColumnType ColumnType::as_canonical() const {
  ColumnType out = *this;
  out.m_declared = m_canonical;
  return out;
}

bool ColumnType::narrows_to(const ColumnType& to) const {
  if (*this == to) {
    return false;
  }
  if (m_array != to.m_array || !same_size_scale(m_family, to.m_family)) {
    return true;
  }
  switch (m_family) {
  case TypeFamily::integer:
    if (m_unsigned != to.m_unsigned) {
      // Signed to unsigned loses the negatives; unsigned to signed needs a larger type.
      return !m_unsigned || to.m_rank <= m_rank;
    }
    return to.m_rank < m_rank;
  case TypeFamily::floating:
  case TypeFamily::string:
  case TypeFamily::text:
  case TypeFamily::binary:
    return to.m_rank < m_rank;
  case TypeFamily::decimal:
    return numeric_narrowing(*this, to);
  case TypeFamily::timestamp:
    return to.m_rank < m_rank || seconds_narrowing(*this, to);
  case TypeFamily::time:
  case TypeFamily::timestamptz:
    return m_base != to.m_base || seconds_narrowing(*this, to);
  default:
    break;
  }
  return m_base != to.m_base || args_narrowing(*this, to);
}

} // namespace migratecpp::schema
