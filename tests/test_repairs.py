"""The cleaning registry: cases as data, spans, and its invariants."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scogen.loader import default_lexicon
from scogen.loader.repairs import FIXERS, clean

CASES = json.loads((Path(__file__).parent / "cases" / "repairs.json").read_text("utf-8"))
NO_WORD_MODEL = tuple(f for f in FIXERS if f[0] != "restore_lost_spaces")


@pytest.fixture(scope="module")
def lexicon():
    return default_lexicon()


@pytest.mark.parametrize("raw,want,spans", CASES["fix"], ids=lambda x: str(x)[:30])
def test_fix(lexicon, raw, want, spans):
    text, repairs = clean(raw, 7, lexicon, NO_WORD_MODEL)
    assert text == want
    assert [r.raw for r in repairs] == spans
    assert all(r.line == 7 and r.rule for r in repairs)
    # the clean side of each repair is exactly the raw side as it now reads
    for r in repairs:
        assert r.clean in text and r.raw in raw


@pytest.mark.parametrize("raw", CASES["keep"], ids=lambda x: x[:30])
def test_keep(lexicon, raw):
    text, repairs = clean(raw, 1, lexicon)
    assert text == raw
    assert repairs == []


def test_fixers_never_touch_non_space_characters(lexicon):
    for raw, _want, _spans in CASES["fix"]:
        text, _ = clean(raw, 1, lexicon)
        assert re.sub(r"\s", "", text) == re.sub(r"\s", "", raw)


def test_cleaning_is_idempotent(lexicon):
    for raw, _want, _spans in CASES["fix"]:
        once, _ = clean(raw, 1, lexicon)
        twice, again = clean(once, 1, lexicon)
        assert twice == once and again == []


def test_rule_names_the_fixer(lexicon):
    _, repairs = clean("In2006a the support,protracted", 1, lexicon, NO_WORD_MODEL)
    assert [r.rule for r in repairs] == ["split_words_from_numbers", "space_after_punctuation"]


def test_registry_order_and_names():
    names = [name for name, _ in FIXERS]
    assert names[0] == "normalise_whitespace"
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z_]+", n) for n in names)
