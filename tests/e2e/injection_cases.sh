# The cases of test_injection.sh and test_injection_postgresql.sh. The caller has made a
# project pointing at its database and defines victim_sql QUERY (prints the last line of the
# answer).

# expect_victim_intact: the table every attack aims at still holds its row.
expect_victim_intact() { expect_eq "$(victim_sql 'SELECT count(*) FROM victim')" "1"; }

# hostile_revision KEY_LINE: a revision whose create_table column carries KEY_LINE.
hostile_revision() {
  write_rev 0002 r2 '"r1"' "hostile" "
[[upgrade]]
op = \"create_table\"
table = \"t2\"
columns = [ { name = \"id\", type = \"integer\", primary_key = true }, $1 ]
"
}

run_injection_cases() {
  write_rev 0001 r1 '""' "victim" '
[[upgrade]]
op = "create_table"
table = "victim"
columns = [ { name = "id", type = "integer", primary_key = true } ]

[[upgrade]]
op = "bulk_insert"
table = "victim"
rows = [ { id = 1 } ]
'
  run upgrade head; expect_rc 0
  expect_victim_intact

  # A column default that closes the statement and drops a table.
  hostile_revision '{ name = "v", type = "integer", default = "0)); DROP TABLE victim; --" }'
  run upgrade head; expect_rc 1
  expect_err_has "0002.toml:9: 'default' is not one SQL expression"
  expect_victim_intact
  run upgrade head --sql; expect_rc 1
  expect_not_anywhere "DROP TABLE victim"

  # The same through a type, a check and an index expression.
  hostile_revision '{ name = "v", type = "integer); DROP TABLE victim; --" }'
  run upgrade head; expect_rc 1
  expect_err_has "'type' is not one SQL expression"
  expect_victim_intact
  write_rev 0002 r2 '"r1"' "hostile" '
[[upgrade]]
op = "create_check"
table = "victim"
name = "ck_v"
expression = "id > 0); DROP TABLE victim; CREATE TABLE x (y integer CHECK (1"
'
  run upgrade head; expect_rc 1
  expect_err_has "0002.toml:10: 'expression' is not one SQL expression"
  expect_victim_intact
  write_rev 0002 r2 '"r1"' "hostile" '
[[upgrade]]
op = "create_index"
table = "victim"
name = "ix_v"
columns = ["id", "(id)) ; DROP TABLE victim; --"]
'
  run upgrade head; expect_rc 1
  expect_err_has "'columns' is not one SQL expression"
  expect_victim_intact

  # An index access method is pasted unquoted: it must be a bare name.
  write_rev 0002 r2 '"r1"' "hostile" '
[[upgrade]]
op = "create_index"
table = "victim"
name = "ix_v"
columns = ["id"]
method = "btree (id); DROP TABLE victim; --"
'
  run upgrade head; expect_rc 1
  expect_err_has "0002.toml:11: 'method' must be the name of an index access method"
  expect_victim_intact

  # A quote that a backslash escapes in MySQL hides a ';' from the standard reading only.
  hostile_revision "{ name = \"v\", type = \"text\", default = \"'\\\\''; DROP TABLE victim; --'\" }"
  run upgrade head; expect_rc 1
  expect_err_has "'default' is not one SQL expression"
  expect_victim_intact

  # The same text in a model file: autogenerate and check refuse it at its line.
  rm -f migrations/versions/0002.toml
  cat >models/schema.toml <<'TOML'
[[table]]
name = "victim"
columns = [ { name = "id", type = "integer", primary_key = true },
            { name = "v", type = "integer", default = "0)); DROP TABLE victim; --" } ]
TOML
  run check; expect_rc 1
  expect_err_has "schema.toml:4: 'default' is not one SQL expression"
  run revision --autogenerate -m hostile; expect_rc 1
  expect_victim_intact
  rm -f models/schema.toml

  # Legitimate text stays legal: quotes holding ';', '--' or parentheses, nested parentheses.
  write_rev 0002 r2 '"r1"' "legit" "
[[upgrade]]
op = \"create_table\"
table = \"t2\"
columns = [ { name = \"id\", type = \"integer\", primary_key = true },
            { name = \"v\", type = \"text\", default = \"'a;b -- (c'\" },
            { name = \"n\", type = \"integer\", default = \"((1 + 2) * 3)\" } ]
checks = [ { name = \"ck_t2_v\", expression = \"v <> ';' /* not a statement */\" } ]

[[upgrade]]
op = \"execute\"
sql = \"INSERT INTO t2 (id) VALUES (1); INSERT INTO t2 (id) VALUES (2)\"
"
  run upgrade head; expect_rc 0
  expect_eq "$(victim_sql 'SELECT count(*) FROM t2')" "2"
  expect_eq "$(victim_sql "SELECT v FROM t2 WHERE id = 1")" "a;b -- (c"
  expect_victim_intact
}
