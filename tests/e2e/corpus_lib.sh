# Runs the autogenerate corpus (tests/corpus/) through the real binary, for any database.
#
#   source "$(dirname "$0")/corpus_lib.sh" "$@"     # $1 = migratecpp binary, $2 = source dir
#   fresh_url()    { ...; }   # CASE_NAME -> prints the URL of an EMPTY database for that case;
#                             #   runs in the main shell (not a subshell): may keep state
#                             #   (CASE_NAME: [a-z0-9_], at most 55 characters: ro_NAME,
#                             #   ro_NAME_sql for the offline step, ch_NAME)
#   run_sql()      { ...; }   # URL FILE  -> runs the SQL file (rows.sql) against URL, non-zero on error
#   query_rows()   { ...; }   # URL SQL   -> prints the result rows of a query, one a line,
#                             #              columns separated by '|' (sqlite3, psql -At)
#   corpus_main               # runs every case, prints "N cases passed, M failed", exits 0/1
#
# Optional hooks, defined before corpus_main: `corpus_skip KIND NAME` (KIND roundtrip|changes;
# return 0 to skip that case, e.g. partial indexes where a dialect has none),
# `corpus_refused KIND NAME` (return 0 for a case the dialect must refuse, after setting
# REFUSED_AT=models|before|after, the model file whose upgrade fails, and REFUSED_WITH, a
# substring of the error; the case then checks the refusal instead, see below), and
# `normalize_inspect` (a stdin -> stdout filter applied to both sides of every inspect
# comparison, for a dialect whose inspect output is legitimately spelled differently).
# Environment: CORPUS_FILTER=REGEX runs only the cases whose id ("roundtrip/07_comments",
# "changes/12_nullable_to_not_null") matches; CORPUS_SHARD=K/N runs only every Nth case,
# starting with the Kth (cases numbered over roundtrip then changes, before the filter): ctest
# runs each corpus as N such tests (tests/CMakeLists.txt), which two cores share better than
# one long test; CORPUS_TIMEOUT=SECONDS bounds each binary call
# (default 60); KEEP_WORK=1 keeps the temp directory (its path is printed);
# CORPUS_SAVE_INSPECT=DIR writes, for each inspect that differs, what the database printed to
# DIR/<the expected file's path in tests/corpus, .toml becoming .$CORPUS_DIALECT.inspect.toml>
# (the raw material of a dialect's own spelling files; review before copying them in).
# SQLite: tests/e2e/test_corpus_sqlite.sh. PostgreSQL: fresh_url creates a schema per case and
# returns postgresql://...?options=-csearch_path%3D<schema>.
#
# What each case does
#   roundtrip/NN_name.toml: init; the file as models/schema.toml; revision --autogenerate;
#     upgrade head; check (exit 0); inspect == canonical form; downgrade base; inspect shows no
#     table, current prints nothing; upgrade head again; check (exit 0); then offline:
#     `upgrade head --sql` run with run_sql on a second empty database (fresh_url
#     CASE_sql), whose inspect == canonical form, current == the head, check exit 0.
#   changes/NN_name/: init; before.toml as models; autogenerate; upgrade head; check (0);
#     inspect == before; rows.sql run, rows counted per table it inserts into, verify.sql's
#     queries (one a line) run and their output kept; after.toml as
#     models; check (exit 1: drift); revision --autogenerate -m change; every line of
#     expect.txt (expect.<dialect>.txt where the case has one) is in the new revision file
#     (a line "!text": text must NOT be in it; after the "!", "up:" or "down:" limits the
#     line to the upgrade or downgrade ops); upgrade
#     head; check (0); inspect == after; row counts and verify.sql output unchanged;
#     downgrade -1; inspect == before (or == downgrade.inspect.toml where the case has one:
#     an accepted difference, e.g. a re-added column placed last); row counts and verify.sql
#     output unchanged; upgrade
#     head again; check (0).
#   A refused case (corpus_refused): the same steps up to the upgrade of the refused model file
#     (REFUSED_AT: the roundtrip file, before.toml or after.toml), which must exit 1 with
#     REFUSED_WITH in its error and leave the database as it was: no table (models, before) or
#     inspect == before with its rows and verify.sql output kept (after); check still exit 1.
#
# The canonical form ("inspect == X")
#   The expected output for a model file F is F.inspect.toml next to it if that exists (for
#   models that leave index/constraint names out), else F itself. Files are written exactly
#   as the spec's `inspect` prints them (migrate/model_file.cpp render_models):
#   * one [[table]] block per table: `name`, then `comment` if any, then `columns = [` with one
#     inline table a line, indented two spaces, each followed by a comma, then `]`;
#   * column keys in the order name, type, nullable, default, primary_key, autoincrement,
#     comment, each left out at its default (nullable only as `nullable = false`, never on a
#     primary-key column); types in their canonical portable spelling, lowercase, no spaces
#     (`numeric(10,2)`, `varchar(255)`, `double`, `timestamptz`); defaults as TOML strings
#     holding the SQL text (`"0"`, `"'active'"`, `"true"`, `"CURRENT_TIMESTAMP"`);
#   * then `indexes`, `unique`, `foreign_keys`, `checks`, each left out when empty, on one line
#     (`key = [ {...} ]`) when it holds one item, else one item a line; items sorted by name
#     (byte order) and every item named (convention names filled in: ix_/uq_/fk_/ck_<table>_...,
#     lowercased, cut to 54 chars + '_' + 8 hex digits of FNV-1a past 63, clashes _2, _3);
#   * index keys: name, columns, unique (only if true), where; unique: name, columns; foreign
#     key: name, columns, ref_table, ref_columns, on_delete, on_update (lowercase, left out
#     for "no action"); check: name, expression (the text as written in the model);
#   * strings in double quotes, `"` and `\` escaped with a backslash, UTF-8 kept as is.
#   The comparison ignores comment lines, blank lines and trailing blanks, and the ORDER OF
#   TABLES (blocks are sorted by table name on both sides): the spec says inspect prints tables
#   in their database order, which is creation order on one database and name order on
#   another, and autogenerate may create tables in dependency order rather than file order.
#   Everything else is compared byte for byte.
#   tests/corpus/check_corpus.py checks (without the binary) that the corpus is in this form and
#   regenerates the .inspect.toml files (--write).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

