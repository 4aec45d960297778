"""``scogen eval GOLD_DIR RAW_DIR``: the loader measured against gold records.

Gold files have the shape of ``../shared/gold/*.yaml`` (the ``scogen inspect
--json`` shape); each names its raw file in ``source``. Per file and in
total: metadata field accuracy, turn-sequence accuracy (kind + speaker,
aligned), paragraph exact-match rate, word-boundary errors (missing and
extra spaces, per 1000 gold words), characters lost or invented, chrome
lines leaking into turns, repair precision and recall, topic agreement.

A raw file the loader cannot read is a failure in the report, not a crash:
its gold counts still enter the totals, so a failure lowers the accuracy.
"""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable

import yaml

from .errors import InputError
from .lang import count_words
from .model import Interview, interview_to_dict

META_FIELDS = ("title", "date", "publisher", "interviewer", "interviewees", "lead", "language")


@dataclass
class FileScore:
    name: str
    error: str | None = None
    meta_ok: int = 0
    meta_total: int = 0
    turns_ok: int = 0
    turns_total: int = 0
    paras_ok: int = 0
    paras_total: int = 0
    words: int = 0
    missing_spaces: int = 0
    extra_spaces: int = 0
    chars_lost: int = 0
    chars_invented: int = 0
    chrome_leaks: int = 0
    repairs_found: int = 0
    repairs_gold: int = 0
    repairs_made: int = 0
    topics_found: int = 0
    topics_gold: int = 0
    topics_made: int = 0
    meta_wrong: list[str] = field(default_factory=list)

    def per_1k(self, count: int) -> float:
        """``count`` per 1000 gold words."""
        return count * 1000 / self.words if self.words else 0.0


@dataclass
class Report:
    files: list[FileScore]

    @property
    def failures(self) -> list[FileScore]:
        return [f for f in self.files if f.error]

    def total(self) -> FileScore:
        t = FileScore("TOTAL")
        for f in self.files:
            for spec in fields(FileScore):
                value = getattr(f, spec.name)
                if isinstance(value, int):
                    setattr(t, spec.name, getattr(t, spec.name) + value)
        if self.failures:
            t.error = f"{len(self.failures)} file(s) failed"
        return t


def evaluate(gold_dir: Path, raw_dir: Path,
             load: Callable[[Path], Interview] | None = None) -> Report:
    """Score ``load`` (default: the loader) on every gold record in ``gold_dir``."""
    if load is None:
        from .loader import load_interview
        load = load_interview
    files = []
    for gold_path in sorted(Path(gold_dir).glob("*.y*ml")):
        gold = read_gold(gold_path)
        name = gold.get("source") or gold_path.stem
        try:
            got = interview_to_dict(load(Path(raw_dir) / name))
        except Exception as exc:  # noqa: BLE001 - any loader failure is a scored failure
            files.append(failed(name, gold, exc))
            continue
        files.append(score(name, gold, got))
    return Report(files)


def read_gold(path: Path) -> dict:
    """One gold record; a malformed file is an ``InputError`` with its line."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise InputError(f"malformed gold YAML: {problem}", str(path),
                         mark.line + 1 if mark else None, code="eval.gold_yaml") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file: {exc}", str(path),
                         code="eval.gold_unreadable") from None
    if not isinstance(data, dict):
        raise InputError("a gold file must be a mapping of record fields", str(path), 1,
                         code="eval.gold_shape")
    return data


def failed(name: str, gold: dict, exc: Exception) -> FileScore:
    """A file the loader could not turn into a record: nothing right, all of it due."""
    message = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
    s = FileScore(name, error=message)
    gold_turns = gold.get("turns") or []
    s.meta_total = sum(1 for key in META_FIELDS if key in gold)
    s.meta_wrong = [key for key in META_FIELDS if key in gold]
    s.turns_total = len(gold_turns)
    s.paras_total = sum(len(t.get("paragraphs") or []) for t in gold_turns)
    s.repairs_gold = len(gold.get("repairs") or [])
    s.topics_gold = len(_topic_marks(gold_turns))
    return s


def score(name: str, gold: dict, got: dict) -> FileScore:
    """Compare one gold record with one loaded record (both in the dict shape)."""
    s = FileScore(name)
    for key in META_FIELDS:
        if key not in gold:
            continue
        s.meta_total += 1
        if gold[key] == got.get(key):
            s.meta_ok += 1
        else:
            s.meta_wrong.append(key)
    gold_turns, got_turns = gold.get("turns") or [], got.get("turns") or []
    s.turns_ok = _matched([_shape(t) for t in gold_turns], [_shape(t) for t in got_turns])
    s.turns_total = max(len(gold_turns), len(got_turns))
    gold_paras = [p for t in gold_turns for p in t.get("paragraphs") or []]
    got_paras = [p for t in got_turns for p in t.get("paragraphs") or []]
    s.paras_ok = _matched(gold_paras, got_paras)
    s.paras_total = len(gold_paras)
    gold_text, got_text = "\n".join(gold_paras), "\n".join(got_paras)
    s.words = count_words(gold_text)  # Chinese counted in characters, as its readers count
    s.missing_spaces, s.extra_spaces, s.chars_lost, s.chars_invented = \
        boundary_errors(gold_text, got_text)
    s.chrome_leaks = chrome_leaks(gold.get("chrome") or [], got_paras)
    g_rep = Counter(tuple(r) for r in gold.get("repairs") or [])
    m_rep = Counter(tuple(r) for r in got.get("repairs") or [])
    s.repairs_gold, s.repairs_made = sum(g_rep.values()), sum(m_rep.values())
    s.repairs_found = sum((g_rep & m_rep).values())
    g_top, m_top = _topic_marks(gold_turns), _topic_marks(got_turns)
    s.topics_gold, s.topics_made, s.topics_found = len(g_top), len(m_top), len(g_top & m_top)
    return s


def _shape(turn: dict) -> tuple:
    return turn.get("kind"), turn.get("speaker")


def _matched(a: list, b: list) -> int:
    """How many items of ``a`` and ``b`` align as equal, in order."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _topic_marks(turns: list[dict]) -> set[tuple[int, str]]:
    return {(i, slug) for i, t in enumerate(turns) for slug in t.get("topics") or []}


