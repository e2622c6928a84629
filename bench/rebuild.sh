#!/usr/bin/env bash
# bench/rebuild.sh — scenario f (issue 13): one revision changes three things about a SQLite
# table of 1,000,000 rows that ALTER TABLE cannot do (drop check ck_qty, add check ck_qty_pos,
# make `name` NOT NULL), so the table is rebuilt. Measured side by side:
#
#   new        this binary, the one revision: one rebuild, rows copied once
#   old        --old-bin (a binary from before one-rebuild-per-table) on the same revision; without
#              it, this binary on the same three ops as three revisions (one rebuild per op,
#              which is what the old binary did with the one revision)
#   alembic    Alembic 1.8 (Debian's /usr/bin/alembic) with op.batch_alter_table and the same
#              three changes: one copy (batch mode), the table given as copy_from
#
#   bash bench/rebuild.sh [--rows N] [--runs N] [--bin PATH] [--old-bin PATH] [--keep]
#
# For each: the median wall time of `upgrade head` from the database at r1 with the rows
# (copied in fresh before each run, not timed), peak RSS, and the rows copies in its
# `upgrade --sql` script (INSERT INTO the rebuild's new table). Every run's result is checked:
# N rows, `name` NOT NULL, ck_qty_pos there and ck_qty gone. Needs sqlite3, GNU time, and for
# the Alembic row the Debian packages alembic, python3-alembic, python3-sqlalchemy.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
PY=/usr/bin/python3
ALEMBIC=/usr/bin/alembic
GTIME=/usr/bin/time
ROWS=1000000
RUNS=3
BIN="${MIGRATECPP_BIN:-$REPO/build/migratecpp}"
OLD_BIN=""
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --bin) BIN="$2"; shift ;;
    --old-bin) OLD_BIN="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "rebuild.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
BIN="$(realpath "$BIN")"
[ -n "$OLD_BIN" ] && OLD_BIN="$(realpath "$OLD_BIN")"
TMP="$(mktemp -d)"
if [ "$KEEP" = 0 ]; then trap 'rm -rf "$TMP"' EXIT; else echo "keeping $TMP" >&2; fi

R1='[[upgrade]]
op = "create_table"
table = "items"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "name", type = "text" },
  { name = "qty", type = "integer" },
  { name = "note", type = "text" },
]
checks = [ { name = "ck_qty", expression = "qty >= 0" } ]
'
OPS=('[[upgrade]]
op = "drop_constraint"
table = "items"
name = "ck_qty"
type = "check"
expression = "qty >= 0"
' '[[upgrade]]
op = "create_check"
table = "items"
name = "ck_qty_pos"
expression = "qty > 0"
' '[[upgrade]]
op = "alter_column"
table = "items"
column = "name"
nullable = false
existing_nullable = true
')
rev() { # FILE ID DOWN BODY
  printf 'revision = "%s"\ndown_revision = %s\nmessage = "%s"\ncreate_date = 2026-12-06T00:00:00Z\n%s' \
    "$2" "$3" "$2" "$4" >"migrations/versions/$1.toml"
}
fill() { # DB: the rows
  sqlite3 "$1" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $ROWS)
    INSERT INTO items (id, name, qty, note) SELECT i, 'name ' || i, i % 100 + 1, 'note ' || i FROM c"
}

# project DIR BIN SPLIT: a migratecpp project at r1 with the rows in base.db; SPLIT=1 puts the
# three ops in three revisions.
project() {
  mkdir -p "$TMP/$1" && cd "$TMP/$1"
  "$2" init >/dev/null 2>&1
  rev 0001 r1 '""' "$R1"
  if [ "$3" = 1 ]; then
    rev 0002 r2a '"r1"' "${OPS[0]}"
    rev 0003 r2b '"r2a"' "${OPS[1]}"
    rev 0004 r2 '"r2b"' "${OPS[2]}"
  else
    rev 0002 r2 '"r1"' "${OPS[0]}${OPS[1]}${OPS[2]}"
  fi
  "$2" upgrade r1 >/dev/null 2>&1
  fill app.db
  cp app.db base.db
}

