#!/usr/bin/env python3
"""Compares the schema the sqlite migrations build with the one the postgresql migrations build.

The SQLite side is built fresh in memory (each db/migration/sqlite file, in version order, run with executescript).
The PostgreSQL side is read from an existing database (default waymark_migrations) through psql; with --apply the
script first drops and recreates that database and runs every db/migration/postgresql file in version order.

Compared: the migration file names; the tables; each table's columns (names and order, type as the migration rules
map it: INTEGER to bigint, TEXT to text in collation "C", BLOB to bytea, REAL to double precision; NOT NULL;
defaults; identity for SQLite's INTEGER PRIMARY KEY); primary keys; unique constraints; the named indexes (columns,
unique flag, partial-index predicate); foreign keys. Prints every difference and exits 1 if there is any.

Version 19 is where the two engines part on purpose: PostgreSQL partitions the event history by day (primary key
(seq, event_time), no foreign key from event_resource, day partitions), SQLite changes nothing. The comparison
therefore stops at --through (default 18, the last version both schemas share exactly).

    python3 src/test/resources/db/compare_schemas.py --apply
"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
MIGRATIONS = ROOT / "src/main/resources/db/migration"

PG_TYPES = {"INTEGER": "bigint", "BIGINT": "bigint", "TEXT": "text", "BLOB": "bytea", "REAL": "double precision"}


def version(path):
    return int(path.name[1:].split("__")[0])


def migrations(folder, through=None):
    files = sorted(folder.glob("V*__*.sql"), key=version)
    return [f for f in files if through is None or version(f) <= through]


def psql_command(args, database):
    base = f"psql -X -q -At -v ON_ERROR_STOP=1 -d {database}"
    if args.psql:
        return ["sh", "-c", f"{args.psql} -X -q -At -v ON_ERROR_STOP=1 -d {database}"]
    if os.geteuid() == 0:
        return ["su", "postgres", "-c", base]
    return ["sh", "-c", base]


def psql(args, sql, database=None):
    result = subprocess.run(psql_command(args, database or args.pg_db), input=sql, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"psql failed: {result.stderr.strip()}")
    return result.stdout


def apply_pg(args, files):
    psql(args, f'DROP DATABASE IF EXISTS "{args.pg_db}";\nCREATE DATABASE "{args.pg_db}";\n', "postgres")
    for file in files:
        psql(args, "BEGIN;\n" + file.read_text() + "\nCOMMIT;\n")


def norm_expr(text):
    """A default or predicate with casts, parentheses, case and spacing taken out."""
    if text is None:
        return None
    text = re.sub(r"::[a-z ]+(\[\])?", "", text)
    text = text.replace("(", "").replace(")", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def sqlite_schema(files):
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    for file in files:
        db.executescript(file.read_text())
    schema = {}
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
        pk = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        rowid_alias = len(pk) == 1 and next(r[2] for r in info if r[1] == pk[0]).upper() == "INTEGER"
        columns = []
        for cid, name, decl, notnull, default, pkpos in info:
            base = decl.upper().split("(")[0].strip()
            columns.append({
                "name": name,
                "type": PG_TYPES.get(base, "?" + decl),
                "collation": "C" if base == "TEXT" else None,
                # PostgreSQL's primary key columns are NOT NULL (SQLite's, but for a rowid alias, are not).
                "notnull": bool(notnull) or bool(pkpos),
                "default": norm_expr(default),
                "identity": rowid_alias and name == pk[0],
            })
        named, constraints = {}, []
        for seq, name, unique, origin, partial in db.execute(f'PRAGMA index_list("{table}")'):
            cols = [r[2] for r in db.execute(f'PRAGMA index_info("{name}")')]
            if origin == "pk":
                continue
            if origin == "u":
                constraints.append(cols)
                continue
            where = None
            if partial:
                sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()[0]
                where = norm_expr(re.split(r"\bWHERE\b", sql, flags=re.I, maxsplit=1)[1])
            named[name] = {"columns": cols, "unique": bool(unique), "where": where}
        fks = {}
        for row in db.execute(f'PRAGMA foreign_key_list("{table}")'):
            fk = fks.setdefault(row[0], {"table": row[2], "from": [], "to": [], "on_delete": row[6].upper()})
            fk["from"].append(row[3])
            fk["to"].append(row[4])
        schema[table] = {"columns": columns, "pk": pk, "unique_constraints": sorted(constraints),
                         "indexes": named, "foreign_keys": sorted(json.dumps(f, sort_keys=True) for f in fks.values())}
    return schema


PG_QUERY = r"""
SELECT json_build_object(
  'columns', (SELECT json_agg(json_build_object('table', c.table_name, 'name', c.column_name,
                  'type', c.data_type, 'collation', c.collation_name, 'notnull', c.is_nullable = 'NO',
                  'default', c.column_default, 'identity', c.is_identity = 'YES') ORDER BY c.table_name, c.ordinal_position)
              FROM information_schema.columns c WHERE c.table_schema = 'public'),
  'indexes', (SELECT json_agg(json_build_object('table', t.relname, 'name', i.relname, 'unique', x.indisunique,
                  'primary', x.indisprimary, 'constraint', con.contype,
                  'columns', (SELECT json_agg(a.attname ORDER BY k.ord)
                              FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum),
                  'where', pg_get_expr(x.indpred, x.indrelid)))
              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace
              LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype IN ('p', 'u')
              WHERE n.nspname = 'public'),
  'foreign_keys', (SELECT json_agg(json_build_object('table', t.relname, 'ref', r.relname,
                  'from', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                  'to', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum),
                  'on_delete', c.confdeltype))
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.contype = 'f' AND n.nspname = 'public'),
  'tables', (SELECT json_agg(table_name) FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'),
  'checks', (SELECT json_agg(t.relname || ': ' || pg_get_constraintdef(c.oid)) FROM pg_constraint c
             JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE c.contype = 'c' AND n.nspname = 'public'));
