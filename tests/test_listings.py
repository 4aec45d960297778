"""Listings and pages that scale (issue 12, items 11-14): a cut listing says so at
the top, the front page and the speakers index at 300+ speakers, answers with their
questions, related topics, long interviews on phones."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, make_archive, make_interview

from scogen.build import build
from scogen.check import check_site

SYL = ["ka", "ri", "mo", "ta", "li", "na", "bek", "dor", "va", "zhu", "as", "te", "so", "yu"]


def _name(i: int) -> str:
    n = len(SYL)  # a different name for every i below n ** 3
    return f"{SYL[i % n].title()}{SYL[i // n % n]} {SYL[i // n // n % n].title()}ov"


def big_archive():
    """400 interviews over five years: every fourth with Kirill Barsky (200 answers),
    the rest each with its own interviewee (300 people); RIA Novosti, an
    organisation, asks every question."""
    ivs = []
    for i in range(400):
        who = "Kirill Barsky" if i % 4 == 0 else _name(i)
        date = f"{2010 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        ivs.append(make_interview(
            f"{date}-{i:03d}.txt", date, f"Interview {i}", "RIA Novosti", who,
            [(f"What about security {i}?", f"Security matters {i}.", ("security", "energy")),
             (f"And trade {i}?", f"Trade grows {i}.", ("trade",))],
            role="Ambassador" if who == "Kirill Barsky" else None, publisher="RIA Novosti"))
    archive = make_archive(ivs)
    speakers = tuple(replace(s, kind="organisation") if s.name == "RIA Novosti" else s
                     for s in archive.speakers)
    return replace(archive, speakers=speakers)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("big") / "site"
    build(big_archive(), ROOT / "templates", out, quiet=True, search=False)
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_big_site_links_resolve(big_site):
    assert check_site(big_site) == []


# --- 11: say what is cut --------------------------------------------------------------

@pytest.mark.parametrize("page,total", [("interviews/index.html", 400),
                                        ("speakers/kirill-barsky/index.html", 200),
                                        ("topics/security/index.html", 400)])
def test_a_cut_listing_says_so_at_the_top_with_its_years(big_site, page, total):
    doc = soup(big_site / page)
    head = doc.select_one("header.page-head")
    cut = head.select_one("nav.years")
    assert cut is not None, "the years are in the page head, not below the listing"
    assert f"Showing the newest 100 of {total}." in cut.get_text()
    assert {a.get_text() for a in cut.select("a")} == {str(y) for y in range(2010, 2015)}
    # nothing listed comes before it
    assert not head.find_previous(class_="entry") and not head.find_previous(
        class_="interview-item")


def test_a_listing_that_is_not_cut_says_nothing(big_site):
    small = next(p for p in (big_site / "speakers").glob("*/index.html")
                 if "barsky" not in p.parent.name and "ria" not in p.parent.name)
    doc = soup(small)
    assert doc.select_one("nav.years") is None
    assert "Showing the newest" not in doc.get_text()


def test_speaks_most_about_links_to_what_the_speaker_said_about_it(big_site):
    doc = soup(big_site / "speakers/kirill-barsky/index.html")
    dd = next(dt.find_next_sibling("dd") for dt in doc.select("dl.meta dt")
              if dt.get_text() == "Speaks most about")
    hrefs = [a["href"] for a in dd.select("a")]
    assert hrefs and all(h.startswith("../../speakers/kirill-barsky/") for h in hrefs)
    assert "../../speakers/kirill-barsky/security/index.html" in hrefs
    for h in hrefs:
        assert (big_site / "speakers/kirill-barsky" / h).resolve().is_file()


# --- 12: the front page and the speakers index at 300+ speakers ----------------------

def test_front_page_shows_the_most_heard_and_a_link_to_everyone(big_site):
    doc = soup(big_site / "index.html")
    section = doc.find("section", attrs={"aria-labelledby": "speakers"})
    people = section.select("a.person")
    assert 0 < len(people) <= 20
    assert people[0].get_text() == "Kirill Barsky"  # the most turns, first
    assert "RIA Novosti" not in section.get_text()  # an outlet that asks is no speaker heard
    more = section.find("a", href="speakers/index.html")
    assert more and "302" in more.get_text()
    assert "by 302 speakers" in doc.get_text(" ")


def _people(doc, group: str) -> list[str]:
    return [a.get_text() for a in doc.select(f"section.people-{group} a.person")]


def test_speakers_index_a_to_z_with_roles_and_askers_apart(big_site):
    doc = soup(big_site / "speakers/index.html")
    heard, askers = _people(doc, "interviewee"), _people(doc, "asker")
    assert len(heard) == 301 and askers == ["RIA Novosti"]
    assert heard == sorted(heard, key=str.casefold)
    barsky = next(li for li in doc.select("section.people-interviewee li")
                  if li.a.get_text() == "Kirill Barsky")
    assert "Ambassador" in barsky.select_one(".role").get_text()
    # the letter bar leads to each initial's heading
    bar = doc.select("nav.letters a")
    assert len(bar) > 5
    for a in bar:
        target = doc.find(id=a["href"][1:])
        assert target and target.get_text() == a.get_text()
    other = doc.select_one(".order a[href$='by-count/index.html']")
    assert (big_site / "speakers" / other["href"]).resolve() == \
        (big_site / "speakers/by-count/index.html").resolve()


def test_speakers_index_by_count(big_site):
    doc = soup(big_site / "speakers/by-count/index.html")
    heard = _people(doc, "interviewee")
    assert heard[0] == "Kirill Barsky" and len(heard) == 301
    assert _people(doc, "asker") == ["RIA Novosti"]
    other = doc.select_one(".order a[href$='speakers/index.html']")
    assert (big_site / "speakers/by-count" / other["href"]).resolve() == \
        (big_site / "speakers/index.html").resolve()


# --- 13: answers with their questions; related topics ----------------------------------

def test_what_a_speaker_said_shows_each_answer_under_its_question(big_site):
    doc = soup(big_site / "speakers/kirill-barsky/security/index.html")
    intro = doc.select_one("header.page-head")
    assert intro.find("a", href="../../../topics/security/index.html")  # a link, not markup text
    exchanges = doc.select("li.exchange")
    assert len(exchanges) == 100
    for li in exchanges:
        q = li.select_one(".exchange-question blockquote").get_text()
        a = li.select_one(".exchange-answer blockquote").get_text()
        n = a.split()[-1].rstrip(".")
        assert q.strip() == f"What about security {n}?" and a.strip() == f"Security matters {n}."
        q_href = li.select_one(".exchange-question a")["href"]
        a_href = li.select_one(".exchange-answer a")["href"]
        assert q_href.endswith("#t1") and a_href.endswith("#t2")
        assert q_href.split("#")[0] == a_href.split("#")[0]
    # and the topics the same answers are tagged, read from here
    related = doc.select_one(".related-topics")
    assert related.find("a", href="../../../speakers/kirill-barsky/energy/index.html")


def test_a_topic_links_the_topics_tagged_with_it(big_site):
    doc = soup(big_site / "topics/security/index.html")
    related = doc.select_one("header .related-topics")
    assert [a.get_text() for a in related.select("a")] == ["Energy"]  # never trade
    doc = soup(big_site / "topics/trade/index.html")
    assert doc.select_one(".related-topics") is None


def test_question_of_an_answer_skips_back_over_other_answers():
    from scogen.pages import _question_of
    from scogen.site import build_model
    from conftest import make_turn
    iv = make_interview("2014-01-01-x.txt", "2014-01-01", "X", "Q", "A",
                        [("Why?", "Because.", ("security",))])
    iv = replace(iv, turns=iv.turns + (make_turn(3, "answer", "A", "And more.", ("security",)),))
    model = build_model(make_archive([iv]))
    second = model.by_pair[("A", "security")][1]
    assert second.turn.text == "And more." and _question_of(second).turn.text == "Why?"


# --- 14: long interviews on phones; where you are on desktop ---------------------------

LONG = " ".join(["The Organisation has grown, and its members have learned to work "
                 "together on security, trade and energy across the region."] * 12)


@pytest.fixture(scope="module")
def long_interview(tmp_path_factory) -> Path:
    """A built site whose one interview has 40 questions and long answers; the path
    of its page."""
    iv = make_interview(
        "2015-06-01-long.txt", "2015-06-01", "A very long conversation about the SCO",
        "RIA Novosti", "Kirill Barsky",
        [(f"Question number {i}: what do you make of the year?", f"{LONG}\n\n{LONG}",
          ("security",)) for i in range(1, 41)],
        role="Ambassador of the Russian Federation to the People's Republic of China",
        publisher="RIA Novosti")
    out = tmp_path_factory.mktemp("long") / "site"
    build(make_archive([iv]), ROOT / "templates", out, quiet=True, search=False)
    return out / "interviews/2015-06-01-long/index.html"


def test_contents_panel_is_folded_in_the_html_and_every_turn_leads_back(long_interview):
    doc = soup(long_interview)
    toc = doc.find(id="contents")
    assert toc.name == "nav" and toc.details is not None and not toc.details.has_attr("open")
    assert len(toc.select("ol a")) == 40
    back = doc.select(".turn a.to-contents")
    assert len(back) == 80 and all(a["href"] == "#contents" for a in back)


@pytest.fixture(scope="module")
def chromium_browser():
    from browser import chromium
    with chromium() as b:
        yield b


def test_a_phone_reaches_the_first_question_and_back(long_interview, chromium_browser):
    page = chromium_browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(long_interview.as_uri())
        top, height = page.evaluate(
            "[document.getElementById('t1').getBoundingClientRect().top + scrollY,"
            " innerHeight]")
        assert top < 2 * height, (top, height)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # from deep in the transcript, back to the questions, unfolded
        page.click("#t41 a.to-contents")
        page.wait_for_function("document.querySelector('#contents details').open")
        box = page.evaluate("document.getElementById('contents').getBoundingClientRect().top")
        assert 0 <= box < 100
        page.click("#contents ol li:nth-child(30) a")
        page.wait_for_function("location.hash === '#t59'")
    finally:
        page.close()


def test_desktop_contents_panel_marks_where_you_are(long_interview, chromium_browser):
    page = chromium_browser.new_page(viewport={"width": 1280, "height": 800})
    current = ("document.querySelector('#contents a[aria-current=\"location\"]')"
               "?.getAttribute('href')")
    try:
        page.goto(long_interview.as_uri())
        assert page.evaluate("document.querySelector('#contents details').open")
        # the answer to question 20 at the top: question 20 is marked
        page.evaluate("document.getElementById('t40').scrollIntoView()")
        page.wait_for_function(f"{current} === '#t39'")
        page.evaluate("document.getElementById('t9').scrollIntoView()")
        page.wait_for_function(f"{current} === '#t9'")
        assert page.evaluate("document.querySelectorAll('#contents [aria-current]').length") == 1
    finally:
        page.close()


def test_desktop_contents_panel_keeps_the_mark_in_view(long_interview, chromium_browser):
    page = chromium_browser.new_page(viewport={"width": 1280, "height": 500})
    try:
        page.goto(long_interview.as_uri())
        page.evaluate("document.getElementById('t76').scrollIntoView()")
        page.wait_for_function("document.querySelector('#contents a[href=\"#t75\"]')"
                               ".getAttribute('aria-current') === 'location'")
        inside = page.evaluate("""(() => {
            const a = document.querySelector('#contents [aria-current]').getBoundingClientRect();
            const box = document.getElementById('contents').getBoundingClientRect();
            return a.top >= box.top && a.bottom <= box.bottom; })()""")
        assert inside
    finally:
        page.close()
