"""Import benchmark: `gongkai import` of the laws folder into a fresh database.

    uv run python benchmarks/import_bench.py [--laws ../shared/corpus/laws] [--postgres URL] [--record]

Each run imports into a new SQLite database in a temporary GONGKAI_HOME and, with --postgres, into
the empty PostgreSQL database at URL (its tables are dropped and recreated first). It prints
files/s, MB/s and the peak resident memory of the import process; --record appends the figures
to docs/benchmarks.md. Targets: the whole folder in under 60 s on SQLite, peak memory under 1 GB.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LAWS = ROOT.parent / "shared" / "corpus" / "laws"


def gongkai(arguments: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gongkai", *arguments], env=environment, capture_output=True, text=True, check=False
    )


def run_once(label: str, laws: Path, environment: dict[str, str]) -> dict:
    migrate = gongkai(["migrate", "-v0"], environment)
    if migrate.returncode != 0:
        raise SystemExit(f"{label}: migrate failed:\n{migrate.stderr}")

    files = [path for path in laws.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = gongkai(["import", str(laws)], environment)
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    summary = next((line for line in result.stdout.splitlines() if line.startswith("导入完成")), result.stderr[-500:])
    return {
        "label": label,
        "files": len(files),
        "megabytes": size / 1e6,
        "seconds": elapsed,
        "files_per_second": len(files) / elapsed,
        "megabytes_per_second": size / 1e6 / elapsed,
        # NOTE: ru_maxrss of children is the largest child so far; the import is the largest child.
        "peak_mb": max(peak_kb, before) / 1024,
        "summary": summary,
        "exit": result.returncode,
    }


def reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--laws", type=Path, default=DEFAULT_LAWS, help="Folder of law Markdown files.")
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database to benchmark as well.")
    parser.add_argument("--record", action="store_true", help="Append the figures to docs/benchmarks.md.")
    options = parser.parse_args()
    if not options.laws.is_dir():
        raise SystemExit(f"{options.laws} is absent: pass --laws with the laws folder of the corpus.")

    runs = []
    with tempfile.TemporaryDirectory() as home:
        environment = {**os.environ, "GONGKAI_HOME": home, "GONGKAI_LOG_LEVEL": "WARNING"}
        environment.pop("DATABASE_URL", None)
        runs.append(run_once("SQLite", options.laws, environment))
    if options.postgres:
        reset_postgres(options.postgres)
        with tempfile.TemporaryDirectory() as home:
            environment = {**os.environ, "GONGKAI_HOME": home, "DATABASE_URL": options.postgres, "GONGKAI_LOG_LEVEL": "WARNING"}
            runs.append(run_once("PostgreSQL", options.laws, environment))

    rows = [
        f"| {run['label']} | {run['files']} | {run['megabytes']:.1f} | {run['seconds']:.1f} | "
        f"{run['files_per_second']:.0f} | {run['megabytes_per_second']:.2f} | {run['peak_mb']:.0f} | {run['summary']} |"
        for run in runs
    ]
    header = [
        f"### Import, {datetime.date.today().isoformat()} ({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})",
        "",
        f"Command: `uv run python benchmarks/import_bench.py{' --postgres URL' if options.postgres else ''}`, corpus `{options.laws.name}/`.",
        "",
        "| database | files | MB | seconds | files/s | MB/s | peak MB | summary |",
        "|---|---|---|---|---|---|---|---|",
    ]
    report = "\n".join(header + rows) + "\n"
    sys.stdout.write(report)
    if options.record:
        with open(ROOT / "docs" / "benchmarks.md", "a", encoding="utf-8") as stream:
            stream.write("\n" + report)


if __name__ == "__main__":
    main()
