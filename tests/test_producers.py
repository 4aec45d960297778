"""Citations, feeds and exports as text: parsed back, escaped, stable."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from scogen.cite import cite
from scogen.exports import interviews_json, sha256, turns_csv
from scogen.feeds import Entry, atom, robots, sitemap
from scogen.model import Interview, Person, Turn

EVIL = "<script>alert(1)</script> & {x} \"q\""


def _iv(title="Talks on security", speaker="Zhang Ming"):
    turns = (Turn("question", 1, "Q", "Xinhua", ("Why?",), ("afghanistan",), 3, 1),
             Turn("answer", None, "A", speaker, ("Because.", "=SUM(A1)"), (), 5, 2))
    return Interview("x.txt", title, "2023-01-17", "Xinhua", "Li Wei",
                     (Person(speaker, "Secretary-General"),), "Lead.", turns)


def test_citation_formats():
    iv = _iv()
    c = cite(iv, iv.turns[1], "https://ex.org/interviews/x/index.html#t2", "SCO Archive")
    assert "Zhang Ming" in c.plain and "#t2" in c.plain and "2023-01-17" in c.plain
    assert c.bibtex.startswith("@misc{ming2023t2,")
    assert "url = {https://ex.org/interviews/x/index.html\\#t2}" not in c.bibtex
    assert "https://ex.org/interviews/x/index.html#t2" in c.bibtex
    item = json.loads(c.csl_json)[0]
    assert item["type"] == "interview"
    assert item["interviewer"] == [{"family": "Wei", "given": "Li"}]
    assert item["issued"] == {"date-parts": [[2023, 1, 17]]}


def test_bibtex_escapes_specials():
    iv = _iv(title="100% & {braces}")
    assert "100\\% \\& \\{braces\\}" in cite(iv, iv.turns[1], "u", "A").bibtex


def test_atom_parses_and_escapes():
    text = atom(EVIL, "https://ex.org/feed.xml", "https://ex.org/",
                [Entry(EVIL, "https://ex.org/a", "2020-01-02", EVIL, EVIL)], "urn:x")
    root = ET.fromstring(text.encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.find("a:title", ns).text == EVIL
    assert root.find("a:updated", ns).text == "2020-01-02T00:00:00Z"
    assert "<script>" not in text


def test_sitemap_and_robots():
    root = ET.fromstring(sitemap(["https://ex.org/b", "https://ex.org/a"]).encode())
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["https://ex.org/a", "https://ex.org/b"]
    assert "Sitemap: https://ex.org/sitemap.xml" in robots("https://ex.org/")
    assert "Sitemap" not in robots(None)


def test_exports_round_trip_and_neutralise_formulas():
    iv = _iv()
    data = json.loads(interviews_json((iv,)))
    assert data[0]["turns"][1]["paragraphs"] == ["Because.", "=SUM(A1)"]
    text = turns_csv((iv,), lambda i: "x")
    # as spreadsheet programs open it: a UTF-8 byte-order mark, CRLF line ends
    assert text.startswith("\ufeffinterview,") and text.count("\r\n") == 3
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[0] == ["interview", "title", "publisher", "date", "turn", "number", "kind",
                       "speaker", "topics", "url", "text"]
    assert rows[1][:10] == ["x", "Talks on security", "Xinhua", "2023-01-17", "1", "1",
                            "question", "Xinhua", "afghanistan", "interviews/x/#t1"]
    assert rows[2][10] == "Because.\n\n=SUM(A1)"  # not at the cell start: harmless
    assert turns_csv((iv,), lambda i: "x", "https://ex.org/a/").split("\r\n")[1] \
        .split(",")[9] == "https://ex.org/a/interviews/x/#t1"
    evil = _iv(speaker="=HYPERLINK(\"x\")")
    rows = list(csv.reader(io.StringIO(turns_csv((evil,), lambda i: "x"), newline="")))
    assert rows[2][7].startswith("'=")
    assert len(sha256("abc")) == 64


def test_jsonld_is_inert_inside_script():
    from scogen.jsonld import interview_jsonld, script_json
    iv = _iv(title="</script><script>alert(1)</script>")
    data = interview_jsonld(iv, "https://ex.org/i/", {"afghanistan": "Afghanistan"}, "A")
    text = script_json(data)
    assert "</script" not in text.lower() and "<" not in text
    back = json.loads(text)
    assert back["headline"] == iv.title and back["@type"] == "Article"
    assert back["about"] == [{"@type": "Thing", "name": "Afghanistan"}]
    assert back["author"][0] == {"@type": "Person", "name": "Zhang Ming",
                                 "jobTitle": "Secretary-General"}
