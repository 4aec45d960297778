"""The benchmark: scogen against Hugo and Pelican on the same generated content.

    python bench/run.py                  # N = 1,000 and 5,000 (about 10 minutes)
    python bench/run.py --n 2000         # any sizes
    python bench/run.py --quick          # N = 200, a smoke run of every step

For each N, in one run on the same generated content (bench/generate.py, seed 1):
scogen clean build (pages, no search index), no-op rebuild, rebuild after adding
one transcript, scogen's search step (a build with search on top of the pages),
Pagefind's CLI over the built site on its own, then Hugo (Debian package) and
Pelican (PyPI) building the same interviews as Markdown (tags = topics, authors =
speakers) with the minimal themes in bench/peers/. Every command runs as a child
process; see measure() for what is timed and how memory is taken. Prints a
table, the ratios and PASS/MISS against the targets, and writes
bench/out/results.json and results.txt (bench/out/ is git-ignored).

A tool that is missing or fails gets a row marked "not available" or "failed"
with the reason, and the targets that need it read n/a; the run goes on.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

PEERS = HERE / "peers"

# The command lines, in one place. {content}, {out}, {src}, {markdown} are filled in.
SCOGEN_BUILD = [sys.executable, "-m", "scogen", "build", "--content", "{content}",
                "--templates", str(ROOT / "templates"), "--out", "{out}", "--quiet",
                "--no-search"]
SCOGEN_BUILD_WITH_SEARCH = [a for a in SCOGEN_BUILD if a != "--no-search"]
PAGEFIND = [sys.executable, "-m", "pagefind", "--site", "{site}", "--output-path", "{out}"]
HUGO = ["hugo", "--quiet", "-s", "{src}", "-d", "{out}"]
PELICAN = ["pelican", "{markdown}", "-o", "{out}", "-s",
           str(PEERS / "pelican" / "pelicanconf.py"), "-q"]


@dataclass
class Row:
    name: str
    status: str = "ok"          # ok | not available: why | failed: why
    wall_s: float | None = None
    cpu_s: float | None = None  # user + system, the child and everything it waited for
    peak_mb: float | None = None
    pages: int | None = None    # HTML files in the output

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def fill(cmd: list[str], **paths: Path) -> list[str]:
    return [a.format(**{k: str(v) for k, v in paths.items()}) for a in cmd]


def _tree(pid: int) -> list[int]:
    """pid and its descendants, from /proc/<pid>/task/*/children."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _memory_kb(pid: int) -> int:
    """Proportional set size (shared copy-on-write pages of forked workers counted
    once across the tree); resident set size where smaps_rollup is unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


def measure(name: str, cmd: list[str], cwd: Path = ROOT) -> Row:
    """Run cmd as a child process. Wall time: perf_counter around spawn-to-reap.
    Peak memory: the larger of (a) ru_maxrss from wait4 -- the largest single
    process in the child's tree, exact -- and (b) the sum over the whole process
    tree (worker pools included), sampled every 20 ms."""
    if not shutil.which(cmd[0]):
        return Row(name, f"not available: {cmd[0]} is not installed")
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], sum(_memory_kb(p) for p in _tree(proc.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            why = lines[-1] if lines else ""
            return Row(name, f"failed (exit {proc.returncode}): {why[:200]}")
    return Row(name, wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,
               peak_mb=max(usage.ru_maxrss, peak[0]) / 1024)


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def scogen_missing() -> str | None:
    """Why the scogen build command cannot run here, or None."""
    probe = subprocess.run(fill(SCOGEN_BUILD, content=".", out=".")[:4] + ["--help"],
                           cwd=ROOT, capture_output=True, text=True)
    if probe.returncode != 0:
        return "not available: " + (probe.stderr.strip().splitlines() or ["?"])[-1][:200]
    flags = [a for a in SCOGEN_BUILD[4:] if a.startswith("--")]
    missing = [f for f in flags if f not in probe.stdout]
    if missing:
        return f"not available: scogen build has no {', '.join(missing)} (edit SCOGEN_BUILD)"
    return None


def scogen_rows(n: int, base: Path) -> list[Row]:
    content, site = base / "content", base / "site"
    names = ["scogen clean build", "scogen no-op rebuild", "scogen add-one rebuild",
             "scogen search step", "pagefind CLI on the site"]
    why = scogen_missing()
    if why:
        return [Row(name, why) for name in names[:4]] + [Row(names[4], why)]
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(base / ".scogen-cache", ignore_errors=True)
    build = fill(SCOGEN_BUILD, content=content, out=site)
    rows = [measure(names[0], build)]
    rows[0].pages = html_pages(site)
    interviews = sum(1 for p in (site / "interviews").glob("*/index.html")
                     if not re.fullmatch(r"page-\d+", p.parent.name))  # not the pagers
    if rows[0].ok and interviews != n:
        rows[0].status = f"failed: {interviews} interview pages for {n} transcripts"
    rows.append(measure(names[1], build))
    generate(1, content, seed=1, start=n)  # one new transcript, as `scogen add` would
    rows.append(measure(names[2], build))
    rows.append(measure(names[3], fill(SCOGEN_BUILD_WITH_SEARCH, content=content, out=site)))
    index = base / "pagefind-cli"
    rows.append(measure(names[4], fill(PAGEFIND, site=site, out=index)))
    return rows


