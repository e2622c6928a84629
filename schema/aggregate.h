#pragma once
// PostgreSQL user-defined aggregates (CREATE AGGREGATE) and operators (CREATE OPERATOR): the
// catalog rows pg_dump writes back (pg_aggregate, pg_operator), one field a clause. Function
// and type names are written as PostgreSQL prints them (regproc, format_type): unqualified
// when visible from the managed schema. Included by model.h (Database holds them).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace migratecpp::schema {

// CREATE AGGREGATE name (arguments) (SFUNC = ..., STYPE = ..., ...). Identity: name and
// arguments (the identity arguments as pg_get_function_identity_arguments prints them; ""
// is an aggregate over `*`). Options left out are PostgreSQL's defaults.
struct Aggregate {
  std::string name;
  std::string arguments;
  std::string sfunc;
  std::string stype;
  std::optional<std::int64_t> sspace;
  std::optional<std::string> finalfunc;
  bool finalfunc_extra = false;
  // "read_only" | "shareable" | "read_write", where not the default (read_only; read_write
  // for an ordered-set aggregate).
  std::optional<std::string> finalfunc_modify;
  std::optional<std::string> combinefunc;
  std::optional<std::string> serialfunc;
  std::optional<std::string> deserialfunc;
  std::optional<std::string> initcond; // the state's initial value as text (not SQL)
  std::optional<std::string> msfunc;   // moving-aggregate mode
  std::optional<std::string> minvfunc;
  std::optional<std::string> mstype;
  std::optional<std::int64_t> msspace;
  std::optional<std::string> mfinalfunc;
  bool mfinalfunc_extra = false;
  std::optional<std::string> mfinalfunc_modify;
  std::optional<std::string> minitcond;
  std::optional<std::string> sortop; // an operator name: "<", ">"
  bool hypothetical = false;
  std::optional<std::string> parallel; // "safe" | "restricted" (not "unsafe")
  bool operator==(const Aggregate&) const = default;
};

// CREATE OPERATOR name (FUNCTION = ..., LEFTARG = ..., RIGHTARG = ..., ...). Identity: name,
// leftarg (none: a prefix operator) and rightarg.
struct Operator {
  std::string name; // "~<<", "==="
  std::optional<std::string> leftarg;
  std::string rightarg;
  std::string function;
  std::optional<std::string> commutator; // an operator name
  std::optional<std::string> negator;
  std::optional<std::string> restrict; // a selectivity function: "eqsel"
  std::optional<std::string> join;     // "eqjoinsel"
  bool hashes = false;
  bool merges = false;
  bool operator==(const Operator&) const = default;
};

// "aggregate 'group_concat(text)'", "operator '~<<(text, text)'" (NONE for no left argument),
// as the unmanaged-object list named them.
std::string aggregate_label(const std::string& name, const std::string& arguments);
std::string operator_label(const std::string& name, const std::optional<std::string>& leftarg,
                           const std::string& rightarg);
// What a view's depends_on names an aggregate or operator by (the same text as the labels'
// quoted part): "group_concat(text)", "~<<(text, text)".
std::string aggregate_key(const std::string& name, const std::string& arguments);
std::string operator_key(const std::string& name, const std::optional<std::string>& leftarg,
                         const std::string& rightarg);

} // namespace migratecpp::schema
