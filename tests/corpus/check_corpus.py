#!/usr/bin/env python3
"""Static checks of the autogenerate corpus (no migratecpp binary needed).

    python3 tests/corpus/check_corpus.py            # validate, print a coverage report
    python3 tests/corpus/check_corpus.py --write    # also (re)write the *.inspect.toml siblings

For every model file (roundtrip/NN_name.toml, changes/NN_name/{before,after}.toml) it checks:
  * the TOML parses (tomllib) and uses only the keys of the spec's "Model files" section;
  * references are sound for every dialect: indexes/constraints name existing columns, foreign
    keys point at an existing table's primary key or unique column set (PostgreSQL requires
    that), `set null` columns are nullable, autoincrement sits on a lone integer primary key,
    partial indexes (`where`) appear only in files whose path contains "partial";
  * the expected `inspect` output is in canonical form (see tests/e2e/corpus_lib.sh): the file
    itself, or its NAME.inspect.toml sibling where the model leaves names out. The sibling is
    the model with the README's naming convention applied; --write regenerates it.
  * a dialect's own spelling, NAME.<dialect>.inspect.toml (what that database's `inspect`
    prints where it legitimately differs), is in canonical form and differs from the expected
    output only as dialect_spelling() below allows: check expressions as the database rewrote
    them (any text, same names) and, for mysql, the documented type mapping, unique indexes
    read back as unique constraints and numeric defaults at the column's scale. --write
    rewrites the mysql files from the model (keeping the check expressions they hold) and
    creates those the mapping requires.
Coverage (types, column options, FK actions, change kinds) is printed at the end.
"""
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
PORTABLE = ["smallint", "integer", "bigint", "boolean", "real", "double", "numeric", "varchar",
            "char", "text", "date", "time", "timestamp", "timestamptz", "json", "uuid", "blob"]
COLUMN_KEYS = ["name", "type", "nullable", "default", "primary_key", "autoincrement", "comment"]
INDEX_KEYS = ["name", "columns", "unique", "where", "method"]
UNIQUE_KEYS = ["name", "columns"]
FK_KEYS = ["name", "columns", "ref_table", "ref_columns", "on_delete", "on_update"]
CHECK_KEYS = ["name", "expression"]
TABLE_KEYS = ["name", "comment", "columns", "indexes", "unique", "foreign_keys", "checks"]
FK_ACTIONS = ["cascade", "set null", "set default", "restrict"]

errors = []


def err(path, msg):
    errors.append(f"{os.path.relpath(path, HERE)}: {msg}")


# --- naming convention (README "Naming convention", schema/naming.cpp) ----------------
SKIP = {"and", "or", "not", "null", "is", "in", "like", "ilike", "between", "true", "false",
        "case", "when", "then", "else", "end"}


def fnv1a(s):
    h = 2166136261
    for b in s.encode():
        h ^= b
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def normalize_name(raw):
    out = "".join(c.lower() if (c.isascii() and c.isalnum()) else "_" for c in raw)
    if len(out.encode()) <= 63:
        return out
    return out[:54] + "_" + format(fnv1a(out), "08x")


def expression_identifiers(expr):
    out = []
    i = 0
    n = len(expr)
    def add(x):
        if x and x not in out:
            out.append(x)
    while i < n:
        c = expr[i]
        if c == "'":
            i += 1
            while i < n:
                if expr[i] == "'" and i + 1 < n and expr[i + 1] == "'":
                    i += 2
                elif expr[i] == "'":
                    i += 1
                    break
                else:
                    i += 1
        elif c in "\"`[":
            close = "]" if c == "[" else c
            ident = ""
            i += 1
            while i < n:
                if expr[i] == close and i + 1 < n and expr[i + 1] == close and close != "]":
                    ident += close
                    i += 2
                elif expr[i] == close:
                    i += 1
                    break
                else:
                    ident += expr[i]
                    i += 1
            add(ident)
        elif c.isdigit():
            while i < n and (expr[i].isalnum() or expr[i] in "._"):
                i += 1
        elif c.isalpha() or c == "_" or ord(c) >= 0x80:
            s = i
            while i < n and (expr[i].isalnum() or expr[i] in "_$" or ord(expr[i]) >= 0x80):
                i += 1
            w = expr[s:i]
            if w.lower() not in SKIP:
                add(w)
        else:
            i += 1
    return out


