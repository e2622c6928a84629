#include "migrate/diff_aggregates.h"

#include "util/strings.h"

namespace migratecpp::migrate {

namespace {

using schema::Aggregate;
using schema::Operator;

std::optional<std::string> norm(const std::optional<std::string>& text) {
  if (!text) {
    return text;
  }
  return normalize_expression(*text);
}

// Names of functions, types and operators in one spelling ("TEXT" is "text"); initial
// conditions are values, compared as written.
Aggregate comparable(Aggregate a) {
  a.arguments = normalize_expression(a.arguments);
  a.sfunc = normalize_expression(a.sfunc);
  a.stype = normalize_expression(a.stype);
  for (auto* field : {&a.finalfunc, &a.combinefunc, &a.serialfunc, &a.deserialfunc, &a.msfunc,
                      &a.minvfunc, &a.mstype, &a.mfinalfunc, &a.sortop}) {
    *field = norm(*field);
  }
  return a;
}

Operator comparable(Operator o) {
  o.leftarg = norm(o.leftarg);
  o.rightarg = normalize_expression(o.rightarg);
  o.function = normalize_expression(o.function);
  o.restrict = norm(o.restrict);
  o.join = norm(o.join);
  return o;
}

} // namespace

AggregateChanges diff_aggregates(const schema::Database& current, const schema::Database& desired,
                                 const DiffOptions& options) {
  AggregateChanges out;
  std::vector<schema::Op> aggregate_drops;
  std::vector<schema::Op> operator_drops;
  std::vector<schema::Op> operator_creates;
  std::vector<schema::Op> aggregate_creates;
  auto managed_aggregate = [&](const Aggregate& a) {
    return options.objects.manages("aggregates", a.name);
  };
  auto managed_operator = [&](const Operator& o) {
    return options.objects.manages("operators", o.name);
  };
  for (const Aggregate& have : current.aggregates) {
    if (!managed_aggregate(have)) {
      continue;
    }
    const Aggregate* want = schema::find_aggregate(desired, have.name, have.arguments);
    if (want != nullptr && comparable(have) == comparable(*want)) {
      continue;
    }
    aggregate_drops.push_back(schema::DropAggregate{have.name, have.arguments, have});
    if (want != nullptr) {
      aggregate_creates.push_back(schema::CreateAggregate{*want});
      const std::string key = schema::aggregate_key(have.name, have.arguments);
      out.recreated.insert(key);
      out.warnings.push_back("aggregate " + util::squote(key) +
                             " changes: it is dropped and created again, with the views that "
                             "use it");
    }
  }
  for (const Aggregate& want : desired.aggregates) {
    if (managed_aggregate(want) &&
        schema::find_aggregate(current, want.name, want.arguments) == nullptr) {
      aggregate_creates.push_back(schema::CreateAggregate{want});
    }
  }
  for (const Operator& have : current.operators) {
    if (!managed_operator(have)) {
      continue;
    }
    const Operator* want = schema::find_operator(desired, have.name, have.leftarg, have.rightarg);
    if (want != nullptr && comparable(have) == comparable(*want)) {
      continue;
    }
    operator_drops.push_back(schema::DropOperator{have.name, have.leftarg, have.rightarg, have});
    if (want != nullptr) {
      operator_creates.push_back(schema::CreateOperator{*want});
      const std::string key = schema::operator_key(have.name, have.leftarg, have.rightarg);
      out.recreated.insert(key);
      out.warnings.push_back("operator " + util::squote(key) +
                             " changes: it is dropped and created again, with the views that "
                             "use it");
    }
  }
  for (const Operator& want : desired.operators) {
    if (managed_operator(want) &&
        schema::find_operator(current, want.name, want.leftarg, want.rightarg) == nullptr) {
      operator_creates.push_back(schema::CreateOperator{want});
    }
  }
  for (auto* part : {&aggregate_drops, &operator_drops, &operator_creates, &aggregate_creates}) {
    out.ops.insert(out.ops.end(), part->begin(), part->end());
  }
  return out;
}

} // namespace migratecpp::migrate
