"""Loader throughput on one core, after the word data is loaded.

    python bench/loader_throughput.py [--mb 10] [--seed 3]

Loads the word data once (scogen.loader.segment.load_lexicon), then times
scogen.loader.load_interview as a build calls it (with the shipped topics and
speakers, so topic tagging and canonical speakers are included), pinned to one CPU,
over two corpora of at least --mb megabytes each:

- varied (bench/varied.py): words Zipf-drawn from 30,000, about as many distinct tokens
  per 10,000 as real pages, so the per-token memo cannot answer most tokens from memory
  -- the figure the target is judged on;
- templated (bench/generate.py: the shipped layouts, 3-6% of word boundaries damaged),
  whose few distinct tokens flatter the memo; printed for comparison.

Each corpus's distinct tokens per 10,000 is printed with its rate. Target: >= 2 MB/s
on the varied corpus. Exits 2 with a message when the loader modules are not there yet.
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
import varied  # noqa: E402

TARGET_MB_S = 2.0


def import_loader():
    """(load_interview, load_lexicon), or exit 2 saying what is missing."""
    sys.path.insert(0, str(ROOT))
    found = {}
    for module, name in (("scogen.loader", "load_interview"),
                         ("scogen.loader.segment", "load_lexicon")):
        try:
            found[name] = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            print(f"loader_throughput: {module}.{name} is not available yet ({exc})",
                  file=sys.stderr)
            sys.exit(2)
    return found["load_interview"], found["load_lexicon"]


def taxonomy():
    """The shipped topics and speakers, as a build passes them to the loader."""
    from scogen.config import load_speakers, load_topics
    return (load_topics(ROOT / "content" / "topics.yaml"),
            load_speakers(ROOT / "content" / "speakers.yaml"))


def timed(load, paths: list[Path], lexicon, rounds: int = 1, tax=((), ())) -> tuple[float, float]:
    """(MB, seconds) for loading every path `rounds` times."""
    params = inspect.signature(load).parameters
    extra = {"topics": tax[0], "speakers": tax[1]} if "topics" in params else {}
    size = sum(p.stat().st_size for p in paths) * rounds / 1e6
    started = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            load(path, lexicon, **extra) if len(params) > 1 else load(path)
    return size, time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0, help="raw text to load (default 10)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3,
                    help="timed passes, each with fresh word-model memos (default 3)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    load_interview, load_lexicon = import_loader()

    started = time.perf_counter()
    lexicon = load_lexicon()
    print(f"word data loaded in {time.perf_counter() - started:.2f}s (once per process)")

    tax = taxonomy()
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {}
        for name, make in (("varied", lambda n, k: varied.write(Path(tmp) / "v", n, args.seed, k)),
                           ("templated", lambda n, k: generate(n, Path(tmp) / "t",
                                                               seed=args.seed, start=k))):
            paths: list[Path] = []
            while sum(p.stat().st_size for p in paths) < args.mb * 1e6:
                paths += make(100, len(paths))
            corpora[name] = paths
        summary = {}
        for name, paths in corpora.items():
            rates = []
            for round_ in range(1, args.rounds + 1):
                # a fresh lexicon: the word table is shared, the memos of the last pass not
                lexicon = load_lexicon()
                timed(load_interview, paths[:5], lexicon, tax=tax)  # lazy imports
                mb, seconds = timed(load_interview, paths, lexicon, tax=tax)
                rates.append(mb / seconds)
                print(f"{name} pass {round_}: {mb / seconds:.2f} MB/s")
            summary[name] = (len(paths), mb, statistics.median(rates), min(rates), max(rates),
                             varied.distinct_per_10k(paths[:200]))
    for name, (n, mb, med, lo, hi, distinct) in summary.items():
        verdict = ("PASS" if med >= TARGET_MB_S else "MISS") if name == "varied" else "info"
        print(f"{name} ({n} transcripts, {mb:.1f} MB, {distinct:.0f} distinct tokens per "
              f"10,000): median {med:.2f} MB/s on one core over {args.rounds} passes "
              f"(range {lo:.2f}-{hi:.2f}) -- {verdict} (target >= {TARGET_MB_S} on varied)")
    for path in sorted((ROOT / "content" / "transcripts").glob("*.txt")):
        m, s = timed(load_interview, [path], lexicon, rounds=50, tax=tax)
        print(f"shipped {path.name}: {m / s:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
