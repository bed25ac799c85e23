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


@pytest.fixture(scope="session")
def server_url(chromium_path):
    import uvicorn
    from webfixture import built_db

    from storyline.api.app import LOOPBACK_HOSTS, create_app

    port = _free_port()
    app = create_app(built_db("rich"), allowed_hosts=LOOPBACK_HOSTS)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server_url):
    """A fresh page that records console errors, page errors and dialogs."""
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
