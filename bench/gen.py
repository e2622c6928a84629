#!/usr/bin/python3
"""Generates the benchmark projects for Alembic and migratecpp, sets up the 500-table databases
on the Alembic side, and checks the revisions autogenerate writes.

Run with /usr/bin/python3 (Debian's, which has alembic / SQLAlchemy / psycopg2 / PyMySQL).
Subcommands:

  gen.py projects WORK --pg-url URL --mysql-url URL
      writes, under WORK:
        chain/alembic/   200 Alembic revision files + env.py + one .ini per (scenario, dialect)
        chain/mcpp/      the same 200 revisions as migratecpp TOML files + one .toml per target
        ag/alembic/      500-table SQLAlchemy models (models.py, models_changed.py), one empty
                         base revision, one .ini per dialect
        ag/mcpp/         the same as migratecpp models (models/, models_changed/), the empty
                         base revision, configs <dialect>.toml and <dialect>-changed.toml
        ag/mcpp-create/  one revision creating the 500 tables (migratecpp's own DDL sets up
                         migratecpp's database; the bench project is then stamped at its base)
  gen.py create-all WORK DIALECT --pg-url URL --mysql-url URL
      SQLAlchemy metadata.create_all of the 500 tables into Alembic's scenario-d/e database
  gen.py scaling WORK N [--from M] --url TOOL:DIALECT=URL... [--alembic]
      the autogenerate scaling series (bench/scaling.sh): the same table shape for N tables,
        mcpp/     models of N tables, the empty base revision, <dialect>.toml
        create/   scratch revisions creating tables M+1..N (500 per revision)
        alembic/  (--alembic) models.py of N tables, the empty base revision, <dialect>.ini
  gen.py alembic-ddl DIR DIALECT [--from M] [--transactions]
      prints SQLAlchemy's CREATE TABLE / CREATE INDEX for the tables of DIR/models.py after M
      (with --transactions: in BEGIN/COMMIT, 500 tables per transaction)
  gen.py split-ddl FILE PARTS PREFIX
      splits a set-up script into PREFIX0.sql (run first) and PREFIX1..PARTS.sql (the tables
      after m_0020, round robin: run at once over PARTS connections)
  gen.py verify TOOL FILE EXPECT
      TOOL alembic|migratecpp, EXPECT none|changes: exit 1 unless the revision written by
      autogenerate has no ops (none) or exactly 5 add_column + 5 create_index (changes)

Only the standard library is needed, except SQLAlchemy for create-all.
"""
import argparse
import re
import shutil
import sys
import tomllib
from pathlib import Path

CHAIN_LEN = 200
AG_TABLES = 500
AG_FK_ROOTS = 20          # m_0001..m_0020 -> m_0001, the others -> one of m_0001..m_0020
ADDED_COLUMN_TABLES = [f"m_{i:04d}" for i in range(101, 106)]   # scenario e: + column "extra"
ADDED_INDEX_TABLES = [f"m_{i:04d}" for i in range(201, 206)]    # scenario e: + index on "qty"
BASE_REV = "000000000000"   # the empty revision the scenario-d/e databases are stamped at
CREATE_REV = "0000000000c0"  # migratecpp-only scratch revision that creates the 500 tables
DIALECTS = ("sqlite", "postgresql", "mysql")


def chain_rev(i):
    """Revision id of the i-th chain revision (1-based): 12 hex digits, like --rev-id."""
    return f"{i:012x}"


def chain_table(i):
    return f"t_{i:04d}"


def ag_table(i):
    return f"m_{i:04d}"


def ag_parent(i):
    return 1 if i <= AG_FK_ROOTS else (i % AG_FK_ROOTS) + 1


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