# lib.sh has moved into $WORK: make relative arguments absolute against where we started.
case "$BIN" in /*) ;; *) BIN="$OLDPWD/$BIN" ;; esac
case "$SRC" in /*) ;; *) SRC="$OLDPWD/$SRC" ;; esac
CORPUS="$SRC/tests/corpus"
CORPUS_TIMEOUT="${CORPUS_TIMEOUT:-60}"
CASES_PASSED=0
CORPUS_OWN_NORMALIZE=0
SHARD_NUMBER=1
SHARD_COUNT=1
CASES_FAILED=0
CASES_SKIPPED=0
CASES_REFUSED=0
FAILED_CASES=()
CASE=""
CASE_DIR=""
URL=""
STEP=""
LAST_CMD=""

if [ "${KEEP_WORK:-}" = 1 ]; then
  trap 'echo "work directory kept: $WORK" >&2' EXIT
fi

# --- hooks with defaults ------------------------------------------------------------------
# (The default's body names itself: corpus_main tells it from a dialect's own filter, and
# inspect_equals then compares without piping through it.)
if ! declare -F normalize_inspect >/dev/null; then
  normalize_inspect() { : corpus_lib_default; cat; }
fi
if ! declare -F corpus_skip >/dev/null; then
  corpus_skip() { return 1; }
fi
if ! declare -F corpus_refused >/dev/null; then
  corpus_refused() { return 1; }
fi

# --- running the binary ---------------------------------------------------------------------
# Starting a process is the dearest thing these scripts do (some 5 ms of CPU on the CI
# machine, several times that in waiting when the two cores are busy), and a corpus run makes
# thousands: the helpers below use bash itself where it can (`$(<file)`, parameter expansion,
# [[ == ]]) rather than a subshell or a cat/grep/basename/tail.

# mrun ARGS...: the binary with --url "$URL" in the case's project directory; stdout in $OUT,
# stderr in $ERR, exit code in $RC (124 on timeout).
mrun() {
  LAST_CMD="migratecpp --url $URL $*"
  mexec --url "$URL" "$@"
}

# Like mrun, without the URL (init).
mrun_nourl() {
  LAST_CMD="migratecpp $*"
  mexec "$@"
}

# mexec ARGS...: the binary in $CASE_DIR (the shell stays there; run_case goes back to $WORK),
# output and exit code into OUT, ERR and RC.
mexec() {
  if cd "$CASE_DIR" 2>"$WORK/.err"; then
    timeout "$CORPUS_TIMEOUT" "$BIN" "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
    RC=$?
  else
    RC=1
    : >"$WORK/.out"
  fi
  OUT="$(<"$WORK/.out")"
  ERR="$(<"$WORK/.err")"
}

indent() { sed 's/^/      /' | head -n "${1:-40}"; }

# case_fail MESSAGE [DETAIL]: reports the failed step with the last command and its output.
# Returns 1 so that a case can `... || return 1`.
case_fail() {
  {
    echo "FAIL $CASE"
    echo "  step:    $STEP"
    echo "  problem: $1"
    if [ -n "${2:-}" ]; then
      printf '%s\n' "$2" | indent 60
    fi
    echo "  last command (in $CASE_DIR): $LAST_CMD"
    echo "    exit code: $RC"
    echo "    stdout:"
    printf '%s\n' "$OUT" | indent 30
    echo "    stderr:"
    printf '%s\n' "$ERR" | indent 30
  } >&2
  return 1
}

# step DESCRIPTION: names what the case does next, for failure reports.
step() { STEP="$1"; }

# want_rc N: the last command exited N.
want_rc() {
  [ "$RC" = "$1" ] || case_fail "exit code $RC, expected $1"
}

# --- canonical comparison -------------------------------------------------------------------

# canon: stdin -> stdout. Drops comment and blank lines and trailing blanks, sorts [[table]]
# blocks by table name (anything before the first block stays first), then normalize_inspect.
canon() {
  sed -e 's/[[:space:]]*$//' -e '/^[[:space:]]*#/d' -e '/^$/d' |
    awk '
      function flush() { if (n > 0) { print key "\t" block; } n = 0; block = ""; key = "" }
      BEGIN { n = 0; block = ""; key = "" }
      /^\[\[/ { flush() }
      {
        if (n == 0 && $0 !~ /^\[\[/) key = "";            # preamble
        if (key == "" && $0 ~ /^name = /) key = $0;
        block = (n == 0 ? $0 : block "\001" $0); n++
      }
      END { flush() }' |
    LC_ALL=C sort -s -t "$(printf '\t')" -k1,1 |
    cut -f2- | tr '\001' '\n' | normalize_inspect
}

# canon_compare EXPECTED ACTUAL: canon of the two files into $WORK/.expected and $WORK/.actual
# in one awk process (what canon's six do), exit 0 when they are equal. For the default
# normalize_inspect only (inspect_equals pipes through a dialect's own with canon).
# The same steps as canon: trailing blanks, comment and blank lines dropped; lines grouped in
# blocks, each [[...]] line starting one, keyed by the block's first "name = " line (the
# preamble before the first block too); blocks in the stable byte order of their keys, which
# is what `LC_ALL=C sort -s -t TAB -k1,1` and `cut -f2-` do with "key TAB block".
canon_compare() {
  LC_ALL=C awk -v in1="$1" -v in2="$2" -v out1="$WORK/.expected" -v out2="$WORK/.actual" '
    function flush() { if (n > 0) { nrec++; rec[nrec] = key "\t" block } n = 0; block = ""; key = "" }
    function canon_of(file,    line, r, i, j, t, cur, ck, out, text) {
      nrec = 0; n = 0; block = ""; key = ""
      while ((r = (getline line < file)) > 0) {
        sub(/[[:space:]]+$/, "", line)
        if (line ~ /^[[:space:]]*#/ || line == "") continue
        if (line ~ /^\[\[/) flush()
        if (n == 0 && line !~ /^\[\[/) key = ""
        if (key == "" && line ~ /^name = /) key = line
        block = (n == 0 ? line : block "\001" line); n++
      }
      if (r < 0) { printf "cannot read %s\n", file > "/dev/stderr"; exit 2 }
      close(file)
      flush()
      for (i = 1; i <= nrec; i++) { t = index(rec[i], "\t"); sk[i] = substr(rec[i], 1, t - 1) }
      for (i = 2; i <= nrec; i++) {                    # insertion sort: stable
        cur = rec[i]; ck = sk[i]
        for (j = i - 1; j >= 1 && (sk[j] "") > (ck ""); j--) { rec[j + 1] = rec[j]; sk[j + 1] = sk[j] }
        rec[j + 1] = cur; sk[j + 1] = ck
      }
      text = ""
      for (i = 1; i <= nrec; i++) {
        out = substr(rec[i], index(rec[i], "\t") + 1)
        gsub(SEP, "\n", out)
        text = text out "\n"
      }
      return text
    }
    BEGIN {
      SEP = "\001"
      a = canon_of(in1); b = canon_of(in2)
      printf "%s", a > out1; close(out1)
      printf "%s", b > out2; close(out2)
      exit (a == b ? 0 : 1)
    }'
}

# expected_for MODEL_FILE: the file holding its canonical form.
# A dialect's own spelling wins: F.<CORPUS_DIALECT>.inspect.toml (PostgreSQL stores some check
# expressions rewritten, e.g. BETWEEN expanded), then F.inspect.toml, then F.
# (downgrade.inspect.toml's own is downgrade.<dialect>.inspect.toml.)
# Sets EXPECTED (no subshell).
expected_for() {
  local f="$1" sib="${1%.toml}.inspect.toml" own="${1%.toml}"
  own="${own%.inspect}.${CORPUS_DIALECT:-none}.inspect.toml"
  if [ -f "$own" ]; then EXPECTED="$own"; elif [ -f "$sib" ]; then EXPECTED="$sib"; else EXPECTED="$f"; fi
}

# inspect_equals MODEL_FILE: `inspect` of the case's database is the canonical form of MODEL_FILE.
inspect_equals() {
  local expected same=1
  expected_for "$1"
  expected="$EXPECTED"
  mrun inspect
  want_rc 0 || return 1
  if [ "$CORPUS_OWN_NORMALIZE" = 1 ]; then
    canon <"$expected" >"$WORK/.expected"
    printf '%s\n' "$OUT" | canon >"$WORK/.actual"
    cmp -s "$WORK/.expected" "$WORK/.actual" || same=""
  else
    # $WORK/.out holds what inspect printed: $OUT and a newline, give or take trailing blank
    # lines, which canon drops.
    canon_compare "$expected" "$WORK/.out" || same=""
  fi
  if [ -z "$same" ]; then
    if [ -n "${CORPUS_SAVE_INSPECT:-}" ]; then
      local rel="${expected#"$CORPUS"/}"
      rel="${rel%.toml}"
      rel="${rel%.inspect}"
      rel="${rel%."${CORPUS_DIALECT:-none}"}"
      mkdir -p "$CORPUS_SAVE_INSPECT/$(dirname "$rel")"
      printf '%s\n' "$OUT" >"$CORPUS_SAVE_INSPECT/$rel.${CORPUS_DIALECT:-none}.inspect.toml"
    fi
    case_fail "inspect differs from the canonical form of ${expected#"$SRC"/} (diff expected actual)" \
      "$(diff -u "$WORK/.expected" "$WORK/.actual" | tail -n +3)"
    # Saving: the case goes on (to reach its other inspects) and fails at the end.
    [ -n "${CORPUS_SAVE_INSPECT:-}" ] && INSPECT_DIFFERED=1 && return 0
    return 1
  fi
}

# inspect_empty: inspect prints no table.
inspect_empty() {
  mrun inspect
  want_rc 0 || return 1
  if [[ $'\n'"$OUT" == *$'\n[[table]]'* ]]; then
    case_fail "inspect still shows tables after downgrade base"
    return 1
  fi
}

# --- rows ------------------------------------------------------------------------------------

# rows_tables FILE: the tables a rows.sql inserts into, each once.
rows_tables() {
  grep -oiE 'insert[[:space:]]+into[[:space:]]+[A-Za-z_][A-Za-z0-9_]*' "$1" |
    awk '{ print $NF }' | awk '!seen[$0]++'
}

# count_rows FILE: COUNTS = "table=count ..." for the tables of FILE (rows_tables worked out
# once per file).
declare -A ROWS_TABLES=()
count_rows() {
  local t n out=""
  [ -n "${ROWS_TABLES[$1]+set}" ] || ROWS_TABLES[$1]="$(rows_tables "$1")"
  for t in ${ROWS_TABLES[$1]}; do
    if query_rows "$URL" "SELECT count(*) FROM $t" >"$WORK/.q" 2>&1; then
      n="$(<"$WORK/.q")"
    else
      n="ERROR: $(<"$WORK/.q")"
    fi
    out+="$t=$n "
  done
  COUNTS="$out"
}

# snapshot FILE: SNAPSHOT = the output of each query of a verify.sql (one query a line; lines
# starting with -- and blank lines skipped), each preceded by the query.
snapshot() {
  local q
  while IFS= read -r q || [ -n "$q" ]; do
    case "$q" in '' | --*) continue ;; esac
    printf '> %s\n' "$q"
    query_rows "$URL" "$q" 2>&1 || printf 'ERROR\n'
  done <"$1" >"$WORK/.snapshot"
  SNAPSHOT="$(<"$WORK/.snapshot")"
}

# rows_kept WHEN: the row counts of rows.sql's tables and the verify.sql snapshot are what
# they were right after rows.sql ran.
rows_kept() {
  local now
  if [ -n "$rows" ]; then
    step "rows $1"
    count_rows "$rows"
    now="$COUNTS"
    [ "$now" = "$counts0" ] || { case_fail "row counts changed: before the change $counts0, $1 $now"; return 1; }
  fi
  if [ -n "$verify" ]; then
    step "verify.sql $1"
    snapshot "$verify"
    now="$SNAPSHOT"
    if [ "$now" != "$snap0" ]; then
      case_fail "verify.sql output changed (diff before-the-change $1)" \
        "$(diff -u <(printf '%s\n' "$snap0") <(printf '%s\n' "$now") | tail -n +3)"
      return 1
    fi
  fi
}

# --- one project per case --------------------------------------------------------------------

# new_url NAME: NEW_URL = what `fresh_url NAME` prints. fresh_url runs in this shell, not in a
# $(...) subshell, so that it can keep state (a list of schemas to drop at exit, say).
new_url() {
  LAST_CMD="fresh_url $1"
  fresh_url "$1" >"$WORK/.url" 2>"$WORK/.err"
  RC=$?
  NEW_URL="$(head -n 1 "$WORK/.url")"
  OUT="$NEW_URL"
  ERR="$(cat "$WORK/.err")"
  if [ "$RC" != 0 ] || [ -z "$NEW_URL" ]; then
    case_fail "fresh_url failed"
    return 1
  fi
}

# new_project KIND NAME: a fresh directory with `init` done and an empty database.
new_project() {
  CASE="$1/$2"
  CASE_DIR="$WORK/$1/$2"
  mkdir -p "$CASE_DIR"
  CASE_SLUG="${1:0:2}_$2"
  step "fresh_url $CASE_SLUG"
  new_url "$CASE_SLUG" || return 1
  URL="$NEW_URL"
  step "init"
  mrun_nourl init
  want_rc 0 || return 1
  rm -f "$CASE_DIR"/models/*.toml
}

# use_models FILE: FILE becomes the project's only model file.
use_models() {
  rm -f "$CASE_DIR"/models/*.toml
  cp "$1" "$CASE_DIR/models/schema.toml"
}

# autogenerate MESSAGE: revision --autogenerate; the new file's path in $REV_FILE.
autogenerate() {
  step "revision --autogenerate -m $1"
  mrun revision --autogenerate -m "$1"
  want_rc 0 || return 1
  REV_FILE="${OUT##*$'\n'}" # the last line
  case "$REV_FILE" in /*) ;; *) REV_FILE="$CASE_DIR/$REV_FILE" ;; esac
  [ -f "$REV_FILE" ] || case_fail "revision printed '$OUT', which is not a file"
}

# rev_section FILE up|down|all: the part of a revision file holding the [[upgrade]] ops (with
# the header), the [[downgrade]] ops (with the comment block just above the first of them), or
# everything.
rev_section() {
  [ "$2" = all ] && { cat "$1"; return; }
  awk -v want="$2" '
    function emit(s) { if ((down && want == "down") || (!down && want == "up")) print s }
    /^[[:space:]]*#/ { pending = pending $0 "\n"; next }
    {
      if (!down && $0 ~ /^\[\[downgrade\]\]/) down = 1
      if (pending != "") { printf "%s", ((down && want == "down") || (!down && want == "up")) ? pending : ""; pending = "" }
      emit($0)
    }
    END { if (pending != "") emit(pending) }' "$1"
}

# expect_revision EXPECT_FILE REVISION_FILE: each line of EXPECT_FILE is a substring the
# revision must contain; "!..." one it must not contain; after the optional "!", a prefix
# "up:" or "down:" restricts the line to the upgrade or downgrade ops.
expect_revision() {
  local line neg want section text
  local -A sections=()
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    neg=""
    section=all
    want="$line"
    if [ "${want:0:1}" = "!" ]; then neg=1; want="${want:1}"; fi
    case "$want" in
      up:*) section=up; want="${want#up:}" ;;
      down:*) section=down; want="${want#down:}" ;;
    esac
    [ -n "${sections[$section]+set}" ] || sections[$section]="$(rev_section "$2" "$section")"
    text="${sections[$section]}"
    # want holds no newline: a substring of the text is a substring of one of its lines.
    if [ -n "$neg" ]; then
      if [[ $text == *"$want"* ]]; then
        case_fail "the revision ($section) contains '$want', which expect.txt forbids" "$(cat "$2")"
        return 1
      fi
    elif [[ $text != *"$want"* ]]; then
      case_fail "the revision ($section) lacks '$want' (expect.txt)" "$(cat "$2")"
      return 1
    fi
  done <"$1"
}

upgrade_check() {
  step "upgrade head ($1)"
  mrun upgrade head
  want_rc 0 || return 1
  step "check after upgrade ($1)"
  mrun check
  want_rc 0 || return 1
}

run_roundtrip_case() {
  local file="$1" name
  name="${file##*/}"
  name="${name%.toml}"
  new_project roundtrip "$name" || return 1
  use_models "$file"
  autogenerate init || return 1
  upgrade_check "models" || return 1
  step "inspect after upgrade"
  inspect_equals "$file" || return 1
  step "downgrade base"
  mrun downgrade base
  want_rc 0 || return 1
  step "inspect after downgrade base"
  inspect_empty || return 1
  step "current after downgrade base"
  mrun current
  want_rc 0 || return 1
  [ -z "$OUT" ] || { case_fail "current prints '$OUT' at base"; return 1; }
  upgrade_check "again, after downgrade base" || return 1

  # Offline mode: the --sql script of the same revisions, run by the database's own client
  # on another empty database, builds the same schema and stamps the same head.
  local head sql_url
  step "current (head)"
  mrun current
  want_rc 0 || return 1
  head="$OUT"
  step "upgrade head --sql"
  mrun upgrade head --sql
  want_rc 0 || return 1
  printf '%s\n' "$OUT" >"$CASE_DIR/offline.sql"
  step "fresh_url ${CASE_SLUG}_sql"
  new_url "${CASE_SLUG}_sql" || return 1
  sql_url="$NEW_URL"
  step "run the offline script"
  LAST_CMD="run_sql $sql_url $CASE_DIR/offline.sql"
  if ! OUT="$(run_sql "$sql_url" "$CASE_DIR/offline.sql" 2>&1)"; then
    RC=1; ERR=""
    case_fail "the upgrade head --sql script fails when run" "$(cat -n "$CASE_DIR/offline.sql")"
    return 1
  fi
  URL="$sql_url"
  step "inspect of the database built offline"
  inspect_equals "$file" || return 1
  step "current of the database built offline"
  mrun current
  want_rc 0 || return 1
  [ "$OUT" = "$head" ] || { case_fail "current is '$OUT', expected '$head'"; return 1; }
  step "check of the database built offline"
  mrun check
  want_rc 0 || return 1
}

