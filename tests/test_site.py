"""The built site, parsed: pages, links, turns, speakers, topics, reader features."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scogen.check import check_site
from scogen.exports import export_dict
from scogen.model import interview_to_dict
from scogen.urls import interview_slug

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_kind_exists(built_site, archive):
    for rel in ["index.html", "404.html", "search.html", "about/index.html",
                "interviews/index.html", "speakers/index.html", "topics/index.html",
                "timeline/index.html", "askers/index.html", "static/style.css", "feed.xml",
                "robots.txt", "data/interviews.json", "data/turns.csv", "pagefind/pagefind.js"]:
        assert (built_site / rel).is_file(), rel
    for iv in archive.interviews:
        slug = interview_slug(iv)
        assert (built_site / "interviews" / slug / "index.html").is_file()
        assert (built_site / "interviews" / slug / "source.txt").read_bytes() == \
            iv.raw_text.encode("utf-8")
        assert (built_site / "data" / "interviews" / f"{slug}.json").is_file()
    for t in archive.topics:
        assert (built_site / "topics" / t.slug / "index.html").is_file()
        assert (built_site / "topics" / t.slug / "feed.xml").is_file()


def test_links_anchors_and_page_basics(built_site):
    assert check_site(built_site) == []


def test_every_internal_reference_resolves_independently(built_site):
    """Not trusting scogen.check: resolve every href/src/action here, fragments too."""
    import posixpath
    from urllib.parse import unquote, urlsplit
    root = built_site.resolve()
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {el["id"] for el in soup(page).find_all(id=True)}
        return ids[page]

    checked = 0
    for page in sorted(root.rglob("*.html")):
        for el in soup(page).find_all(["a", "link", "script", "img", "form"]):
            ref = el.get("href") or el.get("src") or el.get("action")
            if not ref or ref.startswith("mailto:"):
                continue
            parts = urlsplit(ref)
            assert not parts.scheme and not parts.netloc, (page, ref)
            target = page if not parts.path else Path(posixpath.normpath(
                posixpath.join(str(page.parent), unquote(parts.path))))
            assert root in target.parents and target.is_file(), (page, ref)
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in ids_of(target), (page, ref)
            checked += 1
    assert checked > 100


def test_no_absolute_or_remote_references(built_site):
    for page in built_site.rglob("*.html"):
        doc = soup(page)
        for el in doc.find_all(["a", "link", "script", "img"]):
            ref = el.get("href") or el.get("src") or ""
            assert not ref.startswith("/"), (page, ref)
            assert "://" not in ref, (page, ref)  # no base_url in the shipped site.yaml


def test_interview_page_holds_every_turn(built_site, archive):
    for iv in archive.interviews:
        doc = soup(built_site / "interviews" / interview_slug(iv) / "index.html")
        assert len(doc.find_all("h1")) == 1
        assert doc.find("h1").get_text(strip=True) == iv.title
        for t in iv.turns:
            section = doc.find(id=t.anchor)
            assert section is not None, t.anchor
            text = " ".join(p.get_text() for p in section.find_all("p", recursive=False))
            for para in t.paragraphs:
                assert para in text
            if t.speaker:
                assert t.speaker in section.find("h2").get_text()
            for slug in t.topics:
                assert section.find("a", href=f"../../topics/{slug}/index.html")
        meta = doc.find("dl", class_="meta").get_text(" ")
        assert (iv.date or "unknown") in meta
        for p in iv.interviewees:
            assert p.name in meta and (p.role or "") in meta
        assert doc.find("a", href="source.txt")


def test_neighbour_links(built_site, archive):
    ivs = sorted(archive.interviews, key=lambda iv: iv.date or "", reverse=True)
    newest = soup(built_site / "interviews" / interview_slug(ivs[0]) / "index.html")
    older = newest.find("a", rel="next")
    assert older and interview_slug(ivs[1]) in older["href"]
    oldest = soup(built_site / "interviews" / interview_slug(ivs[-1]) / "index.html")
    assert oldest.find("a", rel="prev") and not oldest.find("a", rel="next")


def _linked_turns(page: Path) -> set[str]:
    return {a["href"].split("interviews/")[1] for a in soup(page).select(".entries a[href]")
            if "#t" in a["href"]}


def test_speaker_pages_list_exactly_their_turns(built_site, archive):
    speakers = {s.name: s.slug for s in archive.speakers}
    expected: dict[str, set[str]] = {}
    for iv in archive.interviews:
        for t in iv.turns:
            if t.speaker:
                expected.setdefault(t.speaker, set()).add(
                    f"{interview_slug(iv)}/index.html#{t.anchor}")
    assert {"Kirill Barsky", "Igor Ivanov", "Li Yuheng", "RIA Novosti"} <= set(expected)
    for name, turns in expected.items():
        page = built_site / "speakers" / speakers[name] / "index.html"
        assert _linked_turns(page) == turns, name
        doc = soup(page)
        assert doc.find("h1").get_text(strip=True) == name


def test_topic_pages_list_exactly_their_turns_newest_first(built_site, archive):
    for topic in archive.topics:
        expected = {f"{interview_slug(iv)}/index.html#{t.anchor}"
                    for iv in archive.interviews for t in iv.turns if topic.slug in t.topics}
        page = built_site / "topics" / topic.slug / "index.html"
        assert _linked_turns(page) == expected, topic.slug
        dates = [t["datetime"] for t in soup(page).select(".entries time")]
        assert dates == sorted(dates, reverse=True)


def test_front_page_counts(built_site, archive):
    doc = soup(built_site / "index.html")
    text = doc.get_text(" ")
    assert f"{len(archive.interviews)} interviews" in text
    for iv in archive.interviews:
        assert doc.find("a", string=iv.title)
    for t in archive.topics:
        assert doc.find("a", string=t.name)


def test_citations_on_every_turn(built_site, archive):
    iv = archive.interviews[0]
    doc = soup(built_site / "interviews" / interview_slug(iv) / "index.html")
    for t in iv.turns:
        section = doc.find(id=t.anchor)
        details = section.find("details", class_="cite")
        bib = details.find("pre", class_="cite-bibtex").get_text()
        assert bib.startswith("@misc{") and f"#{t.anchor}" in bib
        csl = json.loads(details.find("pre", class_="cite-csl").get_text())
        assert csl[0]["type"] == "interview" and csl[0]["title"] == iv.title
        assert section.find("a", class_="permalink")["href"] == f"#{t.anchor}"


def test_source_transparency(built_site, archive):
    for iv in archive.interviews:
        doc = soup(built_site / "interviews" / interview_slug(iv) / "index.html")
        rows = doc.select("table.repairs tbody tr")
        assert len(rows) == len(iv.repairs)
        for row, r in zip(rows, iv.repairs):
            cells = [c.get_text() for c in row.find_all("td")]
            assert cells[2] == r.clean
            assert cells[1] == r.raw.replace("\u00a0", "⍽")
        assert doc.find("pre", class_="raw").get_text() == iv.raw_text
    about = soup(built_site / "about" / "index.html").get_text(" ")
    assert "How the text is cleaned" in about and "restore lost spaces" in about


def test_jsonld_parses(built_site, archive):
    for iv in archive.interviews:
        doc = soup(built_site / "interviews" / interview_slug(iv) / "index.html")
        data = json.loads(doc.find("script", type="application/ld+json").string)
        assert data["@type"] == "Article" and data["headline"] == iv.title
        assert {m["name"] for m in data["mentions"]} == set(iv.speakers)


def test_feeds(built_site, archive):
    root = ET.parse(built_site / "feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert titles == [iv.title for iv in sorted(archive.interviews,
                                                key=lambda iv: iv.date, reverse=True)]
    barsky = next(s for s in archive.speakers if s.name == "Kirill Barsky")
    sp = ET.parse(built_site / "speakers" / barsky.slug / "feed.xml").getroot()
    assert len(sp.findall(f"{ATOM}entry")) == 1


def test_exports_and_checksums(built_site, archive):
    data = json.loads((built_site / "data" / "interviews.json").read_text("utf-8"))
    # the inspect --json shape plus each record's language versions and, per turn, the
    # turns aligned with it (none here: the shipped content has one version of each)
    assert data == [export_dict(iv) for iv in archive.interviews]
    for got, iv in zip(data, archive.interviews):
        shape = interview_to_dict(iv)
        assert [k for k in got if k != "versions"] == list(shape) and got["versions"] == []
        assert all(list(t) == [*shape["turns"][0], "aligned"] and t["aligned"] == []
                   for t in got["turns"])
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "turns.csv")
                                           .read_text("utf-8"))))
    assert len(rows) == sum(len(iv.turns) for iv in archive.interviews)
    about = soup(built_site / "about" / "index.html")
    for row in about.select("table.downloads tbody tr"):
        path = row.find("a").get_text()
        digest = row.find("code").get_text()
        assert hashlib.sha256((built_site / path).read_bytes()).hexdigest() == digest


def test_speaker_topic_pairs_and_questioners(built_site, archive):
    barsky = next(s for s in archive.speakers if s.name == "Kirill Barsky")
    page = soup(built_site / "speakers" / barsky.slug / "index.html")
    pair_links = [a["href"] for a in page.find_all("a") if a["href"].endswith("/index.html")
                  and a["href"].startswith("../../speakers/")]
    assert pair_links
    for href in pair_links:
        assert (built_site / "speakers" / barsky.slug / href).resolve().is_file()
    askers = soup(built_site / "askers" / "index.html").get_text(" ")
    assert "Li Yuheng" in askers and "RIA Novosti" in askers


def test_timeline(built_site, archive):
    doc = soup(built_site / "timeline" / "index.html")
    for year in {iv.date[:4] for iv in archive.interviews}:
        assert doc.find("a", href=f"{year}/index.html")


def test_accessibility_basics(built_site):
    for page in built_site.rglob("*.html"):
        doc = soup(page)
        assert doc.find("html")["lang"] == "en"
        assert doc.find("a", class_="skip-link")["href"] == "#main"
        assert doc.find("main", id="main") and doc.find("header") and doc.find("nav")
        assert doc.find("meta", attrs={"name": "description"})["content"].strip()


def test_search_page_explains_file_protocol(built_site):
    js = (built_site / "static" / "search.js").read_text()
    assert 'location.protocol === "file:"' in js and "cannot run" in js
    doc = soup(built_site / "search.html")
    assert doc.find("form", id="search-form")["data-bundle"] == "pagefind/pagefind.js"


def test_two_builds_are_identical(project, archive, tmp_path):
    from scogen.build import build
    a, b = tmp_path / "a" / "site", tmp_path / "b" / "out"
    build(archive, project / "templates", a, quiet=True, search=False)
    build(archive, project / "templates", b, quiet=True, search=False)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_topic_pages_link_to_speaker_topic_pairs(built_site):
    doc = soup(built_site / "topics" / "afghanistan" / "index.html")
    pair = doc.find("a", href="../../speakers/igor-ivanov/afghanistan/index.html")
    assert pair is not None
    assert (built_site / "speakers" / "igor-ivanov" / "afghanistan" / "index.html").is_file()


def test_base_url_gives_canonical_og_sitemap_and_absolute_citations(project, tmp_path):
    import shutil as sh
    from scogen.archive import load_archive
    from scogen.build import build
    content = tmp_path / "content"
    sh.copytree(project / "content", content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("base_url:",
                                                        "base_url: https://archive.example/sco"))
    out = tmp_path / "site"
    build(load_archive(content), project / "templates", out, quiet=True, search=False)
    page = soup(out / "interviews" / "2007-05-22-igor-ivanov" / "index.html")
    url = "https://archive.example/sco/interviews/2007-05-22-igor-ivanov/"
    assert page.find("link", rel="canonical")["href"] == url
    assert page.find("meta", property="og:url")["content"] == url
    assert page.find("meta", property="og:title")["content"]
    bib = page.find(id="t2").find("pre", class_="cite-bibtex").get_text()
    assert f"url = {{{url}#t2}}" in bib
    locs = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert url in locs and all(u.startswith("https://archive.example/sco/") for u in locs)
    assert "Sitemap: https://archive.example/sco/sitemap.xml" in (out / "robots.txt").read_text()
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}id").text.startswith("https://archive.example/sco/")
    assert check_site(out) == []
