"""The preview server under hostile clients: path traversal, a 100 KB URL, 200
connections at once, clients that hang up mid-response. The server runs as
``scogen serve`` in a child process; nothing outside the site is ever served,
every request gets an answer, and its terminal shows no traceback.
"""
from __future__ import annotations

import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scogen.cli import main

ROOT = Path(__file__).resolve().parents[1]
SECRET = "the maintainer's private notes"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("serve")
    shutil.copytree(ROOT / "content", base / "content")
    shutil.copytree(ROOT / "templates", base / "templates")
    out = base / "site"
    assert main(["build", "--quiet", "--no-search", "--content", str(base / "content"),
                 "--templates", str(base / "templates"), "--out", str(out)]) == 0
    (base / "secret.txt").write_text(SECRET)  # beside the site, never to be served
    (out / "big.bin").write_bytes(b"x" * 8_000_000)  # a response long enough to cut
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    child = subprocess.Popen([sys.executable, "-m", "scogen", "serve", "--out", str(out),
                              "--port", str(port)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert b"serving" in child.stdout.readline()
    yield port, out, child
    child.terminate()
    child.wait(timeout=30)


def _request(port: int, raw: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(raw)
        chunks = []
        while True:
            data = conn.recv(65536)
            if not data:
                return b"".join(chunks)
            chunks.append(data)


def _get(port: int, target: str) -> tuple[int, bytes]:
    reply = _request(port, f"GET {target} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
    status = int(reply.split(b" ", 2)[1])
    return status, reply.split(b"\r\n\r\n", 1)[-1]


def _stderr_so_far(child) -> str:
    """What the server printed so far (it is still running)."""
    import os
    fd = child.stderr.fileno()
    os.set_blocking(fd, False)
    chunks = []
    try:
        while True:
            data = os.read(fd, 65536)
            if not data:
                break
            chunks.append(data)
    except BlockingIOError:
        pass
    finally:
        os.set_blocking(fd, True)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("target", [
    "/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
    "/..%2fsecret.txt", "/static/..%2f..%2fsecret.txt", "/static/%2e%2e/%2e%2e/secret.txt",
    "/..\\secret.txt", "//../secret.txt", "/static/../../secret.txt",
])
def test_path_traversal_never_leaves_the_site(server, target):
    port, _out, _child = server
    status, body = _get(port, target)
    assert SECRET.encode() not in body
    assert status in (200, 301, 400, 403, 404)


def test_a_100_kb_url_is_answered(server):
    port, _out, child = server
    status, _body = _get(port, "/" + "a" * 100_000)
    assert status in (400, 404, 414)
    assert _get(port, "/index.html")[0] == 200  # still serving
    assert "Traceback" not in _stderr_so_far(child)


def test_200_connections_at_once(server):
    port, out, child = server
    expected = (out / "index.html").read_bytes()
    results: list[bytes] = []

    def fetch():
        try:
            results.append(_request(port, b"GET /index.html HTTP/1.0\r\n\r\n", timeout=30))
        except OSError as exc:
            results.append(repr(exc).encode())
    threads = [threading.Thread(target=fetch) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 200
    failed = [r[:100] for r in results if not (r.startswith(b"HTTP/1.0 200")
                                               and r.endswith(expected))]
    assert failed == [], f"{len(failed)} of 200 failed"
    assert "Traceback" not in _stderr_so_far(child)


def test_clients_that_hang_up_leave_no_traceback(server):
    port, _out, child = server
    for _ in range(5):
        conn = socket.create_connection(("127.0.0.1", port))
        conn.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
        conn.recv(1024)
        # hang up hard (RST) while the server is still sending
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
    time.sleep(1.0)
    assert _get(port, "/index.html")[0] == 200
    err = _stderr_so_far(child)
    assert "Traceback" not in err and "Exception occurred" not in err, err
