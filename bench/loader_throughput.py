"""Loader throughput on one core, after the word data is loaded.

    python bench/loader_throughput.py [--mb 10] [--seed 3]

Loads the word data once (scogen.loader.segment.load_lexicon), then times
scogen.loader.load_interview over generated transcripts (bench/generate.py: the
shipped layouts, 3-6% of word boundaries damaged) totalling at least --mb
megabytes, pinned to one CPU, and prints MB of raw text per second, overall and
per layout, with the shipped transcripts for comparison. Target: >= 2 MB/s.
Exits 2 with a message when the loader modules are not there yet.
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


def timed(load, paths: list[Path], lexicon, rounds: int = 1) -> tuple[float, float]:
    """(MB, seconds) for loading every path `rounds` times."""
    takes_lexicon = len(inspect.signature(load).parameters) > 1
    size = sum(p.stat().st_size for p in paths) * rounds / 1e6
    started = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            load(path, lexicon) if takes_lexicon else load(path)
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

    with tempfile.TemporaryDirectory() as tmp:
        paths: list[Path] = []
        while sum(p.stat().st_size for p in paths) < args.mb * 1e6:
            paths += generate(100, Path(tmp), seed=args.seed, start=len(paths))
        rates = []
        for round_ in range(1, args.rounds + 1):
            # a fresh lexicon: the word table is shared, the memos of the last pass are not
            lexicon = load_lexicon()
            timed(load_interview, paths[:5], lexicon)  # warm caches and lazy imports
            results = {}
            for layout, subset in (("A (Reporter / Name)", paths[0::2]),
                                   ("B (numbered Question / Answer)", paths[1::2])):
                results[layout] = timed(load_interview, subset, lexicon)
            mb = sum(m for m, _ in results.values())
            seconds = sum(s for _, s in results.values())
            rates.append(mb / seconds)
            print(f"pass {round_}: " + "; ".join(
                f"layout {layout}: {m / s:.2f} MB/s" for layout, (m, s) in results.items())
                + f"; all {mb / seconds:.2f} MB/s")
    overall = statistics.median(rates)
    print(f"all generated ({len(paths)} transcripts, {mb:.1f} MB): median {overall:.2f} MB/s "
          f"on one core over {len(rates)} passes (range {min(rates):.2f}-{max(rates):.2f}) -- "
          f"{'PASS' if overall >= TARGET_MB_S else 'MISS'} (target >= {TARGET_MB_S})")
    for path in sorted((ROOT / "content" / "transcripts").glob("*.txt")):
        m, s = timed(load_interview, [path], lexicon, rounds=50)
        print(f"shipped {path.name}: {m / s:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
