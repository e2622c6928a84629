# Objects the models cannot describe yet (a PostgreSQL policy, a MariaDB event, an SQLite
# virtual table whose module migratecpp's SQLite lacks) are named, never dropped: `inspect` names each on stderr, `check` and
# `revision --autogenerate` say they are left alone, and the revision autogenerate writes does
# not touch them (issue 11). A trigger (and PostgreSQL's trigger function) is a model object
# now: inspect writes it, and the models here hold it.
# Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db unmanaged
rm -f models/schema.toml
cat >models/app.toml <<'TOML'
[[table]]
name = "users"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "email", type = "varchar(100)" },
]

[[table]]
name = "audit"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "what", type = "varchar(100)" },
]
TOML
run revision --autogenerate -m "users"; expect_rc 0
run upgrade head; expect_rc 0

if db_is postgresql; then
  q "CREATE FUNCTION log_user() RETURNS trigger LANGUAGE plpgsql AS
     'BEGIN INSERT INTO audit (id, what) VALUES (NEW.id, ''user''); RETURN NEW; END';
     CREATE TRIGGER users_audit AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION log_user()"
  trigger_fn="function 'log_user()'"
elif db_is mysql; then
  q "CREATE TRIGGER users_audit AFTER INSERT ON users FOR EACH ROW
     INSERT INTO audit (id, what) VALUES (NEW.id, 'user')"
else
  q "CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN
     INSERT INTO audit (id, what) VALUES (NEW.id, 'user'); END"
fi
# What no model can hold yet, one per database.
if db_is postgresql; then
  q "CREATE POLICY users_own ON users USING (true)"
  unmanaged="policy 'users_own' on 'users'" unmanaged_name=users_own
elif db_is mysql; then
  q "CREATE EVENT users_purge ON SCHEDULE EVERY 1 DAY DO DELETE FROM audit"
  unmanaged="event 'users_purge'" unmanaged_name=users_purge
else
  # FTS and R*Tree tables are models now; a virtual table whose module only the sqlite3 shell
  # has (zipfile: not in libsqlite3, which migratecpp runs with) can be neither created nor
  # dropped by migratecpp.
  q "CREATE VIRTUAL TABLE docs USING zipfile('docs.zip')"
  unmanaged="virtual table 'docs'" unmanaged_name=docs
fi

# inspect: the models it prints hold the tables and the trigger; stderr names the object it
# cannot hold.
run inspect; expect_rc 0
expect_out_has 'name = "users"'
expect_out_has 'name = "users_audit"'
[ -n "${trigger_fn:-}" ] && expect_out_has 'name = "log_user"'
expect_err_has "$unmanaged is not in the models"
CHECKS=$((CHECKS + 1))
grep -q users_audit <<<"$ERR" && fail "inspect named the trigger as unmanaged"
CHECKS=$((CHECKS + 1))
grep -q "$unmanaged_name" <<<"$OUT" && fail "inspect wrote the unmanaged object as a model"
# The models take the trigger (and its function) as inspect wrote them.
python3 - "$OUT" <<'PY'
import sys
blocks = sys.argv[1].split("\n\n")
kept = [b for b in blocks if b.startswith("[[trigger]]") or b.startswith("[[function]]")]
with open("models/app.toml", "a") as f:
    f.write("\n" + "\n\n".join(kept) + "\n")
PY
# --table narrows the names to what belongs to those tables.
run inspect --table audit; expect_rc 0
CHECKS=$((CHECKS + 1))
grep -q users_own <<<"$OUT$ERR" && fail "inspect --table audit named users' policy"

# check: clean (the models match the tables and the trigger), and says what it leaves alone.
run check; expect_rc 0
expect_err_has "not managed by migratecpp"
expect_err_has "$unmanaged"
CHECKS=$((CHECKS + 1))
grep -q users_audit <<<"$ERR" && fail "check named the modelled trigger as unmanaged"

# A change to the models: the revision touches the column, never the trigger or the object
# no model holds.
sed -i 's/{ name = "email", type = "varchar(100)" },/{ name = "email", type = "varchar(100)" },\n  { name = "name", type = "varchar(50)" },/' models/app.toml
run revision --autogenerate -m "add name"; expect_rc 0
expect_err_has "$unmanaged"
rev="$(ls migrations/versions/*add_name*.toml)"
CHECKS=$((CHECKS + 1))
grep -qE "$unmanaged_name|users_audit|log_user" "$rev" && fail "the revision touches an unmanaged object: $(cat "$rev")"
run upgrade head; expect_rc 0
q "INSERT INTO users (id, email, name) VALUES (1, 'a@example.com', 'A')"
expect_eq "$(q "SELECT what FROM audit")" "user"
run downgrade -1; expect_rc 0
if ! db_is postgresql && ! db_is mysql; then
  expect_eq "$(q "SELECT count(*) FROM sqlite_master WHERE name = 'docs'")" "1"
fi

# A table dropped from the models takes its trigger with it: the revision says so.
run upgrade head; expect_rc 0
cp models/app.toml app.toml.saved
python3 - <<'PY'
import re
text = open("models/app.toml").read()
text = re.sub(r'\[\[table\]\]\nname = "users".*?\]\n\n', "", text, flags=re.S)
blocks = [b for b in text.split("\n\n") if not (b.startswith("[[trigger]]") and 'table = "users"' in b)]
open("models/app.toml", "w").write("\n\n".join(blocks))
PY
run revision --autogenerate -m "drop users"; expect_rc 0
rev="$(ls migrations/versions/*drop_users*.toml)"
# The trigger is the models': dropped by its own op (so that the downgrade makes it again).
CHECKS=$((CHECKS + 1))
grep -qF 'op = "drop_trigger"' "$rev" || fail "the revision does not drop the trigger: $(cat "$rev")"
rm "$rev"

# exclude_tables leaves out what belongs to an excluded table, as it leaves out the table.
sed -i 's/^exclude_tables = \[\]/exclude_tables = ["users"]/' migratecpp.toml
run check; expect_rc 0
CHECKS=$((CHECKS + 1))
grep -qE "users_audit|users_own" <<<"$OUT$ERR" && fail "check named an object of an excluded table"

# [models.exclude]: patterns per kind. A view matching one (views are modelled) is neither
# named nor dropped though no model has it; a table matching one
# (made by another tool) is never dropped by autogenerate, though no model has it.
sed -i 's/^exclude_tables = \["users"\]/exclude_tables = []/' migratecpp.toml
cp app.toml.saved models/app.toml
cat >>migratecpp.toml <<'TOML'

[models.exclude]
views = ["active_*"]
tables = ["vendor_*"]
TOML
q "CREATE TABLE vendor_cache (k INTEGER PRIMARY KEY)"
q "CREATE VIEW active_users AS SELECT id FROM users"
run check; expect_rc 0
CHECKS=$((CHECKS + 1))
grep -qE 'active_users|vendor_cache' <<<"$OUT$ERR" && fail "check named an excluded object"
# [models.include] narrows a kind to what matches.
cat >>migratecpp.toml <<'TOML'
[models.include]
triggers = ["users.other_*"]
TOML
run check; expect_rc 0
CHECKS=$((CHECKS + 1))
grep -q users_audit <<<"$OUT$ERR" && fail "check named a trigger [models.include] leaves out"
# inspect still shows everything the database holds.
run inspect; expect_rc 0
expect_out_has 'name = "vendor_cache"'
expect_out_has 'name = "active_users"'

finish
