#include "migrate/diff_partitions.h"

#include "util/error.h"
#include "util/strings.h"

#include <cctype>
#include <optional>
#include <string>

namespace migratecpp::migrate {

namespace {

// The same text but for spacing and the case of keywords outside quotes: "for values from
// ('a') to ('b')" is what pg_get_expr prints as "FOR VALUES FROM ('a') TO ('b')".
std::string canonical(const std::optional<std::string>& text) {
  if (!text) {
    return "";
  }
  std::string out;
  bool quoted = false;
  bool space = false;
  for (char ch : util::trim(*text)) {
    if (ch == '\'') {
      quoted = !quoted;
    }
    if (!quoted && (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r')) {
      space = true;
      continue;
    }
    if (space && !out.empty()) {
      out += ' ';
    }
    space = false;
    out += quoted ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

std::string shown(const std::optional<std::string>& text) {
  return text ? util::squote(*text) : "none";
}

} // namespace

void check_partitioning_change(const schema::Table& current, const schema::Table& desired) {
  const std::string table = "table " + util::squote(desired.name);
  if (canonical(current.partition_by) != canonical(desired.partition_by)) {
    throw util::Error(
        table + ": partition_by changes from " + shown(current.partition_by) + " to " +
        shown(desired.partition_by) +
        ": a table cannot be partitioned differently in place; it needs a new table and a copy "
        "of its rows (write that revision by hand: create the new table, copy the rows, drop "
        "the old one, rename the new one), or keep partition_by as it is");
  }
  if (current.partition_of != desired.partition_of) {
    throw util::Error(table + ": partition_of changes from " + shown(current.partition_of) +
                      " to " + shown(desired.partition_of) +
                      ": migratecpp does not detach or attach partitions with their rows (an "
                      "execute op can: ALTER TABLE parent DETACH PARTITION / ATTACH PARTITION)");
  }
  if (canonical(current.partition_bound) != canonical(desired.partition_bound)) {
    throw util::Error(
        table + ": its partition bound changes from " + shown(current.partition_bound) + " to " +
        shown(desired.partition_bound) +
        ": that moves rows between partitions, which migratecpp does not do for you (an execute "
        "op can: ALTER TABLE parent DETACH PARTITION p, then ATTACH PARTITION p FOR VALUES ...; "
        "the attach fails if a row does not fit). If only the spelling differs, write the bound "
        "as `inspect` prints it");
  }
}

} // namespace migratecpp::migrate
