#include "migrate/toml_pieces.h"

#include <algorithm>

namespace migratecpp::migrate {

namespace {

// Where the scan is at the end of a line: in which kind of string, and how many arrays deep.
// Only a line that starts outside both can be a header.
enum class In { nothing, basic_string, literal_string, multiline_basic, multiline_literal };

struct ScanState {
  In in = In::nothing;
  int depth = 0;
};

// Moves `state` over one line (its newline included), as TOML reads it.
void scan_line(std::string_view line, ScanState& state) {
  auto starts = [&](std::size_t i, std::string_view what) { return line.substr(i, 3) == what; };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    switch (state.in) {
    case In::nothing:
      if (c == '#') {
        return; // a comment runs to the end of the line
      }
      if (c == '"') {
        state.in = starts(i, R"(""")") ? In::multiline_basic : In::basic_string;
        i += state.in == In::multiline_basic ? 2 : 0;
      } else if (c == '\'') {
        state.in = starts(i, "'''") ? In::multiline_literal : In::literal_string;
        i += state.in == In::multiline_literal ? 2 : 0;
      } else if (c == '[') {
        ++state.depth;
      } else if (c == ']') {
        state.depth = std::max(0, state.depth - 1);
      }
      break;
    case In::basic_string:
      if (c == '\\') {
        ++i;
      } else if (c == '"' || c == '\n') {
        state.in = In::nothing; // (a newline: not TOML; the parse says so)
      }
      break;
    case In::literal_string:
      if (c == '\'' || c == '\n') {
        state.in = In::nothing;
      }
      break;
    case In::multiline_basic:
    case In::multiline_literal: {
      const char quote = state.in == In::multiline_basic ? '"' : '\'';
      if (c == '\\' && quote == '"') {
        ++i;
      } else if (c == quote && starts(i, std::string(3, quote))) {
        // Up to two more quotes right before the closing three are part of the string.
        std::size_t end = i + 3;
        while (end < line.size() && end < i + 5 && line[end] == quote) {
          ++end;
        }
        i = end - 1;
        state.in = In::nothing;
      }
      break;
    }
    }
  }
  if (state.in == In::basic_string || state.in == In::literal_string) {
    state.in = In::nothing; // a one-line string left open at the end of the text
  }
}

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
  ScanState state;
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
  for (std::size_t pos = 0; pos < text.size(); ++line_number) {
    const std::size_t newline = text.find('\n', pos);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    const std::string_view line = text.substr(pos, end - pos);
    if (state.in == In::nothing && state.depth == 0) {
      switch (header_of(line, key)) {
      case Header::unsure:
        return std::nullopt;
      case Header::element:
        if (open) {
          close_piece(pos);
        }
        open = pos;
        open_line = line_number;
        break;
      case Header::sub_table:
        if (!open) {
          return std::nullopt; // [key.x] before any [[key]]: not TOML
        }
        break;
      case Header::other:
        if (open) {
          close_piece(pos);
        }
        break;
      case Header::none:
        break;
      }
    }
    scan_line(line, state);
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
