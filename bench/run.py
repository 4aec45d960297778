"""The benchmark: scogen against Hugo and Pelican on the same generated content.

    python bench/run.py                 # N = 1,000 and 5,000 (takes a few minutes)
    python bench/run.py --n 200 --quick # a smoke run

For each N, in one run on the same generated content: scogen clean build
(pages, no search index), no-op rebuild, rebuild after adding one transcript,
search indexing on its own; Hugo (Debian package) and Pelican (PyPI) building
the same interviews as Markdown with tags = topics and authors = speakers.
Each command runs as a child process; wall time with time.perf_counter and
peak memory as the child's maximum resident set (getrusage). Prints a table,
the ratios and PASS/MISS against the targets, and writes bench/out/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

OUT = HERE / "out"


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of one command, run through a fresh measuring process."""
    probe = ("import resource,subprocess,sys,time;t=time.perf_counter();"
             "r=subprocess.run(sys.argv[1:]);d=time.perf_counter()-t;"
             "m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
             "print(f'{d} {m}', file=sys.stderr);sys.exit(r.returncode)")
    proc = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    seconds, kb = proc.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024


def scogen_cmd(content: Path, out: Path, search: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "scogen", "build", "--content", str(content), "--templates",
           str(ROOT / "templates"), "--out", str(out), "-q"]
    return cmd if search else cmd + ["--no-search"]


def run_n(n: int, quick: bool) -> dict:
    base = OUT / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    t = time.perf_counter()
    generate(n, base, seed=1, with_markdown=True)
    print(f"N={n}: generated in {time.perf_counter() - t:.1f}s", flush=True)
    content, site = base / "content", base / "site"
    rows = {}
    rows["scogen clean build"] = measure(scogen_cmd(content, site))
    rows["scogen no-op rebuild"] = measure(scogen_cmd(content, site))
    generate(1, base, seed=2, start=n)  # one new transcript
    rows["scogen add-one rebuild"] = measure(scogen_cmd(content, site))
    rows["scogen search indexing"] = measure(scogen_cmd(content, site, search=True))
    rows["hugo build"] = hugo(base)
    if not quick or n <= 1000:
        rows["pelican build"] = pelican(base)
    pages = sum(1 for _ in site.rglob("*.html"))
    biggest = max(p.stat().st_size for p in site.rglob("*.html"))
    return {"n": n, "rows": rows, "pages": pages, "largest_page_kb": biggest / 1024}


def hugo(base: Path) -> tuple[float, float]:
    if not shutil.which("hugo"):
        raise SystemExit("hugo is not installed: apt-get install -y hugo")
    site = base / "hugo"
    shutil.copytree(HERE / "peers" / "hugo", site)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for md in (base / "markdown").glob("*.md"):
        os.link(md, posts / md.name)
    return measure(["hugo", "--quiet", "-s", str(site), "-d", str(base / "hugo-public")])


def pelican(base: Path) -> tuple[float, float]:
    exe = shutil.which("pelican")
    if not exe:
        raise SystemExit("pelican is not installed: pip install pelican")
    return measure([exe, str(base / "markdown"), "-o", str(base / "pelican-out"), "-s",
                    str(HERE / "peers" / "pelicanconf.py"), "-q"])


TARGETS = [
    ("clean build <= 1.5x Hugo", lambda r: r["scogen clean build"][0] <= 1.5 * r["hugo build"][0]),
    (">= 5x faster than Pelican", lambda r: "pelican build" not in r
     or r["pelican build"][0] >= 5 * r["scogen clean build"][0]),
    ("add-one rebuild < 1 s", lambda r: r["scogen add-one rebuild"][0] < 1.0),
    ("no-op rebuild < 0.5 s", lambda r: r["scogen no-op rebuild"][0] < 0.5),
    ("peak memory < 1 GB", lambda r: max(m for _, m in r.values()) < 1024),
]


def report(results: list[dict]) -> str:
    lines = []
    for res in results:
        r = res["rows"]
        lines.append(f"\nN = {res['n']:,} interviews  ({res['pages']:,} HTML pages, largest "
                     f"{res['largest_page_kb']:.0f} KB)")
        lines.append(f"  {'what':28} {'wall s':>8} {'peak MB':>8}")
        for name, (sec, mb) in r.items():
            lines.append(f"  {name:28} {sec:8.2f} {mb:8.0f}")
        clean = r["scogen clean build"][0]
        lines.append(f"  scogen / hugo   = {clean / r['hugo build'][0]:.2f}x")
        if "pelican build" in r:
            lines.append(f"  pelican / scogen = {r['pelican build'][0] / clean:.2f}x")
        for label, test in TARGETS:
            lines.append(f"  {'PASS' if test(r) else 'MISS'}  {label}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--quick", action="store_true", help="skip Pelican above N = 1,000")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    results = [run_n(n, args.quick) for n in args.n]
    text = report(results)
    print(text)
    (OUT / "results.json").write_text(json.dumps(results, indent=1))
    (OUT / "results.txt").write_text(text + "\n")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
    main()
