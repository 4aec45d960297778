"""Our own fixtures, one per common published layout, against expected records.

The expected records in fixtures/layouts/gold/ were generated once and then
reviewed line by line; a change to the loader that alters any of them must
be a deliberate, reviewed change to the expected file.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scogen.config import load_topics
from scogen.evaluate import evaluate
from scogen.loader import load_interview
from scogen.model import interview_to_dict

HERE = Path(__file__).parent / "fixtures" / "layouts"
ROOT = Path(__file__).resolve().parents[1]
TOPICS = load_topics(ROOT / "content" / "topics.yaml")
# the first fixtures count their warnings exactly; test_layout_shapes.py reads the rest
CASES = sorted(p for p in (HERE / "gold").glob("*.yaml")
               if "warnings_count" in yaml.safe_load(p.read_text("utf-8")))


def _load(path: Path) -> dict:
    return interview_to_dict(load_interview(path, topics=TOPICS))


@pytest.mark.parametrize("gold_path", CASES, ids=lambda p: p.stem)
def test_layout_record(gold_path):
    gold = yaml.safe_load(gold_path.read_text("utf-8"))
    got = _load(HERE / gold["source"])
    warnings = got.pop("warnings")
    assert len(warnings) == gold.pop("warnings_count")
    for key in gold:
        assert got[key] == gold[key], key


def test_every_layout_of_the_issue_is_covered():
    names = {p.stem for p in CASES}
    assert {"name-labels-surname", "q-a-short-wrapped-lead", "bare-numbered-questions",
            "outlet-in-parens", "press-conference", "dash-turns", "hard-wrapped",
            "narrative-no-qa", "two-interviewees", "saved-page", "q-colon-numbered-dates",
            "question-answer-damaged"} <= names


def test_narrative_has_no_questions_and_warns():
    got = _load(HERE / "narrative-no-qa.txt")
    assert got["turns"] and {t["kind"] for t in got["turns"]} == {"remark"}
    assert any("no question/answer turns" in w for w in got["warnings"])


def test_warnings_carry_the_source_line():
    got = _load(HERE / "dash-turns.txt")
    assert got["warnings"] and all(w.startswith("dash-turns.txt:") for w in got["warnings"])


def test_html_chrome_is_dropped():
    got = _load(HERE / "saved-page.html")
    text = " ".join(p for t in got["turns"] for p in t["paragraphs"])
    assert "cookies" not in text and "tracking" not in text and "rights reserved" not in text
    assert "We use cookies." in got["chrome"]


def test_eval_runs_on_the_fixtures():
    report = evaluate(HERE / "gold", HERE, load=lambda p: load_interview(p, topics=TOPICS))
    total = report.total()
    assert total.error is None
    assert total.meta_ok == total.meta_total
    assert total.turns_ok == total.turns_total
    assert total.paras_ok == total.paras_total
    assert total.missing_spaces == total.extra_spaces == 0
    assert total.chars_lost == total.chars_invented == total.chrome_leaks == 0


LEADS = [  # lead -> (interviewees, publisher, interviewer)
    ("SCO Secretary-General Zhang Ming gave an interview to Xinhua.",
     [("Zhang Ming", "SCO Secretary-General")], "Xinhua", None),
    ("In an interview with TASS, Foreign Minister John Smith spoke about security.",
     [("John Smith", "Foreign Minister")], "TASS", None),
    ("RIA Novosti correspondent Ivan Orlov spoke with SCO Deputy Secretary-General Li Na.",
     [("Li Na", "SCO Deputy Secretary-General")], "RIA Novosti", "Ivan Orlov"),
    ("Last Friday John Smith spoke to the press.", [], None, None),  # a date, not a title
]


@pytest.mark.parametrize("lead,people,publisher,interviewer", LEADS, ids=lambda x: str(x)[:30])
def test_people_from_the_lead(tmp_path, lead, people, publisher, interviewer):
    path = tmp_path / "lead.txt"
    path.write_text(f"Talks on security\n\nMay 22, 2007\n\n{lead}\n\n"
                    "Question: What comes first?\n\nAnswer: Security comes first.\n", "utf-8")
    got = _load(path)
    assert [(p["name"], p["role"]) for p in got["interviewees"]] == people
    assert (got["publisher"], got["interviewer"]) == (publisher, interviewer)
