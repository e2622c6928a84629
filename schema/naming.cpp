#include "schema/naming.h"

#include "util/sql_lexer.h"
#include "util/strings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <set>

namespace migratecpp::schema {

namespace {

// Long names keep this many characters, then "_" and 8 hex digits: 54 + 1 + 8 = 63.
constexpr std::size_t k_truncated_prefix = 54;

// Operators spelled as words and literals: they say nothing about what the check is about.
constexpr std::array<std::string_view, 16> k_skipped_keywords = {
    "and",     "or",   "not",   "null", "is",   "in",   "like", "ilike",
    "between", "true", "false", "case", "when", "then", "else", "end"};

bool is_skipped_keyword(std::string_view word) {
  const std::string lower = util::to_lower(word);
  return std::find(k_skipped_keywords.begin(), k_skipped_keywords.end(), lower) !=
         k_skipped_keywords.end();
}

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// The words a column list contributes: plain names as they are, expression entries
// ("lower(email)") their identifiers.
std::vector<std::string> column_words(const std::vector<std::string>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) {
    if (c.find('(') != std::string::npos) {
      for (auto& ident : expression_identifiers(c)) {
        out.push_back(std::move(ident));
      }
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string make_name(std::string_view prefix, const std::string& table,
                      const std::vector<std::string>& words) {
  std::string raw = std::string(prefix) + "_" + table;
  for (const auto& w : words) {
    raw += "_" + w;
  }
  return normalize_name(raw);
}

} // namespace

std::string normalize_name(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 && u < 0x80) {
      out.push_back(static_cast<char>(std::tolower(u)));
    } else {
      out.push_back('_');
    }
  }
  if (out.size() <= k_max_identifier_length) {
    return out;
  }
  char hash[9];
  std::snprintf(hash, sizeof hash, "%08x", static_cast<unsigned>(fnv1a(out)));
  return out.substr(0, k_truncated_prefix) + "_" + hash;
}

std::vector<std::string> expression_identifiers(std::string_view expr) {
  std::vector<std::string> out;
  for (const auto& t : util::sql::tokenize(expr)) {
    if (!util::sql::is_identifier(t) ||
        (t.kind == util::sql::TokenKind::word && is_skipped_keyword(t.text))) {
      continue;
    }
    std::string ident = util::sql::identifier_value(t);
    if (!ident.empty() && std::find(out.begin(), out.end(), ident) == out.end()) {
      out.push_back(std::move(ident));
    }
  }
  return out;
}

std::string index_name(const std::string& table, const Index& index) {
  // The words of the parts as written (a suffix such as DESC included), so that names stay
  // what they were when parts were text.
  return make_name("ix", table, column_words(index_part_texts(index.parts)));
}

std::string unique_name(const std::string& table, const UniqueConstraint& unique) {
  return make_name("uq", table, column_words(unique.columns));
}

std::string foreign_key_name(const std::string& table, const ForeignKey& foreign_key) {
  return make_name("fk", table, column_words(foreign_key.columns));
}

std::string check_name(const std::string& table, const CheckConstraint& check) {
  return make_name("ck", table, expression_identifiers(check.expression));
}

void name_unnamed(Table& table) {
  // Indexes and constraints share one namespace here: PostgreSQL backs a unique constraint
  // with an index of the same name, and a clash would only show up when the DDL runs.
  std::set<std::string> taken;
  auto note = [&](const std::string& name) {
    if (!name.empty()) {
      taken.insert(name);
    }
  };
  for (const auto& i : table.indexes) {
    note(i.name);
  }
  for (const auto& u : table.uniques) {
    note(u.name);
  }
  for (const auto& f : table.foreign_keys) {
    note(f.name);
  }
  for (const auto& c : table.checks) {
    note(c.name);
  }
  auto claim = [&](const std::string& base) {
    std::string name = base;
    for (int n = 2; taken.count(name) != 0; ++n) {
      name = normalize_name(base + "_" + std::to_string(n));
    }
    taken.insert(name);
    return name;
  };
  for (auto& i : table.indexes) {
    if (i.name.empty()) {
      i.name = claim(index_name(table.name, i));
    }
  }
  for (auto& u : table.uniques) {
    if (u.name.empty()) {
      u.name = claim(unique_name(table.name, u));
    }
  }
  for (auto& f : table.foreign_keys) {
    if (f.name.empty()) {
      f.name = claim(foreign_key_name(table.name, f));
    }
  }
  for (auto& c : table.checks) {
    if (c.name.empty()) {
      c.name = claim(check_name(table.name, c));
    }
  }
}

} // namespace migratecpp::schema
