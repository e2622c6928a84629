#include "migrate/aggregate_codec.h"

#include "migrate/toml_writer.h"
#include "util/strings.h"

#include <algorithm>

namespace migratecpp::migrate {

namespace {

using schema::Aggregate;
using schema::Operator;

// The text options of an aggregate that name a function, a type or an operator, in the order
// pg_dump writes them (finalfunc_modify, parallel and the flags are read on their own).
const std::vector<std::pair<std::string_view, std::optional<std::string> Aggregate::*>>&
aggregate_name_options() {
  static const std::vector<std::pair<std::string_view, std::optional<std::string> Aggregate::*>>
      k_options = {
          {"finalfunc", &Aggregate::finalfunc},   {"combinefunc", &Aggregate::combinefunc},
          {"serialfunc", &Aggregate::serialfunc}, {"deserialfunc", &Aggregate::deserialfunc},
          {"msfunc", &Aggregate::msfunc},         {"minvfunc", &Aggregate::minvfunc},
          {"mstype", &Aggregate::mstype},         {"mfinalfunc", &Aggregate::mfinalfunc},
          {"sortop", &Aggregate::sortop},
      };
  return k_options;
}

// Operator names: PostgreSQL's operator characters only (they cannot be quoted, so nothing
// else may reach a statement), at most 63 of them, no comment start.
void check_operator_name(const KeyReader& r, std::string_view key, const std::string& name) {
  const bool ok =
      !name.empty() && name.size() <= 63 &&
      std::all_of(name.begin(), name.end(),
                  [](char c) {
                    return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos;
                  }) &&
      name.find("--") == std::string::npos && name.find("/*") == std::string::npos;
  if (!ok) {
    r.fail(key, "operator name " + util::squote(name) +
                    " must be made of the characters + - * / < > = ~ ! @ # % ^ & | ` ? "
                    "(at most 63, without -- or /*)");
  }
}

std::optional<std::string> one_of(const KeyReader& r, std::string_view key,
                                  const std::vector<std::string>& allowed) {
  auto value = r.string(key);
  if (value) {
    *value = util::to_lower(*value);
    if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
      r.fail(key, "'" + std::string(key) + "' must be one of " + util::join(allowed, ", ") +
                      ", not " + util::squote(*value));
    }
  }
  return value;
}

std::string line(std::string_view key, const std::string& value) {
  return std::string(key) + " = " + value + "\n";
}
std::string opt_line(std::string_view key, const std::optional<std::string>& value) {
  return value ? line(key, toml_string(*value)) : std::string();
}
std::string flag_line(std::string_view key, bool value) {
  return value ? line(key, "true") : std::string();
}
std::string int_line(std::string_view key, const std::optional<std::int64_t>& value) {
  return value ? line(key, std::to_string(*value)) : std::string();
}

} // namespace

const std::vector<std::string_view>& aggregate_keys() {
  static const std::vector<std::string_view> k_keys = {"name",
                                                       "arguments",
                                                       "sfunc",
                                                       "stype",
                                                       "sspace",
                                                       "finalfunc",
                                                       "finalfunc_extra",
                                                       "finalfunc_modify",
                                                       "combinefunc",
                                                       "serialfunc",
                                                       "deserialfunc",
                                                       "initcond",
                                                       "msfunc",
                                                       "minvfunc",
                                                       "mstype",
                                                       "msspace",
                                                       "mfinalfunc",
                                                       "mfinalfunc_extra",
                                                       "mfinalfunc_modify",
                                                       "minitcond",
                                                       "sortop",
                                                       "hypothetical",
                                                       "parallel"};
  return k_keys;
}

const std::vector<std::string_view>& operator_keys() {
  static const std::vector<std::string_view> k_keys = {
      "name",    "leftarg",  "rightarg", "function", "commutator",
      "negator", "restrict", "join",     "hashes",   "merges"};
  return k_keys;
}

Aggregate read_aggregate(const KeyReader& r) {
  Aggregate a;
  a.name = r.required_string("name");
  a.arguments = r.sql_text("arguments").value_or("");
  if (util::trim(a.arguments) == "*") {
    a.arguments.clear();
  }
  a.sfunc = r.required_sql_text("sfunc");
  a.stype = r.required_sql_text("stype");
  a.sspace = r.integer("sspace");
  for (const auto& [key, member] : aggregate_name_options()) {
    a.*member = r.sql_text(key);
  }
  if (a.sortop) {
    check_operator_name(r, "sortop", *a.sortop);
  }
  a.finalfunc_extra = r.boolean("finalfunc_extra").value_or(false);
  a.mfinalfunc_extra = r.boolean("mfinalfunc_extra").value_or(false);
  const std::vector<std::string> modify = {"read_only", "shareable", "read_write"};
  a.finalfunc_modify = one_of(r, "finalfunc_modify", modify);
  a.mfinalfunc_modify = one_of(r, "mfinalfunc_modify", modify);
  a.initcond = r.string("initcond");
  a.minitcond = r.string("minitcond");
  a.msspace = r.integer("msspace");
  a.hypothetical = r.boolean("hypothetical").value_or(false);
  a.parallel = one_of(r, "parallel", {"safe", "restricted", "unsafe"});
  if (a.parallel == "unsafe") {
    a.parallel.reset(); // the default
  }
  const std::string what = schema::aggregate_label(a.name, a.arguments);
  if ((a.minvfunc || a.mstype || a.mfinalfunc || a.minitcond || a.msspace || a.mfinalfunc_extra ||
       a.mfinalfunc_modify) &&
      !a.msfunc) {
    r.fail(what + ": the moving-aggregate options (minvfunc, mstype, ...) need 'msfunc'");
  }
  if (a.msfunc && (!a.minvfunc || !a.mstype)) {
    r.fail("msfunc", what + ": 'msfunc' needs 'minvfunc' and 'mstype'");
  }
  return a;
}

