#include "schema/index_part.h"

#include "util/sql_lexer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace migratecpp::schema {

namespace {

using util::sql::is_identifier;
using util::sql::is_keyword;
using util::sql::is_punct;
using util::sql::Token;
using util::sql::TokenKind;

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// True if tokens [first, last) are one atom: a (possibly qualified) name optionally called
// with arguments, or one parenthesized expression.
bool is_atom(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
  if (first >= last) {
    return false;
  }
  std::size_t i = first;
  if (is_punct(tokens[i], "(")) {
    return util::sql::matching_paren(tokens, i) + 1 == last;
  }
  if (!is_identifier(tokens[i])) {
    return false;
  }
  ++i;
  while (i + 1 < last && is_punct(tokens[i], ".") && is_identifier(tokens[i + 1])) {
    i += 2;
  }
  if (i == last) {
    return true;
  }
  return is_punct(tokens[i], "(") && util::sql::matching_paren(tokens, i) + 1 == last;
}

std::string quote(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    out.push_back(c);
    if (c == '"') {
      out.push_back('"');
    }
  }
  return out + "\"";
}

std::string quoted_if_needed(const IndexPart& part) {
  return part.quoted ? quote(part.column) : part.column;
}

std::string generated_suffix(const IndexPart& part) {
  std::string out;
  if (part.collation) {
    out += " COLLATE " + *part.collation;
  }
  if (part.opclass) {
    out += " " + *part.opclass;
  }
  if (part.order != SortOrder::unspecified) {
    out += part.order == SortOrder::descending ? " DESC" : " ASC";
  }
  if (part.nulls_first) {
    out += *part.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return out;
}

std::string generated_head(const IndexPart& part) {
  std::string out = part.is_expression() ? part.expression : quoted_if_needed(part);
  if (part.length) {
    out += "(" + std::to_string(*part.length) + ")";
  }
  return out;
}

// Records the text `part` was read from; `head` bytes of it are the column or expression.
IndexPart& spelled(IndexPart& part, std::string_view text, std::size_t head) {
  part.written = std::string(text);
  part.written_head = head;
  return part;
}

} // namespace

IndexPart::IndexPart(const char* text) : IndexPart(parse_index_part(text)) {}

IndexPart::IndexPart(const std::string& text) : IndexPart(parse_index_part(text)) {}

bool IndexPart::operator==(const IndexPart& other) const {
  return column == other.column && expression == other.expression && collation == other.collation &&
         opclass == other.opclass && order == other.order && nulls_first == other.nulls_first &&
         length == other.length;
}

bool IndexPart::is_plain() const {
  return !collation && !opclass && order == SortOrder::unspecified && !nulls_first && !length;
}

IndexPart IndexPart::of_column(std::string name) {
  IndexPart p;
  p.column = std::move(name);
  return p;
}

IndexPart IndexPart::of_expression(std::string sql) {
  IndexPart p;
  p.expression = std::move(sql);
  return p;
}

