"""``scogen eval GOLD_DIR RAW_DIR``: the loader measured against gold records.

Gold files have the shape of ``../shared/gold/*.yaml`` (the ``scogen inspect
--json`` shape); each names its raw file in ``source``. Per file and in
total: metadata field accuracy, turn-sequence accuracy (kind + speaker,
aligned), paragraph exact-match rate, word-boundary errors per 1000 words,
characters lost or invented, chrome lines leaking into turns, repair
precision and recall, topic agreement.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from .errors import ScogenError
from .model import Interview, interview_to_dict

META_FIELDS = ("title", "date", "publisher", "interviewer", "interviewees", "lead")


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


@dataclass
class Report:
    files: list[FileScore]

    def total(self) -> FileScore:
        t = FileScore("TOTAL")
        for f in self.files:
            for name in t.__dataclass_fields__:
                value = getattr(f, name)
                if isinstance(value, int):
                    setattr(t, name, getattr(t, name) + value)
        t.error = f"{sum(1 for f in self.files if f.error)} file(s) failed" \
            if any(f.error for f in self.files) else None
        return t


def evaluate(gold_dir: Path, raw_dir: Path,
             load: Callable[[Path], Interview] | None = None) -> Report:
    if load is None:
        from .loader import load_interview
        load = load_interview
    files = []
    for gold_path in sorted(Path(gold_dir).glob("*.y*ml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        name = gold.get("source") or gold_path.stem
        try:
            got = interview_to_dict(load(Path(raw_dir) / name))
        except ScogenError as exc:
            files.append(FileScore(name, error=str(exc)))
            continue
        files.append(score(name, gold, got))
    return Report(files)


def score(name: str, gold: dict, got: dict) -> FileScore:
    s = FileScore(name)
    for key in META_FIELDS:
        if key not in gold:
            continue
        s.meta_total += 1
        if _norm(gold[key]) == _norm(got.get(key)):
            s.meta_ok += 1
        else:
            s.meta_wrong.append(key)
    gold_turns, got_turns = gold.get("turns") or [], got.get("turns") or []
    shape = lambda t: (t.get("kind"), t.get("speaker"))  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[shape(t) for t in gold_turns],
                                      b=[shape(t) for t in got_turns], autojunk=False)
    s.turns_ok = sum(b.size for b in matcher.get_matching_blocks())
    s.turns_total = max(len(gold_turns), len(got_turns))
    gold_paras = [p for t in gold_turns for p in t.get("paragraphs", [])]
    got_paras = [p for t in got_turns for p in t.get("paragraphs", [])]
    pm = difflib.SequenceMatcher(a=gold_paras, b=got_paras, autojunk=False)
    s.paras_ok = sum(b.size for b in pm.get_matching_blocks())
    s.paras_total = len(gold_paras)
    gold_text, got_text = "\n".join(gold_paras), "\n".join(got_paras)
    s.words = len(gold_text.split())
    s.missing_spaces, s.extra_spaces, s.chars_lost, s.chars_invented = \
        boundary_errors(gold_text, got_text)
    s.chrome_leaks = sum(1 for line in gold.get("chrome") or []
                         if any(line.strip() and line.strip() in p for p in got_paras))
    g_rep = Counter(tuple(r) for r in gold.get("repairs") or [])
    m_rep = Counter(tuple(r) for r in got.get("repairs") or [])
    s.repairs_gold, s.repairs_made = sum(g_rep.values()), sum(m_rep.values())
    s.repairs_found = sum((g_rep & m_rep).values())
    g_top = {(i, x) for i, t in enumerate(gold_turns) for x in t.get("topics", [])}
    m_top = {(i, x) for i, t in enumerate(got_turns) for x in t.get("topics", [])}
    s.topics_gold, s.topics_made, s.topics_found = len(g_top), len(m_top), len(g_top & m_top)
    return s


def _norm(value):
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


_SPACE = re.compile(r"\s+")


def boundary_errors(gold: str, got: str) -> tuple[int, int, int, int]:
    """(missing spaces, extra spaces, characters lost, characters invented).

    The non-space characters are aligned; a boundary error is a position
    between two aligned characters where one side has whitespace and the
    other does not.
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
    return f"{100 * ok / total:5.1f}%" if total else "    – "


def format_report(report: Report) -> str:
    head = (f"{'file':38} {'meta':>6} {'turns':>6} {'paras':>6} {'wb/1k':>6} "
            f"{'miss':>4} {'extra':>5} {'lost':>4} {'inv':>4} {'chrome':>6} "
            f"{'rep P':>6} {'rep R':>6} {'topics':>6}")
    lines = [head, "-" * len(head)]
    for f in report.files + [report.total()]:
        if f.error and f.name != "TOTAL":
            lines.append(f"{f.name[:38]:38} FAILED: {f.error}")
            continue
        wb = (f.missing_spaces + f.extra_spaces) * 1000 / f.words if f.words else 0.0
        topic_f1 = (2 * f.topics_found / (f.topics_gold + f.topics_made)
                    if f.topics_gold + f.topics_made else 1.0)
        lines.append(
            f"{f.name[:38]:38} {_pct(f.meta_ok, f.meta_total)} {_pct(f.turns_ok, f.turns_total)}"
            f" {_pct(f.paras_ok, f.paras_total)} {wb:6.2f} {f.missing_spaces:4d} "
            f"{f.extra_spaces:5d} {f.chars_lost:4d} {f.chars_invented:4d} {f.chrome_leaks:6d} "
            f"{_pct(f.repairs_found, f.repairs_made)} {_pct(f.repairs_found, f.repairs_gold)} "
            f"{100 * topic_f1:5.1f}%"
            + (f"  (metadata wrong: {', '.join(f.meta_wrong)})" if f.meta_wrong else ""))
    total = report.total()
    if total.error:
        lines.append(total.error)
    lines.append("meta/turns/paras: share correct; wb/1k: word-boundary errors per 1000 gold "
                 "words; lost/inv: characters lost or invented; chrome: gold chrome lines "
                 "found in paragraphs; rep P/R: repair precision/recall; topics: F1")
    return "\n".join(lines)