# reach_before MODEL ROWS VERIFY: a change case's "before" state: MODEL (before.toml) as the
# models, autogenerated, upgraded, checked, inspected; then ROWS (rows.sql, or "") run, its
# tables' row counts kept in counts0, and the output of VERIFY (verify.sql, or "") in snap0
# (counts0 and snap0: the caller's locals, which rows_kept compares against later).
reach_before() {
  local rows="$2" verify="$3"
  use_models "$1"
  autogenerate before || return 1
  upgrade_check "before.toml" || return 1
  step "inspect at before.toml"
  inspect_equals "$1" || return 1
  if [ -n "$rows" ]; then
    step "run rows.sql"
    LAST_CMD="run_sql $URL $rows"
    if ! OUT="$(run_sql "$URL" "$rows" 2>&1)"; then
      RC=1; ERR=""
      case_fail "rows.sql failed against the before schema"
      return 1
    fi
    count_rows "$rows"
    counts0="$COUNTS"
  fi
  if [ -n "$verify" ]; then
    step "verify.sql before the change"
    snapshot "$verify"
    snap0="$SNAPSHOT"
  fi
}

run_change_case() {
  local dir="$1" name rows="" verify="" before after expect counts0="" snap0=""
  name="${dir##*/}"
  before="$dir/before.toml"
  after="$dir/after.toml"
  [ -f "$dir/rows.sql" ] && rows="$dir/rows.sql"
  [ -f "$dir/verify.sql" ] && verify="$dir/verify.sql"
  [ -f "$dir/expect.txt" ] && expect="$dir/expect.txt" || expect=""
  # A dialect's own expect.<dialect>.txt wins (a check expression as that database stores it).
  [ -f "$dir/expect.${CORPUS_DIALECT:-none}.txt" ] && expect="$dir/expect.${CORPUS_DIALECT:-none}.txt"
  new_project changes "$name" || return 1

  reach_before "$before" "$rows" "$verify" || return 1
  if [ -n "$verify" ]; then
    if grep -qx 'ERROR' <<<"$snap0"; then
      case_fail "a verify.sql query failed at the before schema" "$snap0"
      return 1
    fi
  fi

  use_models "$after"
  step "check detects the pending change"
  mrun check
  want_rc 1 || return 1

  autogenerate change || return 1
  if [ -n "$expect" ]; then
    step "expect.txt against $(basename "$REV_FILE")"
    expect_revision "$expect" "$REV_FILE" || return 1
  fi

  upgrade_check "after.toml" || {
    [ -n "$REV_FILE" ] && printf '  revision file %s:\n%s\n' "$REV_FILE" "$(indent 80 <"$REV_FILE")" >&2
    return 1
  }
  step "inspect at after.toml"
  inspect_equals "$after" || return 1
  rows_kept "after upgrade" || return 1

  step "downgrade -1"
  mrun downgrade -1
  want_rc 0 || return 1
  step "inspect after downgrade -1"
  if [ -f "$dir/downgrade.inspect.toml" ]; then
    inspect_equals "$dir/downgrade.inspect.toml" || return 1
  else
    inspect_equals "$before" || return 1
  fi
  rows_kept "after downgrade" || return 1
  upgrade_check "again, after downgrade -1" || return 1
}

