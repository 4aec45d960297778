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


def test_a_failed_rebuild_is_reported_once_by_the_command_not_by_the_watcher(tmp_path, capsys):
    """watch.py prints nothing: the rebuild callable reports its own error (once), the
    watcher keeps serving and says where only through ``say``."""
    import threading

    from scogen.errors import BuildError
    from scogen.watch import serve_and_watch

    site, watched = tmp_path / "site", tmp_path / "content"
    site.mkdir()
    watched.mkdir()
    (site / "index.html").write_text("<p>old</p>")
    stop, calls, said = threading.Event(), [], []

    def rebuild():
        calls.append(1)
        stop.set()
        raise BuildError("broken template", "templates/base.html")

    thread = threading.Thread(target=serve_and_watch, daemon=True, kwargs=dict(
        out=site, watch=[watched], rebuild=rebuild, port=free_port(), stop=stop,
        say=said.append))
    thread.start()
    _until(lambda: said)
    _until(lambda: ((watched / "new.txt").write_text(str(time.time())), calls)[1], 30)
    thread.join(30)
    assert not thread.is_alive() and calls
    assert len(said) == 1 and said[0].startswith(f"serving {site}")
    out, err = capsys.readouterr()
    assert out == "" and err == ""  # nothing from the watcher itself
