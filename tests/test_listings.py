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
    a, b = divmod(i, len(SYL))
    return f"{SYL[b].title()}{SYL[a % len(SYL)]} {SYL[(i * 7) % len(SYL)].title()}ov"


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
