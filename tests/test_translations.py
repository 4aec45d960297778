"""Language versions of one interview (issue 13, item 4): grouping declared versions,
declarations that cannot hold, suggested pairs, and the alignment of two versions'
turns. Unit tests of scogen/translations.py, on hand-made records and the i18n
fixtures (a Russian interview and its English version published a day later)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import make_interview
import scogen.translations as tr
from scogen.config import load_speakers, load_topics
from scogen.loader import load_interview
from scogen.translations import (Pair, align, front_matter_line, group_documents,
                                 language_name, original_of, suggest, warnings)

ROOT = Path(__file__).resolve().parents[1]
I18N = Path(__file__).parent / "fixtures" / "i18n"
QA = [("Why?", "Because.", ()), ("And then?", "Then trade.", ()), ("Last?", "Yes.", ())]


def rec(source, date="2024-03-12", language="en", answerer="Zhang Ming", asker="Xinhua",
        exchanges=QA, **fields):
    iv = make_interview(source, date, f"Title of {source}", asker, answerer, exchanges)
    return replace(iv, language=language, **fields)


# --- documents ----------------------------------------------------------------------


def test_translation_of_links_both_ways_and_transitively_original_first():
    ru = rec("a-ru.txt", language="ru")
    en = rec("b-en.txt", "2024-03-13", translation_of="a-ru.txt")
    zh = rec("c-zh.txt", "2024-03-14", language="zh", translation_of="b-en.txt")
    alone = rec("d-en.txt", "2024-03-12")
    docs = group_documents([zh, alone, en, ru])
    assert docs.groups == (("a-ru.txt", "b-en.txt", "c-zh.txt"),)
    assert docs.problems == ()
    versions = docs.versions()
    assert versions["c-zh.txt"] == versions["a-ru.txt"]  # either direction
    assert "d-en.txt" not in versions


def test_a_shared_document_id_joins_versions_and_the_earliest_is_first():
    en = rec("x-en.txt", "2024-05-02", document="sco-17")
    ru = rec("x-ru.txt", "2024-05-01", language="ru", document="sco-17")
    other = rec("z-ru.txt", language="ru", document="sco-18")
    assert group_documents([en, ru, other]).groups == (("x-ru.txt", "x-en.txt"),)
    # with a version translating the English one, that is the original, whatever its date
    zh = rec("y-zh.txt", "2024-05-03", language="zh", translation_of="x-en.txt")
    assert group_documents([en, ru, zh, other]).groups == \
        (("x-en.txt", "x-ru.txt", "y-zh.txt"),)
    assert original_of([en, zh, ru], {"y-zh.txt": "x-en.txt"}) is en


def test_a_translation_of_a_missing_file_is_a_problem_not_a_crash():
    en = rec("b-en.txt", translation_of="a-ru.txt")
    ru = rec("a-ro.txt", language="ru")
    docs = group_documents([en, ru])
    assert docs.groups == ()
    (p,) = docs.problems
    assert (p.source, p.key, p.code) == ("b-en.txt", "translation_of", "translations.unknown")
    assert "a-ru.txt names no transcript" in p.message and "did you mean a-ro.txt" in p.message


def test_a_translation_of_itself_is_a_problem():
    en = rec("b-en.txt", translation_of="b-en.txt")
    (p,) = group_documents([en]).problems
    assert p.code == "translations.self"


def test_a_second_version_in_one_language_is_left_out_with_a_problem():
    ru = rec("a-ru.txt", language="ru")
    en1 = rec("b-en.txt", translation_of="a-ru.txt")
    en2 = rec("c-en.txt", translation_of="a-ru.txt")
    docs = group_documents([ru, en1, en2])
    assert docs.groups == (("a-ru.txt", "b-en.txt"),)
    (p,) = docs.problems
    assert (p.source, p.key, p.code) == ("c-en.txt", "translation_of",
                                         "translations.same_language")
    assert "'en'" in p.message
    # the same through a document id: the later file in name order is left out
    d1, d2 = rec("d-en.txt", document="x"), rec("e-en.txt", document="x")
    (p,) = group_documents([d1, d2]).problems
    assert (p.source, p.key) == ("e-en.txt", "document")


def test_warnings_name_the_file_and_the_front_matter_line():
    raw = "---\ntitle: T\nlanguage: en\ntranslation_of: gone.txt\n---\nQuestion: a?\n"
    en = replace(rec("b-en.txt", translation_of="gone.txt"), raw_text=raw)
    (w,) = warnings([en], lambda r, key: front_matter_line(r.raw_text, key))
    assert w.startswith("content/transcripts/b-en.txt:4: warning: translation_of: gone.txt")
    assert w.endswith("[translations.unknown]")


def test_front_matter_line():
    raw = "---\ntitle: A\n'document': x\ntranslation_of: b.txt\n---\ntranslation_of: c\n"
    assert front_matter_line(raw, "translation_of") == 4
    assert front_matter_line(raw, "document") == 3
    assert front_matter_line(raw, "language") == 0
    assert front_matter_line("translation_of: c\n", "translation_of") == 0


# --- suggestions --------------------------------------------------------------------


def test_an_undeclared_pair_is_suggested_with_the_line_to_add():
    ru = rec("a-ru.txt", "2024-03-12", language="ru")
    en = rec("b-en.txt", "2024-03-14")
    (s,) = suggest([en, ru])
    assert (s.original, s.translation, s.line) == ("a-ru.txt", "b-en.txt",
                                                   "translation_of: a-ru.txt")
    assert "6 turns each" in s.reason
    (w,) = warnings([ru, en], lambda r, key: 0)
    assert w.startswith("content/transcripts/b-en.txt: warning: looks like a version of "
                        "a-ru.txt") and "'translation_of: a-ru.txt'" in w
    assert w.endswith("[translations.suggest]")
    # declared: no suggestion, and none is linked without a declaration
    assert suggest([replace(en, translation_of="a-ru.txt"), ru]) == []
    assert group_documents([en, ru]).groups == ()


@pytest.mark.parametrize("change, why", [
    (dict(date="2024-03-20"), "published too far apart"),
    (dict(language="ru"), "the same language"),
    (dict(answerer="Li Wei"), "someone else answers"),
    (dict(exchanges=QA[:2]), "fewer questions and turns"),
    (dict(date=None), "undated"),
])
def test_no_suggestion_when_something_disagrees(change, why):
    ru = rec("a-ru.txt", "2024-03-12", language="ru")
    en = rec("b-en.txt", **{"date": "2024-03-13", **change})
    assert suggest([ru, en]) == [], why


def test_equal_question_counts_suggest_when_turn_counts_differ():
    ru = rec("a-ru.txt", language="ru")
    en = rec("b-en.txt", "2024-03-13")
    en = replace(en, turns=en.turns + (replace(en.turns[-1], kind="remark", index=7),))
    (s,) = suggest([ru, en])
    assert "3 questions each" in s.reason


def test_no_suggestion_that_would_put_two_versions_in_one_language():
    ru = rec("a-ru.txt", language="ru")
    en = rec("b-en.txt", "2024-03-13", translation_of="a-ru.txt")
    en2 = rec("c-en.txt", "2024-03-13")  # looks like ru's version too, but ru has one
    assert suggest([ru, en, en2]) == []


def _fixture(name):
    speakers = load_speakers(I18N / "speakers.yaml")
    topics = load_topics(ROOT / "content" / "topics.yaml")
    return load_interview(I18N / "transcripts" / name, topics=topics, speakers=speakers)


def test_the_fixture_pair_is_declared_and_would_be_suggested_otherwise():
    ru, en = _fixture("2024-03-12-sokolov-ru.txt"), _fixture("2024-03-13-sokolov-en.txt")
    zh = _fixture("2023-06-20-he-wentao-zh.html")
    docs = group_documents([ru, en, zh])
    assert docs.groups == ((ru.source, en.source),) and docs.problems == ()
    assert suggest([ru, en, zh]) == []
    (s,) = suggest([ru, replace(en, translation_of=None), zh])
    assert (s.original, s.translation) == (ru.source, en.source)
    assert "Andrey Sokolov" in s.reason  # the same person across scripts


# --- alignment ----------------------------------------------------------------------


def outline(spec: str) -> list[tuple]:
    """'Qx Ay' -> question by x, answer by y; R a remark; no letter: no speaker."""
    kinds = {"Q": "question", "A": "answer", "R": "remark"}
    return [(kinds[w[0]], w[1:] or None, (), i) for i, w in enumerate(spec.split(), 1)]


def pairs(a: str, b: str) -> list[tuple]:
    return [(p.a, p.b, p.certain) for p in align(outline(a), outline(b)).pairs]


def test_the_same_kinds_in_the_same_order_pair_one_to_one_certain():
    assert pairs("Qx Ay Qx Ay", "Qx Ay Qx Ay") == [(1, 1, True), (2, 2, True),
                                                  (3, 3, True), (4, 4, True)]
    # speakers are not compared then: the kinds alone say the turns correspond
    assert all(c for *_x, c in pairs("Qx Ay", "Q Az"))


def test_a_shifted_version_aligns_after_the_extra_turn():
    got = pairs("Rz Qx Ay Qx Ay", "Qx Ay Qx Ay")
    assert got == [(1, None, False), (2, 1, False), (3, 2, True), (4, 3, True), (5, 4, True)]


def test_a_merged_turn_leaves_a_gap_and_its_neighbours_uncertain():
    # the second question was folded into the first answer in version b
    got = pairs("Qx Ay Qx Ay Qx Ay", "Qx Ay Ay Qx Ay")
    assert got == [(1, 1, True), (2, 2, False), (3, None, False), (4, 3, False),
                   (5, 4, True), (6, 5, True)]


def test_an_answer_split_in_two_pairs_the_rest_certainly():
    got = pairs("Qx Ay Qx Ay Qx Ay", "Qx Ay Qx Ay Ay Qx Ay")
    # the second answer is two turns in b: either half could be its counterpart
    assert [(a, b) for a, b, _c in got] == [(1, 1), (2, 2), (3, 3), (None, 4), (4, 5),
                                            (5, 6), (6, 7)]
    assert [c for *_x, c in got] == [True, True, False, False, False, False, True]


def test_a_missing_exchange_among_alike_ones_is_uncertain_everywhere():
    # which of three alike exchanges is missing cannot be told from the turns
    got = pairs("Qx Ay Qx Ay Qx Ay", "Qx Ay Qx Ay")
    assert len(got) == 6 and not any(c for *_x, c in got)
    assert sorted(b for _a, b, _c in got if b) == [1, 2, 3, 4]


def test_the_sizes_of_the_texts_place_a_missing_exchange_among_alike_ones():
    # b is a translation running 1.2 times as long, without a's second exchange
    a_sizes = [50, 220, 60, 260, 45, 200, 40, 140]
    b_sizes = [round(1.2 * n) for i, n in enumerate(a_sizes) if i not in (2, 3)]
    got = [(p.a, p.b, p.certain) for p in align(outline("Qx Ay " * 4), outline("Qx Ay " * 3),
                                                a_sizes, b_sizes).pairs]
    assert [(a, b) for a, b, _c in got] == [(1, 1), (2, 2), (3, None), (4, None), (5, 3),
                                            (6, 4), (7, 5), (8, 6)]
    assert [c for *_x, c in got][2:6] == [False] * 4  # the gap and its neighbours
    assert got[-1][2]  # far from the gap, with nothing else as good: certain
    # without sizes, which exchange is missing cannot be told
    assert not any(c for *_x, c in pairs("Qx Ay " * 4, "Qx Ay " * 3))


def test_a_missing_exchange_with_its_own_speakers_is_placed():
    got = pairs("Qx Ay Qw Az Qx Ay", "Qx Ay Qx Ay")
    assert got == [(1, 1, True), (2, 2, False), (3, None, False), (4, None, False),
                   (5, 3, False), (6, 4, True)]


def test_alignment_is_the_same_seen_from_either_side():
    a, b = "Rz Qx Ay Qx Ay Ay", "Qx Ay Qx Ay"
    forward = align(outline(a), outline(b))
    backward = align(outline(b), outline(a))
    assert {(p.a, p.b, p.certain) for p in forward.pairs} == \
        {(p.b, p.a, p.certain) for p in backward.pairs}
    assert forward.swapped().pairs == tuple(Pair(p.b, p.a, p.certain) for p in forward.pairs)
    assert not forward.certain


def test_empty_versions():
    assert pairs("", "") == []
    assert pairs("", "Qx Ay") == [(None, 1, False), (None, 2, False)]


def test_long_versions_align_within_a_band_as_the_whole_table_does(monkeypatch):
    a = " ".join(["Qx Ay"] * 300)
    b = "Rz " + " ".join(["Qx Ay"] * 150 + ["Qx Ay Ay"] + ["Qx Ay"] * 149)
    whole = pairs(a, b)
    monkeypatch.setattr(tr, "FULL_CELLS", 100)
    assert pairs(a, b) == whole
    assert sum(1 for *_x, c in whole if not c) <= 6


def test_language_names_are_written_in_their_own_language():
    assert language_name("ru") == "Русский"
    assert language_name("zh") == "中文"
    assert language_name("en") == "English"
    assert language_name("zh-Hans").startswith("中文")
    assert language_name("qq-zzzz") == "qq-zzzz"
