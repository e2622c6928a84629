#pragma once
// Index key prefixes. InnoDB cannot index a whole TEXT or BLOB column: each such key part
// needs a prefix length, title(100), and the whole key must fit 3072 bytes (DYNAMIC and
// COMPRESSED row formats, the default since MySQL 5.7 / MariaDB 10.2). A model that names a
// TEXT/BLOB column in an index without a length gets the automatic prefix computed here, and
// introspection leaves out a prefix equal to it, so that such a model reads back unchanged.
#include "schema/model.h"

#include <optional>

namespace migratecpp::dialects::mysql {

// The largest index key InnoDB accepts, in bytes.
inline constexpr long long k_max_key_bytes = 3072;
// utf8mb4: up to four bytes a character (the connection's default character set).
inline constexpr long long k_bytes_per_char = 4;

// True for a column type whose key parts need a prefix length: the TEXT and BLOB sizes and
// JSON (a LONGTEXT in MariaDB).
bool needs_prefix(const schema::ColumnType& type);

// The prefix, in characters (bytes for a BLOB), that a key part on TEXT/BLOB column `column`
// gets when the index gives it none: the bytes the key has left after its other parts (at
// their largest under utf8mb4: VARCHAR(n) 4n bytes, numbers 8), shared equally among the
// parts that need a prefix, and never more than the column holds (255 for TINYTEXT).
// Parts naming columns `table` lacks count as 8 bytes. nullopt when `column` needs none.
std::optional<int> automatic_prefix(const schema::Table& table, const schema::Index& index,
                                    const std::string& column);

} // namespace migratecpp::dialects::mysql
