"""Issue 14, item 4 'Rendering and exports profiled': what a page shows of every
turn is made from what is computed once per interview (cite.Citer), and gives
the same text as computing it for each turn alone."""
from __future__ import annotations

import json

from scogen.cite import Citer, _csl, _medium, cite, name_of, question_numbers, turn_label
from scogen.model import Interview, Person, Speaker, Turn

URL = "https://ex.org/interviews/x/#t"


def _iv(title="Talks", language="en", publisher="Xinhua", speakers=("Zhang Ming", "Li Wei")):
    turns = []
    for i in range(1, 9):
        kind = "question" if i % 3 == 1 else "answer" if i % 3 == 2 else "remark"
        who = publisher if kind == "question" else speakers[i % len(speakers)]
        turns.append(Turn(kind, None, None, who, (f"Turn {i}.",), (), i, i))
    return Interview("x.txt", title, "2023-01-17", publisher, "Li Yuheng",
                     tuple(Person(s) for s in speakers), None, tuple(turns),
                     language=language, source_url="https://orig.example/a")


def _whole_csl(iv, turn, url, title, people):
    """The CSL-JSON of one turn serialised whole, as cite() did before Citer."""
    lang = "en" if iv.language == "en" else iv.language
    speaker = turn.speaker or iv.publisher or "Unknown"
    author = name_of(speaker, iv, people)
    interviewer = name_of(iv.interviewer, iv, people)
    label = turn_label(turn.kind, question_numbers(iv)[turn.index - 1], lang)
    key = json.loads(cite(iv, turn, url, title, people).csl_json)[0]["id"]
    return json.dumps(_csl(iv, _medium(label, lang), key, author, interviewer, iv.publisher,
                           url, title, lang, None), ensure_ascii=False, indent=2)


PEOPLE = {"Li Wei": Speaker("Li Wei", "li-wei", kind="person"),
          "Xinhua": Speaker("Xinhua", "xinhua", kind="organisation")}


def test_one_citer_gives_every_turn_what_cite_gives_it_alone():
    for language in ("en", "ru", "zh"):
        iv = _iv(language=language)
        citer = Citer(iv, "Archive", PEOPLE)
        for turn in iv.turns:
            url = f"{URL}{turn.index}"
            assert citer.turn(turn, url) == cite(iv, turn, url, "Archive", PEOPLE)
            assert citer.turn(turn, url).csl_json == _whole_csl(iv, turn, url, "Archive",
                                                                PEOPLE)


def test_a_record_holding_the_frames_markers_is_serialised_whole():
    """The CSL-JSON frame puts a turn's values in place of markers; a record whose own
    text holds a marker (quoted or not) must not have it replaced."""
    for title in ('"\ue000key\ue001"', "\ue000url\ue001", 'a "\ue000medium\ue001" b'):
        iv = _iv(title=title)
        citer = Citer(iv, "Archive", PEOPLE)
        for turn in iv.turns:
            url = f"{URL}{turn.index}"
            text = citer.turn(turn, url).csl_json
            assert text == _whole_csl(iv, turn, url, "Archive", PEOPLE)
            assert json.loads(text)[0]["title"] == title
    odd_url = 'x"\ue000key\ue001"'
    iv = _iv()
    assert json.loads(Citer(iv, "Archive").turn(iv.turns[1], odd_url).csl_json)[0]["URL"] \
        == odd_url


# --- publication writes: each folder checked once, never a write through a link --------

def _publication(tmp_path):
    from scogen.output import Publication
    pub = Publication(out=tmp_path / "site", previous={})
    pub.begin()
    return pub


def test_a_write_refuses_a_folder_that_links_out_of_the_staging_folder(tmp_path):
    import pytest

    from scogen.errors import BuildError
    pub = _publication(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (pub.staging / "a").symlink_to(outside, target_is_directory=True)
    for path in ("a/index.html", "a/b/index.html"):
        with pytest.raises(BuildError) as err:
            pub.write(path, "x", "k")
        assert err.value.code == "urls.escape"
    for bad in ("../x.html", "/x.html", "b/../../x.html", "b//x.html"):
        with pytest.raises(BuildError):
            pub.write(bad, "x", "k")
    assert list(outside.iterdir()) == []
    (pub.staging / "in").mkdir()
    (pub.staging / "c").symlink_to(pub.staging / "in", target_is_directory=True)
    pub.write("c/index.html", "inside", "k")  # a link that stays inside is followed
    assert (pub.staging / "in/index.html").read_text() == "inside"
    pub.abort()


def test_a_write_replaces_a_link_at_the_files_name_instead_of_writing_through_it(tmp_path):
    pub = _publication(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (pub.staging / "d").mkdir()
    (pub.staging / "d/index.html").symlink_to(victim)
    pub.write("d/index.html", "new", "k")
    assert victim.read_text() == "keep"
    assert not (pub.staging / "d/index.html").is_symlink()
    assert (pub.staging / "d/index.html").read_text() == "new"
    pub.abort()


# --- page keys: a frozen object's walk kept for the next page, and only then ----------

def test_a_kept_walk_gives_the_identity_a_fresh_walk_gives():
    from scogen.depends import Memo, identity
    from scogen.site import Entry
    iv = _iv()
    ident = {"x.txt": "abc"}.get
    entries = [Entry(iv, i, "x", t.kind, t.speaker, t.topics, t.index)
               for i, t in enumerate(iv.turns)]
    topic = __import__("scogen.model", fromlist=["Topic"]).Topic("t", "T", names=(("ru", "Т"),))
    context = {"entries": entries, "pairs": [(entries[0], entries[1])], "topic": topic,
               "speaker": PEOPLE["Li Wei"], "n": 3}
    memo = Memo()
    fresh = identity(context, lambda r: ident(r.source))
    assert identity(context, lambda r: ident(r.source), memo) == fresh
    assert identity(context, lambda r: ident(r.source), memo) == fresh  # from the memo


def test_a_frozen_object_holding_something_that_can_change_is_walked_each_time():
    from dataclasses import dataclass

    from scogen.depends import Memo, identity

    @dataclass(frozen=True)
    class Holder:
        items: list

    h = Holder([1, 2])
    memo = Memo()
    before = identity({"h": h}, str, memo)
    h.items.append(3)
    assert identity({"h": h}, str, memo) != before
    assert identity({"h": h}, str, memo) == identity({"h": h}, str)


def test_an_excerpt_of_a_head_is_the_excerpt_of_the_whole_text():
    import random

    from scogen.render import excerpt

    def whole(text, limit=280):  # the excerpt as it was made from the whole text
        text = " ".join(text.split())
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0] + " …"

    rng = random.Random(14)
    pieces = ["word", "longerword", " ", "  ", "\n\n", "\t", "\u00a0", "中文", "x" * 300, " " * 700]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 400)))
        for limit in (1, 70, 280, 320, 600):
            assert excerpt(text, limit) == whole(text, limit)
