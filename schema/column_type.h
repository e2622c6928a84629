#pragma once
// A column type parsed once: the spelling as declared (kept for every file users see, and what
// SQLite stores), the canonical name the diff compares (schema::canonical_type), and the facts
// the engine asks about (family, sizes, sign, array). Spelling per database stays in the
// dialects (Dialect::type_sql); this value is dialect-neutral.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::schema {

// What kind of value a type holds. An array has its element's family (ColumnType::is_array()
// says it is an array). `string` is the bounded character types (char, varchar), `text` the
// long ones (text, tinytext .. longtext, clob).
enum class TypeFamily {
  integer,
  decimal,
  floating,
  string,
  text,
  binary,
  boolean,
  date,
  time,
  timestamp,
  timestamptz,
  json,
  uuid,
  enumeration,
  other
};

class ColumnType {
public:
  ColumnType() = default;
  explicit ColumnType(std::string_view declared);

  // As written in the model or read from the database ("Character Varying(255)").
  const std::string& declared() const { return data().m_declared; }
  // The canonical spelling that aliases share ("varchar(255)"); what the diff compares.
  const std::string& canonical() const { return data().m_canonical; }
  // The canonical base name without arguments, modifiers or "[]" ("varchar", "integer").
  const std::string& base() const { return data().m_base; }
  // The arguments as written in the canonical form ("12", "2"; "'a'" for an enum label).
  const std::vector<std::string>& args() const { return data().m_args; }

  TypeFamily family() const { return data().m_family; }
  std::optional<long long> length() const { return data().m_length; } // char, varchar, binary
  std::optional<long long> precision() const {
    return data().m_precision;
  }                                                                 // numeric, time, timestamp
  std::optional<long long> scale() const { return data().m_scale; } // numeric
  bool is_unsigned() const { return data().m_unsigned; }            // MySQL "int unsigned"
  bool is_array() const { return data().m_array; }                  // PostgreSQL "x[]"
  // MySQL words after the type were written (unsigned, signed, zerofill): base() and args()
  // then describe the type without them, and the canonical name keeps them.
  bool has_modifiers() const { return data().m_modifiers; }

  // This type with its canonical name as the declared spelling: what introspection reports
  // (inspect writes "varchar(255)" for "character varying(255)").
  ColumnType as_canonical() const;

  // True if changing a column from this type to `to` can lose data: a smaller size within a
  // family (bigint -> integer, longtext -> text, varchar(255) -> varchar(100), fewer numeric
  // digits, a lower fractional-seconds precision), a change of sign, array-ness or family.
  // Equal types (canonically) and widening are not narrowing.
  bool narrows_to(const ColumnType& to) const;

  // Aliases compare equal ("int4" == "integer"); the declared spelling does not matter.
  bool operator==(const ColumnType& other) const {
    return m_data == other.m_data || canonical() == other.canonical();
  }

private:
  // The parse of one spelling, shared by every ColumnType of that spelling (interned in
  // column_type.cpp): a schema of 10,000 tables holds a few dozen distinct types, and a
  // ColumnType is then one pointer instead of three strings and a vector in every column.
  struct Data {
    std::string m_declared;
    std::string m_canonical;
    std::string m_base;
    std::vector<std::string> m_args;
    TypeFamily m_family = TypeFamily::other;
    std::optional<long long> m_length;
    std::optional<long long> m_precision;
    std::optional<long long> m_scale;
    bool m_unsigned = false;
    bool m_array = false;
    bool m_modifiers = false;
    long long m_rank = 0; // size order within the family (bytes of range or capacity)
  };
  static const Data& empty();
  const Data& data() const { return m_data ? *m_data : empty(); }

  std::shared_ptr<const Data> m_data;
};

} // namespace migratecpp::schema