# upgrade_refused: `upgrade head` exits 1 with REFUSED_WITH in its error.
upgrade_refused() {
  step "upgrade head is refused"
  mrun upgrade head
  want_rc 1 || return 1
  grep -qF -- "$REFUSED_WITH" <<<"$ERR" ||
    { case_fail "the error lacks '$REFUSED_WITH'"; return 1; }
}

# A case the dialect refuses (corpus_refused): its refused upgrade changes nothing.
run_refused_case() {
  local path="$1" kind name rows="" verify="" counts0="" snap0="" head
  if [ "$REFUSED_AT" = models ]; then
    kind=roundtrip
    name="${path##*/}"
    name="${name%.toml}"
  else
    kind=changes
    name="${path##*/}"
  fi
  new_project "$kind" "$name" || return 1
  if [ "$REFUSED_AT" = models ] || [ "$REFUSED_AT" = before ]; then
    if [ "$REFUSED_AT" = models ]; then use_models "$path"; else use_models "$path/before.toml"; fi
    autogenerate init || return 1
    upgrade_refused || return 1
    step "inspect after the refused upgrade"
    inspect_empty || return 1
    step "current after the refused upgrade"
    mrun current
    want_rc 0 || return 1
    [ -z "$OUT" ] || { case_fail "current prints '$OUT' after a refused first revision"; return 1; }
    return 0
  fi
  [ -f "$path/rows.sql" ] && rows="$path/rows.sql"
  [ -f "$path/verify.sql" ] && verify="$path/verify.sql"
  reach_before "$path/before.toml" "$rows" "$verify" || return 1
  mrun current
  head="${OUT%% *}" # "<rev> (head)": the revision stays, it is no longer the head
  use_models "$path/after.toml"
  autogenerate change || return 1
  upgrade_refused || return 1
  step "inspect after the refused upgrade"
  inspect_equals "$path/before.toml" || return 1
  rows_kept "after the refused upgrade" || return 1
  step "current after the refused upgrade"
  mrun current
  [ "${OUT%% *}" = "$head" ] || { case_fail "current is '$OUT', expected '$head'"; return 1; }
  step "check after the refused upgrade"
  mrun check
  want_rc 1 || return 1
}

