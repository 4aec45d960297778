"""How the loader reads a whole page: guesses it must show, entities it must not
invent, and the front-matter escape hatch, end to end. Pages are written here in our
own words; each test states what an editor would read from them."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scogen.cli import main
from scogen.errors import InputError
from scogen.loader import load_interview
from scogen.model import interview_to_dict

ROOT = Path(__file__).resolve().parents[1]


def _page(tmp_path: Path, text: str, name: str = "page.txt") -> dict:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return interview_to_dict(load_interview(path))


def _codes(record: dict) -> list[str]:
    return [w.rsplit("[", 1)[1].rstrip("]") for w in record["warnings"]]


# --- speakers who speak once, and guesses made visible -------------------------------

PRESS = """
    Ministry of Foreign Affairs of the Republic of Arandia
    Home | Press | Briefings

    Briefing by the Spokesperson on 3 March 2024

    3 March 2024

    Spokesperson Teodor Valk: Good afternoon. I am ready for your questions.

    Mira Sandoval (Harbour Times): Will the minister attend the SCO meeting in May?

    Teodor Valk: Yes, he will lead the delegation.

    Kofi Mensah, Coastal Radio: What will the delegation propose on transport?

    Teodor Valk: A new corridor through the mountains, with a customs office at each end.

    Teodor Valk: Thank you, that is all for today.

    © Ministry of Foreign Affairs of the Republic of Arandia
"""


def test_a_journalist_who_asks_once_starts_a_question(tmp_path):
    got = _page(tmp_path, PRESS)
    assert [(t["kind"], t["speaker"]) for t in got["turns"]] == [
        ("remark", "Teodor Valk"), ("question", "Mira Sandoval"), ("answer", "Teodor Valk"),
        ("question", "Kofi Mensah"), ("answer", "Teodor Valk"), ("remark", "Teodor Valk")]
    assert got["interviewees"][0]["name"] == "Teodor Valk"
    assert got["publisher"] == "Ministry of Foreign Affairs of the Republic of Arandia"
    # each one-off label is a guess from the page's shape, and says so with its line
    one_off = [w for w in got["warnings"] if "[loader.one_off_label]" in w]
    assert len(one_off) == 2 and all(w.startswith("page.txt:") for w in one_off)


def test_an_unmarked_question_between_two_answers_is_a_question(tmp_path):
    got = _page(tmp_path, """
        Talks on trade

        12 May 2023

        Question: How is trade developing?

        Answer: It grows every year.

        The new bridge opened in April.

        And what about the railway?

        Answer: The railway is next; the survey is finished.
    """)
    kinds = [t["kind"] for t in got["turns"]]
    assert kinds == ["question", "answer", "question", "answer"]
    assert got["turns"][2]["paragraphs"] == ["And what about the railway?"]
    assert "loader.unmarked_question" in _codes(got)


def test_a_rhetorical_question_inside_an_answer_stays_in_it(tmp_path):
    got = _page(tmp_path, """
        Talks on water

        12 May 2023

        Question: Why does water matter?

        Answer: Why does it matter? Because the glaciers are melting, and every valley depends on them.
    """)
    assert [t["kind"] for t in got["turns"]] == ["question", "answer"]


def test_speakers_from_the_lead_and_numeric_date_order_are_flagged(tmp_path):
    got = _page(tmp_path, """
        Envoy on the summit

        Posted 04/05/2023 | updated 04/21/2023

        Ambassador Lena Kordic gave an interview to the Daily Meridian.

        Q: What do you expect?

        A: A useful summit.
    """)
    assert got["date"] == "2023-04-05"  # month first: 04/21 can only be read so
    assert [t["speaker"] for t in got["turns"]] == ["Daily Meridian", "Lena Kordic"]
    codes = _codes(got)
    assert codes.count("loader.speaker_inferred") == 2
    assert "loader.date_order" in codes


def test_prose_dropped_above_the_title_is_a_warning(tmp_path):
    got = _page(tmp_path, """
        This page was restored from an archive copy and some images may be missing today.

        News | World

        Minister Ora Lind on the SCO: an interview

        5 June 2022

        Question: What is new?

        Ora Lind: The budget.

        Question: And next year?

        Ora Lind: More of the same.
    """)
    assert got["title"] == "Minister Ora Lind on the SCO: an interview"
    assert "loader.dropped_prose" in _codes(got)


# --- entities: organisations and places are never people ------------------------------

def test_organisations_and_places_are_not_people(tmp_path):
    got = _page(tmp_path, """
        Embassy of Arandia in Beltrania
        Home | News

        Interview of Ambassador of Arandia to Beltrania Piet Moreau with the news agency Nova Press

        17 January 2023

        Question: How do you see the Shanghai Cooperation Organization today?

        P. Moreau: As a forum where neighbours meet.

        Question: And the economy?

        P. Moreau: Trade doubled in five years.
    """)
    people = [p["name"] for p in got["interviewees"]]
    assert people == ["Piet Moreau"]
    assert got["interviewees"][0]["role"] == "Ambassador of Arandia to Beltrania"
    assert got["publisher"] == "Embassy of Arandia in Beltrania"
    assert {t["speaker"] for t in got["turns"]} == {"Nova Press", "Piet Moreau"}


def test_a_name_headline_is_the_title_not_an_answer(tmp_path):
    got = _page(tmp_path, """
        Daily Meridian

        Lena Kordic: We will build the corridor together

        Lena Kordic: We will build the corridor together

        2 February 2024

        Daily Meridian: When does construction start?

        Lena Kordic: Next spring, if the financing is approved.

        Daily Meridian: Who pays?

        Lena Kordic: Three governments and a development bank.
    """)
    assert got["title"] == "Lena Kordic: We will build the corridor together"
    assert [t["kind"] for t in got["turns"]] == ["question", "answer", "question", "answer"]


# --- the escape hatch -----------------------------------------------------------------

OVERRIDDEN = """\
---
title: Corrected title
date: 2020-02-02
publisher: Arandia Press
interviewer: Mira Sandoval
speakers: {Q: Harbour Times}
turns:
  2: {speaker: Teodor Valk, kind: answer}
  3: {kind: remark}
