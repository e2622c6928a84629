#!/usr/bin/env bash
# bench/scaling.sh — the autogenerate scaling series of issue 13: `revision --autogenerate` with
# no change against a database of N tables, for N up to 10,000, on SQLite, PostgreSQL and
# MariaDB, with Alembic side by side up to --alembic-max tables.
#
#   bash bench/scaling.sh [--sizes "500 1000 2000 5000 10000"] [--dialects sqlite,postgresql,mysql]
#                         [--runs N] [--bin PATH] [--alembic-max N] [--keep]
#
# Tables: bench/gen.py's shape (m_0001.., 8 columns, 2 indexes, 1 FK each). For each dialect the
# sizes are set up in increasing order, each adding its tables to the previous ones (migratecpp:
# its own `upgrade head --sql` fed to sqlite3 / psql / mariadb, then the bench project's empty
# base revision stamped; Alembic: SQLAlchemy's DDL fed the same way, then `alembic stamp head`).
# For each (dialect, N): one check run (the written revision must have no op; migratecpp runs it
# with MIGRATECPP_STATS=1 and reports the "SQL statements sent" it prints, Alembic with its
# env.py counter), then --runs timed runs (default 3) under GNU time: median wall and CPU
# (user + sys), peak RSS (the largest of the runs). Alembic (`compare_type=True`, as run.sh's
# scenario d) only while N <= --alembic-max (default 2000; 0 = never).
#
# Environment: BENCH_PG_URL, BENCH_MYSQL_URL (server and credentials; default the test servers
# of scripts/test-databases.sh on 54329 / 33069; the database named in the URL is not used:
# migratecpp_scaling_mcpp and migratecpp_scaling_alembic are created on each server and dropped
# at the end), BENCH_PG_MAINT_DB (the database psql connects to for CREATE/DROP DATABASE,
# default migratecpp_test). A server that does not answer: that dialect is skipped with a
# warning. Default binary: build/migratecpp (also MIGRATECPP_BIN).
# Prints a Markdown table and writes it to bench/results/scaling-<date>.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
PY=/usr/bin/python3      # Debian's: it has alembic, SQLAlchemy, psycopg2, PyMySQL
ALEMBIC=/usr/bin/alembic
GTIME=/usr/bin/time

SIZES="500 1000 2000 5000 10000"
DIALECTS="sqlite,postgresql,mysql"
RUNS=3
BIN="${MIGRATECPP_BIN:-$REPO/build/migratecpp}"
ALEMBIC_MAX=2000
KEEP=0
PG_URL="${BENCH_PG_URL:-postgresql://migratecpp:migratecpp@127.0.0.1:54329/migratecpp_test}"
PG_MAINT_DB="${BENCH_PG_MAINT_DB:-migratecpp_test}"
MY_URL="${BENCH_MYSQL_URL:-mysql://migratecpp:migratecpp@127.0.0.1:33069/migratecpp_test}"
DB_MCPP=migratecpp_scaling_mcpp
DB_ALEMBIC=migratecpp_scaling_alembic
REV=00000000abcd   # id of the revision autogenerate writes (deleted after every run)

usage() { sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift ;;
    --dialects) DIALECTS="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --bin) BIN="$2"; shift ;;
    --alembic-max) ALEMBIC_MAX="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scaling.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for n in $SIZES; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "scaling.sh: --sizes: '$n' is not a table count" >&2; exit 2; }
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "scaling.sh: --runs: '$RUNS' is not a positive count" >&2; exit 2; }
[[ "$ALEMBIC_MAX" =~ ^[0-9]+$ ]] || { echo "scaling.sh: --alembic-max: '$ALEMBIC_MAX' is not a count" >&2; exit 2; }
for d in ${DIALECTS//,/ }; do
  case "$d" in sqlite|postgresql|mysql) ;;
    *) echo "scaling.sh: unknown dialect '$d' (sqlite,postgresql,mysql)" >&2; exit 2 ;;
  esac
done
# The databases grow from one size to the next: the sizes in increasing order, once each.
SIZES="$(printf '%s\n' $SIZES | sort -n -u | tr '\n' ' ')"

