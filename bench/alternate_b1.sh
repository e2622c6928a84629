#!/usr/bin/env bash
# bench/alternate_b1.sh — scenario b1 against its floor c1 on SQLite, PostgreSQL and MariaDB,
# run in alternation: for each round, a fresh database file (SQLite), bench schema (PostgreSQL)
# or database (MariaDB), then `migratecpp upgrade head` in one transaction (b1); fresh again,
# then its `upgrade head --sql` in one transaction fed to sqlite3 / psql / mariadb (c1). Prints
# the sorted times and the ratio of the medians. run.sh times all the runs of one command, then
# all the runs of the other, so a slow minute of the machine lands on one side of its ratio;
# here it lands on both.
#
#   bash bench/alternate_b1.sh KEPT_DIR [--rounds N] [--bin PATH] [--dialects sqlite,postgresql,mysql]
#
# KEPT_DIR: a folder kept by `bash bench/run.sh --only b --keep` (its chain, prep.sh, my.cnf);
# run.sh itself calls this on its working folder for the goal's figure. Prints one line per
# dialect: "<dialect>: b1 [...] ms, c1 [...] ms, median b1/c1 <ratio>x".
set -euo pipefail
DIR="${1:?usage: bash bench/alternate_b1.sh KEPT_DIR [--rounds N] [--bin PATH]}"
shift
ROUNDS=8
DIALECTS=sqlite,postgresql,mysql
BIN="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/migratecpp"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --bin) BIN="$2"; shift ;;
    --dialects) DIALECTS="$2"; shift ;;
    *) echo "alternate_b1.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
PSQL=/usr/lib/postgresql/15/bin/psql
cd "$DIR"
want() { [[ ",$DIALECTS," == *",$1,"* ]]; }
pg_url="" pg_db="" my_db="" sqlite_db=""
for d in sqlite postgresql mysql; do
  want "$d" || continue
  sed 's/^transaction_per_migration = true$/transaction_per_migration = false/' \
    "chain/mcpp/b-$d.toml" >"chain/mcpp/b1-$d.toml"
done
if want sqlite; then
  sqlite_db="$(sed -n 's|^url = "sqlite:///\(.*\)"$|\1|p' chain/mcpp/b-sqlite.toml)"
  "$BIN" -c chain/mcpp/b1-sqlite.toml upgrade head --sql 2>/dev/null | grep -vE '^(BEGIN|COMMIT);$' |
    { echo "BEGIN;"; cat; echo "COMMIT;"; } >c1-sqlite-alternate.sql
fi
if want postgresql; then
  pg_url="$(sed -n 's/^url = "\(postgresql:[^"?]*\).*/\1/p' chain/mcpp/b-postgresql.toml)"
  pg_db="${pg_url##*/}"
  "$PSQL" -X -q "${pg_url%/*}/migratecpp_test" -c "CREATE DATABASE $pg_db" >/dev/null 2>&1 || true
  "$BIN" -c chain/mcpp/b1-postgresql.toml upgrade head --sql 2>/dev/null | grep -vE '^(BEGIN|COMMIT);$' |
    { echo "SET search_path TO bench_b_mcpp;"; echo "BEGIN;"; cat; echo "COMMIT;"; } >c1-pg-alternate.sql
fi
if want mysql; then
  my_db="$(sed -n 's/^url = "mysql:[^"]*\/\([^"?/]*\)".*/\1/p' chain/mcpp/b-mysql.toml)"
  "$BIN" -c chain/mcpp/b1-mysql.toml upgrade head --sql 2>/dev/null | grep -vE '^(BEGIN|COMMIT);$' \
    >c1-my-alternate.sql
fi
timed() { # timed LABEL COMMAND...: prints "LABEL microseconds"
  local label="$1" s e
  shift
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1
  e=$(date +%s%N)
  echo "$label $(((e - s) / 1000))"
}
for _ in $(seq "$ROUNDS"); do
  if want sqlite; then
    bash prep.sh sqlite "$sqlite_db"
    timed "sqlite b1" "$BIN" -c chain/mcpp/b1-sqlite.toml upgrade head
    bash prep.sh sqlite "$sqlite_db"
    timed "sqlite c1" sqlite3 -bail -init c1-sqlite-alternate.sql "$sqlite_db" .quit
  fi
  if want postgresql; then
    bash prep.sh pg "$pg_db" bench_b_mcpp
    timed "postgresql b1" "$BIN" -c chain/mcpp/b1-postgresql.toml upgrade head
    bash prep.sh pg "$pg_db" bench_b_mcpp
    timed "postgresql c1" "$PSQL" -X -q -v ON_ERROR_STOP=1 -f c1-pg-alternate.sql "$pg_url"
  fi
  if want mysql; then
    bash prep.sh my "$my_db"
    timed "mysql b1" "$BIN" -c chain/mcpp/b1-mysql.toml upgrade head
    bash prep.sh my "$my_db"
    timed "mysql c1" bash -c "exec mariadb --defaults-file=my.cnf -B $my_db < c1-my-alternate.sql"
  fi
done | python3 -c '
import collections, statistics, sys
times = collections.defaultdict(list)
for line in sys.stdin:
    dialect, scenario, us = line.split()
    times[(dialect, scenario)].append(int(us) / 1000)
for d in ("sqlite", "postgresql", "mysql"):
    b, c = times[(d, "b1")], times[(d, "c1")]
    if not b or not c:
        continue
    show = lambda v: "[" + ", ".join(f"{x:.1f}" for x in sorted(v)) + "]"
    print(f"{d}: b1 {show(b)} ms, c1 {show(c)} ms, "
          f"median b1/c1 {statistics.median(b) / statistics.median(c):.2f}x")
'