---
Some headline

Q: First question?

Q: This line was mislabelled in the source.

Q: Thank you.
"""


def test_front_matter_overrides_every_field(tmp_path):
    path = tmp_path / "over.txt"
    path.write_text(OVERRIDDEN, "utf-8")
    got = interview_to_dict(load_interview(path))
    assert (got["title"], got["date"], got["publisher"], got["interviewer"]) == (
        "Corrected title", "2020-02-02", "Arandia Press", "Mira Sandoval")
    assert [(t["kind"], t["speaker"]) for t in got["turns"]] == [
        ("question", "Harbour Times"), ("answer", "Teodor Valk"), ("remark", "Harbour Times")]
    assert path.read_text("utf-8") == OVERRIDDEN  # the raw file is never touched


@pytest.mark.parametrize("bad,line,needle", [
    ("date: 2020-13-45", 2, "date"),
    ("title: x\nturns:\n  9: {speaker: X}", 4, "not a turn"),
    ("title: x\nturns:\n  1: {kind: banana}", 4, "kind must be"),
    ("title: x\nturns:\n  1:\n    colour: blue", 5, "cannot override"),
    ("title: x\nspeakers: [a, b]", 3, "speakers"),
    ("title: x\nfavourite: 3", 3, "unknown front-matter key"),
])
def test_an_override_error_names_the_line_of_the_bad_key(tmp_path, bad, line, needle):
    path = tmp_path / "bad.txt"
    path.write_text(f"---\n{bad}\n---\nHeadline\n\nQ: Why?\n\nA: Because.\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_interview(path)
    assert caught.value.line == line and needle in str(caught.value)


# --- the maintainer sees every guess ----------------------------------------------------

def test_inspect_shows_guesses_and_strict_build_fails_on_them(tmp_path, capsys):
    page = tmp_path / "press.txt"
    page.write_text(textwrap.dedent(PRESS).lstrip("\n"), "utf-8")
    assert main(["inspect", str(page)]) == 0
    shown = "".join(capsys.readouterr())
    assert "press.txt:" in shown and "loader.one_off_label" in shown
    content = tmp_path / "content"
    (content / "transcripts").mkdir(parents=True)
    for name in ("site.yaml", "topics.yaml", "speakers.yaml"):
        (content / name).write_bytes((ROOT / "content" / name).read_bytes())
    (content / "transcripts" / "2024-03-03-teodor-valk.txt").write_bytes(page.read_bytes())
    out = tmp_path / "site"
    assert main(["build", "--content", str(content), "--out", str(out), "--no-search",
                 "--quiet", "--strict", "--templates", str(ROOT / "templates")]) != 0
    assert not out.exists()


def test_add_shows_the_maintainer_what_was_guessed(tmp_path, capsys):
    page = tmp_path / "press.txt"
    page.write_text(textwrap.dedent(PRESS).lstrip("\n"), "utf-8")
    content = tmp_path / "content"
    (content / "transcripts").mkdir(parents=True)
    for name in ("site.yaml", "topics.yaml", "speakers.yaml"):
        (content / name).write_bytes((ROOT / "content" / name).read_bytes())
    assert main(["add", str(page), "--content", str(content)]) == 0
    shown = "".join(capsys.readouterr())
    assert "one_off_label" in shown


def test_a_near_miss_label_stays_text_and_is_flagged(tmp_path):
    got = _page(tmp_path, """
        Talks on the summit

        12 May 2023

        Question: Where will the leaders meet?

        Lena Kordic: In the old capital.

        Samarkand: a city that has seen many summits, and will see this one too.

        Question: When?

        Lena Kordic: In September.
    """)
    assert [t["kind"] for t in got["turns"]] == ["question", "answer", "question", "answer"]
    assert got["turns"][1]["paragraphs"][1].startswith("Samarkand: a city")
    assert "loader.near_miss_label" in _codes(got)
