"""Property-based tests of the loader (Hypothesis)."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scogen.errors import ScogenError
from scogen.loader import default_lexicon, interview_from_text
from scogen.loader.repairs import clean

LEX = default_lexicon()
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

words = st.sampled_from(["the", "SCO", "security", "Kyrgyzstan", "Member-States", "In",
                         "2006", "66th", "a", "cooperation", "nations", "together",
                         "Question:", "Answer:", "Reporter:", "1.", "“Code", "”,", "?",
                         "(TASS)", "—", "www.sco.org", "\u00a0", ",", ".", "Xi", "Jinping"])
glue = st.sampled_from([" ", "", "  ", "\u00a0", "\n", "\n\n", " ,", ". "])
scraped = st.lists(st.tuples(words, glue), max_size=60).map(
    lambda pairs: "".join(w + g for w, g in pairs))
any_text = st.one_of(scraped, st.text(max_size=400))


@SETTINGS
@given(any_text)
@example("0 0 0 0 0 \U0001D400")  # letters of no script the language reader tells
def test_arbitrary_text_never_crashes(text):
    try:
        iv = interview_from_text(text, "fuzz.txt", LEX)
    except ScogenError:
        return
    for turn in iv.turns:
        assert turn.kind in ("question", "answer", "remark")
        assert all(p.strip() == p and p for p in turn.paragraphs)


@SETTINGS
@given(scraped)
def test_cleaning_keeps_every_non_space_character_in_order(text):
    for para in text.split("\n"):
        out, _ = clean(para, 1, LEX)
        assert re.sub(r"\s", "", out) == re.sub(r"\s", "", para)


@SETTINGS
@given(scraped)
@example("66ththethe ")  # an ordinal split off exposes a new run: read at once, not on a second pass
@example("XinationsKyrgyzstan ")  # a piece cut off at a capital is a run of its own
@example("the 21st century")
def test_cleaning_is_idempotent(text):
    for para in text.split("\n"):
        once, _ = clean(para, 1, LEX)
        twice, repairs = clean(once, 1, LEX)
        assert twice == once
        assert repairs == []


@SETTINGS
@given(scraped)
def test_every_change_is_recorded(text):
    for para in text.split("\n"):
        out, repairs = clean(para, 1, LEX)
        raw = para.strip()
        rebuilt, last = [], 0
        for r in repairs:  # apply each repair at its recorded offset, in order
            assert raw[r.offset:r.offset + len(r.raw)] == r.raw
            assert r.offset >= last
            rebuilt += [raw[last:r.offset], r.clean]
            last = r.offset + len(r.raw)
        rebuilt.append(raw[last:])
        assert "".join(rebuilt) == out


@pytest.mark.parametrize("text", ["", "   \n\n ", "\x00\x01", "Q:", "1.", "—", "?" * 50])
def test_degenerate_inputs(text):
    iv = interview_from_text(text, "x.txt", LEX)
    assert isinstance(iv.turns, tuple)
