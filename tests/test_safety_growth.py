"""Pathological sizes: time and memory grow linearly with the input.

Each case is measured at two sizes, the second four times the first, and the
assertion is on the ratio, never on absolute time: linear work gives about 4,
quadratic work 16; anything under ``LIMIT`` passes. Time is the process's CPU
time (other work on a shared machine does not count), the best of a few runs.
Inputs past the loader's limits are refused, and refusing is linear too.
"""
from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from scogen.errors import InputError
from scogen.loader import dates, default_lexicon, load_interview
from scogen.loader.read import MAX_HTML_DEPTH, MAX_WORD_RUN

SCALE = 4
LIMIT = 7.0  # linear: ~4; quadratic: ~16
HEAD = "Talks on security\n\nMay 22, 2007\n\nBy Li Wei\n\n"


@pytest.fixture(scope="module")
def lexicon():
    lex = default_lexicon()
    load_interview_text(lex, HEAD + "Question: Warm up?\n\nAnswer: Yes.\n")  # first-use costs
    return lex


def _forget(lexicon) -> None:
    """Empty the loader's per-text memories (dates per line, repairs per token), so
    every call does the whole work: the small input, run many times, would otherwise
    be served from them while the large one, too big for them, is not."""
    dates._find_dates.cache_clear()
    dates.is_date_line.cache_clear()
    lexicon.token_memo.clear()


def load_interview_text(lexicon, text: str, suffix: str = ".txt", folder: Path = Path("/tmp")):
    _forget(lexicon)
    path = folder / f"scogen-growth-{time.time_ns()}{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        return load_interview(path, lexicon)
    finally:
        path.unlink()


def _cpu(run, times: int) -> float:
    """CPU seconds per call of ``run``, the best of three trials of ``times`` calls
    (one trial ran 1.7 times slow on a loaded two-core machine)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for _ in range(times):
            run()
        best = min(best, time.process_time() - started)
    return best / times


def _time_ratio(make, n: int, run) -> tuple[float, float, float]:
    small, big = make(n), make(n * SCALE)
    times = 1  # calls enough that the small case takes a measurable 0.2 s
    while times < 256:
        started = time.process_time()
        for _ in range(times):
            run(small)
        if time.process_time() - started >= 0.2:
            break
        times *= 4
    t_small = _cpu(lambda: run(small), times)
    t_big = _cpu(lambda: run(big), max(1, times // SCALE))
    return t_small, t_big, t_big / t_small


def _memory_ratio(make, n: int, run) -> float:
    peaks = []
    for size in (n, n * SCALE):
        text = make(size)
        tracemalloc.start()
        run(text)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peaks[1] / peaks[0]


def _turns(n: int) -> str:
    return HEAD + "".join(("Q: Why %d?\n\n" if i % 2 == 0 else "A: Because %d.\n\n") % i
                          for i in range(n))


def _divs(depth: int) -> str:
    return ("<html><body>" + "<div>" * depth + "<p>Question: Why?</p><p>Answer: Because.</p>"
            + "</div>" * depth + "</body></html>")


def test_short_turns_are_linear_in_time_and_memory(lexicon, tmp_path):
    """The issue's first case: 50,000 short turns (here 12,500 and 50,000)."""
    def run(text):
        iv = load_interview_text(lexicon, text, folder=tmp_path)
        assert len(iv.turns) >= 12_500
    t_small, t_big, ratio = _time_ratio(_turns, 12_500, run)
    assert ratio < LIMIT, f"12,500 turns {t_small:.2f}s, 50,000 turns {t_big:.2f}s"
    assert _memory_ratio(_turns, 12_500, run) < LIMIT


