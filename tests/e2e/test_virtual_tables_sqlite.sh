# Issue 11: SQLite virtual tables (FTS5, FTS4, any module SQLite has here) are model objects
# ([[virtual_table]]): inspect -> check clean -> autogenerate into an empty database -> upgrade
# -> check clean -> a changed definition (dropped and created again, empty: warned, marked
# destructive) -> downgrade. Their shadow tables (docs_data, events_segdir, ...) are the
# module's storage: never in the models, never in a revision, never created or dropped by an op.
# A trigger saying FOR EACH ROW keeps the words (the stored text round-trips).
source "$(dirname "$0")/lib.sh" "$@"

HAND="hand.db"
sql "$HAND" "
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'porter');
CREATE VIRTUAL TABLE events USING fts4 ( event_id, room_id, value );
CREATE TRIGGER notes_to_docs AFTER INSERT ON notes FOR EACH ROW
BEGIN
  INSERT INTO docs (title, body) VALUES ('note', new.body);
END;
INSERT INTO docs (title, body) VALUES ('first', 'running shoes'), ('second', 'walking boots');
INSERT INTO events (event_id, room_id, value) VALUES ('e1', 'r1', 'hello world');
"
# The shadow tables SQLite made for the two, as PRAGMA table_list names them.
shadow_of() { sql "$1" "SELECT name FROM pragma_table_list WHERE type = 'shadow' ORDER BY name"; }
objects_of() { sql "$1" "SELECT type, name FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'migratecpp%' ORDER BY name"; }
SHADOWS="$(shadow_of "$HAND")"
CHECKS=$((CHECKS + 1)); grep -q '^docs_data$' <<<"$SHADOWS" && grep -q '^events_segdir$' <<<"$SHADOWS" ||
  fail "SQLite did not mark the shadow tables: $SHADOWS"

run init; expect_rc 0
run --url "sqlite:///$HAND" inspect; expect_rc 0
echo "$OUT" >models/schema.toml
expect_out_has '[[virtual_table]]'
expect_out_has 'module = "fts5"'
expect_out_has "arguments = [\"title\", \"body\", \"tokenize = 'porter'\"]"
expect_out_has 'module = "fts4"'
expect_out_has 'arguments = ["event_id", "room_id", "value"]'
expect_out_has 'for_each = "row"'
for s in $SHADOWS; do
  CHECKS=$((CHECKS + 1)); grep -q "\"$s\"" <<<"$OUT" && fail "inspect wrote shadow table $s"
done
CHECKS=$((CHECKS + 1)); grep -q "virtual table" <<<"$ERR" && fail "still unmanaged: $ERR"
run --url "sqlite:///$HAND" check; expect_rc 0
# --table: a virtual table is a table there (named: kept; another named: left out).
run --url "sqlite:///$HAND" inspect --table docs; expect_rc 0
expect_out_has 'name = "docs"'
expect_not_anywhere 'name = "events"'
run --url "sqlite:///$HAND" inspect --table notes; expect_rc 0
expect_not_anywhere '[[virtual_table]]'

# Into an empty database: the two created by create_virtual_table, nothing else of theirs.
run revision --autogenerate -m "fts"; expect_rc 0
rev="$(ls migrations/versions/*_fts.toml)"
CHECKS=$((CHECKS + 1)); [ "$(grep -c 'op = "create_virtual_table"' "$rev")" = 2 ] ||
  fail "expected two create_virtual_table ops: $(cat "$rev")"
CHECKS=$((CHECKS + 1)); grep -q 'op = "drop_virtual_table"' "$rev" || fail "no downgrade drop: $(cat "$rev")"
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(objects_of app.db)" "$(objects_of "$HAND")"
expect_eq "$(shadow_of app.db)" "$SHADOWS"
CHECKS=$((CHECKS + 1)); sql app.db "SELECT sql FROM sqlite_master WHERE name = 'notes_to_docs'" | grep -q "FOR EACH ROW" ||
  fail "the trigger lost FOR EACH ROW: $(sql app.db "SELECT sql FROM sqlite_master WHERE name = 'notes_to_docs'")"
sql app.db "INSERT INTO notes (id, body) VALUES (1, 'running late')"
sql app.db "INSERT INTO events (event_id, room_id, value) VALUES ('e9', 'r1', 'hello there')"
expect_eq "$(sql app.db "SELECT count(*) FROM docs WHERE docs MATCH 'run'")" "1"
expect_eq "$(sql app.db "SELECT event_id FROM events WHERE events MATCH 'there'")" "e9"
# The same in an offline script: no CREATE TABLE of a shadow table.
run upgrade head --sql; expect_rc 0
expect_out_has 'CREATE VIRTUAL TABLE "docs" USING fts5(title, body, tokenize = '"'porter'"')'
expect_out_has 'CREATE VIRTUAL TABLE "events" USING fts4(event_id, room_id, value)'
for s in $SHADOWS; do expect_not_anywhere "\"$s\""; done

