#include "migrate/routine_codec.h"

#include "migrate/session_codec.h"
#include "migrate/toml_writer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>

namespace migratecpp::migrate {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Spaces collapsed: "instead  of" -> "instead of".
std::string words(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += c;
  }
  return out;
}

// "INSERT" -> "insert", "Update OF a, b" -> "update of a, b" (the column list kept as written).
std::string normalize_event(const KeyReader& r, const std::string& event) {
  const std::string text = words(event);
  const std::string l = lower(text);
  for (const char* simple : {"insert", "update", "delete", "truncate"}) {
    if (l == simple) {
      return l;
    }
  }
  if (l.rfind("update of ", 0) == 0 && text.size() > 10) {
    return "update of " + text.substr(10);
  }
  r.fail("events", "trigger event " + util::squote(event) +
                       " must be insert, update, update of <columns>, delete or truncate");
}

} // namespace

std::string toml_sql_text(std::string_view text) {
  const bool multi_line = text.find('\n') != std::string_view::npos;
  const bool literal_ok = text.find("'''") == std::string_view::npos && !text.empty() &&
                          text.back() != '\'' && std::none_of(text.begin(), text.end(), [](char c) {
                            const auto u = static_cast<unsigned char>(c);
                            return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
                          });
  if (!multi_line || !literal_ok) {
    return toml_string(text);
  }
  // A newline right after the opening quotes is not part of the string.
  return "'''\n" + std::string(text) + "'''";
}

const std::vector<std::string_view>& routine_keys() {
  static const std::vector<std::string_view> k_keys = [] {
    std::vector<std::string_view> keys = {"name", "arguments", "returns", "definition"};
    for (const auto key : session_keys()) {
      keys.push_back(key);
    }
    return keys;
  }();
  return k_keys;
}

schema::Routine read_routine(const KeyReader& r, const std::string& kind) {
  schema::Routine out;
  out.kind = kind;
  out.name = r.required_string("name");
  out.arguments = r.string("arguments").value_or("");
  out.returns = r.string("returns");
  out.definition = r.required_string("definition");
  out.session = read_session(r);
  return out;
}

std::string render_routine_keys(const schema::Routine& routine) {
  std::string out = "name = " + toml_string(routine.name) + "\n";
  if (!routine.arguments.empty()) {
    out += "arguments = " + toml_string(routine.arguments) + "\n";
  }
  if (routine.returns) {
    out += "returns = " + toml_string(*routine.returns) + "\n";
  }
  out += render_session_keys(routine.session);
  out += "definition = " + toml_sql_text(routine.definition) + "\n";
  return out;
}

const std::vector<std::string_view>& trigger_keys() {
  static const std::vector<std::string_view> k_keys = [] {
    std::vector<std::string_view> keys = {"name", "table",    "timing", "events", "for_each",
                                          "when", "function", "body",   "order"};
    for (const auto key : session_keys()) {
      keys.push_back(key);
    }
    return keys;
  }();
  return k_keys;
}

schema::Trigger read_trigger(const KeyReader& r) {
  schema::Trigger t;
  t.name = r.required_string("name");
  t.table = r.required_string("table");
  const std::string what = "trigger " + util::squote(t.name);
  t.timing = lower(words(r.required_string("timing")));
  if (t.timing != "before" && t.timing != "after" && t.timing != "instead of") {
    r.fail("timing", what + ": 'timing' must be \"before\", \"after\" or \"instead of\", not " +
                         util::squote(t.timing));
  }
  for (const auto& e : r.required_string_array("events")) {
    t.events.push_back(normalize_event(r, e));
  }
  if (t.events.empty()) {
    r.fail("events", what + ": 'events' must name at least one event");
  }
  if (const auto each = r.string("for_each")) {
    const std::string l = lower(*each);
    if (l != "row" && l != "statement") {
      r.fail("for_each",
             what + ": 'for_each' must be \"row\" or \"statement\", not " + util::squote(*each));
    }
    t.for_each_row = l == "row";
    t.says_for_each_row = t.for_each_row;
  }
  t.when = r.sql_text("when");
  t.function = r.sql_text("function");
  t.body = r.string("body");
  if (t.function && t.body) {
    r.fail("body", what + ": give either 'function' (PostgreSQL) or 'body', not both");
  }
  if (!t.function && !t.body) {
    r.fail(what + ": missing 'function' (PostgreSQL) or 'body' (SQLite, MySQL)");
  }
  if (const auto order = r.string("order")) {
    const std::string text = words(*order);
    const std::string l = lower(text);
    if ((l.rfind("follows ", 0) != 0 && l.rfind("precedes ", 0) != 0) ||
        text.find(' ') == text.size() - 1) {
      r.fail("order", what + ": 'order' must be \"follows <trigger>\" or \"precedes <trigger>\"");
    }
    const auto space = text.find(' ');
    t.order = l.substr(0, space) + " " + text.substr(space + 1);
  }
  t.session = read_session(r);
  return t;
}

