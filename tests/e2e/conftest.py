"""Real-browser fixtures: Debian's Chromium driven by Playwright (no browser download), and the
explorer served by ``streamlit run app.py`` on 127.0.0.1 over a temp store ingested from seeds.

Chromium missing: the browser tests FAIL under ``CI=true`` (scripts/test.sh installs it) and
skip with the reason elsewhere.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run; scripts/test.sh installs Chromium)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if not path:
        _unavailable("Debian chromium not found on PATH: apt-get install -y --no-install-recommends chromium")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


# A plan whose text and title carry HTML and Markdown an attacker could plant: all must stay text.
HOSTILE_TEXT = """ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
Số: 78/KH-UBND
Phú Yên, ngày 05 tháng 3 năm 2020

KẾ HOẠCH
Triển khai <img src=x onerror=alert(1)> [Đăng nhập lại](http://evil.example/login) ![t](http://evil.example/p.png) :red[đỏ] $x^2$

Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư Trung ương Đảng <script>alert("xss")</script>, www.evil.example, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau.
"""


@pytest.fixture(scope="session")
def e2e_store(tmp_path_factory, seeds_dir) -> Path:
    """A store ingested with ``citegraph ingest --store`` (the CLI path) from the seed plans and
    one hostile plan."""
    root = tmp_path_factory.mktemp("e2e")
    docs = root / "docs"
    shutil.copytree(seeds_dir, docs)
    (docs / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    store = root / "store.sqlite"
    out = subprocess.run([sys.executable, "-c", "from graph.cli.common import main; main()", "ingest",
                          "--store", str(store), "-w", "1", str(docs)],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0 and store.exists(), out.stderr[-2000:]
    return store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(e2e_store, tmp_path_factory):
    """Start the explorer on a free port; yield its URL; stop it (and only it) afterwards."""
    from graph.cli.serve import streamlit_command

    port = _free_port()
    argv, env = streamlit_command(str(e2e_store), port=port, address="127.0.0.1", headless=True,
                                  extra=["--server.fileWatcherType=none"])
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start (exit {proc.poll()}):\n{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()
