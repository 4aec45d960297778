"""Topic tagging scans each turn once; it must tag exactly as scanning each
exchange's joined text does (the plain algorithm, kept here as the reference)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scogen.config import load_topics
from scogen.loader import load_interview
from scogen.loader.annotate import _hits, score_topics, tag_topics

ROOT = Path(__file__).resolve().parents[1]
TOPICS = load_topics(ROOT / "content" / "topics.yaml")
PAGES = sorted((Path(__file__).parent / "fixtures" / "layouts").glob("*.txt")) + \
    sorted((Path(__file__).parent / "fixtures" / "seed" / "transcripts").glob("*.txt"))


def reference(turns, topics):
    found = [[] for _ in turns]
    i = 0
    while i < len(turns):
        turn, nxt = turns[i], turns[i + 1] if i + 1 < len(turns) else None
        if turn.kind == "question" and nxt is not None and nxt.kind == "answer":
            end = i + 1
            while end < len(turns) and turns[end].kind == "answer":
                end += 1
            text = "\n\n".join(t.text for t in turns[i:end])
            exchange = score_topics(text, topics)
            own = {slug for _n, _f, slug in _hits(turn.text, topics)}
            for j in range(i + 1, end):
                found[j] = exchange
            found[i] = [s for s in exchange if s in own] or exchange[:1]
            if found[i] == exchange[:1] and exchange:
                strongest = max(_hits(text, topics))[2]
                found[i] = [strongest] if strongest in exchange else exchange[:1]
            i = end
            continue
        found[i] = score_topics(turn.text, topics)
        i += 1
    return [tuple(f) for f in found]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_turn_by_turn_tagging_equals_the_plain_algorithm(page):
    turns = tuple(replace(t, topics=()) for t in load_interview(page).turns)
    assert len(PAGES) > 20 and turns
    assert [t.topics for t in tag_topics(turns, TOPICS)] == reference(turns, TOPICS)


def test_the_comparison_is_not_vacuous():
    tagged = [f for page in PAGES for f in reference(load_interview(page).turns, TOPICS)]
    assert sum(1 for f in tagged if f) > 100 and sum(1 for f in tagged if len(f) > 1) > 10
