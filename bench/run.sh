#!/usr/bin/env bash
# bench/run.sh — the anchor scenarios (shared/notes/anchor-bench.md), Alembic and migratecpp
# side by side in one invocation, on SQLite, PostgreSQL and MariaDB; prints medians and ratios
# and writes them to bench/results/<date>.md.
#
#   bash bench/run.sh [--quick] [--only a,b,c,d,e] [--dialects sqlite,postgresql,mysql]
#                     [--bin PATH] [--keep] [--no-install]
#
# Scenarios (see bench/README.md): a `current` at the head of a 200-revision chain; b `upgrade
# head` over those 200 revisions from an empty database; c the floor of b: the offline SQL
# (`upgrade head --sql`) fed to sqlite3 / psql / mariadb; d `revision --autogenerate` with no change on
# 500 tables; e the same with 10 changes.
#
# Environment: MIGRATECPP_BIN (binary; default build-bench/migratecpp, built if missing),
# BENCH_PG_URL (default postgresql://migratecpp:migratecpp@127.0.0.1:54329/migratecpp_bench;
# the database is created if missing, from BENCH_PG_MAINT_DB, default migratecpp_test),
# BENCH_PG_ADMIN (command running psql as a superuser, for the statement count; default
# `runuser -u postgres -- psql -h /tmp/migratecpp-testdb/pg/run -p 54329 -U postgres`),
# BENCH_PG_LOG (the server log; default /tmp/migratecpp-testdb/pg/server.log),
# BENCH_MYSQL_URL (default mysql://migratecpp:migratecpp@127.0.0.1:33069/migratecpp_bench: the
# user must be allowed to create databases; <db>_<scenario>_<tool> are created and dropped).
# A dialect whose server does not answer is skipped with a warning.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
PY=/usr/bin/python3
ALEMBIC=/usr/bin/alembic
GTIME=/usr/bin/time

QUICK=0
ONLY="a,b,c,d,e"
DIALECTS="sqlite,postgresql,mysql"
KEEP=0
INSTALL=1
BIN="${MIGRATECPP_BIN:-$REPO/build-bench/migratecpp}"
PG_URL="${BENCH_PG_URL:-postgresql://migratecpp:migratecpp@127.0.0.1:54329/migratecpp_bench}"
PG_MAINT_DB="${BENCH_PG_MAINT_DB:-migratecpp_test}"
PG_ADMIN="${BENCH_PG_ADMIN:-runuser -u postgres -- psql -h /tmp/migratecpp-testdb/pg/run -p 54329 -U postgres}"
PG_LOG="${BENCH_PG_LOG:-/tmp/migratecpp-testdb/pg/server.log}"
MY_URL="${BENCH_MYSQL_URL:-mysql://migratecpp:migratecpp@127.0.0.1:33069/migratecpp_bench}"

usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --only) ONLY="$2"; shift ;;
    --only=*) ONLY="${1#*=}" ;;
    --dialects) DIALECTS="$2"; shift ;;
    --dialects=*) DIALECTS="${1#*=}" ;;
    --bin) BIN="$2"; shift ;;
    --keep) KEEP=1 ;;
    --no-install) INSTALL=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for s in ${ONLY//,/ }; do
  case "$s" in a|b|c|d|e) ;; *) echo "run.sh: unknown scenario '$s' (a,b,c,d,e)" >&2; exit 2 ;; esac
done
for d in ${DIALECTS//,/ }; do
  case "$d" in sqlite|postgresql|mysql) ;;
    *) echo "run.sh: unknown dialect '$d' (sqlite,postgresql,mysql)" >&2; exit 2 ;;
  esac
done
want() { [[ ",$ONLY," == *",$1,"* ]]; }
want_dialect() { [[ ",$DIALECTS," == *",$1,"* ]]; }

# Runs and warm-ups, as in the anchor: a 10+2, c 10+1, b/d/e 5+1; RSS = median of 3.
if [ "$QUICK" = 1 ]; then
  RUNS_A=5 WARM_A=1 RUNS_C=5 WARM_C=1 RUNS_BDE=3 WARM_BDE=1 RSS_RUNS=1 RUNS_ALT=3
else
  RUNS_A=10 WARM_A=2 RUNS_C=10 WARM_C=1 RUNS_BDE=5 WARM_BDE=1 RSS_RUNS=3 RUNS_ALT=10
fi