@pytest.mark.parametrize("shape", ["paragraphs", "labels", "long line", "wrapped"])
def test_other_shapes_are_linear(lexicon, tmp_path, shape):
    makers = {
        "paragraphs": lambda n: HEAD + "Question: Why?\n\nAnswer: First.\n\n"
        + "".join(f"and then we talked {i}.\n\n" for i in range(n // 22)),
        "labels": lambda n: HEAD + "".join(f"Speaker{i % 50}: we talked {i}.\n\n"
                                           for i in range(n // 25)),
        "long line": lambda n: HEAD + "Question: Why?\n\nAnswer: "
        + "security comes first and " * (n // 25) + ".\n",
        "wrapped": lambda n: HEAD + "Question: Why?\n\nAnswer: "
        + "security comes first and we talk\n" * (n // 33),
    }
    t_small, t_big, ratio = _time_ratio(
        makers[shape], 100_000, lambda text: load_interview_text(lexicon, text, folder=tmp_path))
    assert ratio < LIMIT, f"{shape}: 100 KB {t_small:.2f}s, 400 KB {t_big:.2f}s"


def test_nested_divs_are_linear_below_the_limit(lexicon, tmp_path):
    """Nesting the page allows (up to MAX_HTML_DEPTH) must not cost depth squared
    (html.py once asked BeautifulSoup ``tag.decomposed`` and walked ancestors once
    per element, each a walk of a whole subtree or ancestor chain)."""
    n = (MAX_HTML_DEPTH - 10) // SCALE  # <html>, <body> and <p> are open too
    t_small, t_big, ratio = _time_ratio(
        _divs, n, lambda text: load_interview_text(lexicon, text, ".html", tmp_path))
    assert ratio < LIMIT, f"depth {n}: {t_small:.2f}s, depth {n * SCALE}: {t_big:.2f}s"


def test_ten_thousand_nested_divs_are_refused_in_linear_time(lexicon, tmp_path):
    def run(text):
        with pytest.raises(InputError, match="nests more than"):
            load_interview_text(lexicon, text, ".html", tmp_path)
    t_small, t_big, ratio = _time_ratio(_divs, 10_000, run)
    assert ratio < LIMIT, f"10,000 divs {t_small:.3f}s, 40,000 divs {t_big:.3f}s"


def test_huge_front_matter_value_is_refused_in_linear_time(lexicon, tmp_path):
    """The issue's 5 MB front-matter value (here 1.25 MB and 5 MB)."""
    def make(n):
        return "---\ntitle: " + "x" * n + "\n---\n" + HEAD + "Question: Why?\n\nAnswer: So.\n"

    def run(text):
        with pytest.raises(InputError, match="front matter is"):
            load_interview_text(lexicon, text, folder=tmp_path)
    t_small, t_big, ratio = _time_ratio(make, 1_250_000, run)
    assert ratio < LIMIT, f"1.25 MB {t_small:.3f}s, 5 MB {t_big:.3f}s"


def test_glued_runs_are_repaired_in_linear_time(lexicon, tmp_path):
    """A run of words glued together (up to MAX_WORD_RUN letters) is repaired in time
    linear in its length (repairs._spans once walked from every changed gap to the
    far edge of the run: run length times gaps)."""
    def make(n):
        return HEAD + "Question: Why?\n\nAnswer: " + "securityfirst" * (n // 13 - 2) + ".\n"

    runs = iter(range(10**6))
    digits = "zero one two three four five six seven eight nine".split()

    def run(text):  # a run never met before (the repair of a token is remembered),
        mark = "".join(digits[int(d)] for d in str(next(runs)))  # made of words: split too
        load_interview_text(lexicon, text.replace(".\n", mark + ".\n"), folder=tmp_path)
    n = MAX_WORD_RUN // SCALE
    t_small, t_big, ratio = _time_ratio(make, n, run)
    assert ratio < LIMIT, f"{n} letters {t_small:.2f}s, {n * SCALE} letters {t_big:.2f}s"


def test_longer_glued_runs_are_refused(lexicon, tmp_path):
    text = HEAD + "Question: Why?\n\nAnswer: " + "securityfirst" * 5_000 + ".\n"
    with pytest.raises(InputError, match="without a space") as caught:
        load_interview_text(lexicon, text, folder=tmp_path)
    assert caught.value.line == 9  # the answer's line


def test_a_build_of_many_short_turns_is_linear(tmp_path):
    """Past the loader: the site model, the pages and the exports of one transcript
    with 5,000 and 20,000 turns."""
    import shutil

    from scogen.archive import load_archive
    from scogen.build import build

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "templates", tmp_path / "templates")

    def run(n):
        project = tmp_path / f"p{n}"
        (project / "content" / "transcripts").mkdir(parents=True)
        (project / "content" / "transcripts" / "2007-05-22-many.txt").write_text(_turns(n))
        started = time.process_time()
        archive = load_archive(project / "content", jobs=1, use_cache=False)
        build(archive, tmp_path / "templates", project / "site", quiet=True, search=False,
              jobs=1, content=project / "content")
        return time.process_time() - started

    small, big = run(5_000), run(20_000)
    assert big / small < LIMIT, f"5,000 turns {small:.2f}s, 20,000 turns {big:.2f}s"