# run_case KIND NAME FUNCTION ARG: shard, filter, skip, run, count.
CASE_NUMBER=0
run_case() {
  local id="$1/$2"
  CASE_NUMBER=$((CASE_NUMBER + 1))
  if [ "$SHARD_COUNT" -gt 1 ] && [ $(((CASE_NUMBER - 1) % SHARD_COUNT + 1)) != "$SHARD_NUMBER" ]; then
    return
  fi
  if [ -n "${CORPUS_FILTER:-}" ] && ! [[ "$id" =~ $CORPUS_FILTER ]]; then
    return
  fi
  if corpus_skip "$1" "$2"; then
    CASES_SKIPPED=$((CASES_SKIPPED + 1))
    echo "skip $id"
    return
  fi
  RC=""; OUT=""; ERR=""; LAST_CMD=""; REV_FILE=""; INSPECT_DIFFERED=""
  local run="$3" refused=""
  REFUSED_AT=""
  REFUSED_WITH=""
  if corpus_refused "$1" "$2"; then
    run=run_refused_case
    refused=" (refused, as it must be)"
  fi
  if "$run" "$4" && [ -z "$INSPECT_DIFFERED" ]; then
    CASES_PASSED=$((CASES_PASSED + 1))
    [ -n "$refused" ] && CASES_REFUSED=$((CASES_REFUSED + 1))
    echo "ok   $id$refused"
  else
    CASES_FAILED=$((CASES_FAILED + 1))
    FAILED_CASES+=("$id")
    echo "FAIL $id"
  fi
  cd "$WORK" || exit 1
}

