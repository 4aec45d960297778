"""Searching every language at once: merged indexes against one Pagefind per language.

    python bench/search_languages.py [--runs 9] [--out bench/out/search-languages]

Builds the i18n fixture site (tests/fixtures/i18n and the shipped English seeds) with
search, serves it with nginx under /archive/, and opens in headless Chromium, each
time in a fresh browser context (a cold cache), a page that searches one query by
one of three ways:

- ``single``: Pagefind as it comes, the page's language only (the baseline);
- ``merge``: the page's instance, with every other language of the same bundle merged
  into it (``mergeIndex(<same folder>/./, {language})``) — what search.js does;
- ``multi``: one Pagefind per language, each its own module (so its own worker and
  WebAssembly, its own stemmer), results merged by score.

For each it reports the requests and bytes under pagefind/, the time from the start
of the page's script to the first five results' texts, and a second ("warm") query.
Medians over ``--runs``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>
</head><body><script type="module">
const t0 = performance.now();
const params = new URLSearchParams(location.search);
const LANGS = {langs};
const page = document.documentElement.lang;
"""
TAIL = """
const top = async (results) => Promise.all(results.slice(0, 5).map((r) => r.data()));
const first = await top(await find(params.get("q")));
const tFirst = performance.now();
await top(await find(params.get("q2")));
window.__out = {{ first: tFirst - t0, warm: performance.now() - tFirst,
  urls: first.map((d) => d.url) }};
</script></body></html>
"""
WAYS = {
    "single": """
const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
await pf.options({ excerptLength: 40 });
const find = async (q) => (await pf.search(q)).results;
""",
    "merge": """
const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
await pf.options({ excerptLength: 40 });
const folder = new URL("pagefind/", location.href).pathname + "./";
await Promise.all(LANGS.filter((l) => l !== page).map((language) =>
  pf.mergeIndex(folder, { language })));
const find = async (q) => (await pf.search(q)).results;
""",
    "multi": """
const load = async (lang) => {
  const pf = await import(new URL("pagefind/pagefind.js" + (lang === page ? "" : "?" + lang),
    location.href).href);
  await pf.options({ excerptLength: 40 });
  // Pagefind reads <html lang> when the instance is made
  document.documentElement.lang = lang; const ready = pf.init();
  document.documentElement.lang = page;
  await ready;
  return pf;
};
const pfs = await Promise.all(LANGS.map(load));
const find = async (q) => (await Promise.all(pfs.map((pf) => pf.search(q))))
  .flatMap((s) => s.results).sort((a, b) => b.score - a.score);
""",
}
QUERIES = ["терроризма", "铁路", "security"]


def build_site(folder: Path) -> Path:
    from scogen.archive import load_archive
    from scogen.build import build
    from test_search_languages import make_content
    if folder.exists():
        shutil.rmtree(folder)
    site = folder / "site"
    build(load_archive(make_content(folder / "content")), ROOT / "templates", site,
          quiet=True, search=True)
    langs = sorted(json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
                   ["languages"])
    for name, body in WAYS.items():
        (site / f"bench-{name}.html").write_text(
            HEAD.format(name=name, langs=json.dumps(langs)) + body + TAIL.format(), "utf-8")
    return site


def measure(site: Path, work: Path, runs: int) -> list[dict]:
    from browser import chromium
    from servers import nginx
    rows = []
    with nginx(site, work / "nginx") as base, chromium() as browser:
        for name in WAYS:
            for query in QUERIES:
                firsts, warms, counts, sizes, found = [], [], [], [], None
                for _ in range(runs):
                    context = browser.new_context()
                    page = context.new_page()
                    done = []
                    page.on("requestfinished", lambda r: done.append(r))
                    page.goto(f"{base}bench-{name}.html?q={query}&q2=cooperation")
                    page.wait_for_function("() => window.__out", timeout=30000)
                    out = page.evaluate("() => window.__out")
                    ours = [r for r in done if "/pagefind/" in r.url]
                    counts.append(len(ours))
                    sizes.append(sum(r.sizes()["responseBodySize"] for r in ours))
                    firsts.append(out["first"])
                    warms.append(out["warm"])
                    found = out["urls"]
                    context.close()
                rows.append({"way": name, "query": query, "results": len(found),
                             "requests": statistics.median(counts),
                             "bytes": statistics.median(sizes),
                             "first_ms": round(statistics.median(firsts)),
                             "warm_ms": round(statistics.median(warms), 1)})
                print(f"{name:7} {query:12} results={len(found)} requests={rows[-1]['requests']:4}"
                      f" bytes={rows[-1]['bytes']:8,.0f} first={rows[-1]['first_ms']:4} ms"
                      f" warm={rows[-1]['warm_ms']:5} ms", flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "search-languages")
    args = ap.parse_args()
    site = build_site(args.out)
    rows = measure(site, args.out, args.runs)
    (args.out / "results.json").write_text(json.dumps(rows, indent=1), "utf-8")


if __name__ == "__main__":
    main()