def column_words(cols):
    out = []
    for c in cols:
        out.extend(expression_identifiers(c) if "(" in c else [c])
    return out


def name_unnamed(t):
    taken = set()
    for key in ("indexes", "unique", "foreign_keys", "checks"):
        for x in t.get(key, []):
            if x.get("name"):
                taken.add(x["name"])
    def claim(base):
        name = base
        k = 2
        while name in taken:
            name = normalize_name(base + "_" + str(k))
            k += 1
        taken.add(name)
        return name
    for key, prefix in (("indexes", "ix"), ("unique", "uq"), ("foreign_keys", "fk"), ("checks", "ck")):
        for x in t.get(key, []):
            if not x.get("name"):
                words = expression_identifiers(x["expression"]) if key == "checks" else column_words(x["columns"])
                x["name"] = claim(normalize_name("_".join([prefix, t["name"]] + words)))


# --- canonical rendering (migrate/model_file.cpp render_models) --------------------------
def s(v):
    out = '"'
    for ch in v:
        if ch == '"':
            out += '\\"'
        elif ch == "\\":
            out += "\\\\"
        elif ch == "\n":
            out += "\\n"
        elif ch == "\t":
            out += "\\t"
        elif ch == "\r":
            out += "\\r"
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out += "\\u%04X" % ord(ch)
        else:
            out += ch
    return out + '"'


def arr(items):
    return "[" + ", ".join(s(x) for x in items) + "]"


