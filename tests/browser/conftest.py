"""Run the real app in a subprocess and drive it with Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


class RunningApp:
    def __init__(self, url: str, process: subprocess.Popen, log: Path):
        self.url, self.process, self.log = url, process, log


def start_app(tmp_path: Path, extra_env: dict[str, str] | None = None) -> RunningApp:
    from counterpart.demo import seed_demo
    from counterpart.storage.store import Store

    database = f"sqlite:///{tmp_path / 'browser.db'}"
    seed_demo(Store(database))
    port = free_port()
    env = {
        **os.environ,
        "COUNTERPART_DATABASE_URL": database,
        "COUNTERPART_DEMO": "1",
        **(extra_env or {}),
    }
    log = tmp_path / "streamlit.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            # Edits to the checkout while a test runs must not make the app stop and offer
            # "Rerun" in the middle of a test.
            "--server.fileWatcherType",
            "none",
        ],
        cwd=tmp_path,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return RunningApp(url, process, log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the app did not start within 60 s:\n{log.read_text()}")


@pytest.fixture
def launch_app(tmp_path) -> Iterator:
    started: list[RunningApp] = []

    def launch(extra_env: dict[str, str] | None = None) -> RunningApp:
        app = start_app(tmp_path, extra_env)
        started.append(app)
        return app

    yield launch
    for app in started:
        app.process.terminate()
        try:
            app.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.process.kill()


@pytest.fixture
def browser_page(chromium_path) -> Iterator:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        # The machine is shared (2 cores): give assertions as long as actions, not 5 s.
        expect.set_options(timeout=30_000)
        yield page
        browser.close()