corpus_main() {
  local f d name
  SHARD_NUMBER=1 SHARD_COUNT=1
  if [ -n "${CORPUS_SHARD:-}" ]; then
    if ! [[ "$CORPUS_SHARD" =~ ^([1-9][0-9]*)/([1-9][0-9]*)$ ]] ||
      [ "${BASH_REMATCH[1]}" -gt "${BASH_REMATCH[2]}" ]; then
      echo "CORPUS_SHARD='$CORPUS_SHARD': expected K/N with 1 <= K <= N" >&2
      exit 1
    fi
    SHARD_NUMBER="${BASH_REMATCH[1]}" SHARD_COUNT="${BASH_REMATCH[2]}"
  fi
  CORPUS_OWN_NORMALIZE=1
  [[ "$(declare -f normalize_inspect)" == *corpus_lib_default* ]] && CORPUS_OWN_NORMALIZE=0
  if [ ! -x "$BIN" ]; then
    echo "migratecpp binary '$BIN' is missing or not executable" >&2
    exit 1
  fi
  for f in "$CORPUS"/roundtrip/[0-9][0-9]_*.toml; do
    case "$f" in *.inspect.toml) continue ;; esac
    name="${f##*/}"
    run_case roundtrip "${name%.toml}" run_roundtrip_case "$f"
  done
  for d in "$CORPUS"/changes/[0-9][0-9]_*/; do
    d="${d%/}"
    run_case changes "${d##*/}" run_change_case "$d"
  done
  local skipped=""
  [ "$CASES_SKIPPED" -gt 0 ] && skipped=", $CASES_SKIPPED skipped"
  local refused=""
  [ "$CASES_REFUSED" -gt 0 ] && refused=" ($CASES_REFUSED of them refusals checked)"
  echo "$CASES_PASSED cases passed$refused, $CASES_FAILED failed$skipped"
  if [ "$CASES_FAILED" -gt 0 ]; then
    printf 'failed: %s\n' "${FAILED_CASES[@]}" >&2
    exit 1
  fi
  if [ $((CASES_PASSED + CASES_FAILED)) -eq 0 ]; then
    echo "no case ran (CORPUS_FILTER='${CORPUS_FILTER:-}', CORPUS_SHARD='${CORPUS_SHARD:-}')" >&2
    exit 1
  fi
  exit 0
}
