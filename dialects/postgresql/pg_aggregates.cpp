#include "dialects/postgresql/pg_aggregates.h"

#include "dialects/postgresql/pg_dialect.h"
#include "dialects/postgresql/pg_objects_introspect.h"
#include "util/strings.h"

namespace migratecpp::dialects::postgresql {

namespace {

using schema::Aggregate;
using schema::Operator;

std::string signature_sql(const Aggregate& a) {
  return "(" + (a.arguments.empty() ? std::string("*") : a.arguments) + ")";
}

std::string upper(const std::string& s) {
  std::string out = s;
  for (auto& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// pg_dump's dumpAgg: SFUNC and STYPE, then each option that is not the default.
std::string create_aggregate_sql(const PostgresDialect& d, const Aggregate& a) {
  std::vector<std::string> clauses = {"SFUNC = " + a.sfunc, "STYPE = " + a.stype};
  auto add = [&](const char* key, const std::optional<std::string>& value) {
    if (value) {
      clauses.push_back(std::string(key) + " = " + *value);
    }
  };
  if (a.sspace) {
    clauses.push_back("SSPACE = " + std::to_string(*a.sspace));
  }
  if (a.initcond) {
    clauses.push_back("INITCOND = " + d.quote_string(*a.initcond));
  }
  add("FINALFUNC", a.finalfunc);
  if (a.finalfunc_extra) {
    clauses.push_back("FINALFUNC_EXTRA");
  }
  if (a.finalfunc_modify) {
    clauses.push_back("FINALFUNC_MODIFY = " + upper(*a.finalfunc_modify));
  }
  add("COMBINEFUNC", a.combinefunc);
  add("SERIALFUNC", a.serialfunc);
  add("DESERIALFUNC", a.deserialfunc);
  add("MSFUNC", a.msfunc);
  add("MINVFUNC", a.minvfunc);
  add("MSTYPE", a.mstype);
  if (a.msspace) {
    clauses.push_back("MSSPACE = " + std::to_string(*a.msspace));
  }
  add("MFINALFUNC", a.mfinalfunc);
  if (a.mfinalfunc_extra) {
    clauses.push_back("MFINALFUNC_EXTRA");
  }
  if (a.mfinalfunc_modify) {
    clauses.push_back("MFINALFUNC_MODIFY = " + upper(*a.mfinalfunc_modify));
  }
  if (a.minitcond) {
    clauses.push_back("MINITCOND = " + d.quote_string(*a.minitcond));
  }
  if (a.sortop) {
    clauses.push_back("SORTOP = " + *a.sortop);
  }
  if (a.hypothetical) {
    clauses.push_back("HYPOTHETICAL");
  }
  if (a.parallel) {
    clauses.push_back("PARALLEL = " + upper(*a.parallel));
  }
  return "CREATE AGGREGATE " + d.quote_ident(a.name) + signature_sql(a) + " (\n    " +
         util::join(clauses, ",\n    ") + "\n)";
}

// pg_dump's dumpOpr. An operator's name is operator characters only (checked when read), so
// it is written as it is: it cannot be quoted.
std::string create_operator_sql(const Operator& o) {
  std::vector<std::string> clauses = {"FUNCTION = " + o.function};
  if (o.leftarg) {
    clauses.push_back("LEFTARG = " + *o.leftarg);
  }
  clauses.push_back("RIGHTARG = " + o.rightarg);
  if (o.commutator) {
    clauses.push_back("COMMUTATOR = " + *o.commutator);
  }
  if (o.negator) {
    clauses.push_back("NEGATOR = " + *o.negator);
  }
  if (o.merges) {
    clauses.push_back("MERGES");
  }
  if (o.hashes) {
    clauses.push_back("HASHES");
  }
  if (o.restrict) {
    clauses.push_back("RESTRICT = " + *o.restrict);
  }
  if (o.join) {
    clauses.push_back("JOIN = " + *o.join);
  }
  return "CREATE OPERATOR " + o.name + " (\n    " + util::join(clauses, ",\n    ") + "\n)";
}

} // namespace

std::vector<Statement> render_aggregate_op(const PostgresDialect& d, const schema::Op& op) {
  if (const auto* o = std::get_if<schema::CreateAggregate>(&op)) {
    const Aggregate& a = o->aggregate;
    return {{create_aggregate_sql(d, a), "create " + schema::aggregate_label(a.name, a.arguments)}};
  }
  if (const auto* o = std::get_if<schema::DropAggregate>(&op)) {
    Aggregate a;
    a.arguments = o->arguments;
    return {{"DROP AGGREGATE " + d.quote_ident(o->name) + signature_sql(a),
             "drop " + schema::aggregate_label(o->name, o->arguments)}};
  }
  if (const auto* o = std::get_if<schema::CreateOperator>(&op)) {
    const Operator& x = o->op;
    return {{create_operator_sql(x),
             "create " + schema::operator_label(x.name, x.leftarg, x.rightarg)}};
  }
  const auto& o = std::get<schema::DropOperator>(op);
  return {{"DROP OPERATOR " + o.name + " (" + o.leftarg.value_or("NONE") + ", " + o.rightarg + ")",
           "drop " + schema::operator_label(o.name, o.leftarg, o.rightarg)}};
}

namespace {

constexpr const char* k_aggregates_query = R"sql(
SELECT p.proname AS name, pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments,
       a.aggkind AS kind, a.aggtransfn::text AS sfunc,
       pg_catalog.format_type(a.aggtranstype, NULL) AS stype, a.aggtransspace AS sspace,
       nullif(a.aggfinalfn::text, '-') AS finalfunc, a.aggfinalextra AS finalfunc_extra,
       a.aggfinalmodify AS finalfunc_modify, nullif(a.aggcombinefn::text, '-') AS combinefunc,
       nullif(a.aggserialfn::text, '-') AS serialfunc,
       nullif(a.aggdeserialfn::text, '-') AS deserialfunc, a.agginitval AS initcond,
       nullif(a.aggmtransfn::text, '-') AS msfunc, nullif(a.aggminvtransfn::text, '-') AS minvfunc,
       CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END
         AS mstype,
       a.aggmtransspace AS msspace, nullif(a.aggmfinalfn::text, '-') AS mfinalfunc,
       a.aggmfinalextra AS mfinalfunc_extra, a.aggmfinalmodify AS mfinalfunc_modify,
       a.aggminitval AS minitcond,
       (SELECT o.oprname::text FROM pg_catalog.pg_operator o WHERE o.oid = a.aggsortop) AS sortop,
       p.proparallel AS parallel
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND p.prokind = 'a'
   AND NOT_EXTENSION_MEMBER
 ORDER BY p.proname, arguments
)sql";

constexpr const char* k_operators_query = R"sql(
SELECT o.oprname::text AS name,
       CASE WHEN o.oprleft <> 0 THEN pg_catalog.format_type(o.oprleft, NULL) END AS leftarg,
       pg_catalog.format_type(o.oprright, NULL) AS rightarg, o.oprcode::text AS function,
       (SELECT c.oprname::text FROM pg_catalog.pg_operator c WHERE c.oid = o.oprcom)
         AS commutator,
       (SELECT c.oprname::text FROM pg_catalog.pg_operator c WHERE c.oid = o.oprnegate)
         AS negator,
       nullif(o.oprrest::text, '-') AS restrict, nullif(o.oprjoin::text, '-') AS join_function,
       o.oprcanhash AS hashes, o.oprcanmerge AS merges
  FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
 WHERE n.nspname = coalesce(nullif($1, ''), current_schema()) AND o.oprcode::oid <> 0
   AND NOT_EXTENSION_MEMBER
 ORDER BY 1, 2 NULLS FIRST, 3
)sql";

std::string with_extension_filter(std::string query, std::string_view classid,
                                  std::string_view objid) {
  const std::string marker = "NOT_EXTENSION_MEMBER";
  query.replace(query.find(marker), marker.size(), not_extension_member(classid, objid));
  return query;
}

std::optional<std::string> modify_name(const std::string& code, const std::string& kind) {
  const std::string fallback = kind == "n" ? "r" : "w"; // ordered-set: read_write
  if (code == fallback) {
    return std::nullopt;
  }
  if (code == "s") {
    return "shareable";
  }
  return code == "w" ? "read_write" : "read_only";
}

std::optional<std::int64_t> space(const std::string& text) {
  if (text.empty() || text == "0") {
    return std::nullopt;
  }
  return std::stoll(text);
}

} // namespace

std::vector<Aggregate> read_aggregates(Connection& conn,
                                       const std::vector<std::optional<std::string>>& params) {
  const Rows rows =
      conn.query(with_extension_filter(k_aggregates_query, "pg_catalog.pg_proc", "p.oid"), params);
  std::vector<Aggregate> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    Aggregate a;
    const std::string kind = rows.text(r, "kind");
    a.name = rows.text(r, "name");
    a.arguments = rows.text(r, "arguments");
    a.sfunc = rows.text(r, "sfunc");
    a.stype = rows.text(r, "stype");
    a.sspace = space(rows.text(r, "sspace"));
    a.finalfunc = rows.get(r, "finalfunc");
    if (a.finalfunc) {
      a.finalfunc_extra = rows.text(r, "finalfunc_extra") == "t";
      a.finalfunc_modify = modify_name(rows.text(r, "finalfunc_modify"), kind);
    }
    a.combinefunc = rows.get(r, "combinefunc");
    a.serialfunc = rows.get(r, "serialfunc");
    a.deserialfunc = rows.get(r, "deserialfunc");
    a.initcond = rows.get(r, "initcond");
    a.msfunc = rows.get(r, "msfunc");
    if (a.msfunc) {
      a.minvfunc = rows.get(r, "minvfunc");
      a.mstype = rows.get(r, "mstype");
      a.msspace = space(rows.text(r, "msspace"));
      a.mfinalfunc = rows.get(r, "mfinalfunc");
      if (a.mfinalfunc) {
        a.mfinalfunc_extra = rows.text(r, "mfinalfunc_extra") == "t";
        a.mfinalfunc_modify = modify_name(rows.text(r, "mfinalfunc_modify"), kind);
      }
      a.minitcond = rows.get(r, "minitcond");
    }
    a.sortop = rows.get(r, "sortop");
    a.hypothetical = kind == "h";
    const std::string parallel = rows.text(r, "parallel");
    if (parallel == "s") {
      a.parallel = "safe";
    } else if (parallel == "r") {
      a.parallel = "restricted";
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<Operator> read_operators(Connection& conn,
                                     const std::vector<std::optional<std::string>>& params) {
  const Rows rows = conn.query(
      with_extension_filter(k_operators_query, "pg_catalog.pg_operator", "o.oid"), params);
  std::vector<Operator> out;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    Operator o;
    o.name = rows.text(r, "name");
    o.leftarg = rows.get(r, "leftarg");
    o.rightarg = rows.text(r, "rightarg");
    o.function = rows.text(r, "function");
    o.commutator = rows.get(r, "commutator");
    o.negator = rows.get(r, "negator");
    o.restrict = rows.get(r, "restrict");
    o.join = rows.get(r, "join_function");
    o.hashes = rows.text(r, "hashes") == "t";
    o.merges = rows.text(r, "merges") == "t";
    out.push_back(std::move(o));
  }
  return out;
}

} // namespace migratecpp::dialects::postgresql