IndexPart parse_index_part(std::string_view text, const std::vector<std::string>& columns) {
  const std::string trimmed = util::trim(text);
  if (contains(columns, trimmed)) {
    IndexPart part = IndexPart::of_column(trimmed);
    return spelled(part, trimmed, trimmed.size());
  }
  const auto tokens = util::sql::tokenize(trimmed);
  const bool has_comment = std::any_of(tokens.begin(), tokens.end(),
                                       [](const Token& t) { return t.kind == TokenKind::comment; });
  if (tokens.empty() || has_comment) {
    IndexPart part = IndexPart::of_expression(trimmed);
    return spelled(part, trimmed, trimmed.size());
  }
  IndexPart part;
  std::size_t end = tokens.size(); // the head is tokens [0, end)
  if (end >= 3 && is_keyword(tokens[end - 2], "NULLS") &&
      (is_keyword(tokens[end - 1], "FIRST") || is_keyword(tokens[end - 1], "LAST"))) {
    part.nulls_first = is_keyword(tokens[end - 1], "FIRST");
    end -= 2;
  }
  if (end >= 2 && (is_keyword(tokens[end - 1], "ASC") || is_keyword(tokens[end - 1], "DESC"))) {
    part.order = is_keyword(tokens[end - 1], "ASC") ? SortOrder::ascending : SortOrder::descending;
    --end;
  }
  // COLLATE x [opclass]: the collation comes first, so it is read off after the opclass.
  auto collate_before = [&](std::size_t stop) {
    return stop >= 3 && is_keyword(tokens[stop - 2], "COLLATE") && is_identifier(tokens[stop - 1]);
  };
  auto head_is_element = [&](std::size_t stop) {
    if (collate_before(stop)) {
      stop -= 2;
    }
    return is_atom(tokens, 0, stop) ||
           contains(columns, util::sql::span_text(trimmed, tokens, 0, stop - 1));
  };
  // An operator class: a bare word, schema-qualified or not, after a complete element.
  const bool known_head = contains(columns, util::sql::span_text(trimmed, tokens, 0, end - 1));
  if (!known_head && end >= 2 && tokens[end - 1].kind == TokenKind::word &&
      !is_keyword(tokens[end - 1], "COLLATE")) {
    std::size_t start = end - 1;
    if (start >= 2 && is_punct(tokens[start - 1], ".") &&
        tokens[start - 2].kind == TokenKind::word) {
      start -= 2;
    }
    if (start >= 1 && !is_keyword(tokens[start - 1], "COLLATE") && head_is_element(start)) {
      part.opclass = std::string(util::sql::span_text(trimmed, tokens, start, end - 1));
      end = start;
    }
  }
  if (collate_before(end)) {
    part.collation = std::string(tokens[end - 1].text);
    end -= 2;
  }
  const std::string head(util::sql::span_text(trimmed, tokens, 0, end - 1));
  if (contains(columns, head)) {
    part.column = head;
  } else if (end == 1 && is_identifier(tokens[0])) {
    part.column = util::sql::identifier_value(tokens[0]);
    part.quoted = tokens[0].kind == TokenKind::quoted_identifier;
  } else if (end == 4 && is_identifier(tokens[0]) && is_punct(tokens[1], "(") &&
             tokens[2].kind == TokenKind::number && is_digits(tokens[2].text) &&
             is_punct(tokens[3], ")")) {
    // name(N): a function of a constant means nothing in an index; a prefix length does.
    part.column = util::sql::identifier_value(tokens[0]);
    part.quoted = tokens[0].kind == TokenKind::quoted_identifier;
    part.length = std::stoi(std::string(tokens[2].text));
  } else {
    part.expression = head;
  }
  if (part.column.empty() && part.expression.empty()) {
    IndexPart whole = IndexPart::of_expression(trimmed); // "" quoted: nothing to name
    return spelled(whole, trimmed, trimmed.size());
  }
  const Token& last = tokens[end - 1];
  return spelled(part, trimmed, last.offset + last.text.size());
}

std::string index_part_suffix(const IndexPart& part) {
  if (part.written.empty()) {
    return generated_suffix(part);
  }
  const std::string words = util::trim(std::string_view(part.written).substr(part.written_head));
  return words.empty() ? "" : " " + words;
}

std::string index_part_head(const IndexPart& part) {
  if (part.written.empty()) {
    return generated_head(part);
  }
  return util::trim(std::string_view(part.written).substr(0, part.written_head));
}

std::string index_part_text(const IndexPart& part) {
  return part.written.empty() ? generated_head(part) + generated_suffix(part) : part.written;
}

void replace_index_part_head(IndexPart& part, std::string column_or_expression) {
  const std::string suffix = index_part_suffix(part);
  (part.is_expression() ? part.expression : part.column) = std::move(column_or_expression);
  if (!part.written.empty()) {
    const std::string head = generated_head(part);
    part.written = head + suffix;
    part.written_head = head.size();
  }
}

IndexPart resolve_index_part(const IndexPart& part, const std::vector<std::string>& columns) {
  return part.written.empty() ? part : parse_index_part(part.written, columns);
}

std::vector<IndexPart> parse_index_parts(const std::vector<std::string>& texts,
                                         const std::vector<std::string>& columns) {
  std::vector<IndexPart> out;
  out.reserve(texts.size());
  for (const auto& t : texts) {
    out.push_back(parse_index_part(t, columns));
  }
  return out;
}

std::vector<IndexPart> resolve_index_parts(const std::vector<IndexPart>& parts,
                                           const std::vector<std::string>& columns) {
  std::vector<IndexPart> out;
  out.reserve(parts.size());
  for (const auto& p : parts) {
    out.push_back(resolve_index_part(p, columns));
  }
  return out;
}

std::vector<std::string> index_part_texts(const std::vector<IndexPart>& parts) {
  std::vector<std::string> out;
  out.reserve(parts.size());
  for (const auto& p : parts) {
    out.push_back(index_part_text(p));
  }
  return out;
}

bool is_atomic_expression(std::string_view expression) {
  auto tokens = util::sql::tokenize(expression);
  std::erase_if(tokens, [](const Token& t) { return t.kind == TokenKind::comment; });
  return is_atom(tokens, 0, tokens.size());
}

} // namespace migratecpp::schema
