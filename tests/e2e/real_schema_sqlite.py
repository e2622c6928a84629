#!/usr/bin/env python3
"""What a SQLite database holds, one fact a line, for comparing two databases.

  real_schema_sqlite.py schema DB [SKIP_TABLE...]   tables, columns, keys, indexes, views, triggers
  real_schema_sqlite.py data DB [SKIP_TABLE...]     row count and a digest of the rows, per table

SQLite has no catalog of constraints: pragmas give columns (declared type verbatim, default,
key position, hidden = generated), indexes, foreign keys; checks, column collations and
deferrability exist only in the stored CREATE TABLE text, so they are read from its tokens.
Stored SQL is compared after tokenizing (identifier quotes, case of words and whitespace are
spelling, not meaning). Constraint names are not compared: SQLite keeps none of them anywhere
but in the text, and an unnamed constraint is given the naming convention's name on the way
back (README: inspect).
"""
import hashlib
import re
import sqlite3
import sys

TOKEN = re.compile(
    r"""\s+|--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]"""
    r"""|[A-Za-z_][A-Za-z_0-9$]*|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\|\||<=|>=|<>|!=|==|<<|>>|.""",
    re.S,
)


def tokens(sql):
    out = []
    for m in TOKEN.finditer(sql or ""):
        t = m.group(0)
        if t.isspace() or t.startswith("--") or t.startswith("/*"):
            continue
        if t[0] in '"`[':  # a quoted identifier: its value, case-insensitive like SQLite's
            t = t[1:-1].replace('""', '"').replace("``", "`").lower()
        elif t[0] != "'":
            t = t.lower()
        out.append(t)
    return out


def norm(sql):
    return " ".join(tokens(sql)).rstrip(" ;")


def items_of_create_table(sql):
    """The top-level comma-separated items between CREATE TABLE's parentheses, as token lists."""
    toks = tokens(sql)
    try:
        start = toks.index("(")
    except ValueError:
        return []
    items, cur, depth = [], [], 0
    for t in toks[start + 1 :]:
        if t == "(":
            depth += 1
        elif t == ")":
            if depth == 0:
                break
            depth -= 1
        elif t == "," and depth == 0:
            items.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        items.append(cur)
    return items


def paren_group(toks, i):
    """The tokens of the parenthesized group starting at toks[i] == '('."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j] == "(":
            depth += 1
        elif toks[j] == ")":
            depth -= 1
            if depth == 0:
                return toks[i + 1 : j]
    return toks[i + 1 :]


def text_facts(table, sql):
    facts = []
    for item in items_of_create_table(sql):
        if not item:
            continue
        body = item[2:] if item[0] == "constraint" else item
        column = None if body[0] in ("primary", "unique", "check", "foreign") else item[0]
        for i, t in enumerate(item):
            if t == "check" and i + 1 < len(item) and item[i + 1] == "(":
                facts.append(f"check {table}: {' '.join(paren_group(item, i + 1))}")
            if t == "collate" and column and i + 1 < len(item):
                facts.append(f"collate {table}.{column}: {item[i + 1]}")
            if t == "deferrable":
                words = item[i - 1 : i + 4] if item[i - 1] == "not" else item[i : i + 3]
                target = item[item.index("references") + 1] if "references" in item else "?"
                facts.append(f"deferrable {table} -> {target}: {' '.join(words)}")
    return sorted(facts)


def schema(db, skip):
    rows = db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
        "ORDER BY type, name"
    ).fetchall()
    out = []
    for kind, name, table, sql in rows:
        if table in skip:
            continue
        if kind == "table":
            out.append(f"table {name}")
            for c in db.execute(f"SELECT * FROM pragma_table_xinfo(?) ORDER BY cid", (name,)):
                cid, cname, ctype, notnull, default, pk, hidden = c
                out.append(
                    f"  column {cid} {cname} type={ctype!r} notnull={notnull} default={default!r}"
                    f" pk={pk} hidden={hidden}"
                )
            fks = {}
            for f in db.execute("SELECT * FROM pragma_foreign_key_list(?)", (name,)):
                fid, seq, ref, frm, to, on_update, on_delete, match = f
                key = fks.setdefault(fid, [[], ref, [], on_update, on_delete, match])
                key[0].append(frm)
                key[2].append(to)
            for f in sorted(str(v) for v in fks.values()):
                out.append(f"  foreign key {f}")
            indexes = []
            for i in db.execute("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)", (name,)):
                iname, unique, origin, partial = i
                cols = [
                    f"{r[2] if r[2] is not None else '<expr>'} desc={r[3]} coll={r[4]}"
                    for r in db.execute(
                        "SELECT seqno, cid, name, desc, coll FROM pragma_index_xinfo(?) WHERE key ORDER BY seqno",
                        (iname,),
                    )
                ]
                label = iname if not iname.startswith("sqlite_autoindex_") else "<auto>"
                idx_sql = db.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (iname,)).fetchone()[0]
                where = ""
                if idx_sql:
                    t = tokens(idx_sql)
                    where = " ".join(t[t.index("where") + 1 :]) if "where" in t else ""
                    on = t.index("on")
                    exprs = " ".join(paren_group(t, on + 2))
                else:
                    exprs = ""
                indexes.append(
                    f"  index {label if origin == 'c' else '<' + origin + '>'} unique={unique} "
                    f"origin={origin} partial={partial} keys={cols} text=({exprs}) where={where!r}"
                )
            out.extend(sorted(indexes))
            out.extend("  " + f for f in text_facts(name, sql))
        elif kind in ("view", "trigger"):
            out.append(f"{kind} {name} on {table}: {norm(sql)}")
    return "\n".join(out)


def data(db, skip):
    out = []
    # A virtual table's shadow tables hold the module's encoding of its rows (docids, index
    # segments), which depends on how the rows went in: its rows are compared through it.
    for (name,) in db.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow') ORDER BY name"
    ):
        if name in skip:
            continue
        q = '"' + name.replace('"', '""') + '"'
        rows = sorted(repr(r) for r in db.execute(f"SELECT * FROM {q}"))
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
        out.append(f"{name} rows={len(rows)} sha256={digest}")
    return "\n".join(out)


def main():
    what, path, skip = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    print(schema(db, skip) if what == "schema" else data(db, skip))


if __name__ == "__main__":
    main()
