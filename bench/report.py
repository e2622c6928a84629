#!/usr/bin/python3
"""Turns the measurements run.sh left in OUT_DIR into the Markdown report (stdout).

OUT_DIR holds: <scen>-<dialect>.json (hyperfine, commands named alembic / migratecpp),
<scen>-<dialect>-<tool>.rss (peak RSS in KiB, one line per run), .clientcount (statements
Alembic's env.py counted), .servercount (statements the PostgreSQL server logged; none on
MariaDB),
c-<dialect>-<tool>.statements, checks.txt, failures.txt, meta.txt, ag-<dialect>.setup_ms."""
import json
import re
import statistics
import sys
from pathlib import Path

OUT = Path(sys.argv[1])

SCENARIOS = [
    ("a", "a `current` (200 revs at head)"),
    ("b", "b `upgrade head`, 200 revs from empty"),
    ("c1", "c floor: offline SQL → sqlite3/psql/mariadb, 1 transaction (each tool's own script; "
           "MariaDB: DDL commits each statement)"),
    ("b1", "b1 `upgrade head` in one transaction (`transaction_per_migration = false`; "
           "Alembic's b is already one)"),
    ("c", "c floor: migratecpp's `--sql` as emitted (1 transaction per revision)"),
    ("d", "d autogenerate, 500 tables, no change"),
    ("e", "e autogenerate, 500 tables, 10 changes"),
]
DIALECTS = [("sqlite", "SQLite"), ("postgresql", "PostgreSQL"), ("mysql", "MariaDB")]
# Alembic medians of shared/notes/anchor-bench.md (run 1), for reference.
ANCHOR = {("a", "sqlite"): 0.251, ("a", "postgresql"): 0.260,
          ("b", "sqlite"): 1.090, ("b", "postgresql"): 0.930,
          ("c1", "sqlite"): 0.019, ("c1", "postgresql"): 0.583,
          ("d", "sqlite"): 1.323, ("d", "postgresql"): 3.445,
          ("e", "sqlite"): 1.278, ("e", "postgresql"): 3.589,
          ("a", "mysql"): 0.272, ("b", "mysql"): 1.526, ("c1", "mysql"): 0.996,
          ("d", "mysql"): 1.149, ("e", "mysql"): 1.162}
TOOLS = ("alembic", "migratecpp")


def read(path, default=None):
    try:
        return path.read_text().strip()
    except OSError:
        return default


def hyperfine(scen, dia):
    """{tool: result dict} from the hyperfine JSON, or {}."""
    text = read(OUT / f"{scen}-{dia}.json")
    if not text:
        return {}
    return {r["command"]: r for r in json.loads(text)["results"]}


def rss_mib(scen, dia, tool):
    text = read(OUT / f"{scen}-{dia}-{tool}.rss")
    vals = [int(x) for x in (text or "").split() if x.isdigit()]
    return statistics.median(vals) / 1024 if vals else None


def fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def main():
    meta = dict(line.split("=", 1) for line in (read(OUT / "meta.txt") or "").splitlines()
                if "=" in line)
    rows, details = [], []
    for scen, label in SCENARIOS:
        for dia, dname in DIALECTS:
            hf = hyperfine(scen, dia)
            failed = read(OUT / "failures.txt", "")
            if not hf and f"{scen} / {dia}" not in failed and f"{scen[0]} / {dia}" not in failed:
                continue
            med = {t: hf[t]["median"] if t in hf else None for t in TOOLS}
            ratio = (med["alembic"] / med["migratecpp"]
                     if med["alembic"] and med["migratecpp"] else None)
            rows.append(
                f"| {label} | {dname} | {fmt(med['alembic'])} | {fmt(med['migratecpp'])} | "
                f"{'–' if ratio is None else f'**{ratio:.1f}×**'} | "
                f"{fmt(rss_mib(scen, dia, 'migratecpp'), 1)} | "
                f"{fmt(rss_mib(scen, dia, 'alembic'), 1)} | {fmt(ANCHOR.get((scen, dia)))} |")
            for tool in TOOLS:
                r = hf.get(tool)
                if r is None:
                    continue
                times = r["times"]
                cv = 100 * statistics.stdev(times) / statistics.mean(times) if len(times) > 1 else 0
                client = read(OUT / f"{scen}-{dia}-{tool}.clientcount")
                server = read(OUT / f"{scen}-{dia}-{tool}.servercount")
                stmts = read(OUT / f"{scen[0]}-{dia}-{'mcpp' if tool == 'migratecpp' else tool}.statements") \
                    if scen.startswith("c") else None
                count = " / ".join(x for x in (client or "–", server or "–")) if not stmts else f"{stmts} in the script"
                details.append(
                    f"| {scen} | {dname} | {tool} | {r['median']:.4f} | {min(times):.4f}–{max(times):.4f} | "
                    f"{cv:.1f} | {len(times)} | {r['user'] + r['system']:.3f} | "
                    f"{fmt(rss_mib(scen, dia, tool), 1)} | {count} |")

    print(f"# migratecpp vs Alembic — {meta.get('date', '?')}\n")
    print("Produced by `bash bench/run.sh`" + (" --quick" if meta.get("quick") == "1" else "") +
          f" in {meta.get('runtime_s', '?')} s. Medians of hyperfine runs; peak RSS is the median of "
          "runs under `/usr/bin/time -f %M`. The machine is shared (colleagues building and "
          "testing on the same cores): expect ±10 % between runs and occasional 2× outliers.\n")
    for key in ("cpu", "loadavg", "migratecpp", "alembic", "sqlite", "postgresql", "mariadb",
                "hyperfine"):
        if key in meta:
            print(f"- {key}: {meta[key]}")
    cal = read(OUT / "calibration.json")
    if cal:
        res = {r["command"]: r["median"] for r in json.loads(cal)["results"]}
        if "cpu_loop" in res and "imports" in res:
            print(f"- calibration: the anchor's Python CPU loop {res['cpu_loop']:.3f} s here "
                  f"(anchor machine 0.083 s), `import alembic.config, alembic.command, sqlalchemy` "
                  f"{res['imports']:.3f} s (0.187 s): this machine is {res['cpu_loop'] / 0.083:.2f}× / "
                  f"{res['imports'] / 0.187:.2f}× the anchor's time, which is why the Alembic column "
                  "differs from the anchor column.")
    print()
    print("| scenario | dialect | Alembic median s | migratecpp median s | ratio (Alembic/migratecpp) "
          "| migratecpp peak RSS MiB | Alembic peak RSS MiB | anchor Alembic median s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print("\nIn the c rows the two columns are the *native clients* (sqlite3 / psql / mariadb) running "
          "Alembic's and migratecpp's offline scripts, so RSS is the client's; the ratio shows "
          "how the two scripts compare, and migratecpp's `b` minus its `c` is its own overhead "
          "over the database's work.")
    for dia, dname in DIALECTS:
        a = hyperfine("a", dia)
        if a.get("migratecpp") and a.get("client"):
            m, c = a["migratecpp"]["median"], a["client"]["median"]
            print(f"- {dname}: start-up, migratecpp `current` {m * 1000:.1f} ms against the database's "
                  f"own client connecting and reading the version table {c * 1000:.1f} ms: "
                  f"**{m / c:.2f}×** the client (goal: within 2×).")
    # b1 against c1 in alternation (bench/alternate_b1.sh, run by run.sh after scenario c): the
    # goal's figure where both were measured; the hyperfine medians, taken minutes apart, beside.
    alternating = {}
    for line in (read(OUT / "b1c1-alternating.txt") or "").splitlines():
        m = re.match(r"(\w+): b1 \[(.*)\] ms, c1 \[(.*)\] ms, median b1/c1 ([0-9.]+)x$", line)
        if m:
            b_ms = [float(x) for x in m.group(2).split(", ")]
            c_ms = [float(x) for x in m.group(3).split(", ")]
            alternating[m.group(1)] = (statistics.median(b_ms), statistics.median(c_ms),
                                       float(m.group(4)), len(b_ms))
    for dia, dname in DIALECTS:
        b1 = hyperfine("b1", dia).get("migratecpp")
        c1 = hyperfine("c1", dia).get("migratecpp")
        if dia in alternating:
            b_ms, c_ms, ratio, rounds = alternating[dia]
            print(f"- {dname}: migratecpp `upgrade head` in one transaction {b_ms:.1f} ms against "
                  f"its script in one transaction fed to the client {c_ms:.1f} ms, medians of "
                  f"{rounds} alternating rounds: **{ratio:.2f}×** the floor (goal: within 1.3×)"
                  + (f"; the hyperfine medians above, taken minutes apart: "
                     f"{b1['median'] / c1['median']:.2f}×." if b1 and c1 else "."))
        elif b1 and c1:
            print(f"- {dname}: migratecpp `upgrade head` in one transaction {b1['median']:.3f} s "
                  f"against its script in one transaction fed to the client {c1['median']:.3f} s: "
                  f"**{b1['median'] / c1['median']:.2f}×** the floor (goal: within 1.3×).")
    for dia, dname in DIALECTS:
        b = hyperfine("b", dia).get("migratecpp")
        c = hyperfine("c", dia).get("migratecpp")
        if b and c:
            print(f"- {dname}: migratecpp `upgrade head` {b['median']:.3f} s against its floor "
                  f"{c['median']:.3f} s (same transactions): overhead {b['median'] - c['median']:+.3f} s.")
    print("\n## Details\n")
    print("| scen | dialect | tool | median s | min–max s | CV % | runs | CPU s (user+sys, mean) "
          "| peak RSS MiB | SQL statements (client / PG server log) |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    print("\n".join(details))
    print("\nSQL statements: *client* is Alembic's `before_cursor_execute` counter in env.py, and "
          "for migratecpp the count it prints with `MIGRATECPP_STATS=1` (every statement and query "
          "it sent, on every dialect); *server* is the number of `LOG:  statement:` / `LOG:  execute` "
          "lines PostgreSQL wrote for one run with `log_statement = 'all'` set for the bench role in "
          "the bench database only (so it includes the statements that set up the connection).")
    for dia, _ in DIALECTS:
        ms = read(OUT / f"ag-{dia}.setup_ms")
        if ms:
            a, m = ms.split()
            print(f"- Set-up of the 500 tables, {dia}: Alembic (create_all + stamp) {int(a) / 1000:.1f} s, "
                  f"migratecpp (upgrade of one 500-table revision + stamp) {int(m) / 1000:.1f} s.")
    print("\n## Checks\n")
    print("```\n" + (read(OUT / "checks.txt") or "(none)") + "\n```")
    failures = read(OUT / "failures.txt")
    print("\n## Failures\n")
    print(failures if failures else "None: every command of every scenario ran.")


if __name__ == "__main__":
    main()