redact() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#g' <<<"$*"; }   # passwords out of URLs
log() { printf '\033[1m[bench %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$(redact "$*")" >&2; }
die() { log "ERROR: $*"; exit 1; }
T_START=$(date +%s)

# ------------------------------------------------------------------ prerequisites
ensure_tools() {
  local need=()
  [ -x "$ALEMBIC" ] || need+=(alembic)
  "$PY" -c 'import alembic' 2>/dev/null || need+=(python3-alembic)
  "$PY" -c 'import sqlalchemy' 2>/dev/null || need+=(python3-sqlalchemy)
  "$PY" -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
  command -v hyperfine >/dev/null || need+=(hyperfine)
  [ -x "$GTIME" ] || need+=(time)
  command -v sqlite3 >/dev/null || need+=(sqlite3)
  command -v psql >/dev/null || need+=(postgresql-client)
  if want_dialect mysql; then
    "$PY" -c 'import pymysql' 2>/dev/null || need+=(python3-pymysql)
    command -v mariadb >/dev/null || need+=(mariadb-client)
  fi
  [ ${#need[@]} -eq 0 ] && return 0
  [ "$INSTALL" = 1 ] || die "missing packages: ${need[*]} (--no-install)"
  [ "$(id -u)" = 0 ] || die "missing packages: ${need[*]}; run as root or install them"
  log "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${need[@]}" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1; apt-get install -y -q "${need[@]}" >/dev/null; }
}
ensure_tools
# The real psql binary: /usr/bin/psql is Debian's Perl pg_wrapper (~18 ms of Perl per call).
PSQL="$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n1)"
[ -n "$PSQL" ] || PSQL="$(command -v psql)"

if [ ! -x "$BIN" ]; then
  log "building $BIN (Release)"
  cmake -S "$REPO" -B "$REPO/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DMIGRATECPP_TESTS=OFF >/dev/null
  cmake --build "$REPO/build-bench" -j2 >/dev/null
  BIN="$REPO/build-bench/migratecpp"
fi
BIN="$(readlink -f "$BIN")"

# PostgreSQL: reachable? else try the test servers; the bench database is created if missing.
PG_OK=0
PG_ADMIN_OK=0
pg_base="${PG_URL%%\?*}"
pg_db="${pg_base##*/}"
pg_maint_url="${pg_base%/*}/$PG_MAINT_DB"
mpsql() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$@"; }
if want_dialect postgresql; then
  if ! mpsql -At "$pg_maint_url" -c 'select 1' >/dev/null 2>&1 && [ -f "$REPO/scripts/test-databases.sh" ]; then
    log "PostgreSQL does not answer: bash scripts/test-databases.sh start"
    bash "$REPO/scripts/test-databases.sh" start >/dev/null 2>&1 || true
  fi
  # Fresh databases each run (no catalog bloat carried over from an earlier run): the bench
  # database for a/b/c (one schema per scenario and tool) and one database per tool for d/e.
  if mpsql -At "$pg_maint_url" -c 'select 1' >/dev/null 2>&1; then
    for db in "$pg_db" "${pg_db}_ag_alembic" "${pg_db}_ag_mcpp"; do
      mpsql "$pg_maint_url" -c "DROP DATABASE IF EXISTS \"$db\"" -c "CREATE DATABASE \"$db\"" >/dev/null
    done
    mpsql -At "$pg_base" -c 'select 1' >/dev/null && PG_OK=1
  fi
  if [ "$PG_OK" = 1 ]; then
    # shellcheck disable=SC2086
    if $PG_ADMIN -X -At -d postgres -c 'select 1' >/dev/null 2>&1 && [ -r "$PG_LOG" ]; then PG_ADMIN_OK=1; fi
  else
    log "WARNING: PostgreSQL at $pg_base not reachable: skipping the postgresql dialect"
    DIALECTS="${DIALECTS//postgresql/}"
  fi
fi
padmin() { $PG_ADMIN -X -q -At -v ON_ERROR_STOP=1 "$@"; }   # word-split on purpose
pg_url_of() { echo "${pg_base%/*}/$1"; }   # URL of another database on the same server

# ------------------------------------------------------------------ work dir and projects
WORK="$(mktemp -d /tmp/migratecpp-bench.XXXXXX)"
OUT="$WORK/out"
mkdir -p "$OUT"
LOGLINE_DB=""
PG_ROLE=""
[ "$PG_OK" = 1 ] && PG_ROLE="$(mpsql -At "$pg_base" -c 'select current_user')"
cleanup() {
  if [ -n "$LOGLINE_DB" ]; then
    padmin -d postgres -c "ALTER ROLE \"$PG_ROLE\" IN DATABASE \"$LOGLINE_DB\" RESET log_statement" >/dev/null 2>&1 || true
  fi
  if [ "$KEEP" = 1 ]; then
    log "kept $WORK"
  else
    if [ "$PG_OK" = 1 ]; then
      for db in "$pg_db" "${pg_db}_ag_alembic" "${pg_db}_ag_mcpp"; do
        mpsql "$pg_maint_url" -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true
      done
    fi
    if [ "$MY_OK" = 1 ]; then
      for db in "${MY_DBS[@]}"; do mymaria -e "DROP DATABASE IF EXISTS \`$db\`" >/dev/null 2>&1 || true; done
    fi
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT; trap 'exit 143' TERM   # so that cleanup runs when interrupted
unset BENCH_URL BENCH_SQL_COUNT_FILE MIGRATECPP_URL

# MariaDB: reachable? (else try the test servers, else skip the dialect). The client reads the
# credentials from an option file (no password on a command line); every (scenario, tool) gets
# its own database <db>_<group>_<tool>, created fresh here.
MY_OK=0
MY_DBS=()
MYCNF="$WORK/my.cnf"
my_base="${MY_URL%%\?*}"
my_db="${my_base##*/}"
mymaria() { mariadb --defaults-file="$MYCNF" -N -B "$@"; }
if want_dialect mysql; then
  "$PY" "$BENCH_DIR/my_option_file.py" "$MY_URL" >"$MYCNF"
  chmod 600 "$MYCNF"
  if ! mymaria -e 'select 1' >/dev/null 2>&1 && [ -f "$REPO/scripts/test-databases.sh" ]; then
    log "MariaDB does not answer: bash scripts/test-databases.sh start"
    bash "$REPO/scripts/test-databases.sh" start >/dev/null 2>&1 || true
  fi
  if mymaria -e 'select 1' >/dev/null 2>&1; then
    MY_OK=1
    for g in a b c ag; do for t in alembic mcpp; do MY_DBS+=("${my_db}_${g}_$t"); done; done
    for db in "${MY_DBS[@]}"; do
      mymaria -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\`" >/dev/null ||
        { MY_OK=0; break; }
    done
  fi
  if [ "$MY_OK" = 0 ]; then
    log "WARNING: MariaDB at $my_base not reachable (or no right to create ${my_db}_*): skipping the mysql dialect"
    DIALECTS="${DIALECTS//mysql/}"
  fi
fi

log "work dir $WORK; migratecpp $BIN"
"$PY" "$BENCH_DIR/gen.py" projects "$WORK" --pg-url "$PG_URL" --mysql-url "$MY_URL"
# migratecpp's stock revision template, from `init`
mkdir -p "$WORK/init"
(cd "$WORK/init" && "$BIN" -q init >/dev/null 2>&1) || log "WARNING: migratecpp init failed"
for p in chain/mcpp ag/mcpp ag/mcpp-create; do
  cp "$WORK/init/migrations/script.toml.tmpl" "$WORK/$p/migrations/" 2>/dev/null || true
done
declare -A T_URL T_DB T_SCHEMA T_FILE   # T_URL: for a look with --keep
# shellcheck disable=SC1091
source "$WORK/targets.sh"

# prep.sh: the --prepare commands (hyperfine does not time them).
cat >"$WORK/prep.sh" <<EOF
#!/usr/bin/env bash
# prep.sh sqlite FILE | pg DATABASE SCHEMA | my DATABASE | rm FILE...
case "\$1" in
  sqlite) rm -f "\$2" "\$2-journal" "\$2-wal" "\$2-shm" ;;
  my) mariadb --defaults-file="$MYCNF" -e "DROP DATABASE IF EXISTS \\\`\$2\\\`; CREATE DATABASE \\\`\$2\\\`" >/dev/null 2>&1 ;;
  pg) "$PSQL" -X -q -v ON_ERROR_STOP=1 "${pg_base%/*}/\$2" -c "DROP SCHEMA IF EXISTS \$3 CASCADE" -c "CREATE SCHEMA \$3" >/dev/null 2>&1 ;;
  rm) shift; rm -f "\$@" ;;
esac
EOF
chmod +x "$WORK/prep.sh"
PREP="$WORK/prep.sh"

# reset_db GROUP DIALECT TOOL: an empty database for that target.
reset_db() {
  local k="$1_$2_$3"
  case "$2" in
    sqlite) "$PREP" sqlite "${T_FILE[$k]}" ;;
    mysql) "$PREP" my "${T_DB[$k]}" ;;
    *) "$PREP" pg "${T_DB[$k]}" "${T_SCHEMA[$k]}" ;;
  esac
}
prep_cmd() {
  local k="$1_$2_$3"
  case "$2" in
    sqlite) echo "$PREP sqlite ${T_FILE[$k]}" ;;
    mysql) echo "$PREP my ${T_DB[$k]}" ;;
    *) echo "$PREP pg ${T_DB[$k]} ${T_SCHEMA[$k]}" ;;
  esac
}
# dbq GROUP DIALECT TOOL SQL: one query in that target's database.
dbq() {
  local k="$1_$2_$3"
  if [ "$2" = sqlite ]; then sqlite3 "${T_FILE[$k]}" "$4"
  elif [ "$2" = mysql ]; then mymaria "${T_DB[$k]}" -e "$4"
  else mpsql -At "$(pg_url_of "${T_DB[$k]}")" -c "SET search_path TO ${T_SCHEMA[$k]}" -c "$4"; fi
}
count_tables() {   # tables named t_% / m_%
  if [ "$2" = sqlite ]; then
    dbq "$@" "select count(*) from sqlite_master where type='table' and (name like 't\_%' escape '\\' or name like 'm\_%' escape '\\')"
  elif [ "$2" = mysql ]; then
    dbq "$@" "select count(*) from information_schema.tables where table_schema=database() and (table_name like 't\\_%' or table_name like 'm\\_%')"
  else
    dbq "$@" "select count(*) from pg_tables where schemaname=current_schema() and (tablename like 't\_%' or tablename like 'm\_%')"
  fi
}

# ------------------------------------------------------------------ measuring
CHECKS="$OUT/checks.txt"
FAILS="$OUT/failures.txt"
: >"$CHECKS"; : >"$FAILS"
check() {   # check LABEL GOT WANT
  if [ "$2" = "$3" ]; then echo "OK   $1: $2" >>"$CHECKS"
  else echo "FAIL $1: got '$2', expected '$3'" >>"$CHECKS"; log "CHECK FAILED: $1: got '$2', expected '$3'"; fi
}

# split_cmd CMD: the words of CMD into argv, quotes honoured as hyperfine -N does (shell
# words, no globbing, no expansion: the commands are built here from known paths).
split_cmd() { set -f; eval "argv=($1)"; set +f; }

# run_once PREP CMD LOGFILE: prepare, then the command split into words (no shell).
run_once() {
  local -a argv
  bash -c "$1"
  split_cmd "$2"
  "${argv[@]}" >"$3.out" 2>"$3.err" </dev/null
}

# measure SCEN DIALECT RUNS WARMUP VERIFY [NAME PREP CMD]...
# For each command: one check run (a failure is recorded and the command left out), then
# VERIFY NAME; then hyperfine over the commands that worked; then peak RSS (median of runs
# under /usr/bin/time -f %M). Alembic's check run also counts its statements (env.py).
measure() {
  local scen="$1" dia="$2" runs="$3" warm="$4" verify="$5"
  shift 5
  local -a hf=() names=() preps=() cmds=()
  while [ $# -gt 0 ]; do
    local name="$1" prep="$2" cmd="$3"
    shift 3
    local base="$OUT/$scen-$dia-$name"
    log "$scen/$dia/$name: check run: $cmd"
    if BENCH_SQL_COUNT_FILE="$base.clientcount" MIGRATECPP_STATS=1 run_once "$prep" "$cmd" "$base"; then
      # migratecpp counts its own statements (MIGRATECPP_STATS), on every dialect.
      if [ "$name" = migratecpp ]; then
        sed -n 's/^migratecpp stats: \([0-9]*\) SQL statements sent$/\1/p' "$base.err" >"$base.clientcount"
      fi
      $verify "$scen" "$dia" "$name"
      names+=("$name"); preps+=("$prep"); cmds+=("$cmd")
      hf+=(-n "$name" --prepare "$prep" "$cmd")
    else
      local rc=$?
      { echo "### $scen / $dia / $name: exit $rc"; echo '```'; redact "\$ $cmd"; tail -n 20 "$base.err"; echo '```'; } >>"$FAILS"
      log "FAILED ($name, exit $rc): $cmd"; tail -n 5 "$base.err" >&2
    fi
  done
  [ ${#names[@]} -gt 0 ] || return 0
  hyperfine -N --style basic --runs "$runs" --warmup "$warm" \
    --export-json "$OUT/$scen-$dia.json" "${hf[@]}" 2>&1 | sed 's/^/    /' >&2 ||
    log "hyperfine failed for $scen/$dia (an intermittent failure of one run)"
  local i r
  for i in "${!names[@]}"; do
    : >"$OUT/$scen-$dia-${names[$i]}.rss"
    for ((r = 0; r < RSS_RUNS; r++)); do
      bash -c "${preps[$i]}"
      local -a argv
      split_cmd "${cmds[$i]}"
      "$GTIME" -f %M -o "$WORK/rss.tmp" "${argv[@]}" >/dev/null 2>&1 </dev/null || true
      tail -n1 "$WORK/rss.tmp" >>"$OUT/$scen-$dia-${names[$i]}.rss"
    done
  done
}

# server_count SCEN DIALECT NAME PREP CMD GROUP: statements the PG server logged for one run
# (log_statement='all' for the bench role in that target's database only, then reset).
server_count() {
  [ "$2" = postgresql ] && [ "$PG_ADMIN_OK" = 1 ] || return 0
  local tool=mcpp; [ "$3" = alembic ] && tool=alembic
  local db="${T_DB[$6_$2_$tool]}"
  bash -c "$4"
  padmin -d postgres -c "ALTER ROLE \"$PG_ROLE\" IN DATABASE \"$db\" SET log_statement = 'all'" >/dev/null
  LOGLINE_DB="$db"
  local off
  off=$(stat -c %s "$PG_LOG")
  local -a argv
  split_cmd "$5"
  "${argv[@]}" >/dev/null 2>&1 </dev/null || true
  sleep 0.3
  padmin -d postgres -c "ALTER ROLE \"$PG_ROLE\" IN DATABASE \"$db\" RESET log_statement" >/dev/null
  LOGLINE_DB=""
  tail -c +"$((off + 1))" "$PG_LOG" >"$OUT/$1-$2-$3.serverlog"
  grep -cE 'LOG:  (statement|execute [^:]*):' "$OUT/$1-$2-$3.serverlog" >"$OUT/$1-$2-$3.servercount" || true
}

verify_none() { :; }
HEAD_REV=0000000000c8
verify_a() {
  local want="$HEAD_REV (head)"; [ "$3" = client ] && want="$HEAD_REV"
  check "a/$2/$3: current prints" "$(tr -d '\r' <"$OUT/a-$2-$3.out" | tail -n1)" "$want"
}
# client_query SCEN DIALECT SQL: the database's own client connecting to migratecpp's target of
# SCEN and running SQL, the start-up floor of issue 13 ("within 2x of the database's own client
# connecting and running one query").
client_query() {
  local k="$1_$2_mcpp"
  if [ "$2" = sqlite ]; then echo "sqlite3 ${T_FILE[$k]} '$3'"
  elif [ "$2" = mysql ]; then echo "mariadb --defaults-file=$MYCNF -N -B ${T_DB[$k]} -e '$3'"
  else echo "$PSQL -X -At -c 'SET search_path TO ${T_SCHEMA[$k]}' -c '$3' $(pg_url_of "${T_DB[$k]}")"; fi
}
verify_b() {
  local tool=mcpp; [ "$3" = alembic ] && tool=alembic
  check "b/$2/$3: tables after upgrade" "$(count_tables b "$2" $tool)" 200
  local vt=migratecpp_version; [ "$3" = alembic ] && vt=alembic_version
  check "b/$2/$3: version table" "$(dbq b "$2" $tool "select version_num from $vt")" "$HEAD_REV"
}
verify_c() {
  local tool=mcpp; [ "$3" = alembic ] && tool=alembic
  check "c/$2/$3: tables after the script" "$(count_tables c "$2" $tool)" 200
}
verify_de() {
  local tool=migratecpp file expect=none
  [ "$1" = e ] && expect=changes
  if [ "$3" = alembic ]; then tool=alembic; file="$WORK/ag/alembic/versions/${REV[$1]}_$1.py"
  else file="$WORK/ag/mcpp/migrations/versions/${REV[$1]}_$1.toml"; fi
  local msg
  msg="$("$PY" "$BENCH_DIR/gen.py" verify $tool "$file" $expect)" || true
  if [[ "$msg" == *" OK" ]]; then echo "OK   $1/$2/$3: $msg" >>"$CHECKS"
  else echo "FAIL $1/$2/$3: $msg" >>"$CHECKS"; log "CHECK FAILED: $msg"; fi
}

ALL_DIALECTS=()
for d in sqlite postgresql mysql; do want_dialect "$d" && ALL_DIALECTS+=("$d"); done
[ ${#ALL_DIALECTS[@]} -gt 0 ] || die "no dialect left to run"
mcfg() { echo "$WORK/chain/mcpp/$1-$2.toml"; }     # migratecpp config of chain target
acfg() { echo "$WORK/chain/alembic/$1-$2.ini"; }   # Alembic ini of chain target
declare -A REV=([d]=dddddddddddd [e]=eeeeeeeeeeee)

# ------------------------------------------------------------------ calibration
# The anchor's CPU-loop and import floors, to tell how fast this machine is right now compared
# with the one the anchor figures come from (0.083 s and 0.187 s there).
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log "calibration: the anchor's Python CPU loop and import floor"
hyperfine -N --style none --runs "$RUNS_A" --warmup 1 --export-json "$OUT/calibration.json" \
  -n cpu_loop "$PY -c 'sum(i*i for i in range(3000000))'" \
  -n imports "$PY -c 'import alembic.config, alembic.command, sqlalchemy'" >/dev/null 2>&1 || true

# ------------------------------------------------------------------ a: current at head
if want a; then
  for d in "${ALL_DIALECTS[@]}"; do
    log "a/$d: setting up both databases at head (upgrade head)"
    reset_db a "$d" alembic; reset_db a "$d" mcpp
    "$ALEMBIC" -c "$(acfg a "$d")" upgrade head >/dev/null 2>"$OUT/a-$d-setup-alembic.err" ||
      die "alembic upgrade head failed: $(tail -n3 "$OUT/a-$d-setup-alembic.err")"
    "$BIN" -c "$(mcfg a "$d")" upgrade head >/dev/null 2>"$OUT/a-$d-setup-mcpp.err" ||
      echo "### a / $d / setup: migratecpp -c $(mcfg a "$d") upgrade head failed" >>"$FAILS"
    measure a "$d" "$RUNS_A" "$WARM_A" verify_a \
      alembic true "$ALEMBIC -c $(acfg a "$d") current" \
      migratecpp true "$BIN -c $(mcfg a "$d") current" \
      client true "$(client_query a "$d" "SELECT version_num FROM migratecpp_version")"
    server_count a "$d" alembic true "$ALEMBIC -c $(acfg a "$d") current" a a
    server_count a "$d" migratecpp true "$BIN -c $(mcfg a "$d") current" a
  done
fi

# ------------------------------------------------------------------ b: upgrade head from empty
if want b; then
  for d in "${ALL_DIALECTS[@]}"; do
    measure b "$d" "$RUNS_BDE" "$WARM_BDE" verify_b \
      alembic "$(prep_cmd b "$d" alembic)" "$ALEMBIC -c $(acfg b "$d") upgrade head" \
      migratecpp "$(prep_cmd b "$d" mcpp)" "$BIN -c $(mcfg b "$d") upgrade head"
    server_count b "$d" alembic "$(prep_cmd b "$d" alembic)" "$ALEMBIC -c $(acfg b "$d") upgrade head" b
    server_count b "$d" migratecpp "$(prep_cmd b "$d" mcpp)" "$BIN -c $(mcfg b "$d") upgrade head" b
    # b1: the same upgrade in ONE transaction (transaction_per_migration = false), the mode
    # whose floor is c1 (issue 13: within 1.3x of it). Alembic's b already runs that way.
    sed 's/^transaction_per_migration = true$/transaction_per_migration = false/' \
      "$(mcfg b "$d")" >"$WORK/chain/mcpp/b1-$d.toml"
    measure b1 "$d" "$RUNS_BDE" "$WARM_BDE" verify_b \
      migratecpp "$(prep_cmd b "$d" mcpp)" "$BIN -c $WORK/chain/mcpp/b1-$d.toml upgrade head"
  done
fi

# ------------------------------------------------------------------ c: the floor of b
# c1: each tool's offline script in ONE transaction, fed to the native client (Alembic's
#     PostgreSQL script is already one BEGIN..COMMIT; its SQLite script has none and is wrapped;
#     migratecpp's per-revision BEGIN/COMMIT are collapsed into one).
#     MariaDB commits each DDL statement on its own: there c1 is each script without its
#     BEGIN/COMMIT lines (Alembic emits none there), fed to `mariadb DB < script` (through
#     `bash -c 'exec ...'`: the client stops at the first error only when reading stdin).
# c:  migratecpp's script exactly as emitted (transaction_per_migration = true: one transaction
#     per revision), i.e. the floor of b as migratecpp runs it.
if want c; then
  for d in "${ALL_DIALECTS[@]}"; do
    "$ALEMBIC" -c "$(acfg c "$d")" upgrade head --sql >"$WORK/c-$d-alembic.raw" 2>/dev/null
    if ! "$BIN" -c "$(mcfg c "$d")" upgrade head --sql >"$WORK/c-$d-mcpp.raw" 2>"$OUT/c-$d-sql.err"; then
      { echo "### c / $d: migratecpp upgrade head --sql"; echo '```'; tail -n 20 "$OUT/c-$d-sql.err"; echo '```'; } >>"$FAILS"
      continue
    fi
    for t in alembic mcpp; do
      f_one="$WORK/c1-$d-$t.sql" f_as="$WORK/c-$d-$t.sql"
      {
        [ "$d" = postgresql ] && echo "SET search_path TO ${T_SCHEMA[c_${d}_$t]};"
        if [ "$d" = mysql ]; then grep -vE '^(BEGIN|COMMIT);$' "$WORK/c-$d-$t.raw"
        elif [ "$d" = sqlite ] || [ "$t" = mcpp ]; then
          echo "BEGIN;"; grep -vE '^(BEGIN|COMMIT);$' "$WORK/c-$d-$t.raw"; echo "COMMIT;"
        else cat "$WORK/c-$d-$t.raw"; fi
      } >"$f_one"
      { [ "$d" = postgresql ] && echo "SET search_path TO ${T_SCHEMA[c_${d}_$t]};"; cat "$WORK/c-$d-$t.raw"; } >"$f_as"
    done
    grep -cE '^(CREATE|INSERT|UPDATE)' "$WORK/c-$d-mcpp.raw" >"$OUT/c-$d-mcpp.statements" || true
    grep -cE '^(CREATE|INSERT|UPDATE)' "$WORK/c-$d-alembic.raw" >"$OUT/c-$d-alembic.statements" || true
    client() {   # client DIALECT TOOL SCRIPT
      if [ "$1" = sqlite ]; then echo "sqlite3 -bail -init $3 ${T_FILE[c_$1_$2]} .quit"
      elif [ "$1" = mysql ]; then echo "bash -c 'exec mariadb --defaults-file=$MYCNF -B ${T_DB[c_$1_$2]} < $3'"
      else echo "$PSQL -X -q -v ON_ERROR_STOP=1 -f $3 $(pg_url_of "${T_DB[c_$1_$2]}")"; fi
    }
    measure c1 "$d" "$RUNS_C" "$WARM_C" verify_c \
      alembic "$(prep_cmd c "$d" alembic)" "$(client "$d" alembic "$WORK/c1-$d-alembic.sql")" \
      migratecpp "$(prep_cmd c "$d" mcpp)" "$(client "$d" mcpp "$WORK/c1-$d-mcpp.sql")"
    measure c "$d" "$RUNS_C" "$WARM_C" verify_c \
      migratecpp "$(prep_cmd c "$d" mcpp)" "$(client "$d" mcpp "$WORK/c-$d-mcpp.sql")"
  done
fi

# b1 against c1 once more, in alternation (bench/alternate_b1.sh): a run of each, then of the
# other, round after round, so that a slow minute of the machine lands on both sides of the
# goal's ratio (issue 13: within 1.3x). Above, all of b1's runs come minutes before c1's.
if want b && want c && [ ${#ALL_DIALECTS[@]} -gt 0 ]; then
  log "b1/c1 in alternation, $RUNS_ALT rounds"
  bash "$BENCH_DIR/alternate_b1.sh" "$WORK" --rounds "$RUNS_ALT" --bin "$BIN" \
    --dialects "$(IFS=,; echo "${ALL_DIALECTS[*]}")" >"$OUT/b1c1-alternating.txt" 2>"$OUT/b1c1-alternating.err" ||
    log "the alternating b1/c1 measurement failed: $OUT/b1c1-alternating.err"
fi

# ------------------------------------------------------------------ d, e: autogenerate, 500 tables
if want d || want e; then
  for d in "${ALL_DIALECTS[@]}"; do
    log "d,e/$d: creating the 500 tables (Alembic: metadata.create_all + stamp head; migratecpp: its own DDL + stamp head)"
    reset_db ag "$d" alembic; reset_db ag "$d" mcpp
    t0=$(date +%s%N)
    "$PY" "$BENCH_DIR/gen.py" create-all "$WORK" "$d" --pg-url "$PG_URL" --mysql-url "$MY_URL"
    "$ALEMBIC" -c "$WORK/ag/alembic/$d.ini" stamp head >/dev/null 2>&1
    t1=$(date +%s%N)
    # migratecpp: the scratch project's single revision creates the tables; its version row is
    # then removed and the bench project (one empty base revision) stamped at head.
    if ! "$BIN" -c "$WORK/ag/mcpp-create/$d.toml" upgrade head >/dev/null 2>"$OUT/ag-$d-setup-mcpp.err"; then
      { echo "### d,e / $d / setup: migratecpp -c ag/mcpp-create/$d.toml upgrade head"; echo '```'; tail -n 20 "$OUT/ag-$d-setup-mcpp.err"; echo '```'; } >>"$FAILS"
    fi
    dbq ag "$d" mcpp "DELETE FROM migratecpp_version" >/dev/null
    "$BIN" -q -c "$WORK/ag/mcpp/$d.toml" stamp head >/dev/null 2>&1
    t2=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 ))" >"$OUT/ag-$d.setup_ms"
    check "d,e/$d/alembic: tables set up" "$(count_tables ag "$d" alembic)" 500
    check "d,e/$d/migratecpp: tables set up" "$(count_tables ag "$d" mcpp)" 500
    for s in d e; do
      want "$s" || continue
      afile="$WORK/ag/alembic/versions/${REV[$s]}_$s.py"
      mfile="$WORK/ag/mcpp/migrations/versions/${REV[$s]}_$s.toml"
      aprep="$PREP rm $afile" mprep="$PREP rm $mfile"
      xa="" mc="$WORK/ag/mcpp/$d.toml"
      [ "$s" = e ] && xa="-x models=models_changed" mc="$WORK/ag/mcpp/$d-changed.toml"
      acmd="$ALEMBIC -c $WORK/ag/alembic/$d.ini $xa revision --autogenerate -m $s --rev-id ${REV[$s]}"
      mcmd="$BIN -c $mc revision --autogenerate -m $s --rev-id ${REV[$s]}"
      measure "$s" "$d" "$RUNS_BDE" "$WARM_BDE" verify_de alembic "$aprep" "$acmd" migratecpp "$mprep" "$mcmd"
      server_count "$s" "$d" alembic "$aprep" "$acmd" ag
      server_count "$s" "$d" migratecpp "$mprep" "$mcmd" ag
      rm -f "$afile" "$mfile"
    done
  done
fi

# ------------------------------------------------------------------ report
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "quick=$QUICK"
  echo "runtime_s=$(( $(date +%s) - T_START ))"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores)"
  echo "loadavg=at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  # The binary may be older than the tree (colleagues commit meanwhile): say so.
  stale=""
  [ -n "$(find "$REPO"/{util,schema,dialects,introspect,migrate,cli} "$REPO/CMakeLists.txt" -newer "$BIN" -print -quit 2>/dev/null)" ] &&
    stale="; WARNING: sources changed since this binary was built, it is older than HEAD"
  echo "migratecpp=$("$BIN" --version 2>&1 | head -n1), $BIN built $(date -u -r "$BIN" +%Y-%m-%dT%H:%M:%SZ); tree HEAD $(git -C "$REPO" log -1 --format='%h (%cI)' 2>/dev/null || echo '?')$stale"
  echo "alembic=$("$PY" -c 'import alembic, sqlalchemy, psycopg2, sys; print(f"alembic {alembic.__version__}, SQLAlchemy {sqlalchemy.__version__}, psycopg2 {psycopg2.__version__.split()[0]}, Python {sys.version.split()[0]}")')"
  echo "sqlite=SQLite $(sqlite3 --version | cut -d' ' -f1)"
  [ "$PG_OK" = 1 ] && echo "postgresql=$(mpsql -At "$pg_base" -c 'show server_version') (fsync=$(mpsql -At "$pg_base" -c 'show fsync'), psql: $PSQL)"
  [ "$MY_OK" = 1 ] && echo "mariadb=$(mymaria -e 'select concat(version(), " (innodb_flush_log_at_trx_commit=", @@innodb_flush_log_at_trx_commit, ", innodb_doublewrite=", @@innodb_doublewrite, ")")'), client: $(mariadb --version | sed 's/,.*//'); Alembic through PyMySQL $("$PY" -c 'import pymysql; print(pymysql.__version__)' 2>/dev/null || echo '?')"
  echo "hyperfine=$(hyperfine --version)"
  echo "pg_counts=$PG_ADMIN_OK"
} >"$OUT/meta.txt"
mkdir -p "$BENCH_DIR/results"
RESULT="$BENCH_DIR/results/$(date +%Y-%m-%d).md"
[ -e "$RESULT" ] && RESULT="$BENCH_DIR/results/$(date +%Y-%m-%d-%H%M%S).md"
"$PY" "$BENCH_DIR/report.py" "$OUT" >"$RESULT"
cat "$RESULT"
log "written: $RESULT (total $(( $(date +%s) - T_START )) s)"
