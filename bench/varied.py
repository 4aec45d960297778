"""Transcripts whose vocabulary is as varied as real text, for the loader benchmark.

bench/generate.py writes from a small template chain, so a 10 MB corpus holds a few
thousand distinct tokens and the loader's per-token memo answers almost every token
from memory. Here words are drawn Zipf-wise (exponent 1.3) from wordfreq's 30,000 most common
English words (the loader's own word list, so no data is downloaded), which gives about
2,500 distinct tokens per 10,000 as the development set (2,435) and real published
pages (2,072) have, against 1,160 for generate.py; sentences are 6-28 words
with commas and questions, and people and outlets are made-up names, so a page reads
like an interview to the loader (header, lead, labelled turns) while its vocabulary
keeps growing as real text does. Damage as in the archive: 3-6% of the spaces between
words lost, and a stray space before some commas. Deterministic for a seed.

    python bench/varied.py OUT_DIR [N] [--seed S]
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
from pathlib import Path

SYLLABLES = ("ka", "ra", "mu", "lo", "ven", "tar", "shi", "bek", "nur", "zha", "dov", "mir",
             "sen", "tal", "gul", "ras", "bai", "kor", "lin", "pa", "zo", "ish", "tem", "ol")
OUTLET_WORDS = ("Herald", "News", "Daily", "Times", "Wire", "Radio", "Review", "Post")


def _words(top: int = 30000) -> tuple[list[str], list[float]]:
    from wordfreq import top_n_list
    words = [w for w in top_n_list("en", top) if w.isalpha()]
    cumulative = list(itertools.accumulate(1.0 / (rank + 2.7) ** 1.3
                                           for rank in range(len(words))))
    return words, cumulative


def _name(rnd: random.Random) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()


def _sentence(rnd: random.Random, words, cumulative, question: bool = False) -> str:
    total = cumulative[-1]
    n = rnd.randint(6, 28)
    out = [words[bisect.bisect(cumulative, rnd.random() * total)] for _ in range(n)]
    for i in range(3, n - 2, rnd.randint(5, 9)):
        out[i] += ","
    out[0] = out[0].capitalize()
    return " ".join(out) + ("?" if question else ".")


def _damage(text: str, rnd: random.Random) -> str:
    rate = rnd.uniform(0.03, 0.06)
    out = []
    for i, token in enumerate(text.split(" ")):
        if i and rnd.random() < rate and out[-1][-1:].isalpha() and token[:1].isalpha():
            out[-1] += token  # a lost space
        elif token.endswith(",") and rnd.random() < 0.05:
            out.append(token[:-1] + " ,")  # a stray space before a comma
        else:
            out.append(token)
    return " ".join(out)


def write(out: Path, n: int, seed: int = 1, start: int = 0) -> list[Path]:
    words, cumulative = _words()
    folder = out / "transcripts"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(start, start + n):
        rnd = random.Random(f"{seed}-{k}")
        person = f"{_name(rnd)} {_name(rnd)}ov"
        outlet = f"{_name(rnd)} {rnd.choice(OUTLET_WORDS)}"
        para = lambda q=False: _damage(" ".join(  # noqa: E731
            _sentence(rnd, words, cumulative, q and i == 0) for i in range(rnd.randint(2, 6))),
            rnd)
        lines = [f"{outlet}", "Home | News | Interviews", "",
                 f"{person}: {_sentence(rnd, words, cumulative)[:-1]}", "",
                 f"{rnd.randint(1, 28)} March {rnd.randint(2005, 2025)}", "",
                 f"In an interview with {outlet}, Deputy Minister {person} spoke about "
                 + _sentence(rnd, words, cumulative).lower(), ""]
        for _ in range(rnd.randint(5, 12)):
            lines += [f"{outlet}: {para(True)}", "", f"{person.split()[1]}: {para()}", ""]
            if rnd.random() < 0.5:
                lines += [para(), ""]
        lines += [f"© {outlet}"]
        path = folder / f"varied-{k:05d}.txt"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        paths.append(path)
    return paths


def distinct_per_10k(paths: list[Path]) -> float:
    """Distinct tokens in each run of 10,000 tokens, averaged: how varied a text is."""
    tokens = [t for p in paths for t in p.read_text("utf-8").split()]
    windows = [tokens[i:i + 10000] for i in range(0, len(tokens) - 9999, 10000)] or [tokens]
    return sum(len(set(w)) for w in windows) / len(windows)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int, nargs="?", default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    written = write(args.out, args.n, args.seed)
    print(f"{len(written)} transcripts, {distinct_per_10k(written):.0f} distinct tokens "
          f"per 10,000", file=sys.stderr)
