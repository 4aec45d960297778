"""The cleaning registry: cases as data, spans, and its invariants."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from scogen.loader import default_lexicon
from scogen.loader.repairs import FIXERS, clean, clean_by_paragraph

CASES = json.loads((Path(__file__).parent / "cases" / "repairs.json").read_text("utf-8"))
NO_WORD_MODEL = tuple(f for f in FIXERS if not f[0].startswith("restore_lost_spaces"))


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


# --- clean's per-token path gives exactly what running each fixer over the paragraph gives

def _paragraphs():
    root = Path(__file__).resolve().parents[1]
    for path in [*sorted((root / "content" / "transcripts").glob("*.txt")),
                 *sorted((root / "tests" / "fixtures" / "layouts").glob("*.txt"))]:
        yield from (p for p in path.read_text("utf-8").split("\n") if p.strip())


def test_per_token_path_equals_whole_text_path(lexicon):
    texts = [raw for raw, _w, _s in CASES["fix"]] + CASES["keep"] + list(_paragraphs())
    assert len(texts) > 200
    for text in texts:
        assert clean(text, 3, lexicon) == clean_by_paragraph(text, 3, lexicon), text


_PIECES = ["the", "SCO", "nations", "together", "In", "2006", "a", "66th", "session", ",", ".",
           ";", ":", "?", "!", "(", ")", "“", "”", "’s", "'", "-", "Member-States", "Kyrgyzstan",
           "XiJinping", "www.sco.int", "5,000", "P.R.C.", "e.g.", "Plans", "I", "22/", "05/",
           "2007", "don’t", "of", "an", "no", "  ", "\u00a0", "\t", "support", "protracted", "exercises"]


@settings(max_examples=300, deadline=None)
@example([("of", ""), (".", ""), ("Plans", "")])  # punctuation at the paragraph's edges
@example([("2006", ""), (",", ""), ("a", "")])
@example([("XiJinping", ""), ("session", "")])  # a piece cut off is cut again: both paths
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["", " ", " ", "  "])),
                min_size=1, max_size=14))
def test_per_token_path_equals_whole_text_path_on_random_text(pieces):
    lexicon = _shared_lexicon()
    text = "".join(piece + gap for piece, gap in pieces)
    assert clean(text, 1, lexicon) == clean_by_paragraph(text, 1, lexicon)


_LEXICON = []


def _shared_lexicon():
    if not _LEXICON:
        _LEXICON.append(default_lexicon())
    return _LEXICON[0]


def test_per_token_path_with_paragraph_wide_changes(lexicon):
    # a double space or a stray space next to, inside or away from a glued token
    for text in ["of  nationstogether and the SCOmilitary", "the nationstogether ,and  SCOmilitary",
                 "In2006a  the  support,protracted ties", "Kyrgyzstan ( SCO)is  ready.Plans",
                 "in 22/ 05/ 2007 the exercises.Plans", "an\u00a0Member-States’envoys  came"]:
        got = clean(text, 2, lexicon)
        assert got == clean_by_paragraph(text, 2, lexicon)
        assert got[1], text  # each has repairs
