// The default rendering of a group of ops (Dialect::render_group): each op against the schema
// the ops before it leave, as the runner would render them one by one.
#include "dialects/dialect.h"
#include "schema/apply.h"
#include "util/error.h"

namespace migratecpp::dialects {

std::vector<Statement> Dialect::render_group(std::span<const schema::Op> ops,
                                             const schema::Database& before,
                                             const RenderContext& context) const {
  std::vector<Statement> out;
  schema::Database state = before;
  for (const schema::Op& op : ops) {
    auto statements = render(op, state, context);
    out.insert(out.end(), std::make_move_iterator(statements.begin()),
               std::make_move_iterator(statements.end()));
    schema::apply(state, op);
  }
  return out;
}

} // namespace migratecpp::dialects