"""

ON_DELETE = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def pg_schema(args):
    raw = json.loads(psql(args, PG_QUERY))
    schema = {t: {"columns": [], "pk": [], "unique_constraints": [], "indexes": {}, "foreign_keys": []}
              for t in raw["tables"] or []}
    for c in raw["columns"] or []:
        if c["table"] not in schema:
            continue
        default = None if c["identity"] else norm_expr(c["default"])
        schema[c["table"]]["columns"].append({"name": c["name"], "type": c["type"], "collation": c["collation"],
                                              "notnull": c["notnull"], "default": default, "identity": c["identity"]})
    for i in raw["indexes"] or []:
        table = schema[i["table"]]
        if i["primary"]:
            table["pk"] = i["columns"]
        elif i["constraint"] == "u":
            table["unique_constraints"].append(i["columns"])
        else:
            table["indexes"][i["name"]] = {"columns": i["columns"], "unique": i["unique"], "where": norm_expr(i["where"])}
    for f in raw["foreign_keys"] or []:
        schema[f["table"]]["foreign_keys"].append(json.dumps(
            {"table": f["ref"], "from": f["from"], "to": f["to"], "on_delete": ON_DELETE[f["on_delete"]]}, sort_keys=True))
    for table in schema.values():
        table["unique_constraints"].sort()
        table["foreign_keys"].sort()
    return schema, raw["checks"] or []


def compare(lite, pg, checks):
    diffs = []
    for table in sorted(set(lite) - set(pg)):
        diffs.append(f"table {table}: only in SQLite")
    for table in sorted(set(pg) - set(lite)):
        diffs.append(f"table {table}: only in PostgreSQL")
    for table in sorted(set(lite) & set(pg)):
        a, b = lite[table], pg[table]
        names_a, names_b = [c["name"] for c in a["columns"]], [c["name"] for c in b["columns"]]
        if names_a != names_b:
            diffs.append(f"{table}: columns {names_a} (SQLite) vs {names_b} (PostgreSQL)")
        cols_b = {c["name"]: c for c in b["columns"]}
        for col in a["columns"]:
            other = cols_b.get(col["name"])
            if other is None:
                continue
            for key in ("type", "collation", "notnull", "default", "identity"):
                if col[key] != other[key]:
                    diffs.append(f"{table}.{col['name']}: {key} {col[key]!r} (expected from SQLite) vs {other[key]!r}")
        for key in ("pk", "unique_constraints", "foreign_keys"):
            if a[key] != b[key]:
                diffs.append(f"{table}: {key} {a[key]} (SQLite) vs {b[key]} (PostgreSQL)")
        for name in sorted(set(a["indexes"]) | set(b["indexes"])):
            ia, ib = a["indexes"].get(name), b["indexes"].get(name)
            if ia != ib:
                diffs.append(f"{table}: index {name} {ia} (SQLite) vs {ib} (PostgreSQL)")
    for check in checks:
        diffs.append(f"CHECK constraint only in PostgreSQL: {check}")
    return diffs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-db", default="waymark_migrations")
    parser.add_argument("--apply", action="store_true", help="recreate --pg-db and run the postgresql migrations first")
    parser.add_argument("--psql", help="how to run psql (default: psql, through su postgres when run as root)")
    parser.add_argument("--through", type=int, default=18, help="the last version compared (default 18)")
    args = parser.parse_args()

    lite_files = migrations(MIGRATIONS / "sqlite", args.through)
    pg_files = migrations(MIGRATIONS / "postgresql", args.through)
    diffs = []
    lite_names, pg_names = [f.name for f in lite_files], [f.name for f in pg_files]
    if lite_names != pg_names:
        diffs.append(f"migration files differ: only sqlite {sorted(set(lite_names) - set(pg_names))}, "
                     f"only postgresql {sorted(set(pg_names) - set(lite_names))}")
    for f in pg_files:
        if not f.read_text().startswith(f"-- Mirrors sqlite/{f.name}"):
            diffs.append(f"{f.name}: no header comment naming sqlite/{f.name}")
    if args.apply:
        apply_pg(args, pg_files)
    lite = sqlite_schema(lite_files)
    pg, checks = pg_schema(args)
    diffs += compare(lite, pg, checks)
    for d in diffs:
        print(d)
    print(f"{len(lite)} SQLite tables, {len(pg)} PostgreSQL tables, "
          f"{sum(len(t['indexes']) for t in lite.values())} named SQLite indexes: "
          + ("no differences" if not diffs else f"{len(diffs)} difference(s)"))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