# A changed definition: dropped and created again, empty; autogenerate says so, the file marks
# the drop destructive; downgrade takes the old one back (empty too).
sed -i "s/tokenize = 'porter'/tokenize = 'unicode61'/" models/schema.toml
run check; expect_rc 1
expect_out_has 'drop virtual table docs'
expect_out_has 'add virtual table docs using fts5'
run revision --autogenerate -m "tokenizer"; expect_rc 0
expect_err_has "virtual table 'docs': its module or arguments changed"
expect_err_has "EMPTY"
rev2="$(ls migrations/versions/*_tokenizer.toml)"
CHECKS=$((CHECKS + 1)); grep -q "loses data (drops virtual table docs and its rows)" "$rev2" || fail "drop not marked destructive: $(cat "$rev2")"
CHECKS=$((CHECKS + 1)); grep -q '"events"' "$rev2" && fail "the unchanged fts4 table is touched: $(cat "$rev2")"
run upgrade head; expect_rc 0
run check; expect_rc 0
expect_eq "$(sql app.db "SELECT count(*) FROM docs")" "0"
CHECKS=$((CHECKS + 1)); sql app.db "SELECT sql FROM sqlite_master WHERE name = 'docs'" | grep -q unicode61 || fail "docs not re-made"
expect_eq "$(sql app.db "SELECT count(*) FROM events")" "1"
expect_eq "$(shadow_of app.db)" "$SHADOWS"
run downgrade -1; expect_rc 0
CHECKS=$((CHECKS + 1)); sql app.db "SELECT sql FROM sqlite_master WHERE name = 'docs'" | grep -q porter || fail "old docs not back"
expect_eq "$(shadow_of app.db)" "$SHADOWS"
rm "$rev2"
sed -i "s/tokenize = 'unicode61'/tokenize = 'porter'/" models/schema.toml
run check; expect_rc 0

# A virtual table dropped from the models: drop_virtual_table carrying its definition (the
# downgrade creates it again); its shadow tables go with it, never by an op of their own.
python3 - <<'PY'
text = open("models/schema.toml").read()
blocks = [b for b in text.split("\n\n") if not (b.startswith("[[virtual_table]]") and 'name = "events"' in b)]
open("models/schema.toml", "w").write("\n\n".join(blocks))
PY
run revision --autogenerate -m "no events"; expect_rc 0
rev3="$(ls migrations/versions/*_no_events.toml)"
CHECKS=$((CHECKS + 1)); grep -q 'op = "drop_virtual_table"' "$rev3" || fail "no drop: $(cat "$rev3")"
CHECKS=$((CHECKS + 1)); grep -q 'module = "fts4"' "$rev3" || fail "the drop does not carry the table: $(cat "$rev3")"
for s in $SHADOWS; do
  CHECKS=$((CHECKS + 1)); grep -q "\"$s\"" "$rev3" && fail "the revision names shadow table $s"
done
run upgrade head; expect_rc 0
expect_eq "$(sql app.db "SELECT count(*) FROM sqlite_master WHERE name LIKE 'events%'")" "0"
run check; expect_rc 0
run downgrade -1; expect_rc 0
expect_eq "$(shadow_of app.db)" "$SHADOWS"

# Down to base: every virtual table and its shadow tables gone.
run downgrade base; expect_rc 0
expect_eq "$(objects_of app.db)" ""

# Models that cannot be: an argument that closes the parenthesis, a module that is no name.
cp models/schema.toml schema.saved
printf '\n[[virtual_table]]\nname = "bad"\nmodule = "fts5"\narguments = ["a), b"]\n' >>models/schema.toml
run check; expect_rc 1
expect_err_has "schema.toml:"
expect_err_has "virtual table 'bad': argument 1"
cp schema.saved models/schema.toml
printf '\n[[virtual_table]]\nname = "bad"\nmodule = "fts5(a); DROP TABLE notes; --"\n' >>models/schema.toml
run check; expect_rc 1
expect_err_has "'module' must be a module's name"
cp schema.saved models/schema.toml
printf '\n[[virtual_table]]\nname = "notes"\nmodule = "fts5"\narguments = ["a"]\n' >>models/schema.toml
run check; expect_rc 1
expect_err_has "virtual table 'notes' has the name of a table of the models"

finish
