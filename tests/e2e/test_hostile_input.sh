# Hostile or broken input gets a clear error naming the file (and line), exit 1: never a
# crash, an "internal error", a silently skipped file, or output that leaks or misleads.
# Runs on the database MIGRATECPP_E2E_DB names (db_lib.sh).
source "$(dirname "$0")/lib.sh" "$@"

run init; expect_rc 0
use_db hostile
write_rev 0001 r1 '""' "items" '
[[upgrade]]
op = "create_table"
table = "items"
columns = [ { name = "id", type = "integer", primary_key = true }, { name = "name", type = "text" } ]

[[downgrade]]
op = "drop_table"
table = "items"
'
run upgrade head; expect_rc 0

# --- TOML nested beyond reason: a 50,000-level dotted key, arrays and tables nested deeply.
deep_key="$(printf 'a.%.0s' $(seq 1 50000))a"
deep_array="$(printf '[%.0s' $(seq 1 50000))$(printf ']%.0s' $(seq 1 50000))"
deep_table="$(printf '{ a = %.0s' $(seq 1 50000))1$(printf ' }%.0s' $(seq 1 50000))"
for value in "$deep_key = 1" "x = $deep_array" "x = $deep_table" "[$deep_key]"; do
  # A revision file.
  printf 'revision = "r2"\ndown_revision = "r1"\n\n%s\n' "$value" >migrations/versions/0002.toml
  for cmd in history "upgrade head"; do
    if [ "$cmd" = history ] && [ "${value:0:1}" = "[" ]; then
      # A table header ends the revision's header keys: history reads no further (README,
      # "When revision files are read"); upgrade reads the rest and refuses it.
      run history; expect_rc 0; expect_out_has "r1 -> r2 (head)"
      continue
    fi
    # shellcheck disable=SC2086
    run $cmd; expect_rc 1
    expect_err_has "0002.toml:4: "
    expect_err_has "nested"
    expect_not_anywhere "internal error"
  done
  rm migrations/versions/0002.toml
  # A models file.
  cp models/schema.toml "$WORK/schema.keep"
  printf '\n%s\n' "$value" >>models/schema.toml
  line=$(wc -l <models/schema.toml)
  run check; expect_rc 1
  expect_err_has "schema.toml:$line: "
  expect_err_has "nested"
  cp "$WORK/schema.keep" models/schema.toml
  # The config file.
  cp migratecpp.toml "$WORK/config.keep"
  printf '\n%s\n' "$value" >>migratecpp.toml
  line=$(wc -l <migratecpp.toml)
  run current; expect_rc 1
  expect_err_has "migratecpp.toml:$line: "
  expect_err_has "nested"
  cp "$WORK/config.keep" migratecpp.toml
done
# Nesting a person writes is fine.
printf '\n[x.y.z]\nq = [[1, [2, {a.b.c = [3]}]]]\n' >>models/schema.toml
run check; expect_not_anywhere "nested"
cp "$WORK/schema.keep" models/schema.toml
run history; expect_rc 0

# --- Symbolic links in versions/ and among the models that lead nowhere.
ln -s loop_b.toml migrations/versions/loop_a.toml
ln -s loop_a.toml migrations/versions/loop_b.toml
run history; expect_rc 1
expect_err_has "/migrations/versions/loop_"
expect_err_has "symbolic link"
expect_not_anywhere "internal error"
rm migrations/versions/loop_*.toml
ln -s self.toml migrations/versions/self.toml
run upgrade head; expect_rc 1
expect_err_has "self.toml: "
expect_not_anywhere "internal error"
rm migrations/versions/self.toml
ln -s gone.toml migrations/versions/0009_dangling.toml
run history; expect_rc 1
expect_err_has "0009_dangling.toml: "
expect_err_has "symbolic link"
rm migrations/versions/0009_dangling.toml
# A link to a real revision file is read like the file.
mkdir -p "$WORK/elsewhere"
write_rev 0002 r2 '"r1"' "linked" ''
mv migrations/versions/0002.toml "$WORK/elsewhere/0002.toml"
ln -s "$WORK/elsewhere/0002.toml" migrations/versions/0002.toml
run heads; expect_rc 0; expect_out_has "r2"
rm migrations/versions/0002.toml
# Models: a dangling link and a loop matched by models/*.toml.
ln -s nowhere.toml models/extra.toml
run check; expect_rc 1
expect_err_has "extra.toml: "
expect_err_has "symbolic link"
rm models/extra.toml
ln -s extra.toml models/extra.toml
run check; expect_rc 1
expect_err_has "extra.toml: "
expect_not_anywhere "internal error"
rm models/extra.toml

# --- Passwords never printed, whatever their characters, wherever the URL comes from (the
# unit tests try many more shapes; these go through the binary's own error paths).
cp migratecpp.toml "$WORK/config.keep"
for sep in / '?' @ : '#' ' ' "'" '"' '%zz' '\' '/?@' '%'; do
  pw="Q7pw${sep}Z9pw"
  for url in "postgresql://u:$pw@127.0.0.1:1,127.0.0.1:2/db" "sqlite://u:$pw@h/x.db" \
    "postgres://u:$pw@[::1]:1/db?sslmode=disable" "postgresql://u:$pw@127.0.0.1:99999/db"; do
    run --url "$url" current; expect_rc 1
    expect_not_anywhere "Q7pw"; expect_not_anywhere "Z9pw"
  done
  url="postgresql://u:$pw@127.0.0.1:1/db"
  MIGRATECPP_URL="$url" run upgrade head; expect_rc 1
  expect_not_anywhere "Q7pw"; expect_not_anywhere "Z9pw"
  # In the config file (TOML-escaped).
  esc="${url//\\/\\\\}"; esc="${esc//\"/\\\"}"
  sed "s|^url = .*|url = \"${esc//|/\\|}\"|" "$WORK/config.keep" >migratecpp.toml
  run current; expect_rc 1
  expect_not_anywhere "Q7pw"; expect_not_anywhere "Z9pw"
