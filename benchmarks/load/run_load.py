"""`make bench-load`: 50 coordinators against gunicorn on loopback with PostgreSQL.

Run from the repository root (needs locust, gunicorn and PostgreSQL's server binaries; PDFs
need LibreOffice, ENINDGANG_SOFFICE):

    python benchmarks/load/run_load.py [--users 50] [--seconds 60] [--workers 2]
        [--worker-class gthread] [--threads 4] [--database-url URL] [--out FILE]

It starts a throw-away PostgreSQL cluster (scripts/pg-throwaway.sh) unless --database-url
names one, migrates and seeds it (the demo, the big case and one case per user), serves the
app with gunicorn on 127.0.0.1, runs locust headless (locustfile.py: 1–3 s think time) and
prints requests per second, p50/p95/p99 and errors per step; with --out (default
docs/performance.md) the table goes between the load markers. Not a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(1, str(ROOT))

from bench_common import machine  # noqa: E402
from run_all import postgres_version, write  # noqa: E402

PASSWORD = "load-test-password-2026"  # noqa: S105 - throw-away users of a throw-away database
BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"


def arguments() -> argparse.Namespace:
    """The load run's options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)  # docs/performance.md: 2 cores
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    return parser.parse_args()


def start_postgres() -> tuple[str, str]:
    """A throw-away cluster: (url, its folder)."""
    done = subprocess.run(  # noqa: S603 - the repository's own script
        [str(ROOT / "scripts" / "pg-throwaway.sh"), "start"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = dict(re.findall(r"export (\w+)=(\S+)", done.stdout))
    return found["ENINDGANG_TEST_POSTGRES_URL"], found["PG_THROWAWAY_DIR"]


def seed(url: str, users: int) -> list[int]:
    """Migrate and seed the database; the users' case ids."""
    from bench_bigcase import bench_app, seed_big_case, seed_load_users

    app = bench_app(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with app.app_context():
        big = seed_big_case()
        ids = seed_load_users(users, PASSWORD, big)
        from app.extensions import db

        db.engine.dispose()
    return ids


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, args: argparse.Namespace, port: int) -> subprocess.Popen:
    """gunicorn serving the app in production mode (no HTTPS on loopback: cookies unsecured)."""
    env = {
        **os.environ,
        "ENINDGANG_ENV": "production",
        "ENINDGANG_DATABASE_URL": url,
        "ENINDGANG_SECRET_KEY": "load-test-secret",
        "ENINDGANG_SESSION_COOKIE_SECURE": "0",
        "ENINDGANG_LOGIN_RATE_LIMIT": "10000 per minute",
        "ENINDGANG_INSTANCE_PATH": args.work,
    }
    command = [
        sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--worker-class", args.worker_class,
        "--threads", str(args.threads), "--timeout", "120", "--log-level", "warning",
        "--keep-alive", "10",  # longer than the users think: no reset of a reused connection
        "app:create_app()",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - fixed arguments
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:  # until a worker answers (booting takes a while)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=10) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not start")


def run_locust(port: int, args: argparse.Namespace, ids: list[int], prefix: str) -> None:
    """locust headless; its CSV files start with ``prefix``."""
    env = {**os.environ, "LOAD_CASE_IDS": ",".join(map(str, ids))}
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
         "--users", str(args.users), "--spawn-rate", "10", "--run-time", f"{args.seconds}s",
         "--host", f"http://127.0.0.1:{port}", "--csv", prefix, "--only-summary"],
        env=env, check=False,
    )  # fmt: skip


def table(prefix: str) -> str:
    """The locust statistics as a Markdown table."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    lines = [
        "| step | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.2f} | {row['50%']} | {row['95%']} | {row['99%']} | "
            f"{float(row['Max Response Time']):.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Set up, load, report, tear down."""
    args = arguments()
    args.work = tempfile.mkdtemp(prefix="enindgang-load-")
    pg_dir = None
    url = args.database_url
    if url is None:
        url, pg_dir = start_postgres()
    server = None
    try:
        ids = seed(url, args.users)
        port = free_port()
        server = serve(url, args, port)
        prefix = str(Path(args.work, "locust"))
        began = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        run_locust(port, args, ids, prefix)
        result = table(prefix)
        print(result)
        about = machine(postgres_version(url))
        section = "\n".join([
            BEGIN,
            f"Load run {began}: {args.users} users, 1–3 s think time, {args.seconds} s; gunicorn "
            f"{args.workers} × {args.worker_class} ({args.threads} threads) on 127.0.0.1; "
            "locust on the same machine.",
            "",
            *(f"- {key}: {value}" for key, value in about.items()),
            "",
            result,
            END,
        ])  # fmt: skip
        if args.out:
            write(Path(args.out), section, BEGIN, END)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if pg_dir:
            subprocess.run([str(ROOT / "scripts" / "pg-throwaway.sh"), "stop", pg_dir], check=False)  # noqa: S603


if __name__ == "__main__":
    main()
