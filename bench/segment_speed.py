"""Word-model segmentation speed: every letter run of the seed transcripts through
``segment`` with a fresh lexicon (an empty cache), printed as runs per second.

The loader skips common words before it calls ``segment``, so this is the slow
path's speed. Moved here from the test suite (issue 11: timings belong in the
benchmark, not in tests that pass or fail with the machine's load).

    python bench/segment_speed.py
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from scogen.loader.segment import load_lexicon, segment

ROOT = Path(__file__).resolve().parents[1]
RUN = re.compile(r"[^\W\d_]+")  # a maximal run of letters


def main() -> None:
    texts = sorted((ROOT / "content" / "transcripts").glob("*.txt"))
    runs = [r for p in texts for r in RUN.findall(p.read_text("utf-8", errors="replace"))]
    lex = load_lexicon()
    start = time.perf_counter()
    for run in runs:
        segment(run, lex)
    took = time.perf_counter() - start
    distinct = len(set(runs))
    print(f"segment: {len(runs)} runs ({distinct} distinct) in {took * 1000:.0f} ms = "
          f"{len(runs) / took:,.0f} runs/s cold, {distinct / took:,.0f} distinct runs/s")


if __name__ == "__main__":
    main()
