"""The evaluator itself, on hand-made records."""
from __future__ import annotations

from scogen.evaluate import Report, boundary_errors, format_report, score

GOLD = {"source": "x.txt", "title": "T", "date": "2020-01-01", "publisher": "P",
        "interviewer": None, "interviewees": [{"name": "A B", "role": None}], "lead": None,
        "chrome": ["Related Articles"],
        "turns": [{"kind": "question", "speaker": "P", "paragraphs": ["Why so?"],
                   "topics": ["a"]},
                  {"kind": "answer", "speaker": "A B", "paragraphs": ["Because it is."],
                   "topics": ["a"]}],
        "repairs": [["so ?", "so?"]]}


def _copy(**changes):
    import copy
    got = copy.deepcopy(GOLD)
    got.update(changes)
    return got


def test_perfect_match():
    s = score("x", GOLD, _copy())
    assert s.meta_ok == s.meta_total == 6
    assert s.turns_ok == s.turns_total == 2
    assert s.paras_ok == s.paras_total == 2
    assert (s.missing_spaces, s.extra_spaces, s.chars_lost, s.chars_invented) == (0, 0, 0, 0)
    assert s.repairs_found == s.repairs_gold == 1 and s.chrome_leaks == 0


def test_missing_space_and_invented_character():
    assert boundary_errors("Because it is.", "Becauseit is.") == (1, 0, 0, 0)
    assert boundary_errors("Because it is.", "Because i t is.") == (0, 1, 0, 0)
    assert boundary_errors("Because it is.", "Because it is!.") == (0, 0, 0, 1)
    assert boundary_errors("Because it is.", "Because t is.") == (0, 0, 1, 0)


def test_wrong_speaker_and_chrome_leak():
    turns = [dict(GOLD["turns"][0]), dict(GOLD["turns"][1], speaker="Someone",
                                          paragraphs=["Because it is.", "Related Articles"])]
    s = score("x", GOLD, _copy(turns=turns, title="Wrong"))
    assert s.turns_ok == 1 and s.meta_ok == 5 and s.meta_wrong == ["title"]
    assert s.chrome_leaks == 1 and s.paras_ok == 2 and s.paras_total == 2


def test_report_formats_totals():
    text = format_report(Report([score("x", GOLD, _copy()), score("y", GOLD, _copy())]))
    assert "TOTAL" in text and "100.0%" in text
