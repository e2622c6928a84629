#include "schema/column_type.h"

#include "schema/types.h"
#include "util/strings.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <unordered_map>

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

namespace {

// Interned parses: one Data per spelling for the life of the process (a bounded set: the type
// names of the schemas it read). Guarded for the library's threads.
template <class Data, class Make>
std::shared_ptr<const Data> interned(const std::string& key, const Make& make) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const Data>> parsed;
  const std::lock_guard lock(mutex);
  auto it = parsed.find(key);
  if (it == parsed.end()) {
    it = parsed.emplace(key, std::make_shared<const Data>(make())).first;
  }
  return it->second;
}

} // namespace

const ColumnType::Data& ColumnType::empty() {
  static const Data none;
  return none;
}

ColumnType::ColumnType(std::string_view declared) {
  m_data = interned<Data>(std::string(declared), [&] {
    Data d;
    d.m_declared = std::string(declared);
    d.m_canonical = canonical_type(declared);
    ParsedType parsed = parse_type(d.m_canonical);
    d.m_array = parsed.array;
    // MySQL modifiers do not change the family: "int(10) unsigned" is an unsigned integer.
    std::vector<std::string> words = util::split(parsed.base, ' ');
    bool modified = false;
    while (!words.empty() && is_modifier(words.back())) {
      d.m_unsigned = d.m_unsigned || words.back() == "unsigned";
      modified = true;
      words.pop_back();
    }
    d.m_modifiers = modified;
    if (modified) {
      std::string inner = util::join(words, " ");
      if (!parsed.args.empty()) {
        inner += "(" + util::join(parsed.args, ",") + ")";
      }
      parsed = parse_type(canonical_type(inner));
    }
    d.m_base = parsed.base;
    d.m_args = parsed.args;
    const auto* kind = std::find_if(std::begin(k_kinds), std::end(k_kinds),
                                    [&](const Kind& k) { return k.base == d.m_base; });
    if (kind != std::end(k_kinds)) {
      d.m_family = kind->family;
      d.m_rank = kind->rank;
    }
    const std::optional<long long> first =
        d.m_args.empty() ? std::nullopt : util::to_int(d.m_args[0]);
    switch (d.m_family) {
    case TypeFamily::string:
    case TypeFamily::binary:
      if (d.m_args.size() == 1 && first) {
        d.m_length = first;
        d.m_rank = *first;
      }
      break;
    case TypeFamily::decimal:
      d.m_precision = first;
      if (d.m_args.size() == 2) {
        d.m_scale = util::to_int(d.m_args[1]);
      }
      break;
    case TypeFamily::time:
    case TypeFamily::timestamp:
    case TypeFamily::timestamptz:
      if (d.m_args.size() == 1) {
        d.m_precision = first;
      }
      break;
    default:
      break;
    }
    return d;
  });
}

ColumnType ColumnType::as_canonical() const {
  const Data& d = data();
  if (d.m_declared == d.m_canonical) {
    return *this;
  }
  // The same facts under the canonical spelling ("\x01" keeps these keys apart from
  // declared spellings, whose parse could differ).
  ColumnType out;
  out.m_data = interned<Data>("\x01" + d.m_canonical, [&] {
    Data c = d;
    c.m_declared = d.m_canonical;
    return c;
  });
  return out;
}

bool ColumnType::narrows_to(const ColumnType& to_type) const {
  if (*this == to_type) {
    return false;
  }
  const Data& from = data();
  const Data& to = to_type.data();
  if (from.m_array != to.m_array || !same_size_scale(from.m_family, to.m_family)) {
    return true;
  }
  switch (from.m_family) {
  case TypeFamily::integer:
    if (from.m_unsigned != to.m_unsigned) {
      // Signed to unsigned loses the negatives; unsigned to signed needs a larger type.
      return !from.m_unsigned || to.m_rank <= from.m_rank;
    }
    return to.m_rank < from.m_rank;
  case TypeFamily::floating:
  case TypeFamily::string:
  case TypeFamily::text:
  case TypeFamily::binary:
    return to.m_rank < from.m_rank;
  case TypeFamily::decimal:
    return numeric_narrowing(*this, to_type);
  case TypeFamily::timestamp:
    return to.m_rank < from.m_rank || seconds_narrowing(*this, to_type);
  case TypeFamily::time:
  case TypeFamily::timestamptz:
    return from.m_base != to.m_base || seconds_narrowing(*this, to_type);
  default:
    break;
  }
  return from.m_base != to.m_base || args_narrowing(*this, to_type);
}

} // namespace migratecpp::schema
