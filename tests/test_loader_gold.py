"""The seed transcripts against their hand-made gold records (tests/fixtures/seed/)."""
from __future__ import annotations

import re

from pathlib import Path

import pytest
import yaml

import seed
from scogen.config import load_speakers, load_topics
from scogen.loader import load_interview
from scogen.model import interview_to_dict

ROOT = Path(__file__).resolve().parents[1]
GOLD = seed.gold_files()
META = ("title", "date", "publisher", "interviewer", "interviewees", "lead", "chrome")


def _record(gold_path: Path) -> tuple[dict, dict]:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    raw = seed.TRANSCRIPTS_DIR / gold["source"]
    got = interview_to_dict(load_interview(
        raw, topics=load_topics(ROOT / "content" / "topics.yaml"),
        speakers=load_speakers(ROOT / "content" / "speakers.yaml")))
    return gold, got


@pytest.fixture(scope="module", params=GOLD, ids=lambda p: p.stem)
def pair(request):
    return _record(request.param)


def test_every_seed_transcript_has_gold():
    assert sorted(yaml.safe_load(p.read_text("utf-8"))["source"] for p in GOLD) == \
        [p.name for p in seed.transcripts()]


def test_shipped_content_is_the_seed_transcripts():
    """content/ ships the seeds byte for byte (under readable names), so the gold
    records also describe what the shipped site shows."""
    shipped = sorted(p.read_bytes() for p in (ROOT / "content" / "transcripts").glob("*.txt"))
    assert shipped == sorted(p.read_bytes() for p in seed.transcripts())


@pytest.mark.parametrize("field", META)
def test_metadata(pair, field):
    gold, got = pair
    assert got[field] == gold[field]


def test_source_is_file_name(pair):
    gold, got = pair
    assert got["source"] == gold["source"]


def test_turn_sequence(pair):
    gold, got = pair
    shape = lambda t: (t["kind"], t["number"], t["label"], t["speaker"])  # noqa: E731
    assert [shape(t) for t in got["turns"]] == [shape(t) for t in gold["turns"]]


def test_paragraphs_exact(pair):
    gold, got = pair
    assert [t["paragraphs"] for t in got["turns"]] == [t["paragraphs"] for t in gold["turns"]]


def test_repairs_exact(pair):
    gold, got = pair
    assert [tuple(r) for r in got["repairs"]] == [tuple(r) for r in gold["repairs"]]


def test_only_honest_warnings_on_clean_layouts(pair):
    """The seeds' layouts are read without doubt; what remains flagged is a close call
    of the word model that is still one of the gold's repairs, or a speaker taken from
    the title, lead or byline for turns that carry no name of their own (a guess the
    loader must show), naming exactly the speaker the gold gives those turns."""
    gold, got = pair
    doubts = [w for w in got["warnings"] if w.endswith("[loader.low_confidence_repair]")]
    inferred = [w for w in got["warnings"] if w.endswith("[loader.speaker_inferred]")]
    assert sorted(doubts + inferred) == sorted(got["warnings"])
    assert len(doubts) <= 3
    raws = [r for r, _clean in gold["repairs"]]
    assert all(any(f"“{raw}”" in w for raw in raws) for w in doubts)
    speakers = {t["speaker"] for t in gold["turns"]}
    for w in inferred:
        named = re.search(r"attributed to '([^']+)'", w)
        assert named and named.group(1) in speakers, w


def test_topic_agreement(pair):
    """Topics come from keyword rules, so they are scored, not required exact:
    at least 80% of the gold's (turn, topic) pairs are found, with precision
    of at least 80%."""
    gold, got = pair
    want = {(i, s) for i, t in enumerate(gold["turns"]) for s in t["topics"]}
    have = {(i, s) for i, t in enumerate(got["turns"]) for s in t["topics"]}
    assert len(want & have) >= 0.8 * len(want)
    assert len(want & have) >= 0.8 * len(have)
