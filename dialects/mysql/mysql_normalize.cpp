#include "dialects/mysql/mysql_normalize.h"

#include "schema/column_type.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace migratecpp::dialects::mysql {

namespace {

bool is_number(const std::string& s) {
  static const std::regex k_number(R"(^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$)");
  return std::regex_match(s, k_number);
}

// The display width MariaDB and MySQL before 8.0.19 give an integer type that names none.
int default_width(const std::string& base, bool is_unsigned) {
  if (base == "tinyint") {
    return is_unsigned ? 3 : 4;
  }
  if (base == "smallint") {
    return is_unsigned ? 5 : 6;
  }
  if (base == "mediumint") {
    return is_unsigned ? 8 : 9;
  }
  if (base == "int") {
    return is_unsigned ? 10 : 11;
  }
  if (base == "bigint") {
    return 20;
  }
  return 4; // year
}

} // namespace

std::string normalize_column_type(const std::string& column_type) {
  std::string t = util::trim(column_type);
  // Lowercase outside quotes (enum('A','b') keeps its values).
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char ch = t[i];
    if (quoted) {
      out.push_back(ch);
      if (ch == '\'') {
        if (i + 1 < t.size() && t[i + 1] == '\'') {
          out.push_back('\'');
          ++i;
        } else {
          quoted = false;
        }
      }
      continue;
    }
    quoted = ch == '\'';
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
  if (out == "tinyint(1)") {
    return "boolean";
  }
  // The display width the server gives a type anyway is dropped; one that CREATE TABLE said
  // (int(3), or any width with zerofill, where it pads) is part of what the database holds.
  static const std::regex k_width(R"(^(tinyint|smallint|mediumint|int|bigint|year)\((\d+)\)(.*)$)");
  std::smatch m;
  if (std::regex_match(out, m, k_width)) {
    const std::string base = m[1].str();
    const std::string rest = m[3].str();
    const bool is_unsigned = rest.find("unsigned") != std::string::npos;
    const int width = std::stoi(m[2].str());
    if (rest.find("zerofill") == std::string::npos && width == default_width(base, is_unsigned)) {
      out = base + rest;
    }
  }
  if (out == "float") {
    return "real";
  }
  if (out == "decimal(65,30)") {
    return "numeric";
  }
  return out;
}

std::string normalize_now(const std::string& expression) {
  // The catalog's spellings of the three: current_timestamp() / now(), curdate(), curtime(n).
  static const std::regex k_now(R"(^(current_timestamp|now|localtimestamp)\s*(\(\s*(\d*)\s*\))?$)",
                                std::regex::icase);
  static const std::regex k_date(R"(^(current_date|curdate)\s*(\(\s*\))?$)", std::regex::icase);
  static const std::regex k_time(R"(^(current_time|curtime)\s*(\(\s*(\d*)\s*\))?$)",
                                 std::regex::icase);
  std::smatch m;
  const std::string e = util::trim(expression);
  auto with_precision = [](const std::string& name, const std::string& digits) {
    return digits.empty() || digits == "0" ? name : name + "(" + digits + ")";
  };
  if (std::regex_match(e, m, k_now)) {
    return with_precision("CURRENT_TIMESTAMP", m[3].str());
  }
  if (std::regex_match(e, m, k_date)) {
    return "CURRENT_DATE";
  }
  if (std::regex_match(e, m, k_time)) {
    return with_precision("CURRENT_TIME", m[3].str());
  }
  return e;
}

std::optional<std::string> normalize_default(const std::optional<std::string>& column_default,
                                             const std::string& extra, const std::string& type,
                                             bool mariadb) {
  std::optional<std::string> out;
  const std::string lower_extra = util::to_lower(extra);
  if (column_default) {
    const std::string d = *column_default;
    if (mariadb) {
      // 10.2.7+: literals as SQL, NULL spelled out for an explicit NULL default.
      if (d != "NULL") {
        out = normalize_now(d);
      }
    } else if (lower_extra.find("default_generated") != std::string::npos) {
      out = normalize_now(d);
    } else {
      // MySQL 8: the literal's value, unquoted.
      const schema::ColumnType ct(type);
      const bool numeric = ct.family() == schema::TypeFamily::integer ||
                           ct.family() == schema::TypeFamily::decimal ||
                           ct.family() == schema::TypeFamily::floating ||
                           ct.family() == schema::TypeFamily::boolean;
      if (numeric && is_number(d)) {
        out = d;
      } else if (util::to_lower(d).rfind("current_timestamp", 0) == 0) {
        out = normalize_now(d);
      } else {
        std::string q = "'";
        for (char ch : d) {
          q += ch == '\''   ? std::string("''")
               : ch == '\\' ? std::string("\\\\")
                            : std::string(1, ch);
        }
        out = q + "'";
      }
    }
  }
  if (out && type == "boolean") {
    if (*out == "0" || *out == "'0'") {
      out = "false";
    } else if (*out == "1" || *out == "'1'") {
      out = "true";
    }
  }
  if (const auto at = lower_extra.find("on update "); at != std::string::npos) {
    const std::string when = normalize_now(util::trim(extra.substr(at + 10)));
    out = (out ? *out : std::string("NULL")) + " ON UPDATE " + when;
  }
  return out;
}

} // namespace migratecpp::dialects::mysql
