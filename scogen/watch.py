"""``scogen serve --watch``: rebuild on changes and reload open pages.

The preview server injects a tiny script into the HTML it serves (never
into the files on disk); the script polls ``/__scogen__/build`` and reloads
the page when the build number changes. Change detection uses
``watchfiles`` (Rust notify), so no polling of the tree by hand.
"""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Callable

BUILD_PATH = "/__scogen__/build"
RELOAD_SCRIPT = (
    "<script>(()=>{let b=null;setInterval(async()=>{try{const r=await fetch('"
    + BUILD_PATH + "',{cache:'no-store'});const n=await r.text();"
    "if(b!==null&&n!==b)location.reload();b=n}catch(e){}},700)})();</script>")


class BuildCounter:
    def __init__(self) -> None:
        self.number = 0
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.number += 1


def make_handler(root: Path, counter: BuildCounter):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            if self.path.split("?")[0] == BUILD_PATH:
                body = str(counter.number).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                html = path.read_bytes()
                marker = b"</body>"
                html = html.replace(marker, RELOAD_SCRIPT.encode() + marker, 1) \
                    if marker in html else html + RELOAD_SCRIPT.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(html)))
                self.end_headers()
                self.wfile.write(html)
                return
            super().do_GET()

        def log_message(self, fmt, *args):  # quiet preview server
            pass

    return functools.partial(Handler, directory=str(root))


def serve_and_watch(out: Path, watch: list[Path], rebuild: Callable[[], None],
                    port: int = 8000, host: str = "127.0.0.1",
                    stop: threading.Event | None = None,
                    say: Callable[[str], None] = lambda _message: None) -> None:
    """Serve ``out``; on any change under ``watch``, call ``rebuild``. This module
    prints nothing: ``say`` is told where the site is served, and ``rebuild``
    reports its own errors (a failed rebuild keeps the last good site served)."""
    from watchfiles import watch as watch_changes

    counter = BuildCounter()
    server = http.server.ThreadingHTTPServer((host, port), make_handler(out, counter))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    say(f"serving {out} at http://{host}:{server.server_address[1]}/ (watching "
        f"{', '.join(map(str, watch))}; Ctrl-C to stop)")
    stop = stop or threading.Event()
    try:
        for _changes in watch_changes(*watch, stop_event=stop, debounce=300):
            try:
                rebuild()
            except Exception:  # reported by rebuild itself; keep serving the last good site
                continue
            counter.bump()
    finally:
        server.shutdown()
        server.server_close()
