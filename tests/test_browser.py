"""Real browsing in Chromium: search, filters, citations, file://, hostile text."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from servers import nginx, python_http

PHRASE = "psychotropic substances"  # from Igor Ivanov's first answer




@pytest.mark.parametrize("server", ["http.server", "nginx"])
def test_search_lands_on_the_turn(built_site, tmp_path, page, server):
    ctx = python_http(built_site) if server == "http.server" else \
        nginx(built_site, tmp_path / "nginx")
    with ctx as base:
        page.goto(base + "index.html")
        page.fill("#site-q", PHRASE)
        page.press("#site-q", "Enter")
        page.wait_for_url(re.compile(r"/archive/search\.html\?q="))
        first = page.locator(".search-result-link").first
        first.wait_for(timeout=15000)
        assert "Igor Ivanov" in first.inner_text()
        first.click()
        page.wait_for_url(re.compile(r"/archive/interviews/[^/]+/index\.html\?highlight=[^#]+#t\d+$"))
        anchor = page.url.split("#")[1]
        assert PHRASE in page.locator(f"[id='{anchor}']").inner_text()


def test_speaker_filter_and_sort(built_site, page):
    with python_http(built_site) as base:
        page.goto(base + "search.html?q=security")
        page.locator(".search-result-link").first.wait_for(timeout=15000)
        everyone = page.locator(".search-result-link").all_inner_texts()
        assert any(t.startswith("Kirill Barsky") for t in everyone)
        page.click("#filter-speaker summary")
        page.check("#filter-speaker input[value='Igor Ivanov']")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.search-result-link')].length > 0 && "
            "[...document.querySelectorAll('.search-result-link')].every("
            "a => a.textContent.startsWith('Igor Ivanov'))", timeout=15000)
        assert "f.speaker=Igor+Ivanov" in page.url
        page.uncheck("#filter-speaker input[value='Igor Ivanov']")
        page.select_option("#search-sort", "oldest")
        page.wait_for_function(
            "() => document.querySelector('.search-result-meta')?.textContent"
            ".startsWith('2007')", timeout=15000)


def test_cite_control_gives_bibtex(built_site, page):
    with nginx(built_site, built_site.parent / "nginx-cite") as base:
        page.goto(base + "interviews/2007-05-22-igor-ivanov/index.html")
        turn = page.locator("#t2")
        assert not turn.locator(".cite-bibtex").is_visible()
        turn.locator("details.cite summary").click()
        bib = turn.locator(".cite-bibtex").inner_text()
        assert bib.startswith("@misc{") and "author = {Igor Ivanov}" in bib
        assert "interviews/2007-05-22-igor-ivanov/index.html#t2" in bib


def test_file_protocol_navigation(built_site, page):
    page.goto(built_site.as_uri() + "/index.html")
    page.click("nav.site-nav >> text=Speakers")
    assert page.url.endswith("/speakers/index.html")
    page.click("text=Kirill Barsky")
    assert "/speakers/kirill-barsky/index.html" in page.url
    page.locator(".entries a").first.click()
    assert re.search(r"/interviews/2013-08-15-kirill-barsky/index\.html#t\d+$", page.url)
    page.click("nav.site-nav >> text=Topics")
    assert page.url.endswith("/topics/index.html")
    page.click("text=Afghanistan")
    assert page.locator("h1").inner_text() == "Afghanistan"


def test_file_protocol_search_says_why(built_site, page):
    page.goto(built_site.as_uri() + "/search.html")
    status = page.locator("#search-status")
    assert "cannot run" in status.inner_text() and "`" not in status.inner_text()
    assert page.locator("#search-q").is_disabled()
    # the ways to browse without search stay, as links
    hrefs = [a.get_attribute("href") for a in status.locator("a").all()]
    assert hrefs == ["speakers/index.html", "topics/index.html", "timeline/index.html"]


HOSTILE = """---
title: "<script>window.__xss='title'</script> Talks"
---
<img src=x onerror="window.__xss='chrome'">

May 22, 2007

<svg onload="window.__xss='lead'"> An interview about "quotes" & <b>tags</b>.

Question: <script>window.__xss='q'</script> What about </script><script>window.__xss='end'</script>?

Answer: <img src=x onerror="window.__xss='a'"> Nothing ]]> --> happens ${window.__xss='tpl'}.

Question: And javascript:window.__xss='href'?

Answer: {{ 7*7 }} {% raw %} <iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>
"""


def test_hostile_text_is_inert(tmp_path, browser):
    from scogen.archive import load_archive
    from scogen.build import build
    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "content", tmp_path / "content")
    (tmp_path / "content" / "transcripts" / "2007-05-22-hostile.txt").write_text(HOSTILE)
    out = tmp_path / "site"
    build(load_archive(tmp_path / "content"), root / "templates", out, quiet=True,
          search=False)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    context = browser.new_context()
    pg = context.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for html in pages:
        pg.goto(html.as_uri())
        assert pg.evaluate("() => window.__xss === undefined"), html
    context.close()
    assert dialogs == []
    page = (out / "interviews" / "2007-05-22-hostile" / "index.html").read_text()
    assert "<script>window.__xss" not in page and "&lt;script&gt;" in page
