#!/usr/bin/python3
"""Writes a migratecpp project with a linear chain of N small revisions, for the offline
scaling series of bench/offline_scaling.sh (issue 13: `upgrade --sql` linear in revisions).

  gen_chain.py DIR N [--kind table|mixed]

  table  revision i creates table t_i (3 columns, one index)
  mixed  revision i creates t_i, adds a column to it, and every 10th revision also has an
         `execute` op (an UPDATE of t_i): what makes a script track executed SQL

Revision ids are 12 hex digits (i in hex), so ordering and prefixes are those of real ids.
Standard library only.
"""
import argparse
from pathlib import Path

CONFIG = """\
[database]
url = "sqlite:///unused.db"
version_table = "migratecpp_version"

[migrations]
script_location = "migrations"
transaction_per_migration = true
"""


def rev(i):
    return f"{i:012x}"


def revision(i, kind):
    t = f"t_{i:06d}"
    down = '""' if i == 1 else f'"{rev(i - 1)}"'
    up = [f'''[[upgrade]]
op = "create_table"
table = "{t}"
columns = [
  {{ name = "id", type = "integer", primary_key = true }},
  {{ name = "name", type = "varchar(100)", nullable = false }},
  {{ name = "note", type = "text" }},
]
''', f'''[[upgrade]]
op = "create_index"
table = "{t}"
name = "ix_{t}_name"
columns = ["name"]
''']
    down_ops = [f'''[[downgrade]]
op = "drop_table"
table = "{t}"
''']
    if kind == "mixed":
        up.append(f'''[[upgrade]]
op = "add_column"
table = "{t}"
column = {{ name = "extra", type = "integer" }}
''')
        if i % 10 == 0:
            up.append(f'''[[upgrade]]
op = "execute"
sql = "UPDATE {t} SET extra = 1"
''')
    return (f'revision = "{rev(i)}"\ndown_revision = {down}\nbranch_labels = []\n'
            f'depends_on = []\nmessage = "revision {i}"\ncreate_date = 2026-01-01T00:00:00Z\n\n'
            + "\n".join(up) + "\n" + "\n".join(down_ops))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("n", type=int)
    p.add_argument("--kind", choices=("table", "mixed"), default="table")
    a = p.parse_args()
    root = Path(a.dir)
    versions = root / "migrations/versions"
    versions.mkdir(parents=True, exist_ok=True)
    (root / "migratecpp.toml").write_text(CONFIG)
    for i in range(1, a.n + 1):
        (versions / f"{rev(i)}_r{i}.toml").write_text(revision(i, a.kind))


if __name__ == "__main__":
    main()
