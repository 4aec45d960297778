"""The benchmark: what a maintainer does with scogen, against Hugo (+ Pagefind).

    python bench/run.py                  # N = 1,000 and 5,000 in one run
    python bench/run.py --n 20000        # any sizes (issue 14: 20,000 must build < 2 GB)
    python bench/run.py --quick          # N = 200, a smoke run of every step
    python bench/run.py --pelican        # Pelican too (pip install pelican markdown)

For each N, on the same generated interviews (bench/generate.py, seed 1: realistic
vocabulary, English/Russian/Chinese, the layouts the loader reads; Markdown with
the same turns for the peers), every command a child process:

  scogen build --no-search, clean        vs  hugo, clean
  scogen build (with search), clean      vs  hugo, clean + python -m pagefind on its output
  scogen no-op (with search)             vs  hugo again, nothing changed
  scogen after adding one (with search)  vs  hugo after adding one (+ pagefind again)

Wall time (spawn to reap), CPU time (user + system of the child and everything
it waited for) and peak memory of the whole process tree: the sum of the
resident set sizes of the child and all its descendants (scogen's worker pools,
its Pagefind service; Hugo; the Pagefind CLI), sampled every 20 ms from /proc
(psutil when installed), with the proportional set size beside (forked workers'
shared pages counted once). The load average at the start of each command is
recorded: timings on a shared machine are noisy. Then a table of the issue's
targets, PASS/MISS, and bench/out/results.{json,txt,md}. With loader_throughput's
result in bench/out/loader.json (run it, or pass --loader), its row is added.

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
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
from generate import distinct_stats  # noqa: E402  (the generator itself runs as a child)

PEERS = HERE / "peers"

# The command lines, in one place. {content}, {out}, {src}, {site} are filled in.
SCOGEN_BUILD = [sys.executable, "-m", "scogen", "build", "--content", "{content}",
                "--templates", str(ROOT / "templates"), "--out", "{out}", "--quiet"]
SCOGEN_NO_SEARCH = SCOGEN_BUILD + ["--no-search"]
PAGEFIND = [sys.executable, "-m", "pagefind", "--site", "{site}"]
HUGO = ["hugo", "--quiet", "-s", "{src}", "-d", "{out}"]
PELICAN = ["pelican", "{markdown}", "-o", "{out}", "-s",
           str(PEERS / "pelican" / "pelicanconf.py"), "-q"]
SAMPLE_S = 0.02  # memory sampling interval
MEMORY_CAP_MB = 10 * 1024  # a command whose process tree grows past this is stopped
# (the machine has 24 GB and is shared: a 20,000 build with search would take ~19 GB)
TREE_EVERY = 10  # samples: the process tree is walked again every 200 ms (workers live
PSS_EVERY = 50  # for seconds), PSS (smaps_rollup, costly for a big process) every 1 s.
# Sampling every process of the tree each 20 ms cost the harness ~24 % of a core at
# N = 20,000 (Pagefind's many threads), on a machine with 2.


@dataclass
class Row:
    name: str
    status: str = "ok"          # ok | not available: why | failed: why
    wall_s: float | None = None
    cpu_s: float | None = None  # user + system, the child and everything it waited for
    rss_mb: float | None = None  # peak of the process tree's summed RSS
    pss_mb: float | None = None  # peak of the process tree's summed PSS
    max_process_mb: float | None = None  # ru_maxrss: the largest single process
    pages: int | None = None    # HTML files in the output
    load: float | None = None   # 1-minute load average when it started
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def fill(cmd: list[str], **paths: Path) -> list[str]:
    return [a.format(**{k: str(v) for k, v in paths.items()}) for a in cmd]


# --- the process tree's memory ---------------------------------------------------

try:
    import psutil  # optional
except ImportError:
    psutil = None


def _tree(pid: int) -> list[int]:
    """pid and its descendants."""
    if psutil is not None:
        try:
            p = psutil.Process(pid)
            return [pid] + [c.pid for c in p.children(recursive=True)]
        except psutil.Error:
            return [pid]
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


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return _rss_kb(pid)


def measure(name: str, cmd: list[str], cwd: Path = ROOT) -> Row:
    """Run cmd as a child process; time it and sample its process tree's memory
    (and stop the whole tree if it grows past MEMORY_CAP_MB)."""
    if not shutil.which(cmd[0]):
        return Row(name, f"not available: {cmd[0]} is not installed")
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True)
        peak = {"rss": 0, "pss": 0, "capped": None}
        done = threading.Event()

        def sample() -> None:
            k, pids = 0, []
            while not done.wait(SAMPLE_S):
                if k % TREE_EVERY == 0:
                    pids = _tree(proc.pid)
                peak["rss"] = max(peak["rss"], sum(_rss_kb(p) for p in pids))
                if peak["rss"] > MEMORY_CAP_MB * 1024 and peak["capped"] is None:
                    peak["capped"] = time.perf_counter() - started
                    for p in pids:  # the tree, and its session (pids are our children)
                        try:
                            os.kill(p, 9)
                        except OSError:
                            pass
                    try:
                        os.killpg(proc.pid, 9)
                    except OSError:
                        pass
                if k % PSS_EVERY == 0:
                    peak["pss"] = max(peak["pss"], sum(_pss_kb(p) for p in pids))
                k += 1

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if peak["capped"] is not None:
            return Row(name, f"stopped: its process tree passed {MEMORY_CAP_MB} MB after "
                             f"{peak['capped']:.0f} s", load=load, rss_mb=peak["rss"] / 1024)
        if proc.returncode != 0:
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            why = lines[-1] if lines else ""
            return Row(name, f"failed (exit {proc.returncode}): {why[:300]}", load=load)
    return Row(name, wall_s=wall, cpu_s=usage.ru_utime + usage.ru_stime,
               rss_mb=max(usage.ru_maxrss, peak["rss"]) / 1024,
               pss_mb=max(peak["pss"], 1) / 1024, max_process_mb=usage.ru_maxrss / 1024,
               load=load)


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def scogen_missing() -> str | None:
    """Why the scogen build command cannot run here, or None."""
    probe = subprocess.run(fill(SCOGEN_NO_SEARCH, content=".", out=".")[:4] + ["--help"],
                           cwd=ROOT, capture_output=True, text=True)
    if probe.returncode != 0:
        return "not available: " + (probe.stderr.strip().splitlines() or ["?"])[-1][:200]
    flags = [a for a in SCOGEN_NO_SEARCH[4:] if a.startswith("--")]
    missing = [f for f in flags if f not in probe.stdout]
    if missing:
        return f"not available: scogen build has no {', '.join(missing)} (edit SCOGEN_BUILD)"
    return None


# --- the steps ---------------------------------------------------------------------

def write(n: int, content: Path, markdown: Path, start: int = 0) -> list[Path]:
    """bench/generate.py in a child process; the transcripts it wrote."""
    before = set((content / "transcripts").iterdir()) if (content / "transcripts").is_dir() \
        else set()
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(content),
                    "--seed", "1", "--markdown", str(markdown), "--start", str(start)],
                   check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return sorted(set((content / "transcripts").iterdir()) - before)


def clean_scogen(base: Path) -> None:
    """Everything a build left beside content/: the site, the record cache, staging
    and spare folders -- a clean build starts from none of it."""
    for p in base.iterdir():
        if p.name not in ("content",):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink()


def check_scogen(row: Row, site: Path, n: int, search: bool) -> None:
    if not row.ok:
        return
    row.pages = html_pages(site)
    interviews = sum(1 for p in (site / "interviews").glob("*/index.html")
                     if not re.fullmatch(r"page-\d+", p.parent.name))  # not the pagers
    if interviews != n:
        row.status = f"failed: {interviews} interview pages for {n} transcripts"
    if search and not any(site.rglob("pagefind*.js")):
        row.status = "failed: no Pagefind bundle in the site"


def run_n(n: int, pelican: bool) -> dict:
    base = OUT / f"n{n}"
    shutil.rmtree(base, ignore_errors=True)
    sc = base / "scogen"
    content, site = sc / "content", sc / "site"
    hugo_src, hugo_out = base / "hugo-src", base / "hugo-public"
    shutil.copytree(PEERS / "hugo", hugo_src)
    posts = hugo_src / "content" / "posts"
    started = time.perf_counter()
    # a child process: the harness stays small, and a measured child's ru_maxrss
    # (which counts the memory it was forked with) stays its own
    paths = write(n, content, posts)
    generated = time.perf_counter() - started
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"N={n:,}: generated {mb:.1f} MB in {generated:.1f}s "
          f"(load {os.getloadavg()[0]:.1f})", flush=True)
    rows: dict[str, Row] = {}

    def step(key: str, name: str, cmd: list[str]) -> Row:
        row = rows[key] = measure(name, cmd)
        print(f"  {name}: " + (f"{row.wall_s:.2f}s, {row.rss_mb:.0f} MB (load {row.load:.1f})"
                               if row.ok else row.status), flush=True)
        return row

    why = scogen_missing()
    # scogen: clean without search, clean with search, no-op
    if why is None:
        clean_scogen(sc)
        check_scogen(step("s_clean", "scogen build, no search (clean)",
                          fill(SCOGEN_NO_SEARCH, content=content, out=site)), site, n, False)
        clean_scogen(sc)
        build = fill(SCOGEN_BUILD, content=content, out=site)
        check_scogen(step("s_search", "scogen build with search (clean)", build), site, n, True)
        if rows["s_search"].ok:
            step("s_noop", "scogen no-op rebuild (with search)", build)
        else:
            rows["s_noop"] = Row("scogen no-op rebuild (with search)",
                                 "skipped: the build with search did not complete")
    # Hugo: clean, Pagefind on its output, no-op
    if shutil.which("hugo"):
        shutil.rmtree(hugo_out, ignore_errors=True)
        h = step("h_clean", "hugo build (clean)", fill(HUGO, src=hugo_src, out=hugo_out))
        h.pages = html_pages(hugo_out) if h.ok else None
        step("h_pagefind", "pagefind CLI on Hugo's output",
             fill(PAGEFIND, site=hugo_out))
        step("h_noop", "hugo again, nothing changed", fill(HUGO, src=hugo_src, out=hugo_out))
    else:
        for key, name in (("h_clean", "hugo build (clean)"),
                          ("h_pagefind", "pagefind CLI on Hugo's output"),
                          ("h_noop", "hugo again, nothing changed")):
            rows[key] = Row(name, "not available: hugo is not installed "
                                  "(apt-get install -y hugo)")
    # add one interview: transcript N+1 for scogen, its Markdown for Hugo
    write(1, content, posts, start=n)
    if why is None and rows["s_search"].ok:
        check_scogen(step("s_add", "scogen after adding one (with search)", build),
                     site, n + 1, True)
    elif why is None:
        rows["s_add"] = Row("scogen after adding one (with search)",
                            "skipped: the build with search did not complete")
    else:
        for key, name in (("s_clean", "scogen build, no search (clean)"),
                          ("s_search", "scogen build with search (clean)"),
                          ("s_noop", "scogen no-op rebuild (with search)"),
                          ("s_add", "scogen after adding one (with search)")):
            rows[key] = Row(name, why)
    if shutil.which("hugo"):
        step("h_add", "hugo after adding one", fill(HUGO, src=hugo_src, out=hugo_out))
        step("h_add_pagefind", "pagefind CLI after adding one", fill(PAGEFIND, site=hugo_out))
    if pelican:
        out = base / "pelican-output"
        row = step("pelican", "pelican build (clean)", fill(PELICAN, markdown=posts, out=out))
        row.pages = html_pages(out) if row.ok else None
    variety = distinct_stats(paths[:1000])
    return {"n": n, "content_mb": mb, "generate_s": generated, "variety": variety,
            "rows": {k: asdict(r) for k, r in rows.items()},
            "targets": targets(n, rows)}


# --- the targets of issue 14 --------------------------------------------------------

def targets(n: int, rows: dict[str, Row]) -> list[dict]:
    def ok(*keys: str) -> bool:
        return all(k in rows and rows[k].ok for k in keys)

    def wall(*keys: str) -> float | None:
        return sum(rows[k].wall_s for k in keys) if ok(*keys) else None

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    def cpu(*keys: str) -> float | None:
        return sum(rows[k].cpu_s for k in keys) if ok(*keys) else None

    def peak(*keys: str) -> float | None:
        return max(rows[k].rss_mb for k in keys) if ok(*keys) else None

    def peak_of(*keys: str) -> float | None:  # the peer: its largest step
        vals = [rows[k].rss_mb for k in keys if k in rows and rows[k].ok]
        return max(vals) if vals else None

    out = []

    def add(what, scogen, peer_name, peer, target, value, passed, fmt="{:.2f}x",
            cpu_ratio=None):
        out.append({"what": what, "scogen": scogen, "peer_name": peer_name, "peer": peer,
                    "ratio": ratio(scogen, peer) if peer_name != "-" else None,
                    "cpu_ratio": cpu_ratio,
                    "target": target, "value": value,
                    "shown": fmt.format(value) if value is not None else "-",
                    "result": "n/a" if value is None else "PASS" if passed(value) else "MISS"})

    s_clean, h_clean = wall("s_clean"), wall("h_clean")
    add("build without search", s_clean, "Hugo", h_clean, "<= 1.5x Hugo",
        ratio(s_clean, h_clean), lambda v: v <= 1.5,
        cpu_ratio=ratio(cpu("s_clean"), cpu("h_clean")))
    s_search, h_pf = wall("s_search"), wall("h_clean", "h_pagefind")
    add("build with search", s_search, "Hugo + Pagefind CLI", h_pf,
        "<= 1.5x Hugo + Pagefind", ratio(s_search, h_pf), lambda v: v <= 1.5,
        cpu_ratio=ratio(cpu("s_search"), cpu("h_clean", "h_pagefind")))
    s_add = wall("s_add")
    add("add one transcript, with search", s_add, "Hugo rebuild", wall("h_add"), "< 1 s",
        s_add, lambda v: v < 1, "{:.2f} s", cpu_ratio=ratio(cpu("s_add"), cpu("h_add")))
    out[-1]["peer2_name"], out[-1]["peer2"] = ("Hugo rebuild + Pagefind CLI",
                                               wall("h_add", "h_add_pagefind"))
    s_noop = wall("s_noop")
    add("no-op rebuild", s_noop, "Hugo, nothing changed", wall("h_noop"), "< 0.3 s",
        s_noop, lambda v: v < 0.3, "{:.2f} s", cpu_ratio=ratio(cpu("s_noop"), cpu("h_noop")))
    mem = peak("s_search", "s_noop", "s_add")
    if "s_search" in rows and rows["s_search"].status.startswith("stopped"):
        mem = rows["s_search"].rss_mb  # stopped at the cap: at least this much
    add("peak memory (process tree RSS), search included", mem, "Hugo / Pagefind CLI",
        peak_of("h_clean", "h_pagefind", "h_add", "h_add_pagefind"),
        "< 1 GB" if n < 20000 else "< 2 GB (N = 20,000)", mem,
        (lambda v: v < 1024) if n < 20000 else (lambda v: v < 2048), "{:.0f} MB")
    return out


def loader_row() -> dict | None:
    path = OUT / "loader.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return {"warm": data["warm_mb_s"], "cold": data["cold_mb_s"], "date": data["date"],
            "load": data["loadavg"][0], "result": data["result"]}


# --- the report ---------------------------------------------------------------------

def seconds(v: float | None, unit: str = "s") -> str:
    if v is None:
        return "-"
    return f"{v:.2f} {unit}" if v < 10 else f"{v:.1f} {unit}"


def report(results: list[dict], machine: dict, loader: dict | None) -> tuple[str, str]:
    """(plain text with every measurement, Markdown table of the targets)."""
    lines = [f"{machine['date']}: {machine['cpus']} CPUs, {machine['memory_gb']:.0f} GB, "
             f"Python {machine['python']}, {machine['hugo']}, {machine['pagefind']}; "
             f"load average at start {machine['load'][0]:.2f} "
             f"(others use this machine: timings are noisy)"]
    md = [f"Measured {machine['date']} on {machine['cpus']} cores "
          f"(`nproc`), load average {machine['load'][0]:.1f} at the start "
          f"(the machine is shared), Python {machine['python']}, {machine['hugo']}, "
          f"{machine['pagefind']}.", ""]
    for res in results:
        v = res["variety"]
        lines.append(f"\nN = {res['n']:,} interviews ({res['content_mb']:.1f} MB of raw text; "
                     f"{v['per_10k']:,.0f} distinct tokens per 10,000, {v['distinct']:,} "
                     f"distinct = {v['share']:.1%} of the first {v['transcripts']:,})")
        lines.append(f"  {'what':40} {'wall':>8} {'cpu':>8} {'RSS MB':>7} {'PSS MB':>7} "
                     f"{'pages':>7} {'load':>5}")
        for r in res["rows"].values():
            if r["status"] != "ok":
                lines.append(f"  {r['name']:40} {r['status']}")
                continue
            pages = f"{r['pages']:,}" if r["pages"] is not None else ""
            lines.append(f"  {r['name']:40} {seconds(r['wall_s']):>8} {seconds(r['cpu_s']):>8} "
                         f"{r['rss_mb']:7.0f} {r['pss_mb']:7.0f} {pages:>7} {r['load']:5.1f}")
        for t in res["targets"]:
            lines.append(f"  {t['result']:4}  {t['what']:50} {t['shown']:>9}  "
                         f"(target {t['target']})")
    md += ["| N | what | scogen | peer | peer | ratio | CPU-time ratio | target | result |",
           "|---|---|---|---|---|---|---|---|---|"]
    for res in results:
        for t in res["targets"]:
            mem = "memory" in t["what"]
            fmt = (lambda x: f"{x:.0f} MB" if x is not None else "-") if mem else seconds
            peer = fmt(t["peer"])
            if t.get("peer2_name"):
                peer += f"; + Pagefind {fmt(t['peer2'])}"
            ratio = f"{t['ratio']:.1f}x" if t["ratio"] is not None else "-"
            by_cpu = f"{t['cpu_ratio']:.1f}x" if t.get("cpu_ratio") is not None else "-"
            md.append(f"| {res['n']:,} | {t['what']} | {fmt(t['scogen'])} | {t['peer_name']} | "
                      f"{peer} | {ratio} | {by_cpu} | {t['target']} | **{t['result']}** |")
    if loader:
        verdict = loader["result"]
        lines.append(f"\nloader (bench/loader_throughput.py, {loader['date']}, load "
                     f"{loader['load']:.1f}): warm {loader['warm']:.2f} MB/s, cold "
                     f"{loader['cold']:.2f} MB/s per core -- {verdict} (target >= 5 MB/s warm)")
        md.append(f"| - | loader, one core, tagging + speakers (warm; cold) | "
                  f"{loader['warm']:.2f} MB/s; {loader['cold']:.2f} MB/s | - | - | - | - | "
                  f">= 5 MB/s warm | **{verdict}** |")
    return "\n".join(lines), "\n".join(md)


def machine() -> dict:
    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.split("\n")[0]
        except OSError:
            return "not installed"

    hugo = " ".join(version(["hugo", "version"]).split(" ")[:2]) if shutil.which("hugo") \
        else "hugo not installed"
    pagefind = version([sys.executable, "-m", "pagefind", "--version"]).strip() or "pagefind ?"
    with open("/proc/meminfo") as f:
        memory = int(f.readline().split()[1]) / 1024 / 1024
    return {"cpus": os.cpu_count(), "memory_gb": memory, "python": platform.python_version(),
            "platform": platform.platform(), "hugo": hugo, "pagefind": pagefind,
            "load": os.getloadavg(), "date": time.strftime("%Y-%m-%d %H:%M %Z")}


def main() -> int:
    global MEMORY_CAP_MB
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", help="sizes (default 1000 5000)")
    ap.add_argument("--quick", action="store_true", help="N = 200 only: a smoke run")
    ap.add_argument("--pelican", action="store_true", help="also time Pelican")
    ap.add_argument("--loader", action="store_true",
                    help="run bench/loader_throughput.py first (a few minutes)")
    ap.add_argument("--tag", default="", help="suffix for the result files")
    ap.add_argument("--memory-cap-gb", type=float, default=10.0,
                    help="stop a command whose process tree passes this (default 10)")
    args = ap.parse_args()
    MEMORY_CAP_MB = int(args.memory_cap_gb * 1024)
    sizes = args.n or ([200] if args.quick else [1000, 5000])
    OUT.mkdir(exist_ok=True)
    info = machine()
    if args.loader:
        subprocess.run([sys.executable, str(HERE / "loader_throughput.py")], cwd=ROOT)
    results = []
    for n in sizes:
        results.append(run_n(n, args.pelican))
        text, md = report(results, info, loader_row())
        suffix = f"-{args.tag}" if args.tag else ""
        (OUT / f"results{suffix}.json").write_text(json.dumps(
            {"machine": info, "results": results, "loader": loader_row(),
             "load_at_end": os.getloadavg()}, indent=1) + "\n")
        (OUT / f"results{suffix}.txt").write_text(text + "\n")
        (OUT / f"results{suffix}.md").write_text(md + "\n")
    print(text)
    print()
    print(md)
    import resource
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\nwritten: {OUT}/results{suffix}.{{json,txt,md}}; load average now "
          f"{os.getloadavg()[0]:.2f}; the harness itself used "
          f"{own.ru_utime + own.ru_stime:.1f} s of CPU (sampling memory)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