def hugo_row(base: Path) -> Row:
    src, out = base / "hugo-src", base / "hugo-public"
    shutil.copytree(PEERS / "hugo", src)
    posts = src / "content" / "posts"
    posts.mkdir(parents=True)
    for md in (base / "markdown").glob("*.md"):
        os.link(md, posts / md.name)
    row = measure("hugo build", fill(HUGO, src=src, out=out))
    row.pages = html_pages(out) if row.ok else None
    if shutil.which("hugo") is None:
        row.status += " (apt-get install -y hugo)"
    return row


def pelican_row(base: Path) -> Row:
    out = base / "pelican-output"
    row = measure("pelican build", fill(PELICAN, markdown=base / "markdown", out=out))
    row.pages = html_pages(out) if row.ok else None
    if shutil.which("pelican") is None:
        row.status += " (pip install pelican markdown)"
    return row


def targets(rows: dict[str, Row]) -> list[dict]:
    def wall(name: str) -> float | None:
        return rows[name].wall_s if name in rows and rows[name].ok else None

    clean, hugo, pelican = wall("scogen clean build"), wall("hugo build"), wall("pelican build")
    builds = [rows[k] for k in ("scogen clean build", "scogen no-op rebuild",
                                "scogen add-one rebuild")]
    peak = max((r.peak_mb for r in builds if r.ok), default=None)
    checks = [
        ("scogen clean build <= 1.5x Hugo", clean / hugo if clean and hugo else None,
         lambda v: v <= 1.5, "{:.2f}x"),
        ("scogen >= 5x faster than Pelican", pelican / clean if clean and pelican else None,
         lambda v: v >= 5, "{:.2f}x"),
        ("add-one rebuild < 1 s", wall("scogen add-one rebuild"), lambda v: v < 1, "{:.2f} s"),
        ("no-op rebuild < 0.5 s", wall("scogen no-op rebuild"), lambda v: v < 0.5, "{:.2f} s"),
        ("peak memory of the builds < 1 GB", peak if all(r.ok for r in builds) else None,
         lambda v: v < 1024, "{:.0f} MB"),
    ]
    return [{"target": label, "value": value,
             "shown": fmt.format(value) if value is not None else "-",
             "result": "n/a" if value is None else "PASS" if test(value) else "MISS"}
            for label, value, test, fmt in checks]


def run_n(n: int) -> dict:
    base = OUT / f"n{n}"
    shutil.rmtree(base, ignore_errors=True)
    started = time.perf_counter()
    paths = generate(n, base / "content", seed=1, markdown_dir=base / "markdown")
    generated = time.perf_counter() - started
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"N={n:,}: generated {mb:.1f} MB in {generated:.1f}s", flush=True)
    rows = scogen_rows(n, base) + [hugo_row(base), pelican_row(base)]
    for row in rows:
        print(f"  {row.name}: " + (f"{row.wall_s:.2f}s" if row.ok else row.status), flush=True)
    by_name = {r.name: r for r in rows}
    ratios = {"scogen/hugo": None, "pelican/scogen": None}
    clean, hugo, pelican = (by_name[k] for k in ("scogen clean build", "hugo build",
                                                 "pelican build"))
    if clean.ok and hugo.ok:
        ratios["scogen/hugo"] = clean.wall_s / hugo.wall_s
    if clean.ok and pelican.ok:
        ratios["pelican/scogen"] = pelican.wall_s / clean.wall_s
    return {"n": n, "content_mb": mb, "generate_s": generated,
            "rows": [asdict(r) for r in rows], "ratios": ratios, "targets": targets(by_name)}


def report(results: list[dict], machine: dict) -> str:
    lines = [f"{machine['cpus']} CPUs, Python {machine['python']}, "
             f"{machine['hugo']}, Pelican {machine['pelican']}"]
    for res in results:
        lines.append(f"\nN = {res['n']:,} interviews ({res['content_mb']:.1f} MB of raw text)")
        lines.append(f"  {'what':28} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'pages':>7}")
        for r in res["rows"]:
            if r["status"] != "ok":
                lines.append(f"  {r['name']:28} {r['status']}")
                continue
            pages = f"{r['pages']:,}" if r["pages"] is not None else ""
            lines.append(f"  {r['name']:28} {r['wall_s']:8.2f} {r['cpu_s']:8.2f} "
                         f"{r['peak_mb']:8.0f} {pages:>7}")
        for key, value in res["ratios"].items():
            lines.append(f"  {key:28} " + (f"{value:.2f}x" if value is not None else "n/a"))
        for t in res["targets"]:
            lines.append(f"  {t['result']:4}  {t['target']:34} {t['shown']}")
    return "\n".join(lines)


def machine() -> dict:
    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.split("\n")[0]
        except OSError:
            return "not installed"

    try:
        from importlib.metadata import version as dist_version
        pelican = dist_version("pelican")
    except Exception:  # noqa: BLE001 - any failure means "not installed"
        pelican = "not installed"
    hugo = " ".join(version(["hugo", "version"]).split(" ")[:2]) if shutil.which("hugo") \
        else "hugo not installed"
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "hugo": hugo, "pelican": pelican}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", help="sizes (default 1000 5000)")
    ap.add_argument("--quick", action="store_true", help="N = 200 only: a smoke run")
    args = ap.parse_args()
    sizes = args.n or ([200] if args.quick else [1000, 5000])
    OUT.mkdir(exist_ok=True)
    info = machine()
    results = [run_n(n) for n in sizes]
    text = report(results, info)
    print(text)
    (OUT / "results.json").write_text(json.dumps({"machine": info, "results": results},
                                                 indent=1) + "\n")
    (OUT / "results.txt").write_text(text + "\n")
    print(f"\nwritten: {OUT / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