Operator read_operator(const KeyReader& r) {
  Operator o;
  o.name = r.required_string("name");
  check_operator_name(r, "name", o.name);
  o.leftarg = r.sql_text("leftarg");
  o.rightarg = r.required_sql_text("rightarg");
  o.function = r.required_sql_text("function");
  o.commutator = r.string("commutator");
  if (o.commutator) {
    check_operator_name(r, "commutator", *o.commutator);
  }
  o.negator = r.string("negator");
  if (o.negator) {
    check_operator_name(r, "negator", *o.negator);
  }
  o.restrict = r.sql_text("restrict");
  o.join = r.sql_text("join");
  o.hashes = r.boolean("hashes").value_or(false);
  o.merges = r.boolean("merges").value_or(false);
  return o;
}

std::string render_aggregate_keys(const Aggregate& a) {
  std::string out = line("name", toml_string(a.name));
  if (!a.arguments.empty()) {
    out += line("arguments", toml_string(a.arguments));
  }
  out += line("sfunc", toml_string(a.sfunc)) + line("stype", toml_string(a.stype));
  out += int_line("sspace", a.sspace);
  out += opt_line("finalfunc", a.finalfunc) + flag_line("finalfunc_extra", a.finalfunc_extra) +
         opt_line("finalfunc_modify", a.finalfunc_modify);
  out += opt_line("combinefunc", a.combinefunc) + opt_line("serialfunc", a.serialfunc) +
         opt_line("deserialfunc", a.deserialfunc) + opt_line("initcond", a.initcond);
  out += opt_line("msfunc", a.msfunc) + opt_line("minvfunc", a.minvfunc) +
         opt_line("mstype", a.mstype) + int_line("msspace", a.msspace) +
         opt_line("mfinalfunc", a.mfinalfunc) + flag_line("mfinalfunc_extra", a.mfinalfunc_extra) +
         opt_line("mfinalfunc_modify", a.mfinalfunc_modify) + opt_line("minitcond", a.minitcond);
  out += opt_line("sortop", a.sortop) + flag_line("hypothetical", a.hypothetical) +
         opt_line("parallel", a.parallel);
  return out;
}

std::string render_operator_keys(const Operator& o) {
  return line("name", toml_string(o.name)) + opt_line("leftarg", o.leftarg) +
         line("rightarg", toml_string(o.rightarg)) + line("function", toml_string(o.function)) +
         opt_line("commutator", o.commutator) + opt_line("negator", o.negator) +
         opt_line("restrict", o.restrict) + opt_line("join", o.join) +
         flag_line("hashes", o.hashes) + flag_line("merges", o.merges);
}

const std::vector<std::string>& aggregate_op_names() {
  static const std::vector<std::string> k_names = {"create_aggregate", "drop_aggregate",
                                                   "create_operator", "drop_operator"};
  return k_names;
}

schema::Op read_aggregate_op(const std::string& name, const toml::table& t,
                             const std::string& path) {
  auto reader = [&](std::vector<std::string_view> keys) {
    keys.insert(keys.begin(), "op");
    return KeyReader(t, path, name, name + " op", keys);
  };
  if (name == "create_aggregate") {
    return schema::CreateAggregate{read_aggregate(reader(aggregate_keys()))};
  }
  if (name == "drop_aggregate") {
    const KeyReader r = reader(aggregate_keys());
    schema::DropAggregate op;
    op.name = r.required_string("name");
    op.arguments = r.sql_text("arguments").value_or("");
    if (util::trim(op.arguments) == "*") {
      op.arguments.clear();
    }
    // Only the name and arguments: a drop whose file gives nothing else cannot be reversed.
    if (r.has("sfunc")) {
      op.definition = read_aggregate(r);
    }
    return op;
  }
  if (name == "create_operator") {
    return schema::CreateOperator{read_operator(reader(operator_keys()))};
  }
  const KeyReader r = reader(operator_keys());
  schema::DropOperator op;
  op.name = r.required_string("name");
  check_operator_name(r, "name", op.name);
  op.leftarg = r.sql_text("leftarg");
  op.rightarg = r.required_sql_text("rightarg");
  if (r.has("function")) {
    op.definition = read_operator(r);
  }
  return op;
}

std::optional<std::string> render_aggregate_op_keys(const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateAggregate>(&op)) {
    return render_aggregate_keys(o->aggregate);
  }
  if (const auto* o = std::get_if<schema::DropAggregate>(&op)) {
    if (o->definition) {
      Aggregate a = *o->definition;
      a.name = o->name;
      a.arguments = o->arguments;
      return render_aggregate_keys(a);
    }
    return line("name", toml_string(o->name)) +
           (o->arguments.empty() ? "" : line("arguments", toml_string(o->arguments)));
  }
  if (const auto* o = std::get_if<schema::CreateOperator>(&op)) {
    return render_operator_keys(o->op);
  }
  if (const auto* o = std::get_if<schema::DropOperator>(&op)) {
    if (o->definition) {
      Operator x = *o->definition;
      x.name = o->name;
      x.leftarg = o->leftarg;
      x.rightarg = o->rightarg;
      return render_operator_keys(x);
    }
    return line("name", toml_string(o->name)) + opt_line("leftarg", o->leftarg) +
           line("rightarg", toml_string(o->rightarg));
  }
  return std::nullopt;
}

} // namespace migratecpp::migrate
