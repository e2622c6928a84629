#include "migrate/toml_writer.h"

#include "util/display.h"
#include "util/strings.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace migratecpp::migrate {

namespace {

bool needs_escape(char c) {
  const auto u = static_cast<unsigned char>(c);
  return c == '"' || c == '\\' || u < 0x20 || u == 0x7f;
}

} // namespace

void append_toml_string(std::string& out, std::string_view s) {
  out.push_back('"');
  // Most strings (names, types) need no escape: appended whole, not a character at a time.
  if (std::none_of(s.begin(), s.end(), needs_escape)) {
    out.append(s);
    out.push_back('"');
    return;
  }
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (u < 0x20 || u == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(u));
        out += buf;
      } else {
        out.push_back(c);
      }
    }
  }
  out.push_back('"');
}

std::string toml_string(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_toml_string(out, s);
  return out;
}

std::string toml_string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) {
      out += ", ";
    }
    append_toml_string(out, item);
  }
  out.push_back(']');
  return out;
}

std::string toml_float(double v) {
  if (std::isnan(v)) {
    return "nan";
  }
  if (std::isinf(v)) {
    return v < 0 ? "-inf" : "inf";
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string out(buf, end);
  // TOML needs a fraction or an exponent to read a float back as a float.
  if (out.find_first_of(".eE") == std::string::npos) {
    out += ".0";
  }
  return out;
}

std::string toml_comment_text(std::string_view text) {
  std::string one_line(text);
  std::replace_if(
      one_line.begin(), one_line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return util::escape_control(one_line);
}

} // namespace migratecpp::migrate
