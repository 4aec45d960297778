"""A few hundred generated interviews: long listings split by year, linked, crawlable, light."""
from __future__ import annotations

import posixpath
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from scogen.archive import load_archive
from scogen.build import build
from scogen.check import check_site
from scogen.cache import read_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


def _crawl(out: Path, start: str, inside: str) -> tuple[set[str], set[str]]:
    """Pages under ``inside`` reachable from ``start`` by relative links, and every
    turn anchor (``interviews/<slug>/index.html#tN``) they link to."""
    seen, todo, turns = set(), [start], set()
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        doc = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
        for a in doc.find_all("a", href=True):
            href = a["href"]
            assert not href.startswith(("/", "http:", "https:")), (page, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                       href.split("#")[0]))
            if "#t" in href and target.startswith("interviews/"):
                turns.add(f"{target}#{href.split('#')[1]}")
            elif target.startswith(inside) and target.endswith(".html"):
                todo.append(target)
    return seen, turns


def test_long_listings_are_split_by_year_and_reach_everything(tmp_path):
    generate(230, tmp_path / "content", seed=11)
    out = tmp_path / "site"
    archive = load_archive(tmp_path / "content")
    build(archive, ROOT / "templates", out, quiet=True, search=False)
    assert check_site(out) == []
    assert max(p.stat().st_size for p in out.rglob("*.html")) < 300 * 1024

    # all interviews: the newest 100 first, the rest through the year pages
    first = BeautifulSoup((out / "interviews/index.html").read_text(), "html.parser")
    assert len(first.select("a.interview-link")) == 100
    years = {a.get_text() for a in first.select("nav.years a")}
    assert years == {iv.date[:4] for iv in archive.interviews}
    pages, _ = _crawl(out, "interviews/index.html", "timeline/")
    listed = set()
    for page in pages:
        doc = BeautifulSoup((out / page).read_text(), "html.parser")
        listed |= {a["href"].split("interviews/")[-1].split("/")[0]
                   for a in doc.select("a.interview-link")}
    assert len(listed) == 230  # every interview reachable through linked pages

    # a topic with more than 100 turns: its year pages list every turn exactly (the
    # archive was loaded in parallel: its records are outlines, their text read here)
    read_text(archive.interviews)
    for topic in archive.topics:
        expected = {f"interviews/{Path(iv.source).stem}/index.html#{t.anchor}"
                    for iv in archive.interviews for t in iv.turns if topic.slug in t.topics}
        base = f"topics/{topic.slug}/index.html"
        pages, turns = _crawl(out, base, f"topics/{topic.slug}/")
        assert turns == expected, topic.slug
        if len(expected) > 100:
            assert any(p.split("/")[2].isdigit() for p in pages if p != base)

    # the speaker with the most turns: all of them reachable from the speaker's page
    name = max({t.speaker for iv in archive.interviews for t in iv.turns if t.speaker},
               key=lambda n: sum(t.speaker == n for iv in archive.interviews for t in iv.turns))
    slug = next(s.slug for s in archive.speakers if s.name == name)
    expected = {f"interviews/{Path(iv.source).stem}/index.html#{t.anchor}"
                for iv in archive.interviews for t in iv.turns if t.speaker == name}
    _, turns = _crawl(out, f"speakers/{slug}/index.html", f"speakers/{slug}/")
    assert expected <= turns  # (pair pages below it link some answers again)
