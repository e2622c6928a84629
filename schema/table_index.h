#pragma once
// A name -> position index over a Database's tables, for the one caller that looks tables up
// tens of thousands of times: the runner's tracked schema, where every op of an offline script
// over N revisions looks up its table (apply, render), which a linear scan made O(N^2).
//
// It is off until armed (Database::index_tables) and every other Database scans, as before:
// code all over the project edits `tables` directly, and an index nobody keeps current would
// answer wrongly. An armed Database is changed only through schema::apply, which keeps the
// index current (apply.cpp); copying a Database copies no index (the copy is unarmed).
#include <cstddef>
#include <string>
#include <unordered_map>

namespace migratecpp::schema {

struct Table;

class TableIndex {
public:
  TableIndex() = default;
  // A copy starts unarmed: its positions would index another vector.
  TableIndex(const TableIndex&) {}
  TableIndex& operator=(const TableIndex&) {
    disarm();
    return *this;
  }
  TableIndex(TableIndex&&) noexcept {}
  TableIndex& operator=(TableIndex&&) noexcept {
    disarm();
    return *this;
  }
  // Not part of a Database's value.
  bool operator==(const TableIndex&) const { return true; }

  bool armed() const { return m_armed; }
  void arm() { m_armed = true; }
  void disarm() {
    m_armed = false;
    reset();
  }

  // Position of `name` in `tables`, or npos. Every answer is checked against the vector: a
  // position that no longer holds that name, or tables added since, make it index again.
  template <class Tables> std::size_t find(const Tables& tables, const std::string& name) const {
    if (m_indexed != tables.size()) {
      reindex(tables);
    }
    auto it = m_positions.find(name);
    if (it == m_positions.end()) {
      return npos;
    }
    if (it->second < tables.size() && tables[it->second].name == name) {
      return it->second;
    }
    reindex(tables);
    it = m_positions.find(name);
    return it == m_positions.end() ? npos : it->second;
  }
  // Tables were removed (positions shifted): index everything again at the next look.
  void reset() {
    m_positions.clear();
    m_indexed = 0;
  }
  // A table was renamed in place (its position unchanged).
  void renamed(const std::string& from, const std::string& to) {
    auto it = m_positions.find(from);
    if (it != m_positions.end()) {
      const std::size_t position = it->second;
      m_positions.erase(it);
      m_positions.emplace(to, position);
    }
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
  template <class Tables> void reindex(const Tables& tables) const {
    // Tables only appended since the last look (a create_table) are indexed alone; anything
    // else (a drop shifted positions) indexes everything again.
    std::size_t from = m_indexed <= tables.size() ? m_indexed : 0;
    if (from == 0 || from == tables.size()) {
      m_positions.clear();
      from = 0;
    }
    for (std::size_t i = from; i < tables.size(); ++i) {
      m_positions.emplace(tables[i].name, i); // the first of two same names wins, as a scan
    }
    m_indexed = tables.size();
  }

  bool m_armed = false;
  mutable std::unordered_map<std::string, std::size_t> m_positions;
  mutable std::size_t m_indexed = 0;
};

} // namespace migratecpp::schema
