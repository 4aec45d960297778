"""Loader throughput per core, measured the way a build loads: cold and warm.

    python bench/loader_throughput.py [--mb 5] [--rounds 3] [--seed 7] [--profile]

Generates a realistic corpus (bench/generate.py: wordfreq vocabulary, 80 % English
in eight layouts, 10 % Russian, 10 % Chinese, a quarter undamaged) of two disjoint
sets of at least --mb MB each, then, per round, starts a FRESH Python process pinned
to one CPU that does what a build's loading worker does (scogen.archive):

- reads the corpus folder's topics.yaml and speakers.yaml (the project's
  content/topics.yaml and content/speakers.yaml, plus the generated cast), builds
  the word model with the build's vocabulary (config names, capitalised words seen
  in two transcripts), and
- calls scogen.archive.load_one -- load_interview with topic tagging and speaker
  canonicalisation, the checks around it -- on every file.

**cold**: the first pass over the first set, in the fresh process (empty per-token
memos, lazy imports on the first files); the imports, config and word data before
it are timed apart and also shown added in. **warm**: a second pass, over the OTHER set, in the same
process (memos filled by the first pass, as for the later files of a build; the
files themselves are new). MB of raw transcript bytes per CPU-second of the process
(its process time: on a machine others share, wall time measures the queue for the
core too; it is printed beside), median over the rounds. Target (issue 14): >= 5 MB/s warm.

The word tables (wordfreq's lists as the word model reads them) come from the
user's cache folder once a first run has written them (segment.py, ~0.5 s a process
saved; the setup figure includes reading them); --no-word-cache builds them in every
process instead (SCOGEN_WORD_CACHE=off), as the very first run on a machine does.

--profile: one more fresh process under cProfile (cold then warm), top functions
by own time, written to bench/out/loader-profile.txt. Results go to
bench/out/loader.json. Exits 2 with a message when the loader cannot be imported.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
from generate import distinct_stats, generate  # noqa: E402

TARGET_WARM_MB_S = 5.0


def language(path: Path) -> str:
    text = path.read_text("utf-8")
    if "答" in text[:4000] or "问" in text[:4000]:
        return "zh"
    return "ru" if "Ответ:" in text else "en"


# --- the child: one fresh process --------------------------------------------------

def child(content: Path, cold: list[Path], warm: list[Path], profile: Path | None) -> dict:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    try:
        from scogen.archive import _words_of, config_names, load_one, seen_whole
        from scogen.config import load_speakers, load_topics
        from scogen.loader import default_lexicon
    except ImportError as exc:
        print(f"loader_throughput: the loader cannot be imported ({exc})", file=sys.stderr)
        sys.exit(2)
    topics = load_topics(content / "topics.yaml")
    speakers = load_speakers(content / "speakers.yaml")
    # the build's word-model vocabulary: names from the config, capitalised words
    # standing whole in at least two transcripts (archive.load_archive)
    facts = {p: (None, *_words_of(p.read_text("utf-8"))) for p in cold + warm}
    vocabulary = (config_names(speakers, topics), seen_whole(facts))
    lexicon = default_lexicon(*vocabulary)
    lexicon_s = time.perf_counter() - started  # imports, config, word data

    def run(paths: list[Path]) -> dict:
        kinds = {p: language(p) if p.suffix == ".txt" else "html" for p in paths}
        per: dict[str, list[float]] = {}
        total, cpu = time.perf_counter(), time.process_time()
        for p in paths:
            t = time.process_time()
            load_one(p, content, lexicon, speakers, topics)
            entry = per.setdefault(kinds[p], [0.0, 0.0])
            entry[0] += p.stat().st_size / 1e6
            entry[1] += time.process_time() - t
        seconds, cpu = time.perf_counter() - total, time.process_time() - cpu
        mb = sum(p.stat().st_size for p in paths) / 1e6
        return {"mb": mb, "wall_s": seconds, "cpu_s": cpu, "mb_s": mb / cpu,
                "wall_mb_s": mb / seconds,
                "by_kind": {k: v[0] / v[1] for k, v in sorted(per.items())}}

    profiler = None
    if profile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    first = run(cold)
    second = run(warm)
    if profiler:
        profiler.disable()
        import io
        import pstats
        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(60)
        profile.write_text(buf.getvalue())
    return {"lexicon_s": lexicon_s, "cold": first, "warm": second,
            "cold_with_lexicon_mb_s": first["mb"] / (first["cpu_s"] + lexicon_s)}


# --- the parent -------------------------------------------------------------------

def corpus(folder: Path, mb: float, seed: int) -> tuple[list[Path], list[Path]]:
    """Two disjoint sets of at least mb MB each (interviews 0.. and 100,000..)."""
    sets = []
    for start in (0, 100_000):
        paths: list[Path] = []
        while sum(p.stat().st_size for p in paths) < mb * 1e6:
            paths += generate(50, folder, seed=seed, start=start + len(paths))
        sets.append(paths)
    return sets[0], sets[1]


def spawn(content: Path, cold: list[Path], warm: list[Path], profile: Path | None = None):
    spec = {"content": str(content), "cold": [str(p) for p in cold],
            "warm": [str(p) for p in warm], "profile": str(profile) if profile else None}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(spec, f)
    try:
        proc = subprocess.run([sys.executable, __file__, "--child", f.name],
                              capture_output=True, text=True, cwd=ROOT)
    finally:
        os.unlink(f.name)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.exit(proc.returncode)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="MB in each of the two sets")
    ap.add_argument("--rounds", type=int, default=3, help="fresh processes (median)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--no-word-cache", action="store_true",
                    help="build the word tables in every process (no cache on disk)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        spec = json.loads(Path(args.child).read_text())
        result = child(Path(spec["content"]), [Path(p) for p in spec["cold"]],
                       [Path(p) for p in spec["warm"]],
                       Path(spec["profile"]) if spec["profile"] else None)
        print(json.dumps(result))
        return 0

    if args.no_word_cache:
        os.environ["SCOGEN_WORD_CACHE"] = "off"  # inherited by every child
    sys.path.insert(0, str(ROOT))
    from scogen.loader.segment import word_cache_dir
    words = word_cache_dir() or "off"
    print(f"word tables: {'built in every process' if words == 'off' else 'cache ' + words}")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        cold, warm = corpus(content, args.mb, args.seed)
        variety = distinct_stats(cold)
        print(f"corpus: {len(cold)} + {len(warm)} transcripts, "
              f"{sum(p.stat().st_size for p in cold) / 1e6:.1f} + "
              f"{sum(p.stat().st_size for p in warm) / 1e6:.1f} MB; "
              f"{variety['per_10k']:,.0f} distinct tokens per 10,000 "
              f"({variety['share']:.1%} of the first set's tokens)", flush=True)
        rounds = []
        for k in range(args.rounds):
            r = spawn(content, cold, warm)
            rounds.append(r)
            print(f"round {k + 1}: setup {r['lexicon_s']:.2f} s; cold "
                  f"{r['cold']['mb_s']:.2f} MB/s ({r['cold']['wall_mb_s']:.2f} by wall time); "
                  f"warm {r['warm']['mb_s']:.2f} MB/s ({r['warm']['wall_mb_s']:.2f} by wall time) "
                  f"({', '.join(f'{k} {v:.2f}' for k, v in r['warm']['by_kind'].items())})",
                  flush=True)
        if args.profile:
            OUT.mkdir(exist_ok=True)
            spawn(content, cold, warm, OUT / "loader-profile.txt")
            print(f"profile: {OUT / 'loader-profile.txt'}")
    med = {key: statistics.median(r[key]["mb_s"] for r in rounds) for key in ("cold", "warm")}
    wall = {key: statistics.median(r[key]["wall_mb_s"] for r in rounds)
            for key in ("cold", "warm")}
    rng = {key: (min(r[key]["mb_s"] for r in rounds), max(r[key]["mb_s"] for r in rounds))
           for key in ("cold", "warm")}
    lexicon_s = statistics.median(r["lexicon_s"] for r in rounds)
    cold_all = statistics.median(r["cold_with_lexicon_mb_s"] for r in rounds)
    verdict = "PASS" if med["warm"] >= TARGET_WARM_MB_S else "MISS"
    print(f"\nloader, one core, tagging and speakers included (median of {args.rounds} "
          f"fresh processes; MB per CPU-second of the process, wall-time figures depend on "
          f"the machine's load, {load[0]:.2f} at start):\n"
          f"  cold {med['cold']:.2f} MB/s (range {rng['cold'][0]:.2f}-{rng['cold'][1]:.2f}; "
          f"{cold_all:.2f} counting the {lexicon_s:.2f} s of imports and word data; "
          f"{wall['cold']:.2f} by wall time)\n"
          f"  warm {med['warm']:.2f} MB/s (range {rng['warm'][0]:.2f}-{rng['warm'][1]:.2f}; "
          f"{wall['warm']:.2f} by wall time) -- {verdict} (target >= {TARGET_WARM_MB_S:g} MB/s)")
    OUT.mkdir(exist_ok=True)
    (OUT / "loader.json").write_text(json.dumps({
        "date": time.strftime("%Y-%m-%d %H:%M"), "loadavg": load, "mb": args.mb,
        "cold_mb_s": med["cold"], "warm_mb_s": med["warm"], "cold_range": rng["cold"],
        "warm_range": rng["warm"], "wall_mb_s": wall, "lexicon_s": lexicon_s, "cold_with_lexicon_mb_s": cold_all,
        "variety": variety, "word_cache": words, "result": verdict, "rounds": rounds},
        indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