# ----------------------------------------------------------------------------- targets
def targets(work, pg_url, mysql_url):
    """Database of each (group, dialect, tool): URL for each tool and, on PG, database + schema.

    group is a | b | c (the 200-revision chain) or ag (the 500 tables of d/e); tool is
    alembic | mcpp. On PostgreSQL, a/b/c share the bench database (one schema per group and
    tool); ag gets one database per tool (<db>_ag_alembic, <db>_ag_mcpp), so that each tool's
    catalog queries see its own 500 tables only, as in the anchor's database `bench_ag`. On
    MariaDB a schema is a database: every (group, tool) gets its own, <db>_<group>_<tool>.
    Returns {(group, dialect, tool): dict(url=, db=, schema=, sqlite_file=)}."""
    out = {}
    server, db = pg_url.split("?")[0].rsplit("/", 1)
    my_server, my_db = mysql_url.split("?")[0].rsplit("/", 1)
    for group in ("a", "b", "c", "ag"):
        for tool in ("alembic", "mcpp"):
            name = f"{group}_{tool}"
            file = work / "dbs" / f"{name}.db"
            out[(group, "sqlite", tool)] = dict(
                url=f"sqlite:///{file}", db="", schema="", sqlite_file=str(file))
            pg_db = f"{db}_{name}" if group == "ag" else db
            schema = f"bench_{name}"
            base = f"{server}/{pg_db}"
            if tool == "alembic":
                url = re.sub(r"^postgres(ql)?://", "postgresql+psycopg2://", base)
            else:
                url = f"{base}?options=-csearch_path%3D{schema}"
            out[(group, "postgresql", tool)] = dict(url=url, db=pg_db, schema=schema,
                                                    sqlite_file="")
            m_db = f"{my_db}_{name}"
            m_base = f"{my_server}/{m_db}"
            if tool == "alembic":
                url = re.sub(r"^(mysql|mariadb)://", "mysql+pymysql://", m_base)
            else:
                url = m_base
            out[(group, "mysql", tool)] = dict(url=url, db=m_db, schema="", sqlite_file="")
    return out


# ----------------------------------------------------------------------------- Alembic side
ALEMBIC_INI = """\
[alembic]
script_location = {script_location}
sqlalchemy.url = {url}
# read by env.py: PostgreSQL schema (search_path) and the models module for autogenerate
bench_schema = {schema}
bench_models = {models}

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""

ENV_PY = '''\
"""Alembic env.py of the benchmark: NullPool, compare_type=True, URL from $BENCH_URL or the
ini, PostgreSQL schema via -csearch_path, a statement counter ($BENCH_SQL_COUNT_FILE)."""
import importlib
import os
import sys
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, event
from sqlalchemy.pool import NullPool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

url = os.environ.get("BENCH_URL") or config.get_main_option("sqlalchemy.url")
schema = config.get_main_option("bench_schema", "")
models = context.get_x_argument(as_dictionary=True).get("models") or config.get_main_option(
    "bench_models", "")

target_metadata = None
if models:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    target_metadata = importlib.import_module(models).Base.metadata


def run_migrations_offline():
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"}, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    connect_args = {}
    if schema and url.startswith("postgresql"):
        connect_args["options"] = "-csearch_path=" + schema
    engine = create_engine(url, poolclass=NullPool, connect_args=connect_args)
    statements = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args):
        statements[0] += 1

    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    count_file = os.environ.get("BENCH_SQL_COUNT_FILE")
    if count_file:
        with open(count_file, "w") as f:
            f.write(f"{statements[0]}\\n")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''


def alembic_project(root, tg, group_inis, models=""):
    """env.py, script.py.mako and one ini per (name -> target) in group_inis."""
    import alembic  # only to copy its stock revision template
    root.mkdir(parents=True, exist_ok=True)
    (root / "versions").mkdir(exist_ok=True)
    write(root / "env.py", ENV_PY)
    shutil.copy(Path(alembic.__file__).parent / "templates/generic/script.py.mako",
                root / "script.py.mako")
    for ini_name, key in group_inis.items():
        t = tg[key]
        write(root / f"{ini_name}.ini", ALEMBIC_INI.format(
            script_location=root, url=t["url"], schema=t["schema"], models=models))


def alembic_chain_revision(i):
    t, prev = chain_table(i), chain_table(max(i - 1, 1))   # t_0001 references itself
    down = "None" if i == 1 else repr(chain_rev(i - 1))
    return f'''"""create {t}

