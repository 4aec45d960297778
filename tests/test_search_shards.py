"""A large archive's search index is cut into bundles (issue 14, item 3).

Sixty generated interviews (bench/generate.py, deterministic) are built twice: as one
bundle (the default size) and cut into bundles of at most ten interviews of a
language. The cut is a pure function of the archive (adding an interview moves no
other); a rebuild after adding one indexes only the bundle it falls in; every
bundle is checked; and in Chromium the cut index finds the same turns, counts the
same facets and sorts by date the same as the one index. Relevance ranking is each
bundle's own BM25 (Pagefind reads a word's rarity from its own index), so it is
compared as an agreement, measured, not as equality.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from servers import nginx
from scogen import search
from scogen.archive import load_archive
from scogen.build import build
from scogen.check import _check_search
from scogen.site import build_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

N = 60
SMALL = 10  # interviews of a language in one bundle, for the cut build


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shards") / "content"
    generate(N, folder)
    return folder


@pytest.fixture(scope="module")
def sites(content, tmp_path_factory):
    """(one bundle, cut into bundles): the same archive built both ways."""
    base = tmp_path_factory.mktemp("shard-sites")
    whole, cut = base / "whole", base / "cut"
    build(load_archive(content), ROOT / "templates", whole, quiet=True, search=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search, "SHARD_SIZE", SMALL)
        build(load_archive(content), ROOT / "templates", cut, quiet=True, search=True)
    return whole, cut


def _plan(archive, size=SMALL):
    model = build_model(archive)
    return search.bundles(archive, model.path_of, size), model.path_of


def test_every_interview_is_in_one_bundle_of_bounded_size(content):
    archive = load_archive(content)
    plan, path_of = _plan(archive)
    assert [b.folder for b in plan][:2] == ["pagefind", "pagefind-1"]
    placed = [path_of(iv) for b in plan for iv in b.interviews]
    assert sorted(placed) == sorted(path_of(iv) for iv in archive.interviews)
    per_language: dict[str, int] = {}
    for iv in archive.interviews:
        lang = search.record_language(archive, iv)
        per_language[lang] = per_language.get(lang, 0) + 1
    assert len(plan) == max(min(-(-n // SMALL), search.MAX_BUNDLES)
                            for n in per_language.values())
    for b in plan:
        assert b.languages == tuple(sorted({search.record_language(archive, iv)
                                            for iv in b.interviews}))
    # a random split is only roughly even: no bundle holds three times its share
    english = per_language["en"]
    for b in plan:
        mine = sum(search.record_language(archive, iv) == "en" for iv in b.interviews)
        assert mine <= 3 * english / len(plan)
    # an archive within the size is one bundle, as before the cut
    assert len(search.bundles(archive, path_of, N)) == 1
    # a language never has more than MAX_BUNDLES: the bundles grow instead
    assert len(search.bundles(archive, path_of, 1)) == search.MAX_BUNDLES


def test_adding_an_interview_moves_no_other(content, tmp_path):
    archive = load_archive(content)
    plan, _ = _plan(archive)
    more = tmp_path / "more"
    generate(N, more)
    generate(1, more, start=N + 7)
    bigger = load_archive(more)
    after, _ = _plan(bigger)
    assert len(after) == len(plan)
    before_members = {b.number: {iv.source.rsplit("/", 1)[-1] for iv in b.interviews}
                      for b in plan}
    after_members = {b.number: {iv.source.rsplit("/", 1)[-1] for iv in b.interviews}
                     for b in after}
    changed = [n for n in before_members if before_members[n] != after_members[n]]
    assert len(changed) == 1
    assert len(after_members[changed[0]] - before_members[changed[0]]) == 1


def test_the_cut_site_lists_its_bundles_and_each_is_whole(sites):
    whole, cut = sites
    listed = json.loads((cut / "pagefind" / "shards.json").read_text("utf-8"))["bundles"]
    folders = sorted(p.name for p in cut.iterdir() if p.name.startswith("pagefind"))
    assert folders == sorted(["pagefind"] + [b["path"].strip("./") for b in listed])
    assert len(folders) >= 5
    for b in listed:
        entry = json.loads((cut / b["path"].strip("./") / "pagefind-entry.json")
                           .read_text("utf-8"))
        assert sorted(entry["languages"]) == b["languages"]
    assert json.loads((whole / "pagefind" / "shards.json").read_text("utf-8")) == \
        {"bundles": []}
    assert _check_search(cut) == []
    # a bundle gone is reported by name (the bundles alone, copied: the rest of the site
    # is not what this checks)
    import shutil
    broken = cut.parent / "broken"
    for folder in folders:
        shutil.copytree(cut / folder, broken / folder)
    shutil.rmtree(broken / folders[-1])
    assert [p.page for p in _check_search(broken)] == [folders[-1] + "/"]


def test_a_rebuild_after_adding_one_indexes_only_its_bundle(content, tmp_path, monkeypatch):
    import shutil
    monkeypatch.setattr(search, "SHARD_SIZE", SMALL)
    mine = tmp_path / "content"
    shutil.copytree(content, mine)
    site = tmp_path / "site"
    build(load_archive(mine), ROOT / "templates", site, quiet=True, search=True)
    folders = sorted(p.name for p in site.iterdir() if p.name.startswith("pagefind"))
    inode = {f: (site / f / "pagefind-entry.json").stat().st_ino for f in folders}
    calls = []
    real = search.write_index
    monkeypatch.setattr(search, "write_index",
                        lambda recs, folder, *a, **k: (calls.append(Path(folder).name),
                                                       real(recs, folder, *a, **k)))
    generate(1, mine, start=N + 7)
    build(load_archive(mine), ROOT / "templates", site, quiet=True, search=True)
    assert len(calls) == 1
    now = sorted(p.name for p in site.iterdir() if p.name.startswith("pagefind"))
    assert now == folders
    kept = [f for f in folders if (site / f / "pagefind-entry.json").stat().st_ino == inode[f]]
    assert sorted(kept) == sorted(set(folders) - {calls[0]})
    # and the same site as a clean build of the same archive: every page, the list of
    # bundles, every bundle's fragments (Pagefind's filter and metadata files are not
    # byte-reproducible, upstream #638)
    clean = tmp_path / "clean"
    build(load_archive(mine, use_cache=False), ROOT / "templates", clean, quiet=True,
          search=True)
    from scogen.verify import compare, site_files
    assert compare(site, clean) == []
    assert sum(rel.startswith("pagefind-") and "/fragment/" in rel
               for rel in site_files(site)) > 100


# --- in the browser: the cut index answers as the one index ---------------------------


@pytest.fixture(scope="module")
def served(sites, tmp_path_factory):
    whole, cut = sites
    with nginx(whole, tmp_path_factory.mktemp("nginx-whole")) as one, \
            nginx(cut, tmp_path_factory.mktemp("nginx-cut")) as many:
        yield one, many


def _status(page) -> str:
    return page.locator("#search-status").inner_text()


def _search(page, base: str, query: str, extra: str = "") -> tuple[int, list[str]]:
    """Every result of a query (its count and links, in the order shown)."""
    page.goto(base + "search.html?q=" + quote(query) + extra)
    page.wait_for_function("() => /matching/.test(document.getElementById("
                           "'search-status').textContent) && !document.getElementById("
                           "'search-results').hasAttribute('aria-busy')", timeout=30000)
    total = int(re.match(r"([\d,]+) matching", _status(page)).group(1).replace(",", ""))
    while page.locator("#search-more").is_visible():
        before = page.locator(".search-result").count()
        page.click("#search-more")
        page.wait_for_function(
            f"() => document.querySelectorAll('.search-result').length > {before} && "
            "!document.getElementById('search-results').hasAttribute('aria-busy')",
            timeout=30000)
    links = page.eval_on_selector_all(".search-result-link", "as => as.map(a => a.href)")
    return total, [re.sub(r"^https?://[^/]+/[^/]+/", "", u) for u in links]


def _facet(page, name: str) -> dict[str, int]:
    page.click(f"#filter-{name} summary")
    page.wait_for_selector(f"#filter-{name} .facet-value", timeout=30000)
    page.wait_for_timeout(300)
    return dict(page.eval_on_selector_all(
        f"#filter-{name} .facet-value", """rows => rows.map(r => [
            r.querySelector('input').value,
            +r.querySelector('label').textContent.match(/\\((\\d[\\d,]*)\\)$/)[1]
              .replace(/,/g, '')])"""))


QUERIES = ["energy", "security cooperation", '"energy club"', "terrorism", "Shanghai",
           "безопасности", "合作"]


def test_the_cut_index_finds_counts_and_sorts_as_the_one_index(served, browser):
    one, many = served
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    agreement = []
    try:
        for query in QUERIES:
            total_one, links_one = _search(page, one, query)
            total_many, links_many = _search(page, many, query)
            assert total_one == total_many and total_one == len(links_one), query
            assert sorted(links_one) == sorted(links_many), query
            top = min(10, total_one)
            if top and not query.startswith('"'):  # a phrase's hits all score 1: no rank
                agreement.append(len(set(links_one[:top]) & set(links_many[:top])) / top)
            for sort in ("newest", "oldest"):
                _, dated_one = _search(page, one, query, "&sort=" + sort)
                _, dated_many = _search(page, many, query, "&sort=" + sort)
                assert sorted(dated_one) == sorted(dated_many), (query, sort)
                assert _dates(dated_one) == _dates(dated_many), (query, sort)
        for name in ("speaker", "topic", "language"):
            _search(page, one, "energy")
            counts_one = _facet(page, name)
            _search(page, many, "energy")
            assert _facet(page, name) == counts_one, name
    finally:
        context.close()
    assert not errors
    # measured on this archive cut into bundles of ten (the default is a thousand, whose
    # word statistics are far closer to the whole's): the top ten of a ranked query
    # share 8.3 of 10 results on average, 5 at worst
    assert len(agreement) >= 5 and sum(agreement) / len(agreement) >= 0.75, agreement


def _dates(links: list[str]) -> list[str]:
    """The interview of each result, by the date its page name starts with."""
    return [re.search(r"(\d{4}-\d{2}-\d{2})", link).group(1) if re.search(
        r"\d{4}-\d{2}-\d{2}", link) else "" for link in links]