std::string render_trigger_keys(const schema::Trigger& t) {
  std::string out = "name = " + toml_string(t.name) + "\n";
  out += "table = " + toml_string(t.table) + "\n";
  out += "timing = " + toml_string(t.timing) + "\n";
  out += "events = " + toml_string_array(t.events) + "\n";
  if (!t.for_each_row) {
    out += "for_each = \"statement\"\n";
  } else if (t.says_for_each_row) {
    out += "for_each = \"row\"\n";
  }
  if (t.when) {
    out += "when = " + toml_string(*t.when) + "\n";
  }
  if (t.function) {
    out += "function = " + toml_string(*t.function) + "\n";
  }
  if (t.body) {
    out += "body = " + toml_sql_text(*t.body) + "\n";
  }
  if (t.order) {
    out += "order = " + toml_string(*t.order) + "\n";
  }
  return out + render_session_keys(t.session);
}

const std::vector<std::string>& routine_op_names() {
  static const std::vector<std::string> k_names = {
      "create_function", "drop_function",     "replace_function", "create_procedure",
      "drop_procedure",  "replace_procedure", "create_trigger",   "drop_trigger"};
  return k_names;
}

schema::Op read_routine_op(const std::string& name, const toml::table& t, const std::string& path) {
  auto reader = [&](std::vector<std::string_view> keys) {
    keys.insert(keys.begin(), "op");
    return KeyReader(t, path, name, name + " op", keys);
  };
  const auto underscore = name.find('_');
  const std::string action = name.substr(0, underscore);
  const std::string kind = name.substr(underscore + 1);
  if (kind == "trigger") {
    const KeyReader r = reader(trigger_keys());
    if (action == "create") {
      return schema::CreateTrigger{read_trigger(r)};
    }
    schema::DropTrigger op;
    op.name = r.required_string("name");
    op.table = r.required_string("table");
    // Only the name and table: a drop whose file gives nothing else cannot be reversed.
    if (r.has("timing")) {
      op.definition = read_trigger(r);
    }
    return op;
  }
  if (action == "create") {
    return schema::CreateRoutine{read_routine(reader(routine_keys()), kind)};
  }
  if (action == "drop") {
    const KeyReader r = reader(routine_keys());
    schema::DropRoutine op;
    op.kind = kind;
    op.name = r.required_string("name");
    op.arguments = r.string("arguments").value_or("");
    if (r.has("definition")) {
      op.definition = read_routine(r, kind);
    }
    return op;
  }
  std::vector<std::string_view> keys = routine_keys();
  keys.insert(keys.end(), {"existing_returns", "existing_definition"});
  for (const auto key : session_keys(true)) {
    keys.push_back(key);
  }
  const KeyReader r = reader(keys);
  schema::ReplaceRoutine op;
  op.routine = read_routine(r, kind);
  if (const auto before = r.string("existing_definition")) {
    schema::Routine existing = op.routine;
    existing.definition = *before;
    existing.returns = r.string("existing_returns");
    existing.session = read_session(r, true);
    op.existing = std::move(existing);
  }
  return op;
}

std::optional<std::string> render_routine_op_keys(const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateRoutine>(&op)) {
    return render_routine_keys(o->routine);
  }
  if (const auto* o = std::get_if<schema::DropRoutine>(&op)) {
    if (o->definition) {
      schema::Routine r = *o->definition;
      r.name = o->name;
      r.arguments = o->arguments;
      return render_routine_keys(r);
    }
    return "name = " + toml_string(o->name) + "\n" +
           (o->arguments.empty() ? "" : "arguments = " + toml_string(o->arguments) + "\n");
  }
  if (const auto* o = std::get_if<schema::ReplaceRoutine>(&op)) {
    std::string out = render_routine_keys(o->routine);
    if (o->existing) {
      if (o->existing->returns) {
        out += "existing_returns = " + toml_string(*o->existing->returns) + "\n";
      }
      out += render_session_keys(o->existing->session, true);
      out += "existing_definition = " + toml_sql_text(o->existing->definition) + "\n";
    }
    return out;
  }
  if (const auto* o = std::get_if<schema::CreateTrigger>(&op)) {
    return render_trigger_keys(o->trigger);
  }
  if (const auto* o = std::get_if<schema::DropTrigger>(&op)) {
    if (o->definition) {
      schema::Trigger t = *o->definition;
      t.name = o->name;
      t.table = o->table;
      return render_trigger_keys(t);
    }
    return "name = " + toml_string(o->name) + "\ntable = " + toml_string(o->table) + "\n";
  }
  return std::nullopt;
}

} // namespace migratecpp::migrate