def sql_default(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def render_column(c):
    pk = c.get("primary_key", False)
    nullable = c.get("nullable", not pk)
    if pk:
        nullable = False
    out = "{ name = " + s(c["name"]) + ", type = " + s(c["type"])
    if nullable == pk:
        out += ", nullable = " + ("true" if nullable else "false")
    if "default" in c:
        out += ", default = " + s(sql_default(c["default"]))
    if pk:
        out += ", primary_key = true"
    if c.get("autoincrement"):
        out += ", autoincrement = true"
    if "comment" in c:
        out += ", comment = " + s(c["comment"])
    return out + " }"


def render_index(i):
    out = "{ "
    if i.get("name"):
        out += "name = " + s(i["name"]) + ", "
    out += "columns = " + arr(i["columns"])
    if i.get("unique"):
        out += ", unique = true"
    if "where" in i:
        out += ", where = " + s(i["where"])
    if "method" in i:
        out += ", method = " + s(i["method"])
    return out + " }"


def render_unique(u):
    out = "{ "
    if u.get("name"):
        out += "name = " + s(u["name"]) + ", "
    return out + "columns = " + arr(u["columns"]) + " }"


def render_fk(f):
    out = "{ "
    if f.get("name"):
        out += "name = " + s(f["name"]) + ", "
    out += ("columns = " + arr(f["columns"]) + ", ref_table = " + s(f["ref_table"]) +
            ", ref_columns = " + arr(f["ref_columns"]))
    for k in ("on_delete", "on_update"):
        v = f.get(k, "")
        if v and v != "no action":
            out += ", " + k + " = " + s(v)
    return out + " }"


def render_check(c):
    out = "{ "
    if c.get("name"):
        out += "name = " + s(c["name"]) + ", "
    return out + "expression = " + s(c["expression"]) + " }"


def render_list(key, items):
    if not items:
        return ""
    if len(items) == 1:
        return key + " = [ " + items[0] + " ]\n"
    return key + " = [\n" + "".join("  " + i + ",\n" for i in items) + "]\n"


def render_models(doc):
    blocks = []
    for t in doc.get("table", []):
        out = "[[table]]\nname = " + s(t["name"]) + "\n"
        if "comment" in t and t["comment"] != "":
            out += "comment = " + s(t["comment"]) + "\n"
        out += "columns = [\n" + "".join("  " + render_column(c) + ",\n" for c in t["columns"]) + "]\n"
        by_name = lambda x: x.get("name", "").encode()
        out += render_list("indexes", [render_index(x) for x in sorted(t.get("indexes", []), key=by_name)])
        out += render_list("unique", [render_unique(x) for x in sorted(t.get("unique", []), key=by_name)])
        out += render_list("foreign_keys", [render_fk(x) for x in sorted(t.get("foreign_keys", []), key=by_name)])
        out += render_list("checks", [render_check(x) for x in sorted(t.get("checks", []), key=by_name)])
        blocks.append(out)
    return "\n".join(blocks)


def significant(text):
    """What the e2e comparison looks at: no comment lines, no blank lines, no trailing blanks."""
    return [ln.rstrip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


# --- semantic checks ---------------------------------------------------------------------------
def parse_type(t):
    m = re.fullmatch(r"([a-z]+)(?:\((\d+)(?:,(\d+))?\))?", t)
    return (m.group(1), m.group(2), m.group(3)) if m else (None, None, None)


def validate(path, doc):
    for k in doc:
        if k != "table":
            err(path, f"unexpected top-level key {k}")
    tables = {t["name"]: t for t in doc.get("table", [])}
    if len(tables) != len(doc.get("table", [])):
        err(path, "duplicate table name")
    for t in doc.get("table", []):
        tn = t["name"]
        for k in t:
            if k not in TABLE_KEYS:
                err(path, f"{tn}: unknown key {k}")
        cols = {}
        for c in t["columns"]:
            for k in c:
                if k not in COLUMN_KEYS:
                    err(path, f"{tn}.{c['name']}: unknown key {k}")
            base, a1, a2 = parse_type(c["type"])
            if base not in PORTABLE:
                err(path, f"{tn}.{c['name']}: type {c['type']!r} is not a canonical portable type")
            if base in ("varchar", "char") and (a1 is None or a2 is not None):
                err(path, f"{tn}.{c['name']}: {base} needs one length")
            if base == "numeric" and (a1 is None or a2 is None):
                err(path, f"{tn}.{c['name']}: write numeric(p,s)")
            if base not in ("varchar", "char", "numeric") and a1 is not None:
                err(path, f"{tn}.{c['name']}: {base} takes no arguments")
            if c["name"] in cols:
                err(path, f"{tn}: duplicate column {c['name']}")
            cols[c["name"]] = c
            if "default" in c and not isinstance(c["default"], str):
                err(path, f"{tn}.{c['name']}: write defaults as strings (canonical form)")
        pk = [c["name"] for c in t["columns"] if c.get("primary_key")]
        for c in t["columns"]:
            if c.get("autoincrement") and (pk != [c["name"]] or c["type"] not in ("integer", "bigint", "smallint")):
                err(path, f"{tn}.{c['name']}: autoincrement needs a lone integer primary key")
        def need_cols(what, names):
            for n in names:
                if n not in cols:
                    err(path, f"{tn}: {what} names missing column {n}")
        for i in t.get("indexes", []):
            for k in i:
                if k not in INDEX_KEYS:
                    err(path, f"{tn}: index key {k}")
            need_cols("index", [c for c in i["columns"] if "(" not in c])  # "lower(email)": an expression
            if "where" in i and "partial" not in path:
                err(path, f"{tn}: partial index outside a file named *partial*")
        for u in t.get("unique", []):
            for k in u:
                if k not in UNIQUE_KEYS:
                    err(path, f"{tn}: unique key {k}")
            need_cols("unique", u["columns"])
        for f in t.get("foreign_keys", []):
            for k in f:
                if k not in FK_KEYS:
                    err(path, f"{tn}: foreign key key {k}")
            need_cols("foreign key", f["columns"])
            rt = tables.get(f["ref_table"])
            if rt is None:
                err(path, f"{tn}: foreign key to missing table {f['ref_table']}")
                continue
            rcols = {c["name"]: c for c in rt["columns"]}
            for n in f["ref_columns"]:
                if n not in rcols:
                    err(path, f"{tn}: foreign key to missing column {f['ref_table']}.{n}")
            keys = [[c["name"] for c in rt["columns"] if c.get("primary_key")]]
            keys += [u["columns"] for u in rt.get("unique", [])]
            keys += [i["columns"] for i in rt.get("indexes", []) if i.get("unique") and "where" not in i]
            if not any(sorted(k) == sorted(f["ref_columns"]) for k in keys):
                err(path, f"{tn}: foreign key must reference a primary key or unique column set of {rt['name']}")
            if len(f["columns"]) != len(f["ref_columns"]):
                err(path, f"{tn}: foreign key column counts differ")
            for k in ("on_delete", "on_update"):
                v = f.get(k)
                if v is not None and v not in FK_ACTIONS:
                    err(path, f"{tn}: {k} {v!r} is not canonical (lowercase, no 'no action')")
                if v == "set null":
                    for n in f["columns"]:
                        if n in cols and (cols[n].get("nullable") is False or cols[n].get("primary_key")):
                            err(path, f"{tn}: set null on NOT NULL column {n}")
        for c in t.get("checks", []):
            for k in c:
                if k not in CHECK_KEYS:
                    err(path, f"{tn}: check key {k}")
        names = [x.get("name") for k in ("indexes", "unique", "foreign_keys", "checks") for x in t.get(k, []) if x.get("name")]
        if len(names) != len(set(names)):
            err(path, f"{tn}: duplicate index/constraint name")


def has_unnamed(doc):
    return any(not x.get("name") for t in doc.get("table", [])
               for k in ("indexes", "unique", "foreign_keys", "checks") for x in t.get(k, []))


# --- a dialect's own spelling (NAME.<dialect>.inspect.toml) ------------------------------------
DIALECTS = ("sqlite", "postgresql", "mysql")
# MySQL / MariaDB store these portable types under another name (dialects/mysql/mysql_types.cpp)
# and inspect prints that name.
MYSQL_STORED_TYPES = {"timestamptz": "timestamp", "uuid": "char(36)"}


def mysql_default(column_type, default):
    """MariaDB keeps a numeric default converted to the column's type: 0 -> 0.00 in numeric(10,2)."""
    base, _, scale = parse_type(column_type)
    if base != "numeric" or scale is None or not re.fullmatch(r"-?\d+(\.\d+)?", default):
        return default
    import decimal
    return str(decimal.Decimal(default).quantize(decimal.Decimal(1).scaleb(-int(scale))))


# PostgreSQL keeps defaults, index keys and predicates as it stores them (README, PostgreSQL):
# a string literal carries its column's type as a cast, a negative or out-of-int4 number the
# type PostgreSQL reads it as, and a character column inside an expression a ::text cast.
PG_LITERAL_CASTS = {"varchar": "character varying", "char": "bpchar", "text": "text",
                    "json": "json", "date": "date", "time": "time without time zone",
                    "timestamp": "timestamp without time zone",
                    "timestamptz": "timestamp with time zone", "uuid": "uuid", "blob": "bytea"}
PG_CHARACTER_TYPES = ("varchar", "char")
SQL_STRING = r"'(?:[^']|'')*'"


def pg_default(column_type, default):
    base = parse_type(column_type)[0]
    if re.fullmatch(SQL_STRING, default):
        cast = PG_LITERAL_CASTS.get(base)
        return f"{default}::{cast}" if cast else default
    if re.fullmatch(r"-?\d+", default):
        n = int(default)
        if -2**31 <= n < 2**31:
            return default if n >= 0 else f"'{default}'::integer"
        return f"'{default}'::bigint" if -2**63 <= n < 2**63 else f"'{default}'::numeric"
    if re.fullmatch(r"-\d*\.\d+", default):
        return f"'{default}'::numeric"
    return default


def pg_expression(expr, table, predicate):
    """An index expression or predicate as PostgreSQL prints it (pretty): a character column
    cast to text; in a predicate, a string literal compared with one cast to text too."""
    character = {c["name"] for c in table["columns"] if parse_type(c["type"])[0] in PG_CHARACTER_TYPES}
    textual = character | {c["name"] for c in table["columns"] if c["type"] == "text"}
    out, pos = [], 0
    for m in re.finditer(SQL_STRING + r"|[A-Za-z_][A-Za-z0-9_]*(?:::[a-z]+)?", expr):
        out.append(expr[pos:m.start()])
        word = m.group(0)
        if word.startswith("'"):
            word += "::text" if predicate and re.search(r"\b(" + "|".join(map(re.escape, textual)) +
                                                         r")\b", expr) else ""
        elif word in character:
            word += "::text"
        out.append(word)
        pos = m.end()
    return "".join(out) + expr[pos:]


def dialect_spelling(dialect, doc):
    """The expected inspect output `doc` (names filled in) as `dialect` spells it, check
    expressions aside (the database's rewriting of those is only known to the database)."""
    import copy
    out = copy.deepcopy(doc)
    if dialect == "postgresql":
        for t in out.get("table", []):
            for c in t["columns"]:
                if "default" in c:
                    c["default"] = pg_default(c["type"], c["default"])
            for i in t.get("indexes", []):
                i["columns"] = [pg_expression(e, t, False) if "(" in e else e for e in i["columns"]]
                if "where" in i:
                    i["where"] = pg_expression(i["where"], t, True)
        return out
    if dialect != "mysql":
        return out
    for t in out.get("table", []):
        for c in t["columns"]:
            c["type"] = MYSQL_STORED_TYPES.get(c["type"], c["type"])
            if "default" in c:
                c["default"] = mysql_default(c["type"], c["default"])
        # A unique index and a unique constraint are one thing in MySQL (a UNIQUE KEY): inspect
        # prints it as a constraint.
        kept = []
        for i in t.get("indexes", []):
            if i.get("unique") and "where" not in i and "method" not in i and \
                    not any("(" in c for c in i["columns"]):
                t.setdefault("unique", []).append({"name": i["name"], "columns": i["columns"]})
            else:
                kept.append(i)
        if "indexes" in t:
            t["indexes"] = kept
            if not kept:
                del t["indexes"]
    return out


def checks_of(doc):
    return {(t["name"], c.get("name")): c["expression"] for t in doc.get("table", []) for c in t.get("checks", [])}


def without_check_text(doc):
    """`doc` with its check expressions blanked and its tables in name order (the e2e
    comparison ignores the order of tables)."""
    import copy
    out = copy.deepcopy(doc)
    out["table"] = sorted(out.get("table", []), key=lambda t: t["name"].encode())
    for t in out.get("table", []):
        for c in t.get("checks", []):
            c["expression"] = ""
    return out


def check_dialect_spelling(own, dialect, expected_doc, write):
    """Validates (or with --write, for mysql, regenerates) own = NAME.<dialect>.inspect.toml."""
    derived = dialect_spelling(dialect, expected_doc)
    header = []
    held = None
    if os.path.exists(own):
        with open(own) as f:
            text = f.read()
        for ln in text.splitlines():
            if not ln.startswith("#"):
                break
            header.append(ln)
        try:
            held = tomllib.loads(text)
        except Exception as e:  # noqa: BLE001
            err(own, f"TOML: {e}")
            return
    if write and dialect == "mysql":
        want = dialect_spelling(dialect, expected_doc)
        kept = checks_of(held) if held else {}
        for t in want.get("table", []):
            for c in t.get("checks", []):
                c["expression"] = kept.get((t["name"], c.get("name")), c["expression"])
        rendered = render_models(want)
        if significant(rendered) != significant(render_models(expected_doc)):
            if not header:
                header = ["# What MariaDB's inspect prints for " + os.path.basename(own).split(".")[0] +
                          ".toml: derived from the model by check_corpus.py",
                          "# --write; its check expressions are as the server stored them."]
            with open(own, "w") as f:
                f.write("\n".join(header) + "\n" + rendered)
            held = tomllib.loads(rendered)
            text = rendered
    if held is None:
        return
    if significant(text) != significant(render_models(held)):
        err(own, "not in canonical form")
    if render_models(without_check_text(held)) == render_models(without_check_text(expected_doc)) and \
            checks_of(held) == checks_of(expected_doc):
        err(own, "unneeded: the same as the expected output")
    if render_models(without_check_text(held)) != render_models(without_check_text(derived)):
        import difflib
        d = "\n".join(difflib.unified_diff(significant(render_models(without_check_text(derived))),
                                           significant(render_models(without_check_text(held))),
                                           "allowed", "file", lineterm=""))
        err(own, f"differs from the model beyond what {dialect} may spell differently "
                 "(check expressions aside):\n" + d)


def check_dialect_spellings(path, doc, write):
    """The dialect spelling files of the model file `path` (parsed: `doc`)."""
    named = copy_named(doc)
    for dialect in DIALECTS:
        stem = path[:-len(".toml")]
        stem = stem[:-len(".inspect")] if stem.endswith(".inspect") else stem
        own = stem + "." + dialect + ".inspect.toml"
        check_dialect_spelling(own, dialect, named, write)


def copy_named(doc):
    import copy
    named = copy.deepcopy(doc)
    for t in named.get("table", []):
        name_unnamed(t)
    return named


def check_dialect_expect(own, generic):
    """expect.<dialect>.txt: expect.txt line for line, but for the text of check expressions
    (as that database stores them)."""
    mine = open(own).read().splitlines()
    theirs = open(generic).read().splitlines()
    same = re.compile(r'(!?(?:up:|down:)?)expression = ".*"')
    if len(mine) != len(theirs):
        err(own, "must have expect.txt's lines, one for one")
        return
    if mine == theirs:
        err(own, "unneeded: the same as expect.txt")
    for a, b in zip(mine, theirs):
        ma, mb = same.fullmatch(a), same.fullmatch(b)
        if a != b and not (ma and mb and ma.group(1) == mb.group(1)):
            err(own, f"may differ from expect.txt only in a check expression: {a!r} vs {b!r}")


def check_model(path, write):
    """Validates one model file; returns its parsed document."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        doc = tomllib.loads(raw.decode())
    except Exception as e:  # noqa: BLE001
        err(path, f"TOML: {e}")
        return None
    validate(path, doc)
    sibling = path[:-len(".toml")] + ".inspect.toml"
    if has_unnamed(doc):
        named = tomllib.loads(raw.decode())
        for t in named.get("table", []):
            name_unnamed(t)
        want = render_models(named)
        if write:
            with open(sibling, "w") as f:
                f.write("# Generated by tests/corpus/check_corpus.py --write: what `inspect` prints for\n"
                        f"# {os.path.basename(path)} (unnamed indexes/constraints get their convention names).\n\n"
                        + want)
        if not os.path.exists(sibling):
            err(path, "has unnamed indexes/constraints but no .inspect.toml sibling (run with --write)")
        else:
            with open(sibling) as f:
                got = f.read()
            if significant(got) != significant(want):
                err(sibling, "differs from the model with convention names applied (run with --write)")
    else:
        if os.path.exists(sibling):
            err(sibling, "unneeded: the model names everything")
        want = render_models(doc)
        if significant(raw.decode()) != significant(want):
            import difflib
            d = "\n".join(difflib.unified_diff(significant(want), significant(raw.decode()), "canonical", "file", lineterm=""))
            err(path, "not in canonical form:\n" + d)
    check_dialect_spellings(path, doc, write)
    return doc


def main():
    write = "--write" in sys.argv
    cov = {"types": set(), "opts": set(), "fk": set(), "misc": set()}
    rt_dir = os.path.join(HERE, "roundtrip")
    rt_files = sorted(f for f in os.listdir(rt_dir) if re.fullmatch(r"\d\d_[a-z0-9_]+\.toml", f))
    for f in os.listdir(rt_dir):
        if not re.fullmatch(r"\d\d_[a-z0-9_]+(\.(sqlite|postgresql|mysql))?(\.inspect)?\.toml", f):
            err(os.path.join(rt_dir, f), "unexpected file name")
    for f in rt_files:
        doc = check_model(os.path.join(rt_dir, f), write)
        if not doc:
            continue
        for t in doc.get("table", []):
            if "comment" in t:
                cov["opts"].add("table comment")
            npk = sum(1 for c in t["columns"] if c.get("primary_key"))
            if npk > 1:
                cov["opts"].add("composite pk")
            if npk == 0:
                cov["misc"].add("table without primary key")
            if t["name"] != t["name"].lower():
                cov["misc"].add("mixed-case identifier")
            for c in t["columns"]:
                cov["types"].add(parse_type(c["type"])[0])
                for k in ("nullable", "default", "primary_key", "autoincrement", "comment"):
                    if k in c:
                        cov["opts"].add(k if k != "nullable" else f"nullable={c[k]}")
                d = c.get("default", "")
                if d.startswith("'"):
                    cov["opts"].add("default string")
                elif d in ("true", "false"):
                    cov["opts"].add("default boolean")
                elif d.upper() == "CURRENT_TIMESTAMP":
                    cov["opts"].add("default CURRENT_TIMESTAMP")
                elif re.fullmatch(r"-?[0-9.]+", d):
                    cov["opts"].add("default number")
            for i in t.get("indexes", []):
                cov["misc"].add("index unique" if i.get("unique") else "index")
                if len(i["columns"]) > 1:
                    cov["misc"].add("index multi-column")
                if not i.get("name"):
                    cov["misc"].add("index unnamed")
                if "where" in i:
                    cov["misc"].add("index partial")
            for u in t.get("unique", []):
                cov["misc"].add("unique named" if u.get("name") else "unique unnamed")
            for fk in t.get("foreign_keys", []):
                cov["fk"].add("named" if fk.get("name") else "unnamed")
                for k in ("on_delete", "on_update"):
                    if k in fk:
                        cov["fk"].add(f"{k}={fk[k]}")
                if len(fk["columns"]) > 1:
                    cov["fk"].add("multi-column")
                if fk["ref_table"] == t["name"]:
                    cov["fk"].add("self-referencing")
            for ck in t.get("checks", []):
                cov["misc"].add("check named" if ck.get("name") else "check unnamed")
        if len(doc.get("table", [])) >= 60:
            cov["misc"].add("60+ tables")
    ch_dir = os.path.join(HERE, "changes")
    cases = sorted(d for d in os.listdir(ch_dir) if os.path.isdir(os.path.join(ch_dir, d)))
    for d in cases:
        p = os.path.join(ch_dir, d)
        if not re.fullmatch(r"\d\d_[a-z0-9_]+", d):
            err(p, "unexpected case name")
        for f in os.listdir(p):
            if f not in ("before.toml", "after.toml", "before.inspect.toml", "after.inspect.toml",
                         "rows.sql", "verify.sql", "expect.txt", "downgrade.inspect.toml") and \
                    not re.fullmatch(r"(before|after|downgrade)\.(sqlite|postgresql|mysql)\.inspect\.toml", f) and \
                    not re.fullmatch(r"expect\.(sqlite|postgresql|mysql)\.txt", f):
                err(os.path.join(p, f), "unexpected file")
        docs = {}
        for which in ("before", "after"):
            fp = os.path.join(p, which + ".toml")
            if not os.path.exists(fp):
                err(p, f"missing {which}.toml")
                continue
            docs[which] = check_model(fp, write)
        dg = os.path.join(p, "downgrade.inspect.toml")
        if os.path.exists(dg):
            check_model(dg, write)
        rows = os.path.join(p, "rows.sql")
        if os.path.exists(rows) and all(docs.get(w) for w in ("before", "after")):
            text = open(rows).read()
            for tbl in re.findall(r"INSERT\s+INTO\s+([A-Za-z_][A-Za-z0-9_]*)", text, re.I):
                for w in ("before", "after"):
                    if tbl not in [t["name"] for t in docs[w].get("table", [])]:
                        err(rows, f"table {tbl} is not in {w}.toml (rows must survive the change)")
            if '"' in text:
                err(rows, "double quotes: keep rows.sql portable (lowercase names, 'strings')")
        ver = os.path.join(p, "verify.sql")
        if os.path.exists(ver):
            if not os.path.exists(rows):
                err(ver, "verify.sql without rows.sql")
            for q in open(ver).read().splitlines():
                if q.strip() and not q.startswith("--") and not re.match(r"SELECT .* ORDER BY ", q):
                    err(ver, f"each line must be one SELECT with an ORDER BY (deterministic output): {q}")
        exp = os.path.join(p, "expect.txt")
        if not os.path.exists(exp):
            err(p, "no expect.txt: every change case should say which op it expects")
        for dialect in DIALECTS:
            own = os.path.join(p, f"expect.{dialect}.txt")
            if os.path.exists(own) and os.path.exists(exp):
                check_dialect_expect(own, exp)
    print(f"roundtrip files: {len(rt_files)}, change cases: {len(cases)}")
    missing_types = [t for t in PORTABLE if t not in cov["types"]]
    print("types covered:", " ".join(t for t in PORTABLE if t in cov["types"]))
    if missing_types:
        err(rt_dir, "types not covered: " + " ".join(missing_types))
    for k in ("opts", "fk", "misc"):
        print(f"{k}:", "; ".join(sorted(cov[k])))
    want_fk = {"named", "unnamed", "on_delete=cascade", "on_delete=set null", "on_delete=restrict",
               "on_delete=set default", "on_update=cascade", "multi-column", "self-referencing"}
    if want_fk - cov["fk"]:
        err(rt_dir, "foreign-key features not covered: " + ", ".join(sorted(want_fk - cov["fk"])))
    if len(rt_files) < 34:
        err(rt_dir, f"only {len(rt_files)} roundtrip files (want >= 34)")
    if len(cases) < 44:
        err(ch_dir, f"only {len(cases)} change cases (want >= 44)")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(f"{len(errors)} problem(s)", file=sys.stderr)
        sys.exit(1)
    print("corpus OK")


if __name__ == "__main__":
    main()
