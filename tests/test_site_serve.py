"""The preview server: serves the built folder, the site's 404 page, returns on Ctrl-C."""
from __future__ import annotations

import os
import signal
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scogen.errors import ScogenError
from scogen.serve import make_server, serve


def _get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers.get("Content-Type", "")


@pytest.fixture()
def running(built_site):
    server = make_server(built_site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", built_site
    server.shutdown()
    server.server_close()


def test_serves_pages_and_files_byte_exact(running):
    base, site = running
    for rel in ["index.html", "static/style.css", "speakers/index.html"]:
        status, body, _ = _get(base + rel)
        assert status == 200 and body == (site / rel).read_bytes(), rel
    status, body, ctype = _get(base + "interviews/")  # a folder serves its index.html
    assert status == 200 and body == (site / "interviews" / "index.html").read_bytes()
    assert ctype.startswith("text/html")


def test_missing_path_gets_the_site_404_page(running):
    base, site = running
    status, body, ctype = _get(base + "no/such/page.html")
    assert status == 404
    assert body == (site / "404.html").read_bytes()
    assert ctype.startswith("text/html")


def test_refuses_a_folder_without_a_site(tmp_path):
    with pytest.raises(ScogenError) as err:
        make_server(tmp_path, port=0)
    assert err.value.code == "serve.no_site"


def test_port_in_use_is_a_scogen_error(built_site):
    first = make_server(built_site, port=0)
    try:
        with pytest.raises(ScogenError) as err:
            make_server(built_site, port=first.server_address[1])
        assert err.value.code == "serve.listen"
    finally:
        first.server_close()


def test_serve_returns_when_interrupted(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    seen: list[str] = []

    def ready(address: str) -> None:
        seen.append(address)
        threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()

    serve(tmp_path, port=0, on_ready=ready)  # returns instead of raising KeyboardInterrupt
    assert seen and seen[0].startswith("http://127.0.0.1:")
