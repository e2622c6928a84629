// What a table rebuild carries over beyond the schema model: read from the stored CREATE
// TABLE and CREATE TRIGGER text online, from the SQL of earlier execute ops offline.
#include "dialects/sqlite/sqlite_table_extras.h"

#include "dialects/sqlite/sql_text.h"
#include "dialects/sqlite/sqlite_ddl.h"
#include "util/error.h"

#include <algorithm>
#include <optional>

namespace migratecpp::dialects::sqlite::detail {

namespace {

using util::sql::span_text;

// The tokens of `sql` that are not comments.
std::vector<Token> code_tokens(std::string_view sql) {
  std::vector<Token> out;
  for (auto& t : tokenize(sql)) {
    if (t.kind != TokenKind::comment) {
      out.push_back(std::move(t));
    }
  }
  return out;
}

[[noreturn]] void refuse(const std::string& table, const std::string& why, std::string_view clause,
                         std::string_view item) {
  throw util::Error("cannot rebuild table '" + table + "' (" + why + "): its definition has " +
                    std::string(clause) + " in '" + std::string(item) +
                    "', which a rebuild cannot carry over; nothing was changed. Make this change "
                    "with an execute op that rebuilds the table by hand");
}

// Index (into `tokens`) of each top-level item of the parenthesized list at tokens[open],
// as [first, last] of its non-comment tokens.
std::vector<std::pair<std::size_t, std::size_t>> list_items(const std::vector<Token>& tokens,
                                                            std::size_t open, std::size_t close) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = open + 1;
  for (std::size_t i = open + 1; i <= close; ++i) {
    if (i < close && is_punct(tokens[i], "(")) {
      i = matching_paren(tokens, i);
      continue;
    }
    if (i == close || is_punct(tokens[i], ",")) {
      if (i > start) {
        out.emplace_back(start, i - 1);
      }
      start = i + 1;
    }
  }
  return out;
}

bool starts_constraint(const Token& t) {
  for (std::string_view kw : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
    if (is_keyword(t, kw)) {
      return true;
    }
  }
  return false;
}

// Reads the stored CREATE TABLE text: the clauses the model has no place for.
// `model`: the table as the schema model has it. A foreign key's DEFERRABLE clause is in the
// model (the rebuild writes it from there); one the model does not know of (a table an execute
// op made) cannot be carried over.
void read_create_table(const schema::Table& model, const std::string& sql, const std::string& why,
                       TableExtras& out) {
  const std::string& table = model.name;
  const bool model_defers = std::any_of(model.foreign_keys.begin(), model.foreign_keys.end(),
                                        [](const schema::ForeignKey& f) { return f.deferrable; });
  const auto tokens = code_tokens(sql);
  std::size_t open = 0;
  while (open < tokens.size() && !is_punct(tokens[open], "(")) {
    ++open;
  }
  if (open == tokens.size()) {
    return; // CREATE TABLE ... AS SELECT: nothing beyond the columns
  }
  const std::size_t close = matching_paren(tokens, open);
  if (close >= tokens.size()) {
    return;
  }
  if (close + 1 < tokens.size()) {
    out.table_options = std::string(span_text(sql, tokens, close + 1, tokens.size() - 1));
  }
  std::string previous;
  for (const auto& [first, last] : list_items(tokens, open, close)) {
    const std::string_view item = span_text(sql, tokens, first, last);
    bool generated = false;
    for (std::size_t i = first; i <= last; ++i) {
      const Token& t = tokens[i];
      if (is_punct(t, "(")) {
        i = matching_paren(tokens, i);
        continue;
      }
      if (is_keyword(t, "ON") && i < last && is_keyword(tokens[i + 1], "CONFLICT")) {
        refuse(table, why, "ON CONFLICT", item);
      }
      if (is_keyword(t, "DEFERRABLE") && !(i > first && is_keyword(tokens[i - 1], "NOT")) &&
          !model_defers) {
        refuse(table, why, "DEFERRABLE", item);
      }
      if (is_keyword(t, "GENERATED") ||
          (is_keyword(t, "AS") && i < last && is_punct(tokens[i + 1], "("))) {
        generated = true;
      }
    }
    if (starts_constraint(tokens[first])) {
      continue;
    }
    const std::string name = identifier_value(tokens[first]);
    if (generated) {
      out.generated.push_back({name, previous, std::string(item)});
      continue;
    }
    previous = name;
  }
}

// The name after tokens[i] (skipping IF [NOT] EXISTS), as [schema.]name: the name, and the
// index after it.
std::pair<std::string, std::size_t> object_name(const std::vector<Token>& t, std::size_t i) {
  if (i < t.size() && is_keyword(t[i], "IF")) {
    ++i;
    if (i < t.size() && is_keyword(t[i], "NOT")) {
      ++i;
    }
    ++i; // EXISTS
  }
  if (i >= t.size()) {
    return {"", i};
  }
  std::string name = identifier_value(t[i]);
  ++i;
  if (i + 1 < t.size() && is_punct(t[i], ".")) {
    name = identifier_value(t[i + 1]);
    i += 2;
  }
  return {name, i};
}

// The statements of `sql`, split at the semicolons that end one (not those inside a
// trigger's BEGIN ... END body).
std::vector<std::string> statements_of(const std::string& sql) {
  const auto tokens = code_tokens(sql);
  std::vector<std::string> out;
  std::size_t start = 0;
  bool trigger = false;
  bool body = false;
  int cases = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (i == start + 1 || i == start + 2) {
      trigger = trigger || is_keyword(t, "TRIGGER");
    }
    if (trigger && is_keyword(t, "BEGIN")) {
      body = true;
    } else if (body && is_keyword(t, "CASE")) {
      ++cases;
    } else if (body && is_keyword(t, "END") && cases > 0) {
      --cases;
    }
    const bool ends = is_punct(t, ";") &&
                      (!body || (i > start && is_keyword(tokens[i - 1], "END") && cases == 0));
    if (ends || i + 1 == tokens.size()) {
      const std::size_t last = ends ? i : i + 1;
      if (last > start) {
        out.emplace_back(span_text(sql, tokens, start, last - 1));
      }
      start = i + 1;
      trigger = body = false;
      cases = 0;
    }
  }
  return out;
}

