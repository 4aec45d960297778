"""scogen check catches what a broken site would have."""
from __future__ import annotations

from pathlib import Path

from scogen.check import check_site
from scogen.cli import main

PAGE = ('<!doctype html><html lang="en"><head><title>T</title>{head}</head>'
        '<body><h1 id="top">T</h1>{body}</body></html>')


def _site(tmp_path: Path, pages: dict[str, tuple[str, str]]) -> Path:
    for rel, (head, body) in pages.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    return tmp_path


def test_clean_site_passes(tmp_path):
    root = _site(tmp_path, {
        "index.html": ('<link rel="canonical" href="https://ex.org/">',
                       '<a href="a/index.html#top">a</a><a href="#top">self</a>'),
        "a/index.html": ("", '<a href="../index.html">home</a>')})
    assert check_site(root) == []
    assert main(["check", "--out", str(root)]) == 0


def test_problems_found(tmp_path):
    root = _site(tmp_path, {"index.html": ("", (
        '<a href="missing.html">x</a><a href="a/index.html#nope">y</a>'
        '<a href="/abs.html">z</a><a href="https://evil.example/">w</a>'
        '<a href="../../etc/passwd">v</a><a href="a/">dir</a>'
        '<script src="https://cdn.example/x.js"></script>')),
        "a/index.html": ("", "<h1>second h1</h1>")})
    messages = [p.message for p in check_site(root)]
    assert any("broken link: missing.html" in m for m in messages)
    assert any("broken anchor" in m for m in messages)
    assert any("root-relative" in m for m in messages)
    assert sum("another host" in m for m in messages) == 2
    assert any("leaves the site" in m for m in messages)
    assert any("folder" in m for m in messages)
    assert any("2 h1" in m for m in messages)
    assert main(["check", "--out", str(root)]) == 1


def test_deliberate_external_links_are_allowed(tmp_path):
    root = _site(tmp_path, {"index.html": ("", '<a rel="external" href="https://ex.org/">x</a>'
                                               '<a rel="external" href="javascript:alert(1)">'
                                               'y</a>')})
    messages = [p.message for p in check_site(root)]
    assert len(messages) == 1 and "javascript:" in messages[0]


def test_check_parses_every_feed_as_xml(tmp_path):
    from scogen.check import check_site
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><h1>t</h1></body></html>', "utf-8")
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><feed>ok</feed>', "utf-8")
    assert check_site(tmp_path) == []
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "feed.xml").write_text('<feed>a \x01 b</feed>', "utf-8")
    problems = check_site(tmp_path)
    assert [p.page for p in problems] == ["topics/feed.xml"]
    assert "not well-formed XML" in problems[0].message


def test_a_search_bundle_cut_short_is_named(tmp_path):
    """Issue 15: a Pagefind script cut at 32 KiB once survived publishing and
    `check` passed. The fixed files must equal what the installed Pagefind writes."""
    from scogen import search

    site = tmp_path / "site"
    site.mkdir()
    search.write_index([search.Record(url="a.html", content="energy talks", meta={"title": "A"},
                                      filters={}, sort={})], site / "pagefind", "en")
    assert [p for p in check_site(site) if "pagefind" in p.page] == []
    ui = site / "pagefind" / "pagefind-ui.js"
    ui.write_bytes(ui.read_bytes()[:32 * 1024])
    (site / "pagefind" / "pagefind-highlight.js").unlink()
    found = {p.page: p.message for p in check_site(site) if "pagefind" in p.page}
    assert "cut short" in found["pagefind/pagefind-ui.js"]
    assert "missing" in found["pagefind/pagefind-highlight.js"]
    (site / "pagefind" / "pagefind-entry.json").write_text("{")
    assert [p.page for p in check_site(site)] == ["pagefind/pagefind-entry.json"]