Revision ID: {chain_rev(i)}
Revises: {chain_rev(i - 1) if i > 1 else ""}
Create Date: 2026-01-01 00:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = {chain_rev(i)!r}
down_revision = {down}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        {t!r},
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("prev_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["prev_id"], ["{prev}.id"], name="fk_{t}_prev_id"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_{t}_name", {t!r}, ["name"], unique=False)


def downgrade():
    op.drop_index("ix_{t}_name", table_name={t!r})
    op.drop_table({t!r})
'''


def sqlalchemy_models(changed, tables=AG_TABLES):
    lines = [
        f'"""{tables} tables as SQLAlchemy declarative classes (generated by bench/gen.py)."""',
        "from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, Numeric, String, Text",
        "from sqlalchemy.orm import declarative_base",
        "",
        "Base = declarative_base()",
        "",
    ]
    for i in range(1, tables + 1):
        t, p = ag_table(i), ag_table(ag_parent(i))
        lines += [
            "",
            f"class M{i:04d}(Base):",
            f'    __tablename__ = "{t}"',
            "    id = Column(Integer, primary_key=True)",
            f'    parent_id = Column(Integer, ForeignKey("{p}.id", name="fk_{t}_parent_id"))',
            "    name = Column(String(100), nullable=False)",
            "    code = Column(String(32), nullable=False)",
            "    amount = Column(Numeric(12, 2))",
            "    qty = Column(Integer)",
            "    created_at = Column(DateTime, nullable=False)",
            "    note = Column(Text)",
        ]
        if changed and t in ADDED_COLUMN_TABLES:
            lines.append("    extra = Column(String(50))")
        indexes = [f'Index("ix_{t}_name", "name")', f'Index("ux_{t}_code", "code", unique=True)']
        if changed and t in ADDED_INDEX_TABLES:
            indexes.append(f'Index("ix_{t}_qty", "qty")')
        lines.append(f"    __table_args__ = ({', '.join(indexes)},)")
    return "\n".join(lines) + "\n"


ALEMBIC_BASE_REVISION = f'''"""base: the 500 tables are created outside migrations and stamped here

Revision ID: {BASE_REV}
Revises:
Create Date: 2026-01-01 00:00:00
"""
revision = {BASE_REV!r}
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
'''


# ----------------------------------------------------------------------------- migratecpp side
MCPP_CONFIG = """\
[database]
url = "{url}"
version_table = "migratecpp_version"

[migrations]
script_location = "migrations"
transaction_per_migration = true

[models]
paths = ["{models}/*.toml"]
"""

CHAIN_COLUMNS = """columns = [
  {{ name = "id", type = "integer", primary_key = true, autoincrement = true }},
  {{ name = "name", type = "varchar(100)", nullable = false }},
  {{ name = "amount", type = "numeric(12,2)" }},
  {{ name = "created_at", type = "timestamp", nullable = false }},
  {{ name = "note", type = "text" }},
  {{ name = "prev_id", type = "integer" }},
]
foreign_keys = [ {{ name = "fk_{t}_prev_id", columns = ["prev_id"], ref_table = "{prev}", ref_columns = ["id"] }} ]"""


def mcpp_chain_revision(i):
    t, prev = chain_table(i), chain_table(max(i - 1, 1))
    down = '""' if i == 1 else f'"{chain_rev(i - 1)}"'
    return f'''revision = "{chain_rev(i)}"
down_revision = {down}
branch_labels = []
depends_on = []
message = "create {t}"
create_date = 2026-01-01T00:00:00Z

