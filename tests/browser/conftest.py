"""Browser-test set-up: a storyline server on a free loopback port (uvicorn in
a thread) over the web fixture database, and Debian's Chromium driven by
Playwright (launched by executable path; no browser is ever downloaded).
Everything here is skipped cleanly when Chromium or Playwright is missing."""
from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "fixtures" / "web"))
SCREENSHOTS = HERE.parent / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for p in (os.environ.get("STORYLINE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if p and Path(p).exists():
            return p
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path():
    path = _chromium()
    if path is None:
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright (Python library) not installed")
    return path


def _serve(db: str):
    """Start the app on a free loopback port in a thread; returns (url, stop)."""
    import uvicorn

    from storyline.api.app import LOOPBACK_HOSTS, create_app

    port = _free_port()
    app = create_app(db, allowed_hosts=LOOPBACK_HOSTS)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)

    def stop():
        server.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}", stop


@pytest.fixture(scope="session")
def server_url(chromium_path):
    from webfixture import built_db

    url, stop = _serve(built_db("rich"))
    yield url
    stop()


EXAMPLE = HERE.parents[1] / "examples" / "ever_given.jsonl"


@pytest.fixture(scope="session")
def example_url(chromium_path, tmp_path_factory):
    """The app over the bundled example corpus, built with the small model."""
    if not EXAMPLE.exists():
        pytest.skip("examples/ever_given.jsonl not found")
    from storyline import library
    from storyline.settings import Settings

    db = str(tmp_path_factory.mktemp("example") / "example.db")
    library.build([str(EXAMPLE)], Settings(db=db, model="en_core_web_sm", progress=False))
    url, stop = _serve(db)
    yield url
    stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server_url):
    """A fresh page on the fixture app that records console errors, page errors and dialogs."""
    yield from _page(browser, server_url)


@pytest.fixture
def example_page(browser, example_url):
    """The same, on the app over the example corpus."""
    yield from _page(browser, example_url)


def _page(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.dialogs = []
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    # nothing may leave the machine: any request off this server fails the test
    pg.external = []

    def guard(route):
        if route.request.url.startswith(server_url):
            route.continue_()
        else:
            pg.external.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    yield pg
    context.close()


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(pg, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take
