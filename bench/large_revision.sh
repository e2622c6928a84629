#!/usr/bin/env bash
# bench/large_revision.sh — one revision holding a large bulk_insert (issue 13: "a revision
# file with a 125 MB bulk_insert makes every command, heads included, use 1.5 GB").
#
#   bash bench/large_revision.sh [--mb N]... [--bin PATH] [--old-bin PATH] [--keep]
#
# For each size (default: 60 and 125 MB of file; files over 64 MiB are refused by the TOML
# reader, toml_limits.h), a SQLite project with r1 (create_table items) and r2 (bulk_insert of
# rows of 4 columns into items, generated), the database at r1. Measured per binary: wall
# time, peak RSS (GNU time) and exit code of `heads`, `history`, `current` and
# `upgrade head --sql`. --old-bin adds the same rows for another binary (e.g. one built from
# before the header-only read) beside this one. Needs GNU time and python3.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
GTIME=/usr/bin/time
BIN="${MIGRATECPP_BIN:-$REPO/build/migratecpp}"
OLD_BIN=""
KEEP=0
SIZES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) SIZES+=("$2"); shift ;;
    --bin) BIN="$2"; shift ;;
    --old-bin) OLD_BIN="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "large_revision.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(60 125)
[ -x "$GTIME" ] || { echo "large_revision.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
BIN="$(readlink -f "$BIN")"
[ -z "$OLD_BIN" ] || OLD_BIN="$(readlink -f "$OLD_BIN")"

WORK="$(mktemp -d)"
[ "$KEEP" = 1 ] && echo "keeping $WORK" >&2 || trap 'rm -rf "$WORK"' EXIT

make_project() { # dir mb
  local dir="$1" mb="$2"
  mkdir -p "$dir"
  (cd "$dir" && "$BIN" init >/dev/null 2>&1)
  sed -i 's|^url = .*|url = "sqlite:///app.db"|' "$dir/migratecpp.toml"
  cat >"$dir/migrations/versions/0001_r1.toml" <<'TOML'
revision = "r1"
down_revision = ""
message = "items"
create_date = 2026-12-06T00:00:00Z

[[upgrade]]
op = "create_table"
table = "items"
columns = [
  { name = "id", type = "integer", primary_key = true },
  { name = "name", type = "varchar(64)" },
  { name = "price", type = "integer" },
  { name = "note", type = "text" },
]

[[downgrade]]
op = "drop_table"
table = "items"
TOML
  # The database at r1 before r2 exists: a binary that reads every file whole may refuse r2.
  (cd "$dir" && "$BIN" upgrade r1 >/dev/null 2>&1)
  python3 - "$dir/migrations/versions/0002_r2.toml" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
limit = mb * 1000 * 1000
with open(path, "w") as f:
    f.write('revision = "r2"\ndown_revision = "r1"\nmessage = "load items"\n'
            'create_date = 2026-12-06T00:00:00Z\n\n[[upgrade]]\nop = "bulk_insert"\n'
            'table = "items"\nrows = [\n')
    i, size = 0, 0
    while size < limit:
        line = '  { id = %d, name = "item number %d", price = %d, note = "a note about item %d" },\n' % (i, i, i % 1000, i)
        f.write(line)
        size += len(line)
        i += 1
    f.write(']\n\n[[downgrade]]\nop = "execute"\nsql = "DELETE FROM items"\n')
PY
}

measure() { # label bin dir args...
  local label="$1" bin="$2" dir="$3"
  shift 3
  local rc=0
  (cd "$dir" && "$GTIME" -f "%e %M" -o "$WORK/time" "$bin" "$@" >/dev/null 2>"$WORK/err") || rc=$?
  read -r secs kib < <(tail -n 1 "$WORK/time")
  local note=""
  [ "$rc" = 0 ] || note="$(grep -v '^Command exited' "$WORK/err" | head -n 1 | sed "s|$dir/||" | cut -c1-70)"
  printf '| %s | %s | %s | %s | %d | %s |\n' "$label" "$*" "$secs" "$((kib / 1024))" "$rc" "$note"
}

echo "| binary | command | seconds | peak RSS MiB | exit | error |"
echo "| --- | --- | --- | --- | --- | --- |"
for mb in "${SIZES[@]}"; do
  dir="$WORK/p$mb"
  make_project "$dir" "$mb"
  bytes=$(stat -c %s "$dir/migrations/versions/0002_r2.toml")
  echo "| | **r2: $((bytes / 1000000)) MB, $(grep -c '^  { id' "$dir/migrations/versions/0002_r2.toml") rows** | | | | |"
  for cmd in "heads" "history" "current" "upgrade head --sql"; do
    # shellcheck disable=SC2086
    measure new "$BIN" "$dir" $cmd
    if [ -n "$OLD_BIN" ]; then
      # shellcheck disable=SC2086
      measure old "$OLD_BIN" "$dir" $cmd
    fi
  done
done
