"""The lost-space word model: gold repairs, a must-not-split set, held-out damage."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from scogen.loader import default_lexicon
from scogen.loader.repairs import clean
from scogen.loader.segment import segment

SHARED = Path(__file__).resolve().parent / "fixtures" / "seed"  # kept in the repo
GOLD = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((SHARED / "gold").glob("*.yaml"))]
LEX = default_lexicon()
RUN = re.compile(r"[^\W\d_]+")
MUST_KEEP = ["Kyrgyzstan", "Yekaterinburg", "Bishkek", "Jinping", "Mirziyoyev", "Tashkent",
             "Chelyabinsk", "Communique", "NGOs", "ICT", "BRICS", "RIA", "SCO", "WeChat",
             "YouTube", "iPhone", "McDonald", "PetroChina", "Novosti", "Xinhua", "TASS",
             "cyberthreats", "counterterrorist", "maneuvers", "nevertheless", "worldwide",
             "forefront", "cannot", "together", "island", "ahead", "alone", "Samarkand"]


@pytest.mark.parametrize("word", MUST_KEEP)
def test_must_not_split(word):
    assert segment(word, LEX) == (word,)


def test_no_word_of_the_gold_text_is_split():
    words = {w for g in GOLD for t in g["turns"] for p in t["paragraphs"] for w in RUN.findall(p)}
    words |= {w for g in GOLD for w in RUN.findall(g["lead"] or "")}
    split = {w: segment(w, LEX) for w in words if len(segment(w, LEX)) > 1}
    assert split == {}


@pytest.mark.parametrize("raw,want", [(r, w) for g in GOLD for r, w in g["repairs"]],
                         ids=lambda x: x[:25])
def test_every_gold_repair(raw, want):
    assert clean(raw, 1, LEX)[0] == want


def test_join_is_lossless():
    for run in ["draftedaresolution", "StrengtheningInternationalCooperation", "XiJinping",
                "SCOmilitary", "NeverthelessI"]:
        assert "".join(segment(run, LEX)) == run
        assert len(segment(run, LEX)) > 1


def test_held_out_damage_rate():
    """Delete 5% of the spaces between words of clean prose (our own paragraph and
    the gold's clean paragraphs), three seeds, and repair it: word-boundary errors
    (missing + extra spaces) must stay within 0.5 per 1000 words."""
    corpus = [HELD_OUT] + [p for g in GOLD for t in g["turns"] for p in t["paragraphs"]]
    errors = words_total = 0
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        for para in corpus:
            words = para.split(" ")
            damaged = [words[0]]
            for w in words[1:]:
                glue = rng.random() < 0.05 and damaged[-1][-1:].isalpha() and w[:1].isalpha()
                damaged.append(("" if glue else " ") + w)
            repaired, _ = clean("".join(damaged), 1, LEX)
            errors += _boundary_errors(para, repaired)
            words_total += len(words)
    per_1000 = errors * 1000 / words_total
    print(f"held-out: {errors} boundary errors in {words_total} words = {per_1000:.2f}/1000")
    assert per_1000 <= 0.5


def _boundary_errors(truth: str, got: str) -> int:
    """Positions between non-space characters where one side has a space."""
    def marks(s):
        out, n = set(), 0
        for ch in s:
            if ch.isspace():
                out.add(n)
            else:
                n += 1
        return out
    assert re.sub(r"\s", "", truth) == re.sub(r"\s", "", got)
    return len(marks(truth) ^ marks(got))


HELD_OUT = (
    "The foreign ministers of the member states met in the capital on Tuesday to prepare "
    "the summit. They discussed regional security, the fight against drug trafficking and "
    "the development of transport corridors linking the east of the continent with Europe. "
    "Officials said that trade between the neighbouring countries had grown steadily over "
    "the past decade, although the pandemic had slowed several joint projects. The "
    "secretary general told reporters that the organisation would continue to work with "
    "observers and dialogue partners, and that applications for full membership would be "
    "considered carefully. Cultural exchanges, student programmes and cooperation between "
    "universities were also on the agenda, as were questions of energy supply, climate and "
    "water management in the mountain regions. Several delegations raised the situation in "
    "Afghanistan and called for an inclusive government and humanitarian assistance for the "
    "population. The ministers agreed to hold the next round of consultations in the spring "
    "and to report to the heads of state before the summit opens in the summer. Analysts "
    "noted that the meeting was calm and businesslike, and that the final communique was "
    "adopted without objections after a long night of negotiations on its wording."
)
