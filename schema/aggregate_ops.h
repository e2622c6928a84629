#pragma once
// Ops on PostgreSQL aggregates and operators (schema/aggregate.h). A changed one is dropped and
// created again (CREATE OR REPLACE AGGREGATE cannot change every option, and there is no
// CREATE OR REPLACE OPERATOR); drops carry the object for their reverse. Included by ops.h.
#include "schema/aggregate.h"

#include <optional>
#include <string>

namespace migratecpp::schema {

struct CreateAggregate {
  Aggregate aggregate;
  bool operator==(const CreateAggregate&) const = default;
};
struct DropAggregate {
  std::string name;
  std::string arguments;
  std::optional<Aggregate> definition;
  bool operator==(const DropAggregate&) const = default;
};
struct CreateOperator {
  Operator op;
  bool operator==(const CreateOperator&) const = default;
};
struct DropOperator {
  std::string name;
  std::optional<std::string> leftarg;
  std::string rightarg;
  std::optional<Operator> definition;
  bool operator==(const DropOperator&) const = default;
};

struct Database;
const Aggregate* find_aggregate(const Database& db, const std::string& name,
                                const std::string& arguments);
const Operator* find_operator(const Database& db, const std::string& name,
                              const std::optional<std::string>& leftarg,
                              const std::string& rightarg);

// Folding the ops into a model (schema::apply): a create of what exists, or a drop of what
// does not, throws util::Error naming it.
void apply_aggregate_op(Database& db, const CreateAggregate& op);
void apply_aggregate_op(Database& db, const DropAggregate& op);
void apply_aggregate_op(Database& db, const CreateOperator& op);
void apply_aggregate_op(Database& db, const DropOperator& op);

} // namespace migratecpp::schema
