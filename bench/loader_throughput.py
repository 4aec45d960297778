"""Loader throughput on one core, after the word data is loaded.

    python bench/loader_throughput.py [--mb 10]

Times scogen.loader.load_interview over generated transcripts (the benchmark's
layouts and damage) totalling about --mb megabytes, and over the two shipped
transcripts repeated, and prints MB of raw text per second. Target: >= 2 MB/s.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def throughput(paths: list[Path], lexicon, rounds: int = 1) -> float:
    from scogen.loader import load_interview
    size = sum(p.stat().st_size for p in paths) * rounds
    started = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            load_interview(path, lexicon)
    return size / 1e6 / (time.perf_counter() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=10.0)
    args = ap.parse_args()
    from scogen.loader import default_lexicon

    t = time.perf_counter()
    lexicon = default_lexicon()
    lexicon.zipf("warm")
    print(f"word data loaded in {time.perf_counter() - t:.2f}s (once per process)")
    with tempfile.TemporaryDirectory() as tmp:
        n = max(1, int(args.mb * 1e6 / 11000))
        paths = generate(n, Path(tmp), seed=3)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"generated, heavy damage ({mb:.1f} MB): {throughput(paths, lexicon):.2f} MB/s")
    shipped = sorted((HERE.parent / "content" / "transcripts").glob("*.txt"))
    for path in shipped:
        print(f"{path.name}: {throughput([path], lexicon, rounds=200):.2f} MB/s")


if __name__ == "__main__":
    main()
