#pragma once
// Views compare in the server's stored form: PostgreSQL deparses a view's query
// (pg_get_viewdef), MariaDB rewrites it (names qualified and quoted, keywords lowercased),
// SQLite keeps it as written (compared as tokens, diff_views.h). Where a model's view differs
// from the live one of the same name, the dialect says how it would store the model's
// (Dialect::stored_view_forms, statements only for the views that differ); if that is what the
// live view holds, the model takes the live text. The probe's signature (the columns the
// server would give the view) goes on the model's view either way, for the diff's choice
// between CREATE OR REPLACE and drop + create.
#include "dialects/dialect.h"
#include "schema/model.h"

namespace migratecpp::migrate {

void align_view_definitions(dialects::Connection& conn, const dialects::Dialect& dialect,
                            const schema::Database& live, schema::Database& desired);

} // namespace migratecpp::migrate