done
cp "$WORK/config.keep" migratecpp.toml
run current; expect_rc 0

# --- Errors quote statements trimmed, never row data; control characters never reach the
# terminal raw.
python3 - <<'PY'
rows = ", ".join('{ id = %d, name = "row-data-%d" }' % (1 if i < 2 else i, i) for i in range(500))
cols = ", ".join('{ name = "c%d", type = "integer" }' % i for i in range(2000))
head = 'revision = "%s"\ndown_revision = "%s"\nmessage = "m"\n\n[[upgrade]]\n'
with open("migrations/versions/0002.toml", "w") as f:
    f.write(head % ("r2", "r1") + 'op = "bulk_insert"\ntable = "items"\nrows = [ %s ]\n' % rows)
with open("migrations/versions/0003.toml", "w") as f:
    f.write(head % ("r3", "r2") + 'op = "create_table"\ntable = "wide"\ncolumns = [ %s ]\n' % cols)
PY
run upgrade r2; expect_rc 1
expect_err_has "$(db_error unique)"
expect_err_has "while running: INSERT INTO $(db_ident items)"
expect_not_anywhere "row-data"
[ "${#ERR}" -lt 1000 ] || fail "the error is ${#ERR} characters long"
sed -i 's/{ id = 1, name = "row-data-1" }, //' migrations/versions/0002.toml
run upgrade r2; expect_rc 0
q 'create table wide (x integer)'
run upgrade r3; expect_rc 1
expect_err_has "while running: CREATE TABLE $(db_ident wide) ("
expect_err_has "more characters)"
[ "$(wc -l <<<"$ERR")" -le 12 ] || fail "the error has $(wc -l <<<"$ERR") lines"
q 'drop table wide'
rm migrations/versions/0002.toml migrations/versions/0003.toml
q "delete from items; update migratecpp_version set version_num = 'r1'"

esc=$'\e'
write_rev 0002 "r2" '"r1"' 'red \u001b[31m alert \u0007 \r' '
[[upgrade]]
op = "execute"
sql = "SELECT * FROM \"no_such_\u001b[2J_table\""
'
for cmd in history "history --verbose" "heads --verbose" "show r2"; do
  # shellcheck disable=SC2086
  run $cmd; expect_rc 0
  CHECKS=$((CHECKS + 1))
  [[ "$OUT$ERR" == *"$esc"* || "$OUT$ERR" == *$'\a'* || "$OUT$ERR" == *$'\r'* ]] &&
    fail "$cmd printed a raw control character"
  expect_out_has 'red \x1b[31m alert'
done
run upgrade head; expect_rc 1
CHECKS=$((CHECKS + 1))
[[ "$OUT$ERR" == *"$esc"* || "$OUT$ERR" == *$'\a'* ]] && fail "upgrade printed a raw control character"
expect_err_has 'red \x1b[31m alert'
expect_err_has 'no_such_\x1b[2J_table'
rm migrations/versions/0002.toml
# An id with an escape sequence, in an error message.
printf 'revision = "bad\\u001b[31mid"\ndown_revision = "nowhere"\n' >migrations/versions/0002.toml
run history; expect_rc 1
CHECKS=$((CHECKS + 1))
[[ "$OUT$ERR" == *"$esc"* ]] && fail "history printed a raw escape"
rm migrations/versions/0002.toml

# --- A model name with newlines, quoted in the data-loss warning comment of a generated
# revision (found by fuzzing): the comment must stay on its line, or the rest of the name is
# read as TOML and can add an op of its own to the revision file.
mkdir "$WORK/comment" && cd "$WORK/comment"
run init; expect_rc 0
use_db comment
nasty='x\n[[upgrade]]\nop = \"execute\"\nsql = \"DROP TABLE victim\"\n#'
victim='[[table]]
name = "victim"
columns = [ { name = "id", type = "integer", primary_key = true } ]
'
printf '%s\n[[table]]\nname = "t"\ncolumns = [ { name = "id", type = "integer", primary_key = true }, { name = "%s", type = "text" } ]\n' \
  "$victim" "$nasty" >models/schema.toml
run revision --autogenerate -m one; expect_rc 0
run upgrade head; expect_rc 0
printf '%s\n[[table]]\nname = "t"\ncolumns = [ { name = "id", type = "integer", primary_key = true } ]\n' \
  "$victim" >models/schema.toml
run revision --autogenerate -m two; expect_rc 0
expect_eq "$(grep -c '^\[\[upgrade\]\]' migrations/versions/*_two.toml)" 1
run upgrade head; expect_rc 0
expect_eq "$(db_tables | grep -cx victim)" 1
cd "$WORK"

finish
