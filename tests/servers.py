"""Test helpers: serve a built site under a sub-path with nginx or http.server."""
from __future__ import annotations

import contextlib
import os
import functools
import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextlib.contextmanager
def nginx(site: Path, workdir: Path, prefix: str = "/archive/", not_found: bool = False):
    """nginx on 127.0.0.1:<free port> serving ``site`` at ``prefix``; yields the base URL.
    ``not_found``: a missing address gets the site's 404.html, as static hosts do."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    for sub in ("logs", "tmp"):
        (workdir / sub).mkdir(exist_ok=True)
    conf = workdir / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read the tmp site
    conf.write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  types {{ application/wasm wasm; }}
  access_log off;
  client_body_temp_path {workdir}/tmp; proxy_temp_path {workdir}/tmp;
  fastcgi_temp_path {workdir}/tmp; uwsgi_temp_path {workdir}/tmp; scgi_temp_path {workdir}/tmp;
  server {{
    listen 127.0.0.1:{port};
    location {prefix} {{ alias {site.resolve()}/; index index.html; }}
    location = / {{ return 404; }}
    {f"error_page 404 {prefix}404.html;" if not_found else ""}
  }}
}}
""")
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(workdir)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{prefix}"
    try:
        _wait(base + "index.html")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def python_http(site: Path, prefix: str = "/archive/"):
    """http.server serving ``site`` at ``prefix`` (anything else is 404)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(site / "__outside_prefix__")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args):
            pass

    Handler.extensions_map = {**Handler.extensions_map, ".wasm": "application/wasm",
                              ".js": "text/javascript", ".mjs": "text/javascript"}
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        _wait(base + "index.html")
        yield base
    finally:
        server.shutdown()
        server.server_close()
