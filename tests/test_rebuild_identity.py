"""depends.identity: everything a page is given counts, and nothing unknown passes."""
from __future__ import annotations

from dataclasses import replace

import pytest
from markupsafe import Markup

from conftest import make_interview
from scogen.cache import interview_ident
from scogen.depends import Lookups, identity, recording
from scogen.errors import BuildError
from scogen.model import Topic

IV = make_interview("2014-01-01-a.txt", "2014-01-01", "A", "Li Yuheng", "Zhang Ming",
                    [("Why?", "Because.", ("energy",))], publisher="Xinhua")


def key(value) -> str:
    return identity(value, interview_ident)


def test_every_field_of_a_record_counts_even_ones_no_template_shows_yet():
    for field, value in (("publisher", "TASS"), ("interviewer", "Wang Fang"),
                         ("lead", "Other lead"), ("raw_text", "other text")):
        assert key({"newer": IV}) != key({"newer": replace(IV, **{field: value})}), field


def test_values_are_told_apart_by_type_order_and_nesting():
    assert key(("1",)) != key((1,))
    assert key("a") != key(Markup("a"))
    assert key({"a": 1, "b": 2}) != key({"b": 2, "a": 1})  # templates iterate in order
    assert key([("a", "b")]) != key([("a",), ("b",)])
    assert key(["ab", "c"]) != key(["a", "bc"])
    assert key(Topic("energy", "Energy")) != key(Topic("energy", "Energy", "described"))


def test_a_value_without_identity_is_an_error_not_left_out():
    with pytest.raises(BuildError, match="no identity"):
        key({"make": lambda: "text"})
    with pytest.raises(BuildError, match="no identity"):
        key({"thing": object()})


def test_lookups_record_questions_and_answer_them_again():
    linked = {"Zhang Ming"}
    lookups = Lookups(speaker_path=lambda n: f"speakers/{n}/" if n in linked else None)
    ask = lookups.template_function("speaker_path")
    assert ask("Nobody") is None  # outside a render: not recorded
    with recording() as questions:
        ask("Zhang Ming")
        ask("Wang Fang")
    published = lookups.key("page", questions)
    assert lookups.candidates("page", published) == [published]
    linked.add("Wang Fang")  # the answer to a question the page asked changed
    assert lookups.candidates("page", published) != [published]
    assert lookups.candidates("other page", published) != [published]
