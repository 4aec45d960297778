"""Issue 12, 'Citations that paste into a paper' and 'Broken things to fix': what a
researcher copies is complete and right, and the pages that were broken work.
Unit tests of scogen.cite and the built shipped site (browser tests are in
test_browser_cite.py)."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scogen.cite import cite, name_of, question_numbers
from scogen.model import Interview, Person, Speaker, Turn

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
IVANOV = "interviews/2007-05-22-igor-ivanov"
URL = "https://ex.org/interviews/x/#t2"


def _iv(turns=None, interviewer="Li Yuheng", language="en", source_url=None):
    turns = turns or (Turn("question", 1, None, "Xinhua", ("Why?",), (), 3, 1),
                      Turn("answer", None, None, "Zhang Ming", ("Because.",), (), 5, 2))
    return Interview("x.txt", "Talks", "2023-01-17", "Xinhua", interviewer,
                     (Person("Zhang Ming"),), None, turns, language=language,
                     source_url=source_url)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- 8. names right -------------------------------------------------------------------

def test_interviewer_is_no_bibtex_editor_but_a_note_styles_print():
    c = cite(_iv(interviewer="Li Wei"), _iv().turns[1], URL, "Archive")
    assert "editor" not in c.bibtex
    assert "note = {Interviewed by Li Wei. Archived in Archive}" in c.bibtex
    assert json.loads(c.csl_json)[0]["interviewer"] == [{"family": "Wei", "given": "Li"}]


def test_name_order_family_first_from_speakers_yaml():
    li = Speaker("Li Yuheng", "li-yuheng", name_order="family-first")
    iv = _iv()
    asked = cite(iv, Turn("question", 1, None, "Li Yuheng", ("Why?",), (), 3, 1),
                 URL, "Archive", {"Li Yuheng": li})
    assert "author = {{Li Yuheng}}" in asked.bibtex  # braced: no style prints 'Yuheng Li'
    assert json.loads(asked.csl_json)[0]["author"] == \
        [{"family": "Li", "given": "Yuheng", "static-ordering": True}]
    assert json.loads(asked.csl_json)[0]["interviewer"] == \
        [{"family": "Li", "given": "Yuheng", "static-ordering": True}]
    # without the record's word the Latin-script name reads given name first
    assert name_of("Li Yuheng", iv, {}).family == "Yuheng"
    # a Han name is family name first by default, a Hangul one too
    assert name_of("何文涛", iv, {}).family == "何"
    kim = name_of("김정은", iv, {})
    assert (kim.family, kim.given, kim.family_first) == ("김", "정은", True)
    # and a record may say otherwise
    assert not name_of("Wang Yi", iv, {"Wang Yi": Speaker("Wang Yi", "w",
                                                          name_order="given-first")}).han


def test_speakers_yaml_name_order_is_read_and_checked(tmp_path):
    from scogen.config import load_speakers
    from scogen.errors import ScogenError
    path = tmp_path / "speakers.yaml"
    path.write_text("- name: Li Yuheng\n  name_order: family-first\n", encoding="utf-8")
    assert load_speakers(path)[0].name_order == "family-first"
    path.write_text("- name: Li Yuheng\n  name_order: backwards\n", encoding="utf-8")
    with pytest.raises(ScogenError, match="name_order"):
        load_speakers(path)


# --- 9. one numbering -------------------------------------------------------------------

def test_turns_are_numbered_by_the_question_they_are_or_answer():
    turns = (Turn("remark", None, None, "A", ("Hello.",), (), 1, 1),
             Turn("answer", None, None, "B", ("Hi.",), (), 2, 2),
             Turn("question", 7, None, "A", ("Q?",), (), 3, 3),
             Turn("answer", None, None, "B", ("A.",), (), 4, 4),
             Turn("question", None, None, "A", ("Q2?",), (), 5, 5),
             Turn("answer", None, None, "B", ("A2.",), (), 6, 6))
    iv = _iv(turns)
    assert question_numbers(iv) == (None, None, 1, 1, 2, 2)
    c = cite(iv, turns[5], URL, "Archive")
    assert ". Answer to question 2. Archive." in c.plain and "Turn" not in c.plain
    assert "howpublished = {Interview, answer to question 2}" in c.bibtex
    assert json.loads(c.csl_json)[0]["medium"] == "answer to question 2"
    assert ". Answer. Archive." in cite(iv, turns[1], URL, "Archive").plain
    assert ". Question 2. Archive." in cite(iv, turns[4], URL, "Archive").plain
    ru = cite(_iv(turns, language="ru"), turns[3], URL, "Архив")
    assert "ответ на вопрос 1" in ru.bibtex


def test_page_permalink_and_citation_name_a_turn_alike(built_site):
    doc = soup(built_site / IVANOV / "index.html")
    for n, turn in enumerate(doc.select(".transcript .turn"), start=1):
        label = turn.select_one(".turn-kind").get_text()
        assert re.fullmatch(r"Question \d+|Answer to question \d+", label), label
        assert turn.select_one(".permalink").get_text() == f"Permalink: {label}"
        assert f". {label}. " in turn.select_one(".cite-plain").get_text()
        assert f"howpublished = {{Interview, {label[0].lower()}{label[1:]}}}" in \
            turn.select_one(".cite-bibtex").get_text()
    assert doc.select_one("#t4 .turn-kind").get_text() == "Answer to question 2"


# --- 7 and 10. absolute URL, accessed date, source_url, meta tags ---------------------

def test_access_date_is_a_placeholder_the_page_fills_or_the_date_given():
    iv = _iv()
    c = cite(iv, iv.turns[1], URL, "Archive")
    assert c.plain.endswith("Accessed YYYY-MM-DD.")
    assert "urldate = {YYYY-MM-DD}" in c.bibtex
    assert json.loads(c.csl_json)[0]["accessed"] == {"raw": "YYYY-MM-DD"}
    day = cite(iv, iv.turns[1], URL, "Archive", accessed=dt.date(2025, 6, 5))
    assert day.plain.endswith("Accessed 2025-06-05.") and "urldate = {2025-06-05}" in day.bibtex
    assert json.loads(day.csl_json)[0]["accessed"] == {"date-parts": [[2025, 6, 5]]}


def test_citations_mark_the_relative_url_and_dates_for_the_script(built_site):
    doc = soup(built_site / IVANOV / "index.html")
    turn = doc.select_one("#t2")
    for box in turn.select(".cite-plain, .cite-bibtex, .cite-csl"):
        assert box.select_one(".cite-url").get_text() == f"{IVANOV}/index.html#t2"
        assert box.select_one(".cite-accessed").get_text() == "YYYY-MM-DD"
    # without JavaScript the reader is told why the URL is relative
    assert "relative" in turn.select_one(".cite-note").get_text()
    script = doc.find("script", src=True)
    assert script["src"] == "../../static/cite.js" and (built_site / "static/cite.js").is_file()


def test_source_url_is_read_stored_shown_and_exported(tmp_path):
    from scogen.archive import load_archive
    from scogen.build import build
    from scogen.cache.records import flatten, unflatten
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    raw = content / "transcripts" / "2007-05-22-igor-ivanov.txt"
    original = "https://ria.ru/20070522/66158066.html"
    raw.write_text(f"---\nsource_url: {original}\n---\n" + raw.read_text(encoding="utf-8"),
                   encoding="utf-8")
    archive = load_archive(content)
    iv = next(i for i in archive.interviews if i.source == raw.name)
    assert iv.source_url == original and unflatten(flatten(iv)).source_url == original
    out = tmp_path / "site"
    build(archive, ROOT / "templates", out, quiet=True, search=False)
    doc = soup(out / IVANOV / "index.html")
    assert doc.select_one("dl.meta a.source-url")["href"] == original
    assert doc.find("meta", attrs={"name": "DC.source"})["content"] == original
    assert f"Originally published at {original}" in doc.select_one("#t2 .cite-bibtex").get_text()
    assert json.loads(doc.find("script", type="application/ld+json").string)["isBasedOn"] == \
        original
    record = json.loads((out / "data/interviews" / "2007-05-22-igor-ivanov.json").read_text())
    assert record["source_url"] == original
    raw.write_text(raw.read_text(encoding="utf-8").replace(original, "javascript:alert(1)"),
                   encoding="utf-8")
    from scogen.errors import ScogenError
    with pytest.raises(ScogenError, match="source_url"):
        load_archive(content)


def test_interview_pages_carry_highwire_and_dublin_core_meta(built_site):
    doc = soup(built_site / IVANOV / "index.html")
    meta = {m["name"]: m["content"] for m in doc.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"].startswith("Interview: Igor Ivanov")
    assert meta["citation_author"] == "Igor Ivanov"
    assert meta["citation_publication_date"] == "2007/05/22"
    assert meta["citation_publisher"] == "RIA Novosti"
    assert meta["DC.title"] == meta["citation_title"] and meta["DC.date"] == "2007-05-22"
    assert meta["DC.creator"] == "Igor Ivanov" and meta["DC.language"] == "en"


def test_jsonld_types_organisations_as_organization(built_site):
    doc = soup(built_site / IVANOV / "index.html")
    data = json.loads(doc.find("script", type="application/ld+json").string)
    types = {m["name"]: m["@type"] for m in data["mentions"]}
    assert types == {"RIA Novosti": "Organization", "Igor Ivanov": "Person"}
    assert data["publisher"]["@type"] == "Organization"


def test_atom_entry_ids_are_iris_without_base_url(built_site):
    for feed in [built_site / "feed.xml", *built_site.glob("speakers/*/feed.xml")]:
        root = ET.parse(feed).getroot()
        ids = [e.text for e in root.iter(f"{ATOM}id")]
        assert ids and len(set(ids)) == len(ids)
        for i in ids:  # RFC 4151: tag:authority,date:specific
            assert re.fullmatch(r"tag:scogen\.invalid,\d{4}(-\d{2}-\d{2})?:[^\s]+", i), i


def test_build_says_once_that_links_need_base_url(tmp_path, capsys):
    from scogen.cli import main
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    assert main(["build", "--content", str(content), "--templates", str(ROOT / "templates"),
                 "--out", str(tmp_path / "site"), "--no-search"]) == 0
    err = capsys.readouterr().err
    assert err.count("base_url") >= 1 and err.count("no base_url") == 1
    assert "citations" in err and "feeds" in err and "sitemap" in err
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("base_url:", "base_url: https://a.example/"))
    assert main(["build", "--content", str(content), "--templates", str(ROOT / "templates"),
                 "--out", str(tmp_path / "site2"), "--no-search"]) == 0
    assert "no base_url" not in capsys.readouterr().err


# --- 16-18. raw text page, phones, polish ------------------------------------------------

def test_raw_text_is_an_html_page_declaring_utf8_and_the_txt_stays_byte_exact(built_site):
    page = built_site / IVANOV / "source.html"
    doc = soup(page)
    assert doc.find("meta", charset=True)["charset"].lower() == "utf-8"
    raw = (ROOT / "content/transcripts/2007-05-22-igor-ivanov.txt").read_bytes()
    assert doc.select_one("pre.raw").get_text() == raw.decode("utf-8")
    assert (built_site / IVANOV / "source.txt").read_bytes() == raw
    assert doc.find("a", href="source.txt")
    interview = soup(built_site / IVANOV / "index.html")
    assert interview.select_one("dl.meta a[href='source.html']")


def test_no_css_rule_hides_a_tables_first_column_or_breaks_repairs_mid_word():
    css = (ROOT / "templates/static/style.css").read_text(encoding="utf-8")
    for rule in re.findall(r"([^{}]*)\{([^{}]*)\}", css):
        selector, body = rule
        if "first-child" in selector and re.search(r"\b(td|th)\b", selector):
            assert "display: none" not in body and "display:none" not in body, rule
        if re.search(r"\b(td|\.repairs)\b[^,]*code", selector):
            assert "break-all" not in body, rule
    assert re.search(r"\.table-wrap\s*\{[^}]*overflow-x:\s*auto", css)


def test_turns_csv_opens_in_spreadsheets(built_site):
    data = (built_site / "data/turns.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfinterview,title,publisher,")
    assert b"\r\n" in data and not re.search(rb"[^\r]\n[0-9]{4}-", data)
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    row = next(r for r in rows if r["interview"] == "2007-05-22-igor-ivanov" and r["turn"] == "2")
    assert row["title"].startswith("Interview: Igor Ivanov") and row["publisher"] == "RIA Novosti"
    assert row["url"] == f"{IVANOV}/#t2"


def test_nav_favicon_licence_once_and_no_turn_landmarks(built_site):
    doc = soup(built_site / IVANOV / "index.html")
    nav = [a.get_text() for a in doc.select("nav.site-nav a")]
    assert "Search" in nav and "Questioners" in nav
    icon = doc.find("link", rel="icon")
    assert (built_site / IVANOV / icon["href"]).resolve().is_file()
    # turns: no <section> with a name (a region landmark each), no aria-labelledby
    assert not doc.select("section.turn") and not doc.select(".turn[aria-labelledby]")
    licence = "Metadata, repairs and data exports are released under CC BY 4.0."
    assert licence not in doc.get_text(" ")  # a link to it, not the text on every page
    assert doc.select_one(".site-footer a[href='../../about/index.html#licence']")
    about = soup(built_site / "about/index.html").get_text(" ")
    assert about.count("released under CC BY 4.0") == 1


def test_404_links_work_from_the_sites_root_path_with_base_url(tmp_path):
    from scogen.archive import load_archive
    from scogen.build import build
    from scogen.check import check_site
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace(
        "base_url:", "base_url: https://archive.example/sco/"))
    out = tmp_path / "site"
    build(load_archive(content), ROOT / "templates", out, quiet=True, search=False)
    doc = soup(out / "404.html")
    assert doc.find("link", rel="stylesheet")["href"] == "/sco/static/style.css"
    assert {a["href"] for a in doc.select("main a")} >= {"/sco/index.html", "/sco/search.html"}
    assert not doc.find("script", src=False, type=False)  # no probing needed
    assert check_site(out) == []


def test_shipped_speakers_yaml_keeps_li_yuheng_family_name_first(built_site):
    doc = soup(built_site / "interviews/2013-08-15-kirill-barsky/index.html")
    question = doc.select_one(".turn-question")
    assert "author = {{Li Yuheng}}" in question.select_one(".cite-bibtex").get_text()
    assert json.loads(question.select_one(".cite-csl").get_text())[0]["author"] == \
        [{"family": "Li", "given": "Yuheng", "static-ordering": True}]