// Offline: what the execute ops before the rebuild did to `table`.
void read_executed(const schema::Table& table, const RenderContext& context, const std::string& why,
                   TableExtras& out) {
  struct Added {
    std::string column;
    std::string where;
  };
  std::vector<Added> added;
  for (const auto& executed : context.executed) {
    for (const auto& statement : statements_of(executed.sql)) {
      const auto t = code_tokens(statement);
      if (t.size() < 3) {
        continue;
      }
      if (is_keyword(t[0], "CREATE")) {
        std::size_t i = 1;
        if (is_keyword(t[i], "TEMP") || is_keyword(t[i], "TEMPORARY") ||
            is_keyword(t[i], "UNIQUE")) {
          ++i;
        }
        const bool trigger = is_keyword(t[i], "TRIGGER");
        if (!trigger && !is_keyword(t[i], "INDEX")) {
          continue;
        }
        // Not a structured binding: the lambdas below capture `name`, which clang before 16
        // refuses for a binding.
        const auto named = object_name(t, i + 1);
        const auto& name = named.first;
        auto next = named.second;
        while (next < t.size() && !is_keyword(t[next], "ON")) {
          ++next;
        }
        const auto on = object_name(t, next + 1).first;
        if (name.empty() || !same_name(on, table.name)) {
          continue;
        }
        const bool modelled = !trigger && std::any_of(table.indexes.begin(), table.indexes.end(),
                                                      [&](const schema::Index& idx) {
                                                        return same_name(idx.name, name);
                                                      });
        std::erase_if(out.objects, [&](const auto& o) { return same_name(o.name, name); });
        if (!modelled) {
          out.objects.push_back({name, statement, trigger});
        }
      } else if (is_keyword(t[0], "DROP") &&
                 (is_keyword(t[1], "TRIGGER") || is_keyword(t[1], "INDEX"))) {
        const auto name = object_name(t, 2).first;
        std::erase_if(out.objects, [&](const auto& o) { return same_name(o.name, name); });
      } else if (is_keyword(t[0], "ALTER") && is_keyword(t[1], "TABLE")) {
        auto [name, i] = object_name(t, 2);
        if (!same_name(name, table.name) || i >= t.size()) {
          continue;
        }
        const bool add = is_keyword(t[i], "ADD");
        const bool drop = is_keyword(t[i], "DROP");
        const bool rename = is_keyword(t[i], "RENAME");
        if (add || drop || rename) {
          ++i;
          if (i < t.size() && is_keyword(t[i], "COLUMN")) {
            ++i;
          }
          if (i >= t.size() || (rename && is_keyword(t[i], "TO"))) {
            continue; // RENAME TO: the table, not a column
          }
          const std::string column = identifier_value(t[i]);
          auto same = [&](const Added& a) { return same_name(a.column, column); };
          if (add) {
            added.push_back({column, executed.where});
          } else if (drop) {
            std::erase_if(added, same);
          } else if (i + 2 < t.size()) {
            for (auto& a : added) {
              if (same(a)) {
                a.column = identifier_value(t[i + 2]);
              }
            }
          }
        }
      }
    }
  }
  for (const auto& a : added) {
    if (find_column(table, a.column) == nullptr) {
      throw util::Error("cannot rebuild table '" + table.name + "' (" + why +
                        ") in a script: " + a.where + " added column '" + a.column +
                        "' to it, which the schema the script is rendered from cannot see, so "
                        "the rebuild would drop the column and its data. Run this upgrade "
                        "online (it reads the database after an execute op), or add the "
                        "column with an add_column op");
    }
  }
}

} // namespace

