#include "schema/aggregate.h"

#include "schema/aggregate_ops.h"
#include "schema/model.h"
#include "util/error.h"

#include "util/strings.h"

namespace migratecpp::schema {

std::string aggregate_key(const std::string& name, const std::string& arguments) {
  return name + "(" + (arguments.empty() ? "*" : arguments) + ")";
}

std::string operator_key(const std::string& name, const std::optional<std::string>& leftarg,
                         const std::string& rightarg) {
  return name + "(" + leftarg.value_or("NONE") + ", " + rightarg + ")";
}

std::string aggregate_label(const std::string& name, const std::string& arguments) {
  return "aggregate " + util::squote(aggregate_key(name, arguments));
}

std::string operator_label(const std::string& name, const std::optional<std::string>& leftarg,
                           const std::string& rightarg) {
  return "operator " + util::squote(operator_key(name, leftarg, rightarg));
}

const Aggregate* find_aggregate(const Database& db, const std::string& name,
                                const std::string& arguments) {
  for (const auto& a : db.aggregates) {
    if (a.name == name && a.arguments == arguments) {
      return &a;
    }
  }
  return nullptr;
}

const Operator* find_operator(const Database& db, const std::string& name,
                              const std::optional<std::string>& leftarg,
                              const std::string& rightarg) {
  for (const auto& o : db.operators) {
    if (o.name == name && o.leftarg == leftarg && o.rightarg == rightarg) {
      return &o;
    }
  }
  return nullptr;
}

void apply_aggregate_op(Database& db, const CreateAggregate& op) {
  const Aggregate& a = op.aggregate;
  if (find_aggregate(db, a.name, a.arguments) != nullptr) {
    throw util::Error(aggregate_label(a.name, a.arguments) + " already exists");
  }
  db.aggregates.push_back(a);
}

void apply_aggregate_op(Database& db, const DropAggregate& op) {
  if (find_aggregate(db, op.name, op.arguments) == nullptr) {
    throw util::Error(aggregate_label(op.name, op.arguments) + " does not exist");
  }
  std::erase_if(db.aggregates, [&](const Aggregate& a) {
    return a.name == op.name && a.arguments == op.arguments;
  });
}

void apply_aggregate_op(Database& db, const CreateOperator& op) {
  const Operator& o = op.op;
  if (find_operator(db, o.name, o.leftarg, o.rightarg) != nullptr) {
    throw util::Error(operator_label(o.name, o.leftarg, o.rightarg) + " already exists");
  }
  db.operators.push_back(o);
}

void apply_aggregate_op(Database& db, const DropOperator& op) {
  if (find_operator(db, op.name, op.leftarg, op.rightarg) == nullptr) {
    throw util::Error(operator_label(op.name, op.leftarg, op.rightarg) + " does not exist");
  }
  std::erase_if(db.operators, [&](const Operator& o) {
    return o.name == op.name && o.leftarg == op.leftarg && o.rightarg == op.rightarg;
  });
}

} // namespace migratecpp::schema