def chrome_leaks(chrome: list[str], paragraphs: list[str]) -> int:
    """How many gold chrome lines appear inside any loaded paragraph."""
    lines = [line.strip() for line in chrome if line.strip()]
    return sum(1 for line in lines if any(line in p for p in paragraphs))


def boundary_errors(gold: str, got: str) -> tuple[int, int, int, int]:
    """(missing spaces, extra spaces, characters lost, characters invented).

    The non-space characters of both texts are aligned; characters outside
    the aligned runs are lost (gold only) or invented (loaded only). Inside
    an aligned run, a boundary error is a position between two characters
    where one side has whitespace and the other does not.
    """
    g_chars, g_space = _split(gold)
    m_chars, m_space = _split(got)
    matcher = difflib.SequenceMatcher(a=g_chars, b=m_chars, autojunk=False)
    lost = invented = missing = extra = 0
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            lost += a2 - a1
            invented += b2 - b1
            continue
        for i, j in zip(range(a1 + 1, a2), range(b1 + 1, b2)):
            if g_space[i] and not m_space[j]:
                missing += 1
            elif m_space[j] and not g_space[i]:
                extra += 1
    return missing, extra, lost, invented


def _split(text: str) -> tuple[str, list[bool]]:
    """Non-space characters and, for each, whether whitespace came before it."""
    chars, space, pending = [], [], False
    for ch in text:
        if ch.isspace():
            pending = True
            continue
        chars.append(ch)
        space.append(pending)
        pending = False
    return "".join(chars), space


def _pct(ok: int, total: int) -> str:
    return f"{100 * ok / total:5.1f}%" if total else "     –"


def _row(f: FileScore) -> str:
    made = f.topics_gold + f.topics_made
    topic_f1 = 2 * f.topics_found / made if made else 1.0
    return (f"{f.name[:34]:34} {_pct(f.meta_ok, f.meta_total)} {_pct(f.turns_ok, f.turns_total)}"
            f" {_pct(f.paras_ok, f.paras_total)} {f.words:6d}"
            f" {f.missing_spaces:4d} {f.per_1k(f.missing_spaces):6.2f}"
            f" {f.extra_spaces:5d} {f.per_1k(f.extra_spaces):6.2f}"
            f" {f.chars_lost:5d} {f.chars_invented:5d} {f.chrome_leaks:6d}"
            f" {_pct(f.repairs_found, f.repairs_made)} {_pct(f.repairs_found, f.repairs_gold)}"
            f" {100 * topic_f1:5.1f}%")


def format_report(report: Report) -> str:
    head = (f"{'file':34} {'meta':>6} {'turns':>6} {'paras':>6} {'words':>6}"
            f" {'miss':>4} {'miss/k':>6} {'extra':>5} {'xtr/k':>6} {'lost':>5} {'inv':>5}"
            f" {'chrome':>6} {'rep P':>6} {'rep R':>6} {'topics':>6}")
    lines = [head, "-" * len(head)]
    for f in report.files:
        if f.error:
            lines.append(f"{f.name[:34]:34} FAILED: {f.error}")
        else:
            lines.append(_row(f) + (f"  (metadata wrong: {', '.join(f.meta_wrong)})"
                                    if f.meta_wrong else ""))
    lines.append("-" * len(head))
    total = report.total()
    lines.append(_row(total) + (f"  ({total.error})" if total.error else ""))
    lines.append("meta/turns/paras: share correct (a failed file counts as all wrong); "
                 "miss, extra: word-boundary errors (spaces missing or extra) and per 1000 "
                 "gold words; lost/inv: non-space characters lost or invented; chrome: gold "
                 "chrome lines found in paragraphs; rep P/R: repair precision/recall; "
                 "topics: F1")
    return "\n".join(lines)
