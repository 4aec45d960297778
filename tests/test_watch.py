"""scogen serve --watch: rebuilds on a change and tells open pages to reload."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from servers import free_port

ROOT = Path(__file__).resolve().parents[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.read().decode("utf-8")


def _until(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_watch_rebuilds_and_reloads(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "scogen", "serve", "--watch", "--port", str(port),
         "--content", str(tmp_path / "content"), "--templates", str(tmp_path / "templates"),
         "--out", str(tmp_path / "site")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        first = _until(lambda: _get(base + "__scogen__/build"))
        page = _get(base + "index.html")
        assert "/__scogen__/build" in page  # the reload script, injected when served
        assert "__scogen__" not in (tmp_path / "site" / "index.html").read_text()
        site_yaml = tmp_path / "content" / "site.yaml"
        site_yaml.write_text(site_yaml.read_text().replace("title: SCO Interview Archive",
                                                           "title: Watched Archive"))
        _until(lambda: _get(base + "__scogen__/build") != first)
        assert "Watched Archive" in _get(base + "index.html")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
