#!/usr/bin/env bash
# docs/cookbook.md runs as written. Each `## ` recipe runs in a fresh directory, its blocks in
# order:
#   ```sh            commands, run by bash with -e and pipefail, `migratecpp` being the binary
#   ```toml          whose first line is `# file: PATH`: written to PATH (other toml blocks are
#                    illustrations and are not run)
#   ```text          after an sh block: every line must be a line of what it printed
#                    (stdout and stderr together)
#   <!-- run: CMD --> a setup command the page does not show
# On PostgreSQL and MariaDB (MIGRATECPP_E2E_DB, as for the other generic tests) each recipe gets
# a fresh database through MIGRATECPP_URL, which beats the config's SQLite URL, and the recipes'
# `sqlite3 app.db "SQL"` and `sqlite3 -bail app.db < FILE` go to that database's client.
source "$(dirname "$0")/lib.sh" "$@"
DOC="$SRC/docs/cookbook.md"

# The recipes, as files: $WORK/recipes/NN-slug/MM.{sh,file,text}; a .file's first line is
# its path. Fails on a block the runner would not know what to do with.
python3 - "$DOC" "$WORK/recipes" <<'EOF' || exit 1
import os, re, sys
doc, out = sys.argv[1], sys.argv[2]
recipe, step, lang, block = None, 0, None, []
def emit(kind, text):
    global step
    if recipe is None:
        return
    step += 1
    with open(os.path.join(recipe, "%02d.%s" % (step, kind)), "w") as f:
        f.write(text)
n = 0
for line in open(doc).read().splitlines():
    if lang is not None:
        if line.startswith("```"):
            text = "\n".join(block) + "\n"
            if lang == "sh" or lang == "text":
                emit(lang, text)
            elif lang == "toml":
                m = re.match(r"# file: (\S+)$", block[0]) if block else None
                if m:
                    emit("file", m.group(1) + "\n" + text)
            lang, block = None, []
        else:
            block.append(line)
        continue
    if line.startswith("## "):
        n += 1
        slug = re.sub(r"[^a-z0-9]+", "-", line[3:].lower()).strip("-")
        recipe, step = os.path.join(out, "%02d-%s" % (n, slug)), 0
        os.makedirs(recipe)
    elif line.startswith("```"):
        lang, block = line[3:].strip() or "plain", []
    elif line.startswith("<!-- run:"):
        m = re.match(r"<!-- run: (.*) -->$", line)
        if not m:
            sys.exit("cookbook: a '<!-- run: ... -->' line must be one line: " + line)
        emit("run", m.group(1) + "\n")
if n == 0:
    sys.exit("cookbook: no recipes found in " + doc)
EOF

mkdir -p "$WORK/bin"
ln -s "$BIN" "$WORK/bin/migratecpp"
export PATH="$WORK/bin:$PATH"
export SRC

# The database's client in place of sqlite3 for PostgreSQL and MariaDB: a script on PATH (the
# recipes' blocks are bash processes of their own), taking `sqlite3 [-bail] FILE ["SQL"]` and
# sending the SQL, or stdin, to $MIGRATECPP_URL's database; rows printed as sqlite3 does.
if ! db_is sqlite; then
  export COOKBOOK_DB="$E2E_DB" COOKBOOK_PSQL="${PG_PSQL:-psql}"
  export MY_PASS MY_HOST MY_PORT MY_USER
  cat >"$WORK/bin/sqlite3" <<'EOF'
#!/usr/bin/env bash
set -o pipefail
[ "$1" = -bail ] && shift
shift
case "$COOKBOOK_DB" in
  postgresql)
    client=("$COOKBOOK_PSQL" -X -q -v ON_ERROR_STOP=1 -At "$MIGRATECPP_URL")
    run=-c
    ;;
  mysql)
    client=(env MYSQL_PWD="$MY_PASS" mariadb --no-defaults -h "$MY_HOST" -P "$MY_PORT"
            -u "$MY_USER" -N -B "${MIGRATECPP_URL##*/}")
    run=-e
    ;;
esac
if [ $# -gt 0 ]; then
  "${client[@]}" "$run" "$1" | tr '\t' '|'
else
  "${client[@]}" >/dev/null
fi
EOF
  chmod +x "$WORK/bin/sqlite3"
fi

for recipe in "$WORK"/recipes/*/; do
  name="$(basename "$recipe")"
  dir="$WORK/run-$name"
  mkdir -p "$dir"
  if ! db_is sqlite; then
    MIGRATECPP_URL="$(fresh_db_url "cookbook")"
    export MIGRATECPP_URL
  fi
  last_out=""
  for step in $(cd "$recipe" && ls | sort); do
    file="$recipe$step"
    case "$step" in
      *.file)
        target="$dir/$(head -n 1 "$file")"
        mkdir -p "$(dirname "$target")"
        tail -n +2 "$file" >"$target"
        ;;
      *.sh | *.run)
        CHECKS=$((CHECKS + 1))
        (cd "$dir" && bash -eo pipefail "$file") >"$dir/.out" 2>&1
        rc=$?
        last_out="$(cat "$dir/.out")"
        if [ "$rc" != 0 ]; then
          FAILS=$((FAILS + 1))
          echo "FAIL: recipe $name, block $step exited $rc:" >&2
          sed 's/^/    /' "$file" >&2
          echo "  output:" >&2
          sed 's/^/    /' <<<"$last_out" >&2
        fi
        ;;
      *.text)
        while IFS= read -r want; do
          [ -z "$want" ] && continue
          CHECKS=$((CHECKS + 1))
          if ! grep -qxF -- "$want" <<<"$last_out"; then
            FAILS=$((FAILS + 1))
            echo "FAIL: recipe $name, $step: the output lacks the line: $want" >&2
            echo "  output:" >&2
            sed 's/^/    /' <<<"$last_out" >&2
          fi
        done <"$file"
        ;;
    esac
  done
done
finish