redact() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#g' <<<"$*"; }   # passwords out of URLs
log() { printf '\033[1m[scaling %s]\033[0m %s\n' "$(date -u +%H:%M:%S)" "$(redact "$*")" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
T_START=$(date +%s)
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

BIN="$(readlink -f "$BIN")"
[ -x "$BIN" ] || die "no binary at $BIN (build first, or --bin PATH)"
BIN_SRC="$BIN"
BIN_BUILT="$(date -u -r "$BIN" +%Y-%m-%dT%H:%M:%SZ)"
[ -x "$GTIME" ] || die "needs GNU time (apt-get install time)"
command -v sqlite3 >/dev/null || die "needs sqlite3 (apt-get install sqlite3)"
if [ "$ALEMBIC_MAX" -gt 0 ]; then
  [ -x "$ALEMBIC" ] && "$PY" -c 'import alembic, sqlalchemy' 2>/dev/null ||
    die "needs Alembic (apt-get install alembic python3-alembic python3-sqlalchemy), or --alembic-max 0"
fi
# The real psql binary: /usr/bin/psql is Debian's Perl wrapper.
PSQL="$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n1)"
[ -n "$PSQL" ] || PSQL="$(command -v psql || true)"

WORK="$(mktemp -d /tmp/migratecpp-scaling.XXXXXX)"
OUT="$WORK/out"
mkdir -p "$OUT"
unset BENCH_URL BENCH_SQL_COUNT_FILE MIGRATECPP_URL MIGRATECPP_STATS
# A copy of the binary: a rebuild of the original during the run (a colleague's `ninja` on a
# shared tree) would otherwise mix two binaries in one table.
cp "$BIN_SRC" "$WORK/migratecpp"
BIN="$WORK/migratecpp"

# ------------------------------------------------------------------ servers
pg_base="${PG_URL%%\?*}"
pg_query=""; [[ "$PG_URL" == *\?* ]] && pg_query="?${PG_URL#*\?}"
pg_server="${pg_base%/*}"
mpsql() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }
my_base="${MY_URL%%\?*}"
my_query=""; [[ "$MY_URL" == *\?* ]] && my_query="?${MY_URL#*\?}"
my_server="${my_base%/*}"
MYCNF="$WORK/my.cnf"
mymaria() { mariadb --defaults-file="$MYCNF" -N -B "$@"; }
PG_OK=0
MY_OK=0

cleanup() {
  if [ "$KEEP" = 1 ]; then
    log "kept $WORK and the databases $DB_MCPP, $DB_ALEMBIC"
    return
  fi
  # at once: dropping 10,000 tables takes MariaDB tens of seconds
  log "dropping the databases"
  for db in "$DB_MCPP" "$DB_ALEMBIC"; do
    [ "$PG_OK" = 1 ] && mpsql "$pg_server/$PG_MAINT_DB$pg_query" -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 &
    [ "$MY_OK" = 1 ] && mymaria -e "DROP DATABASE IF EXISTS \`$db\`" >/dev/null 2>&1 &
  done
  wait
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT; trap 'exit 143' TERM   # so that cleanup runs when interrupted

want_dialect() { [[ ",$DIALECTS," == *",$1,"* ]]; }
if want_dialect postgresql; then
  if [ -n "$PSQL" ] && mpsql -At "$pg_server/$PG_MAINT_DB$pg_query" -c 'select 1' >/dev/null 2>&1; then
    PG_OK=1
  else
    log "WARNING: PostgreSQL at $pg_server/$PG_MAINT_DB does not answer: skipping postgresql" \
      "(start one: bash scripts/test-databases.sh start; or set BENCH_PG_URL)"
  fi
fi
if want_dialect mysql; then
  "$PY" "$BENCH_DIR/my_option_file.py" "$MY_URL" >"$MYCNF"
  chmod 600 "$MYCNF"
  if command -v mariadb >/dev/null && mymaria -e 'select 1' >/dev/null 2>&1; then
    MY_OK=1
  else
    log "WARNING: MariaDB at $my_server does not answer: skipping mysql" \
      "(start one: bash scripts/test-databases.sh start; or set BENCH_MYSQL_URL)"
  fi
fi

# Alembic's drivers (SQLAlchemy's postgresql+psycopg2 and mysql+pymysql): without one, the
# Alembic columns of that dialect stay empty.
alembic_ok() {
  [ "$ALEMBIC_MAX" -gt 0 ] || return 1
  case "$1" in
    postgresql) "$PY" -c 'import psycopg2' 2>/dev/null ;;
    mysql) "$PY" -c 'import pymysql' 2>/dev/null ;;
  esac
}
for d in postgresql mysql; do
  if want_dialect "$d" && [ "$ALEMBIC_MAX" -gt 0 ] && ! alembic_ok "$d"; then
    pkg=python3-psycopg2; [ "$d" = mysql ] && pkg=python3-pymysql
    log "WARNING: no Python driver for Alembic on $d (apt-get install $pkg): $d without Alembic"
  fi
