#include "migrate/toml_pieces.h"

#include "migrate/revision_header.h"

#include <algorithm>

namespace migratecpp::migrate {

namespace {

enum class Header { none, element, sub_table, other, unsure };

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// What a line that starts outside strings and arrays declares about `key`.
Header header_of(std::string_view line, std::string_view key) {
  const std::string_view text = trim(line);
  if (text.empty() || text.front() != '[') {
    return Header::none;
  }
  const bool array = text.starts_with("[[");
  const std::size_t open = array ? 2 : 1;
  const std::size_t close = text.find(array ? "]]" : "]", open);
  if (close == std::string_view::npos) {
    return Header::unsure; // not TOML; the whole parse says where
  }
  const std::string_view name = text.substr(open, close - open);
  if (name.find_first_of("\"'") != std::string_view::npos) {
    return Header::unsure; // a quoted key: left to the parser
  }
  const std::size_t dot = name.find('.');
  if (trim(name.substr(0, dot)) != key) {
    return Header::other;
  }
  if (dot != std::string_view::npos) {
    return Header::sub_table;
  }
  return array ? Header::element : Header::unsure; // [key]: not an array of tables
}

} // namespace

std::optional<TomlPieces> cut_array_of_tables(std::string_view text, std::string_view key) {
  TomlPieces out;
  std::size_t copied = 0;          // text before this offset is in `rest` or in a piece
  std::optional<std::size_t> open; // offset of the piece being read
  std::size_t open_line = 0;
  auto close_piece = [&](std::size_t end) {
    out.rest.append(text.substr(copied, *open - copied));
    const std::string_view piece = text.substr(*open, end - *open);
    out.rest.append(static_cast<std::size_t>(std::count(piece.begin(), piece.end(), '\n')), '\n');
    out.pieces.push_back({piece, open_line});
    copied = end;
    open.reset();
  };
  std::size_t line_number = 1;
  std::size_t counted = 0; // newlines before this offset are in line_number
  // Each header line is found by the scanner the revision header reader uses, which knows
  // strings, comments, arrays and inline tables; it starts again after every header line.
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t header = pos + toml_top_level_end(text.substr(pos));
    if (header >= text.size()) {
      break;
    }
    const std::size_t newline = text.find('\n', header);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    line_number +=
        static_cast<std::size_t>(std::count(text.begin() + counted, text.begin() + header, '\n'));
    counted = header;
    switch (header_of(text.substr(header, end - header), key)) {
    case Header::unsure:
      return std::nullopt;
    case Header::element:
      if (open) {
        close_piece(header);
      }
      open = header;
      open_line = line_number;
      break;
    case Header::sub_table:
      if (!open) {
        return std::nullopt; // [key.x] before any [[key]]: not TOML
      }
      break;
    case Header::other:
      if (open) {
        close_piece(header);
      }
      break;
    case Header::none:
      break;
    }
    pos = end;
  }
  if (open) {
    close_piece(text.size());
  }
  if (out.pieces.empty()) {
    return std::nullopt;
  }
  out.rest.append(text.substr(copied));
  return out;
}

} // namespace migratecpp::migrate