alembic_project() {
  mkdir -p "$TMP/alembic/alem/versions" && cd "$TMP/alembic"
  printf '[alembic]\nscript_location = alem\nsqlalchemy.url = sqlite:///app.db\n' >alembic.ini
  cat >alem/env.py <<'PY'
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = engine_from_config(config.get_section(config.config_ini_section),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
PY
  cat >alem/versions/r1.py <<'PY'
import sqlalchemy as sa
from alembic import op

revision = "r1"
down_revision = None


def upgrade():
    op.create_table("items", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("qty", sa.Integer),
                    sa.Column("note", sa.Text), sa.CheckConstraint("qty >= 0", name="ck_qty"))
PY
  cat >alem/versions/r2.py <<'PY'
import sqlalchemy as sa
from alembic import op

revision = "r2"
down_revision = "r1"

items = sa.Table("items", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("name", sa.Text), sa.Column("qty", sa.Integer),
                 sa.Column("note", sa.Text), sa.CheckConstraint("qty >= 0", name="ck_qty"))


def upgrade():
    with op.batch_alter_table("items", copy_from=items) as batch:
        batch.drop_constraint("ck_qty", type_="check")
        batch.create_check_constraint("ck_qty_pos", "qty > 0")
        batch.alter_column("name", existing_type=sa.Text(), nullable=False)
PY
  "$ALEMBIC" upgrade r1 >/dev/null 2>&1
  fill app.db
  cp app.db base.db
}

check_result() { # WHAT
  local got
  got="$(sqlite3 app.db "SELECT count(*), (SELECT \"notnull\" FROM pragma_table_info('items') WHERE name = 'name'),
    (SELECT sql LIKE '%ck_qty_pos%' AND sql NOT LIKE '%ck_qty\"%' AND sql NOT LIKE '%ck_qty CHECK%'
     FROM sqlite_master WHERE name = 'items') FROM items")"
  [ "$got" = "$ROWS|1|1" ] || { echo "rebuild.sh: $1 left $got (rows|name not null|checks)" >&2; exit 1; }
}

# measure WHAT COMMAND...: RUNS runs from base.db; prints "median_s peak_rss_mib"
measure() {
  local what="$1" times=() rss=() i out
  shift
  for ((i = 0; i < RUNS; i++)); do
    cp base.db app.db
    sync
    out="$("$GTIME" -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1)"
    check_result "$what"
    times+=("${out% *}")
    rss+=("${out#* }")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.2f ", a[int((NR+1)/2)]}'
  printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1024}'
}

copies_mcpp() { grep -c '^INSERT INTO "_migratecpp_new_items"' || true; }

rows=()
project new "$BIN" 0
sql_new="$("$BIN" upgrade r1:r2 --sql 2>/dev/null | copies_mcpp)"
rows+=("| new: one revision, this binary | $(measure new "$BIN" upgrade head) | $sql_new |")
if [ -n "$OLD_BIN" ]; then
  project old "$OLD_BIN" 0
  sql_old="$("$OLD_BIN" upgrade r1:r2 --sql 2>/dev/null | copies_mcpp)"
  rows+=("| old: one revision, --old-bin | $(measure old "$OLD_BIN" upgrade head) | $sql_old |")
else
  project old "$BIN" 1
  sql_old="$("$BIN" upgrade r1:r2 --sql 2>/dev/null | copies_mcpp)"
  rows+=("| old: three revisions (one rebuild per op) | $(measure old "$BIN" upgrade head) | $sql_old |")
fi
if "$PY" -c 'import alembic' 2>/dev/null && [ -x "$ALEMBIC" ]; then
  alembic_project
  sql_alembic="$("$ALEMBIC" upgrade r1:r2 --sql 2>/dev/null | grep -c '^INSERT INTO _alembic_tmp_items' || true)"
  rows+=("| Alembic $("$PY" -c 'import alembic; print(alembic.__version__)') batch_alter_table | $(measure alembic "$ALEMBIC" upgrade head) | $sql_alembic |")
else
  rows+=("| Alembic: not installed (apt-get install alembic python3-alembic python3-sqlalchemy) | – | – |")
fi

echo "Scenario f: SQLite, $ROWS rows, one revision with drop check + add check + alter column NOT NULL"
echo "($RUNS runs each, median; $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| what | median s | peak RSS MiB | rows copies in --sql |"
echo "|---|---:|---:|---:|"
for r in "${rows[@]}"; do
  # "| what | median rss | copies |" -> split the measure output into two columns
  echo "$r" | sed -E 's/\| ([0-9.]+) ([0-9.]+) \|/| \1 | \2 |/'
done
