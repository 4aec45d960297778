"""``scogen serve``: preview a built site over HTTP on this machine.

A plain ``http.server`` over the output folder, nothing injected into the
pages (``watch.py`` adds live reload on top). A path with no file behind it
gets the site's own ``404.html`` with status 404, as a static host would.
The folder is looked up by name on every request, so a rebuild that swaps
the folder while serving is picked up at once.
"""
from __future__ import annotations

import functools
import http.server
from pathlib import Path
from typing import Callable

from .errors import ScogenError

NOT_FOUND_PAGE = "404.html"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):  # noqa: D102 - http.server API
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != 404 or self.command not in ("GET", "HEAD") or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a preview shows the latest build
        super().end_headers()

    def log_message(self, fmt, *args):  # keep the terminal for build output
        pass


class _Server(http.server.ThreadingHTTPServer):
    """The preview server: a backlog for a page's burst of requests (the stdlib's 5
    drops connections when a browser and a test open many at once), and a client that
    hangs up mid-answer is no error worth a traceback."""

    request_queue_size = 256
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(out_dir: Path, port: int = 8000,
                host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server for ``out_dir`` bound to ``host:port`` (port 0 picks a free one)."""
    out_dir = Path(out_dir)
    if not (out_dir / "index.html").is_file():
        raise ScogenError("no built site here; run `scogen build` first", str(out_dir),
                          code="serve.no_site")
    handler = functools.partial(_Handler, directory=str(out_dir.absolute()))
    try:
        return _Server((host, port), handler)
    except OSError as exc:
        raise ScogenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                          str(out_dir), code="serve.listen") from None


def serve(out_dir: Path, port: int = 8000, host: str = "127.0.0.1", *,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``out_dir`` until interrupted (Ctrl-C), then return.

    ``on_ready`` receives the address once the server listens; by default a
    one-line notice goes to stdout.
    """
    server = make_server(out_dir, port, host)
    address = f"http://{host}:{server.server_address[1]}/"
    (on_ready or _announce(out_dir))(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _announce(out_dir: Path) -> Callable[[str], None]:
    return lambda address: print(f"serving {out_dir} at {address} (Ctrl-C to stop)")
