# A database made by hand with the sqlite3 shell (never touched by migratecpp): its `inspect`
# output, used as the models of an empty database, gives a clean `check` after upgrade.
source "$(dirname "$0")/lib.sh" "$@"

sqlite3 hand.db <<'SQL'
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(100) NOT NULL UNIQUE,
  plan TEXT NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro')),
  created TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  slug TEXT GENERATED ALWAYS AS (lower(name)) STORED,
  name_len INT AS (length(name)) VIRTUAL
);
CREATE TABLE "user accounts" (
  id BIGINT NOT NULL,
  org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  email VARCHAR(255) NOT NULL,
  age INT,
  score NUMERIC(10,2) DEFAULT 0,
  active BOOLEAN NOT NULL DEFAULT 1,
  CONSTRAINT pk_user_accounts PRIMARY KEY (id),
  CONSTRAINT uq_org_email UNIQUE (org_id, email),
  CONSTRAINT ck_age CHECK (age >= 0)
);
CREATE INDEX ix_accounts_email ON "user accounts" (email);
CREATE UNIQUE INDEX ix_accounts_active ON "user accounts" (email) WHERE active = 1;
CREATE TABLE tags (org_id INTEGER, tag TEXT, PRIMARY KEY (org_id, tag),
  FOREIGN KEY (org_id) REFERENCES orgs (id) ON UPDATE SET NULL);
INSERT INTO orgs (name) VALUES ('acme');
SQL

run init; expect_rc 0
run --url sqlite:///hand.db inspect; expect_rc 0
echo "$OUT" > models/schema.toml
expect_out_has 'name = "user accounts"'
expect_out_has 'ck_age'
expect_out_has '{ name = "slug", type = "TEXT", generated = { expression = "lower(name)", stored = true } }'
expect_out_has '{ name = "name_len", type = "INT", generated = { expression = "length(name)", stored = false } }'
run --url sqlite:///hand.db check; expect_rc 0

run revision --autogenerate -m "from hand-made"; expect_rc 0
run upgrade head; expect_rc 0
run check; expect_rc 0
# The generated columns are generated in the new database too, STORED and VIRTUAL.
sqlite3 app.db "INSERT INTO orgs (name) VALUES ('ACME')"
expect_eq "$(sqlite3 app.db 'SELECT slug, name_len FROM orgs')" "acme|4"
expect_eq "$(sqlite3 app.db "SELECT name, hidden FROM pragma_table_xinfo('orgs') WHERE hidden > 0")" "slug|3
name_len|2"
# What the database kept unnamed (inline UNIQUE, CHECK, REFERENCES) was created with the
# naming convention's names, so later revisions can drop it by name.
run inspect; expect_rc 0
expect_out_has '{ name = "uq_orgs_name", columns = ["name"] }'
expect_out_has '{ name = "ck_orgs_plan", expression = "plan IN ('"'"'free'"'"', '"'"'pro'"'"')" }'
expect_out_has 'name = "fk_user_accounts_org_id"'
echo "$OUT" > models/schema.toml
run check; expect_rc 0
run inspect --table orgs; expect_rc 0; expect_out_has 'name = "orgs"'
run inspect --table orgz; expect_rc 1; expect_err_has "table 'orgz' does not exist"; expect_err_has "did you mean 'orgs'"

# Drift is reported: exit 1 with the pending operations on stdout.
sqlite3 app.db 'ALTER TABLE tags ADD COLUMN note TEXT'
run check; expect_rc 1; expect_out_has "drop column tags.note"
# An unnamed inline constraint is dropped by its definition.
rm -f unnamed.db; sqlite3 unnamed.db "create table u (id integer primary key, age int check (age > 0), email text unique)"
run --url sqlite:///unnamed.db inspect; expect_rc 0
sed '/checks = /d' <<<"$OUT" > models/schema.toml
mkdir -p v2/migrations/versions && cp migrations/script.toml.tmpl v2/migrations/
sed 's#script_location = "migrations"#script_location = "v2/migrations"#' migratecpp.toml > v2.toml
run -c v2.toml --url sqlite:///unnamed.db revision --autogenerate -m "drop check"; expect_rc 0
run -c v2.toml --url sqlite:///unnamed.db upgrade head; expect_rc 0
run -c v2.toml --url sqlite:///unnamed.db check; expect_rc 0
CHECKS=$((CHECKS + 1)); sqlite3 unnamed.db .schema | grep -q 'CHECK' && fail "the check is still there"
run -c v2.toml --url sqlite:///unnamed.db downgrade base; expect_rc 0
CHECKS=$((CHECKS + 1)); sqlite3 unnamed.db .schema | grep -q 'CHECK (age > 0)' || fail "the check did not come back"
finish