void TableExtras::rename_column(const std::string& from, const std::string& to) {
  for (auto& g : generated) {
    if (same_name(g.after, from)) {
      g.after = to;
    }
    g.definition = rename_identifier(g.definition, from, to);
  }
  for (auto& o : objects) {
    o.sql = rename_identifier(o.sql, from, to);
  }
}

TableExtras table_extras(const schema::Table& table, const RenderContext& context,
                         const std::string& why) {
  TableExtras out;
  if (context.live == nullptr) {
    read_executed(table, context, why, out);
    return out;
  }
  const auto rows = context.live->query(
      "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? COLLATE NOCASE AND "
      "type IN ('table', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
      {table.name});
  for (const auto& r : rows.rows) {
    const std::string type = r[0].value_or("");
    const std::string sql = r[2].value_or("");
    if (type == "table") {
      read_create_table(table, sql, why, out);
      // A generated column the model knows is made from the model's definition.
      std::erase_if(out.generated, [&](const TableExtras::Generated& g) {
        return find_column(table, g.name) != nullptr;
      });
    } else {
      out.objects.push_back({r[1].value_or(""), sql, true});
    }
  }
  return out;
}

void check_generated_columns(const TableExtras& extras, const schema::Table& from,
                             const schema::Table& to, const std::string& why) {
  auto check = [&](const std::string& name, const std::string& definition) {
    for (const auto& c : from.columns) {
      if (find_column(to, c.name) == nullptr && mentions_identifier(definition, c.name)) {
        throw util::Error("cannot rebuild table '" + from.name + "' (" + why +
                          "): its generated column '" + name + "' uses column '" + c.name +
                          "', which the new definition no longer has; nothing was changed");
      }
    }
  };
  for (const auto& g : extras.generated) {
    check(g.name, g.definition);
  }
  // Those the model knows, as the new definition states them.
  for (const auto& c : to.columns) {
    if (c.generated) {
      check(c.name, c.generated->expression);
    }
  }
}

} // namespace migratecpp::dialects::sqlite::detail
