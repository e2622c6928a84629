#pragma once
// The naming convention for indexes and constraints a file leaves unnamed. A created object
// needs a name so that a later revision can drop it, and the name must not depend on the
// database, so it is computed here from the definition alone:
//
//   ix_<table>_<columns>      indexes (unique ones too)
//   uq_<table>_<columns>      unique constraints
//   fk_<table>_<columns>      foreign keys
//   ck_<table>_<identifiers>  check constraints: the identifiers of the expression
//
// Expression entries of an index ("lower(email)") contribute their identifiers. The result is
// lowercased, every character outside [a-z0-9_] becomes '_', and a name longer than 63
// characters (PostgreSQL's limit) is cut to 54 characters + '_' + 8 hex digits of the FNV-1a
// hash of the whole name, so that two long names differing only at the end stay distinct.
// Within one table a name already taken gets _2, _3, ... appended.
#include "schema/model.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migratecpp::schema {

// PostgreSQL truncates identifiers to 63 bytes; MySQL allows 64. 63 fits all three.
constexpr std::size_t k_max_identifier_length = 63;

std::string index_name(const std::string& table, const Index& index);
std::string unique_name(const std::string& table, const UniqueConstraint& unique);
std::string foreign_key_name(const std::string& table, const ForeignKey& foreign_key);
std::string check_name(const std::string& table, const CheckConstraint& check);

// Lowercase, [a-z0-9_] only, shortened with a hash past k_max_identifier_length.
std::string normalize_name(std::string_view raw);

// The identifiers of an SQL expression, in order of first appearance, each once: quoted
// identifiers without their quotes; string and number literals, and the keywords AND OR NOT
// NULL IS IN LIKE ILIKE BETWEEN TRUE FALSE CASE WHEN THEN ELSE END, left out.
// "age >= 0 AND age < 150" -> {"age"}; "lower(\"Email\")" -> {"lower", "Email"}.
std::vector<std::string> expression_identifiers(std::string_view expression);

// Gives every unnamed index, unique constraint, foreign key and check of `table` its
// convention name, suffixed _2, _3, ... where the table already uses that name.
void name_unnamed(Table& table);

} // namespace migratecpp::schema