done

# url TOOL DIALECT: the URL each tool connects with.
url() {
  case "$2" in
    sqlite) echo "sqlite:///$WORK/$1.db" ;;
    postgresql)
      if [ "$1" = mcpp ]; then echo "$pg_server/$DB_MCPP$pg_query"
      else echo "$pg_server/$DB_ALEMBIC$pg_query" | sed -E 's#^postgres(ql)?://#postgresql+psycopg2://#'; fi ;;
    mysql)
      if [ "$1" = mcpp ]; then echo "$my_server/$DB_MCPP$my_query"
      else echo "$my_server/$DB_ALEMBIC$my_query" | sed -E 's#^(mysql|mariadb)://#mysql+pymysql://#'; fi ;;
  esac
}
dbname() { [ "$1" = mcpp ] && echo "$DB_MCPP" || echo "$DB_ALEMBIC"; }

# reset_db TOOL DIALECT: an empty database.
reset_db() {
  local db; db="$(dbname "$1")"
  case "$2" in
    sqlite) rm -f "$WORK/$1.db" "$WORK/$1.db-journal" "$WORK/$1.db-wal" ;;
    postgresql) mpsql "$pg_server/$PG_MAINT_DB$pg_query" -c "DROP DATABASE IF EXISTS \"$db\"" \
      -c "CREATE DATABASE \"$db\"" >/dev/null ;;
    mysql) mymaria -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\`" >/dev/null ;;
  esac
}
# feed TOOL DIALECT SCRIPT: run an SQL script in that tool's database with the native client.
feed() {
  local db; db="$(dbname "$1")"
  case "$2" in
    sqlite) sqlite3 -bail "$WORK/$1.db" <"$3" >/dev/null ;;
    postgresql) mpsql -f "$3" "$pg_server/$db$pg_query" >/dev/null ;;
    mysql)
      # MariaDB's DDL is latency-bound: the tables over MY_PARTS connections at once (the 20
      # that the others reference and the version-table statements first, on one).
      "$PY" "$BENCH_DIR/gen.py" split-ddl "$3" "$MY_PARTS" "$3.part"
      mymaria "$db" <"$3.part0.sql" >/dev/null || return 1
      local k pids=() rc=0
      for ((k = 1; k <= MY_PARTS; k++)); do
        mymaria "$db" <"$3.part$k.sql" >/dev/null &
        pids+=($!)
      done
      for k in "${pids[@]}"; do wait "$k" || rc=1; done
      return $rc ;;
  esac
}
MY_PARTS=4
# dbq TOOL DIALECT SQL: one query in that tool's database.
dbq() {
  local db; db="$(dbname "$1")"
  case "$2" in
    sqlite) sqlite3 "$WORK/$1.db" "$3" ;;
    postgresql) mpsql -At "$pg_server/$db$pg_query" -c "$3" ;;
    mysql) mymaria "$db" -e "$3" ;;
  esac
}
count_tables() {   # tables named m_%
  case "$2" in
    sqlite) dbq "$1" "$2" "select count(*) from sqlite_master where type='table' and name like 'm\_%' escape '\\'" ;;
    postgresql) dbq "$1" "$2" "select count(*) from pg_tables where schemaname=current_schema() and tablename like 'm\_%'" ;;
    mysql) dbq "$1" "$2" "select count(*) from information_schema.tables where table_schema=database() and table_name like 'm\\_%'" ;;
  esac
}

# ------------------------------------------------------------------ measuring
FAILS="$OUT/failures.md"
: >"$FAILS"
fail() {   # fail WHAT CMD ERRFILE
  { echo "### $1"; echo '```'; redact "\$ $2"; tail -n 20 "$3"; echo '```'; } >>"$FAILS"
  log "FAILED: $1: $(tail -n 3 "$3" | tr '\n' ' ')"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timed KEY FILE CMD...: RUNS runs under GNU time, FILE (the written revision) removed after
# each; sets WALL, CPU (medians, s) and RSS (largest peak, MiB); returns 1 if a run failed.
timed() {
  local key="$1" file="$2"
  shift 2
  local -a walls=() cpus=()
  local rss=0 t0 t1 u s m
  for _ in $(seq "$RUNS"); do
    # wall clock taken here, to the ms (GNU time's %e has 10 ms steps: too coarse at 0.05 s)
    t0=$(date +%s%N)
    "$GTIME" -f '%U %S %M' -o "$OUT/$key.time" "$@" >"$OUT/$key.out" 2>"$OUT/$key.err" </dev/null ||
      { fail "$key: a timed run" "$*" "$OUT/$key.err"; return 1; }
    t1=$(date +%s%N)
    rm -f "$file"
    read -r u s m < <(tail -n1 "$OUT/$key.time")
    walls+=("$(awk -v ns="$((t1 - t0))" 'BEGIN {printf "%.3f", ns / 1e9}')")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  WALL=$(median "${walls[@]}")
  CPU=$(median "${cpus[@]}")
  RSS=$(awk -v k="$rss" 'BEGIN {printf "%.1f", k / 1024}')
}

# check_run KEY TOOL FILE CMD...: one run outside the timing; the written revision must have no
# upgrade op. Sets STMTS (statements sent, "?" when the binary/env.py did not say).
check_run() {
  local key="$1" tool="$2" file="$3"
  shift 3
  STMTS="?"
  rm -f "$file" "$OUT/$key.count"
  if [ "$tool" = migratecpp ]; then
    MIGRATECPP_STATS=1 "$@" >"$OUT/$key.check.out" 2>"$OUT/$key.check.err" </dev/null ||
      { fail "$key: check run" "MIGRATECPP_STATS=1 $*" "$OUT/$key.check.err"; return 1; }
    local n
    n="$(grep -oE 'migratecpp stats: [0-9]+ SQL statements? sent' "$OUT/$key.check.err" | grep -oE '[0-9]+' | tail -n1 || true)"
    [ -n "$n" ] && STMTS=$n
  else
    BENCH_SQL_COUNT_FILE="$OUT/$key.count" "$@" >"$OUT/$key.check.out" 2>"$OUT/$key.check.err" </dev/null ||
      { fail "$key: check run" "$*" "$OUT/$key.check.err"; return 1; }
    [ -s "$OUT/$key.count" ] && STMTS=$(tr -d '[:space:]' <"$OUT/$key.count")
  fi
  [ -f "$file" ] || { echo "no revision file $file written" >>"$OUT/$key.check.err"; fail "$key: check run" "$*" "$OUT/$key.check.err"; return 1; }
  if ! "$PY" "$BENCH_DIR/gen.py" verify "$tool" "$file" none >"$OUT/$key.verify" 2>&1; then
    cp "$file" "$OUT/$key.revision"
    fail "$key: the written revision has ops (expected none; kept as out/$key.revision)" "$*" "$OUT/$key.verify"
    rm -f "$file"
    return 1
  fi
  rm -f "$file"
}

# migratecpp's stock revision template, from `init` (revision needs it; gen.py does not write it)
mkdir -p "$WORK/init"
(cd "$WORK/init" && "$BIN" -q init >/dev/null 2>"$OUT/init.err") ||
  die "migratecpp init failed: $(tail -n3 "$OUT/init.err")"
TEMPLATE="$WORK/init/migrations/script.toml.tmpl"
[ -f "$TEMPLATE" ] || die "migratecpp init wrote no migrations/script.toml.tmpl"

# ------------------------------------------------------------------ the series
ROWS="$OUT/rows.md"
SETUP="$OUT/setup.txt"
: >"$ROWS"; : >"$SETUP"
log "migratecpp $BIN_SRC; sizes $SIZES; dialects $DIALECTS; $RUNS runs; Alembic up to $ALEMBIC_MAX tables; work dir $WORK"
for d in sqlite postgresql mysql; do
  want_dialect "$d" || continue
  [ "$d" = postgresql ] && [ "$PG_OK" = 0 ] && continue
  [ "$d" = mysql ] && [ "$MY_OK" = 0 ] && continue
  reset_db mcpp "$d"
  prev=0      # tables in migratecpp's database
  aprev=0     # tables in Alembic's
  a_max=0; alembic_ok "$d" && a_max=$ALEMBIC_MAX
  [ "$a_max" -gt 0 ] && reset_db alembic "$d"
  for n in $SIZES; do
    dir="$WORK/$d-$n"
    with_alembic=0
    [ "$n" -le "$a_max" ] && with_alembic=1
    gen_args=(--url "mcpp:$d=$(url mcpp "$d")")
    [ "$with_alembic" = 1 ] && gen_args+=(--alembic --url "alembic:$d=$(url alembic "$d")")
    "$PY" "$BENCH_DIR/gen.py" scaling "$dir" "$n" --from "$prev" "${gen_args[@]}"
    cp "$TEMPLATE" "$dir/mcpp/migrations/"

    # migratecpp's database: its own DDL for the new tables, then the bench project stamped at
    # its empty base revision (the set-up revisions' version rows removed, as run.sh does).
    log "$d/$n: creating tables $((prev + 1))..$n for migratecpp"
    t0=$(now_ms)
    "$BIN" -c "$dir/create/$d.toml" upgrade head --sql >"$dir/create.sql" 2>"$OUT/$d-$n-create.err" ||
      { fail "$d/$n: set-up script" "$BIN -c $dir/create/$d.toml upgrade head --sql" "$OUT/$d-$n-create.err"; break; }
    feed mcpp "$d" "$dir/create.sql" 2>"$OUT/$d-$n-feed.err" ||
      { fail "$d/$n: set-up (the script fed to the $d client)" "feed $dir/create.sql" "$OUT/$d-$n-feed.err"; break; }
    dbq mcpp "$d" "DELETE FROM migratecpp_version" >/dev/null
    "$BIN" -q -c "$dir/mcpp/$d.toml" stamp head >/dev/null 2>"$OUT/$d-$n-stamp.err" ||
      { fail "$d/$n: stamp head" "$BIN -q -c $dir/mcpp/$d.toml stamp head" "$OUT/$d-$n-stamp.err"; break; }
    t1=$(now_ms)
    got="$(count_tables mcpp "$d")"
    [ "$got" = "$n" ] || { echo "tables m_%: $got, expected $n" >"$OUT/$d-$n-count.err"; fail "$d/$n: set-up" "count_tables" "$OUT/$d-$n-count.err"; break; }
    prev=$n
    setup_a="-"
    if [ "$with_alembic" = 1 ]; then
      log "$d/$n: creating tables $((aprev + 1))..$n for Alembic"
      t2=$(now_ms)
      tx=(); [ "$d" != mysql ] && tx=(--transactions)
      "$PY" "$BENCH_DIR/gen.py" alembic-ddl "$dir/alembic" "$d" --from "$aprev" "${tx[@]}" >"$dir/alembic-create.sql"
      feed alembic "$d" "$dir/alembic-create.sql" 2>"$OUT/$d-$n-afeed.err" ||
        { fail "$d/$n: Alembic set-up (SQLAlchemy's DDL fed to the $d client)" "feed $dir/alembic-create.sql" "$OUT/$d-$n-afeed.err"; with_alembic=0; }
      if [ "$with_alembic" = 1 ]; then
        "$ALEMBIC" -c "$dir/alembic/$d.ini" stamp head >/dev/null 2>"$OUT/$d-$n-astamp.err" ||
          { fail "$d/$n: alembic stamp head" "$ALEMBIC -c $dir/alembic/$d.ini stamp head" "$OUT/$d-$n-astamp.err"; with_alembic=0; }
        got="$(count_tables alembic "$d")"
        [ "$got" = "$n" ] || { echo "tables m_%: $got, expected $n" >"$OUT/$d-$n-acount.err"; fail "$d/$n: Alembic set-up" "count_tables" "$OUT/$d-$n-acount.err"; with_alembic=0; }
        aprev=$n
      fi
      setup_a="$(awk -v ms="$(( $(now_ms) - t2 ))" 'BEGIN {printf "%.1f", ms / 1000}')"
    fi
    echo "$d $n $(awk -v ms="$((t1 - t0))" 'BEGIN {printf "%.1f", ms / 1000}') $setup_a" >>"$SETUP"

    # migratecpp
    mfile="$dir/mcpp/migrations/versions/${REV}_x.toml"
    mcmd=("$BIN" -c "$dir/mcpp/$d.toml" revision --autogenerate -m x --rev-id "$REV")
    m_wall="fail" m_cpu="-" m_rss="-" m_stmts="-"
    log "$d/$n: migratecpp revision --autogenerate (check run + $RUNS runs)"
    if check_run "$d-$n-mcpp" migratecpp "$mfile" "${mcmd[@]}"; then
      m_stmts=$STMTS
      if timed "$d-$n-mcpp" "$mfile" "${mcmd[@]}"; then m_wall=$WALL m_cpu=$CPU m_rss=$RSS; fi
    fi

    # Alembic
    a_wall="-" a_rss="-" a_stmts="-" ratio="-"
    if [ "$with_alembic" = 1 ]; then
      afile="$dir/alembic/versions/${REV}_x.py"
      acmd=("$ALEMBIC" -c "$dir/alembic/$d.ini" revision --autogenerate -m x --rev-id "$REV")
      a_wall="fail"
      log "$d/$n: alembic revision --autogenerate (check run + $RUNS runs)"
      if check_run "$d-$n-alembic" alembic "$afile" "${acmd[@]}"; then
        a_stmts=$STMTS
        if timed "$d-$n-alembic" "$afile" "${acmd[@]}"; then
          a_wall=$WALL a_rss=$RSS
          [ "$m_wall" != fail ] &&
            ratio="$(awk -v a="$a_wall" -v m="$m_wall" 'BEGIN {if (m > 0) printf "**%.1fx**", a / m; else print "-"}')"
        fi
      fi
    fi
    case "$d" in sqlite) dn=SQLite ;; postgresql) dn=PostgreSQL ;; *) dn=MariaDB ;; esac
    row="| $dn | $n | $m_wall | $m_cpu | $m_rss | $m_stmts | $a_wall | $a_rss | $a_stmts | $ratio |"
    echo "$row" >>"$ROWS"
    log "$row"
  done
  if [ "$KEEP" = 0 ]; then
    rm -rf "$WORK/$d"-*/ "$WORK/mcpp.db" "$WORK/alembic.db"   # 10,000-table projects add up
  fi
done

# ------------------------------------------------------------------ report
mkdir -p "$BENCH_DIR/results"
RESULT="$BENCH_DIR/results/scaling-$(date -u +%Y-%m-%d).md"
[ -e "$RESULT" ] && RESULT="$BENCH_DIR/results/scaling-$(date -u +%Y-%m-%d-%H%M%S).md"
{
  echo "# autogenerate scaling series ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)."
  stale=""
  [ -n "$(find "$REPO"/{util,schema,dialects,introspect,migrate,cli} -newer "$BIN_SRC" -print -quit 2>/dev/null)" ] &&
    stale=" (WARNING: sources changed since this binary was built)"
  echo "migratecpp: $("$BIN" --version 2>&1 | head -n1), $BIN_SRC built $BIN_BUILT (copied at the start)$stale."
  if [ "$ALEMBIC_MAX" -gt 0 ]; then
    echo "Alembic: $("$PY" -c 'import alembic, sqlalchemy, sys; print(f"alembic {alembic.__version__}, SQLAlchemy {sqlalchemy.__version__}, Python {sys.version.split()[0]}")'), compare_type=True, up to $ALEMBIC_MAX tables."
  fi
  [ "$PG_OK" = 1 ] && echo "PostgreSQL: $(mpsql -At "$pg_server/$PG_MAINT_DB$pg_query" -c 'show server_version')."
  [ "$MY_OK" = 1 ] && echo "MariaDB: $(mymaria -e 'select version()')."
  echo "$RUNS timed runs per cell after one check run; wall and CPU (user + sys) are medians, peak RSS the largest of the runs; statements: migratecpp's MIGRATECPP_STATS count, Alembic's before_cursor_execute count (\"?\": not reported)."
  echo
  echo "| dialect | tables | mcpp wall s | mcpp CPU s | mcpp peak RSS MiB | mcpp statements | Alembic wall s | Alembic peak RSS MiB | Alembic statements | ratio (Alembic/mcpp wall) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  cat "$ROWS"
  echo
  echo "Set-up (not measured above; s): $(awk '{printf "%s%s/%s mcpp %s, Alembic %s", (NR > 1 ? "; " : ""), $1, $2, $3, $4}' "$SETUP")."
  echo "Run time: $(( $(date +%s) - T_START )) s (without dropping the databases at the end)."
  if [ -s "$FAILS" ]; then
    echo
    echo "## Failures"
    echo
    cat "$FAILS"
  fi
} >"$RESULT"
cat "$RESULT"
log "written: $RESULT"