[[upgrade]]
op = "create_table"
table = "{t}"
{CHAIN_COLUMNS.format(t=t, prev=prev)}

[[upgrade]]
op = "create_index"
table = "{t}"
name = "ix_{t}_name"
columns = ["name"]

[[downgrade]]
op = "drop_index"
table = "{t}"
name = "ix_{t}_name"

[[downgrade]]
op = "drop_table"
table = "{t}"
'''


def mcpp_ag_table(i, changed, as_op):
    """One of the 500 tables, as a [[table]] of a models file or a create_table op."""
    t, p = ag_table(i), ag_table(ag_parent(i))
    cols = [
        '{ name = "id", type = "integer", primary_key = true, autoincrement = true }',
        '{ name = "parent_id", type = "integer" }',
        '{ name = "name", type = "varchar(100)", nullable = false }',
        '{ name = "code", type = "varchar(32)", nullable = false }',
        '{ name = "amount", type = "numeric(12,2)" }',
        '{ name = "qty", type = "integer" }',
        '{ name = "created_at", type = "timestamp", nullable = false }',
        '{ name = "note", type = "text" }',
    ]
    if changed and t in ADDED_COLUMN_TABLES:
        cols.append('{ name = "extra", type = "varchar(50)" }')
    idx = [f'{{ name = "ix_{t}_name", columns = ["name"] }}',
           f'{{ name = "ux_{t}_code", columns = ["code"], unique = true }}']
    if changed and t in ADDED_INDEX_TABLES:
        idx.append(f'{{ name = "ix_{t}_qty", columns = ["qty"] }}')
    fk = (f'{{ name = "fk_{t}_parent_id", columns = ["parent_id"], ref_table = "{p}", '
          f'ref_columns = ["id"] }}')
    head = f'[[upgrade]]\nop = "create_table"\ntable = "{t}"' if as_op else f'[[table]]\nname = "{t}"'
    return (head + "\ncolumns = [\n" + "".join(f"  {c},\n" for c in cols) + "]\n"
            f"indexes = [ {', '.join(idx)} ]\n"
            f"foreign_keys = [ {fk} ]\n")


def mcpp_revision_header(rev, message, down=""):
    return (f'revision = "{rev}"\ndown_revision = "{down}"\nbranch_labels = []\ndepends_on = []\n'
            f'message = "{message}"\ncreate_date = 2026-01-01T00:00:00Z\n')


def mcpp_project(root, configs):
    """migrations/versions and one config per (name -> (url, models dir))."""
    (root / "migrations/versions").mkdir(parents=True, exist_ok=True)
    (root / "models").mkdir(parents=True, exist_ok=True)
    for name, (url, models) in configs.items():
        write(root / f"{name}.toml", MCPP_CONFIG.format(url=url, models=models))


# ----------------------------------------------------------------------------- subcommands
def cmd_projects(args):
    work = Path(args.work).resolve()
    tg = targets(work, args.pg_url, args.mysql_url)
    (work / "dbs").mkdir(parents=True, exist_ok=True)

    # a, b, c: the 200-revision chain
    chain = work / "chain"
    alembic_project(chain / "alembic", tg,
                    {f"{g}-{d}": (g, d, "alembic") for g in "abc" for d in DIALECTS})
    mcpp_project(chain / "mcpp", {f"{g}-{d}": (tg[(g, d, "mcpp")]["url"], "models")
                                  for g in "abc" for d in DIALECTS})
    for i in range(1, CHAIN_LEN + 1):
        write(chain / "alembic/versions" / f"{chain_rev(i)}_create_{chain_table(i)}.py",
              alembic_chain_revision(i))
        write(chain / "mcpp/migrations/versions" / f"{chain_rev(i)}_create_{chain_table(i)}.toml",
              mcpp_chain_revision(i))

    # d, e: 500 tables
    ag = work / "ag"
    alembic_project(ag / "alembic", tg, {d: ("ag", d, "alembic") for d in DIALECTS},
                    models="models")
    write(ag / "alembic/models.py", sqlalchemy_models(changed=False))
    write(ag / "alembic/models_changed.py", sqlalchemy_models(changed=True))
    write(ag / "alembic/versions" / f"{BASE_REV}_base.py", ALEMBIC_BASE_REVISION)

    configs = {}
    for d in DIALECTS:
        url = tg[("ag", d, "mcpp")]["url"]
        configs[d] = (url, "models")
        configs[f"{d}-changed"] = (url, "models_changed")
    mcpp_project(ag / "mcpp", configs)
    for changed, sub in ((False, "models"), (True, "models_changed")):
        write(ag / "mcpp" / sub / "schema.toml",
              "# 500 tables (generated by bench/gen.py)\n\n" +
              "\n".join(mcpp_ag_table(i, changed, as_op=False) for i in range(1, AG_TABLES + 1)))
    write(ag / "mcpp/migrations/versions" / f"{BASE_REV}_base.toml",
          mcpp_revision_header(BASE_REV, "base: the 500 tables are created outside migrations"
                               " and stamped here"))

    create = work / "ag/mcpp-create"
    mcpp_project(create, {d: (tg[("ag", d, "mcpp")]["url"], "models") for d in DIALECTS})
    write(create / "migrations/versions" / f"{CREATE_REV}_create.toml",
          mcpp_revision_header(CREATE_REV, "create the 500 tables") + "\n" +
          "\n".join(mcpp_ag_table(i, False, as_op=True) for i in range(1, AG_TABLES + 1)))

    # a shell-readable summary of every target for run.sh
    lines = []
    for (group, dialect, tool), t in sorted(tg.items()):
        key = f"{group}_{dialect}_{tool}"
        lines.append(f"T_URL[{key}]='{t['url']}'")
        lines.append(f"T_DB[{key}]='{t['db']}'")
        lines.append(f"T_SCHEMA[{key}]='{t['schema']}'")
        lines.append(f"T_FILE[{key}]='{t['sqlite_file']}'")
    write(work / "targets.sh", "\n".join(lines) + "\n")


def cmd_create_all(args):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool
    work = Path(args.work).resolve()
    t = targets(work, args.pg_url, args.mysql_url)[("ag", args.dialect, "alembic")]
    sys.path.insert(0, str(work / "ag/alembic"))
    import models
    connect_args = ({"options": "-csearch_path=" + t["schema"]}
                    if t["schema"] and args.dialect == "postgresql" else {})
    engine = create_engine(t["url"], poolclass=NullPool, connect_args=connect_args)
    models.Base.metadata.create_all(engine)
    engine.dispose()


def function_body(source, name):
    m = re.search(rf"^def {name}\(\).*?:\n(.*?)(?=^\S|\Z)", source, re.S | re.M)
    return m.group(1) if m else ""


def cmd_verify(args):
    text = Path(args.file).read_text()
    if args.tool == "alembic":
        body = function_body(text, "upgrade")
        ops = re.findall(r"\bop\.(\w+)\(", body)
    else:
        ops = [o.get("op") for o in tomllib.loads(text).get("upgrade", [])]
    counts = {}
    for o in ops:
        counts[o] = counts.get(o, 0) + 1
    want = {} if args.expect == "none" else {"add_column": 5, "create_index": 5}
    ok = counts == want
    print(f"{args.tool} {Path(args.file).name}: upgrade ops {counts or '{}'} "
          f"(expected {want or '{}'}) {'OK' if ok else 'MISMATCH'}")
    sys.exit(0 if ok else 1)


# ----------------------------------------------------------------------------- scaling series
SCALING_CHUNK = 500   # tables per scratch revision: one PostgreSQL transaction holds ~5 locks per
                      # table, and max_locks_per_transaction * max_connections is 6,400 by default


def scaling_rev(k):
    """Id of the k-th scratch revision (1-based) of a scaling set-up project."""
    return f"{0xc00000000000 + k:012x}"


def parse_urls(pairs):
    """["mcpp:sqlite=URL", ...] -> {("mcpp", "sqlite"): URL}."""
    out = {}
    for pair in pairs or []:
        key, url = pair.split("=", 1)
        tool, dialect = key.split(":", 1)
        out[(tool, dialect)] = url
    return out


def cmd_scaling(args):
    """The autogenerate scaling series (bench/scaling.sh): one directory per table count N.

    WORK/mcpp/      models/schema.toml (N tables), the empty base revision, <dialect>.toml
    WORK/create/    scratch revisions creating tables FROM+1..N (SCALING_CHUNK per revision);
                    their `upgrade head --sql` sets up migratecpp's database with its own DDL
    WORK/alembic/   (with --alembic) models.py (N tables), the empty base revision, <dialect>.ini
    """
    work = Path(args.work).resolve()
    n, first = args.tables, args.from_ + 1
    urls = parse_urls(args.url)
    dialects = sorted({d for (_, d) in urls})
    mcpp_project(work / "mcpp", {d: (urls[("mcpp", d)], "models") for d in dialects
                                 if ("mcpp", d) in urls})
    write(work / "mcpp/models/schema.toml",
          f"# {n} tables (generated by bench/gen.py)\n\n" +
          "\n".join(mcpp_ag_table(i, False, as_op=False) for i in range(1, n + 1)))
    write(work / "mcpp/migrations/versions" / f"{BASE_REV}_base.toml",
          mcpp_revision_header(BASE_REV, "base: the tables are created outside migrations"
                               " and stamped here"))

    create = work / "create"
    mcpp_project(create, {d: (urls[("mcpp", d)], "models") for d in dialects
                          if ("mcpp", d) in urls})
    down = ""
    for k, lo in enumerate(range(first, n + 1, SCALING_CHUNK), start=1):
        hi = min(lo + SCALING_CHUNK - 1, n)
        rev = scaling_rev(k)
        write(create / "migrations/versions" / f"{rev}_create.toml",
              mcpp_revision_header(rev, f"create m_{lo:04d}..m_{hi:04d}", down) + "\n" +
              "\n".join(mcpp_ag_table(i, False, as_op=True) for i in range(lo, hi + 1)))
        down = rev

    if args.alembic:
        tg = {d: dict(url=urls[("alembic", d)], schema="") for d in dialects
              if ("alembic", d) in urls}
        alembic_project(work / "alembic", tg, {d: d for d in tg}, models="models")
        write(work / "alembic/models.py", sqlalchemy_models(changed=False, tables=n))
        write(work / "alembic/versions" / f"{BASE_REV}_base.py", ALEMBIC_BASE_REVISION)


def cmd_alembic_ddl(args):
    """Prints SQLAlchemy's DDL (what metadata.create_all sends) for the tables of DIR/models.py
    after the first FROM, for DIALECT: fed to sqlite3 / psql / mariadb it sets up Alembic's
    database without a round trip per statement from Python."""
    from sqlalchemy import create_mock_engine
    sys.path.insert(0, str(Path(args.dir).resolve()))
    import models
    url = {"sqlite": "sqlite://", "postgresql": "postgresql+psycopg2://",
           "mysql": "mysql+pymysql://"}[args.dialect]
    out = []
    tables = [0]

    def dump(sql, *_args, **_kw):
        text = str(sql.compile(dialect=engine.dialect)).strip()
        if args.transactions and text.startswith("CREATE TABLE"):
            # one transaction per SCALING_CHUNK tables (PostgreSQL's lock table, as above)
            if tables[0] % SCALING_CHUNK == 0:
                out.append("COMMIT;\nBEGIN;\n" if tables[0] else "BEGIN;\n")
            tables[0] += 1
        out.append(text + ";\n")

    engine = create_mock_engine(url, dump)
    wanted = [t for t in models.Base.metadata.sorted_tables
              if int(t.name.split("_", 1)[1]) > args.from_]
    models.Base.metadata.create_all(engine, tables=wanted, checkfirst=False)
    if args.transactions and tables[0]:
        out.append("COMMIT;\n")
    sys.stdout.write("\n".join(out))


def cmd_split_ddl(args):
    """Splits a set-up script into PREFIX0.sql (every statement that is not about one m_ table,
    and the first FK_ROOTS tables, which the others reference) and PREFIX1..PARTS.sql (the other
    tables, each with its indexes, round robin), to be fed over PARTS connections at once:
    MariaDB's DDL is latency-bound (one table, one .frm synced), so 10,000 tables take minutes
    one at a time on a shared machine and about a quarter of that over four connections."""
    text = Path(args.file).read_text()
    stmts = [st.strip() + ";\n" for st in text.split(";\n") if st.strip()]
    head, groups, order = [], {}, []
    for st in stmts:
        body = "\n".join(l for l in st.splitlines() if not l.startswith("--")).strip()
        m = re.match(r'CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX\s+\S+\s+ON)\s+[`"]?(m_\d+)[`"]?\s',
                     body)
        if not m:
            head.append(st)
            continue
        if m.group(1) not in groups:
            groups[m.group(1)] = []
            order.append(m.group(1))
        groups[m.group(1)].append(st)
    first, rest = order[:AG_FK_ROOTS], order[AG_FK_ROOTS:]
    # the session settings (SET ...) go first in every part
    sets = [st for st in head if st.lstrip().upper().startswith("SET ")]
    write(Path(f"{args.prefix}0.sql"),
          "\n".join(head + [st for t in first for st in groups[t]]))
    for k in range(args.parts):
        write(Path(f"{args.prefix}{k + 1}.sql"),
              "\n".join(sets + [st for t in rest[k::args.parts] for st in groups[t]]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("projects")
    p.add_argument("work")
    p.add_argument("--pg-url", required=True)
    p.add_argument("--mysql-url", required=True)
    p.set_defaults(func=cmd_projects)
    p = sub.add_parser("create-all")
    p.add_argument("work")
    p.add_argument("dialect", choices=DIALECTS)
    p.add_argument("--pg-url", required=True)
    p.add_argument("--mysql-url", required=True)
    p.set_defaults(func=cmd_create_all)
    p = sub.add_parser("scaling")
    p.add_argument("work")
    p.add_argument("tables", type=int)
    p.add_argument("--from", dest="from_", type=int, default=0,
                   help="the set-up revisions create only the tables after this many")
    p.add_argument("--url", action="append", metavar="TOOL:DIALECT=URL",
                   help="tool mcpp|alembic, dialect sqlite|postgresql|mysql (repeatable)")
    p.add_argument("--alembic", action="store_true", help="also the Alembic project")
    p.set_defaults(func=cmd_scaling)
    p = sub.add_parser("alembic-ddl")
    p.add_argument("dir")
    p.add_argument("dialect", choices=DIALECTS)
    p.add_argument("--from", dest="from_", type=int, default=0)
    p.add_argument("--transactions", action="store_true",
                   help=f"BEGIN/COMMIT around every {SCALING_CHUNK} tables (SQLite, PostgreSQL)")
    p.set_defaults(func=cmd_alembic_ddl)
    p = sub.add_parser("split-ddl")
    p.add_argument("file")
    p.add_argument("parts", type=int)
    p.add_argument("prefix")
    p.set_defaults(func=cmd_split_ddl)
    p = sub.add_parser("verify")
    p.add_argument("tool", choices=("alembic", "migratecpp"))
    p.add_argument("file")
    p.add_argument("expect", choices=("none", "changes"))
    p.set_defaults(func=cmd_verify)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
