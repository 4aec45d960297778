"""The search page's cost on a generated archive: requests, bytes, time to first result.

    python bench/search_speed.py SITE [--runs 5] [--query Q ...]

Serves SITE (a built site, e.g. of ``python bench/generate.py 300 DIR`` then
``scogen build --content DIR --out SITE``) with nginx under /archive/ and opens
``search.html?q=Q`` in headless Chromium, each run in a fresh browser context (a
cold cache). Reports, medians over ``--runs``: every request the page makes (the
page itself included) and the bytes of their bodies, and the time from the start of
navigation to the first result on screen, and to the status naming the count.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

# the time (since navigation start) the first result is added to the list
WATCH = """
new MutationObserver((_, obs) => {
  if (document.querySelector('.search-result') && !window.__first) {
    window.__first = performance.now(); }
  const s = document.getElementById('search-status');
  if (s && /\\d/.test(s.textContent) && document.querySelector('.search-result')
      && !window.__done) { window.__done = performance.now(); }
}).observe(document, { childList: true, subtree: true, characterData: true });
"""
QUERIES = ["cooperation", "security", '"energy club"']


def measure(site: Path, work: Path, runs: int, queries: list[str]) -> list[dict]:
    from browser import chromium
    from servers import nginx
    from urllib.parse import quote
    rows = []
    with nginx(site, work / "nginx") as base, chromium() as browser:
        for query in queries:
            counts, sizes, firsts, dones = [], [], [], []
            for _ in range(runs):
                context = browser.new_context()
                context.add_init_script(WATCH)
                page = context.new_page()
                done = []
                page.on("requestfinished", lambda r: done.append(r))
                page.goto(f"{base}search.html?q={quote(query)}")
                page.wait_for_function("() => window.__done", timeout=60000)
                page.wait_for_load_state("networkidle")
                firsts.append(page.evaluate("() => window.__first"))
                dones.append(page.evaluate("() => window.__done"))
                counts.append(len(done))
                sizes.append(sum(r.sizes()["responseBodySize"] for r in done))
                context.close()
            row = {"query": query, "requests": statistics.median(counts),
                   "kb": round(statistics.median(sizes) / 1024),
                   "first_ms": round(statistics.median(firsts)),
                   "count_ms": round(statistics.median(dones))}
            rows.append(row)
            print(f"{query:16} requests={row['requests']:5} {row['kb']:5} KB "
                  f"first result {row['first_ms']:5} ms  status {row['count_ms']:5} ms",
                  flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--query", action="append")
    ap.add_argument("--work", type=Path, default=Path("/tmp/scogen-search-speed"))
    args = ap.parse_args()
    measure(args.site, args.work, args.runs, args.query or QUERIES)


if __name__ == "__main__":
    main()
