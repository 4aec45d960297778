"""Search in three languages (issue 13, item 3).

Every turn is indexed in its interview's language, so one Pagefind bundle holds an
English, a Russian and a Chinese index; the search page merges them into one search.
The site is built from the i18n fixtures (a Russian interview, its English version,
a saved Chinese page) and the shipped English seeds, served under a sub-path and
searched in Chromium.
"""
from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from servers import nginx, python_http
from scogen import search
from scogen.archive import load_archive
from scogen.build import build
from scogen.check import check_site
from scogen.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
I18N = Path(__file__).parent / "fixtures" / "i18n"
RU = "interviews/2024-03-12-sokolov-ru/index.html"
EN = "interviews/2024-03-13-sokolov-en/index.html"
ZH = "interviews/2023-06-20-he-wentao-zh/index.html"


def make_content(folder: Path, transcripts=None) -> Path:
    """The fixture site's content: the shipped site.yaml and topics.yaml, the i18n
    speakers, the i18n transcripts and the shipped English seeds (or ``transcripts``)."""
    folder.mkdir(parents=True)
    for name in ("site.yaml", "topics.yaml"):
        shutil.copy(ROOT / "content" / name, folder / name)
    shutil.copy(I18N / "speakers.yaml", folder / "speakers.yaml")
    (folder / "transcripts").mkdir()
    if transcripts is None:
        transcripts = sorted((I18N / "transcripts").iterdir()) + \
            sorted((ROOT / "content" / "transcripts").iterdir())
    for path in transcripts:
        shutil.copy(path, folder / "transcripts" / path.name)
    return folder


@pytest.fixture(scope="module")
def i18n(tmp_path_factory):
    base = tmp_path_factory.mktemp("i18n")
    archive = load_archive(make_content(base / "content"))
    site = base / "site"
    build(archive, ROOT / "templates", site, quiet=True, search=True)
    return archive, site




def _url_of(iv):
    return f"interviews/{Path(iv.source).stem}/index.html"


# --- the records and the bundle ------------------------------------------------------


def test_each_turn_is_indexed_in_its_interviews_language(i18n):
    archive, _ = i18n
    recs = search.records(archive, _url_of)
    language_of = {}
    for r in recs:
        language_of.setdefault(r.url.split("#")[0], set()).add(r.language)
        assert r.filters["language"] == [r.language]
        # not metadata: Pagefind indexes metadata values as words ("zh" would find
        # every Chinese turn)
        assert r.language not in r.meta.values()
    assert language_of[RU] == {"ru"} and language_of[ZH] == {"zh"}
    assert language_of[EN] == {"en"}
    seeds = [langs for url, langs in language_of.items() if url not in (RU, ZH, EN)]
    assert len(seeds) == 2 and all(langs == {"en"} for langs in seeds)
    assert search.index_languages(archive) == ("en", "ru", "zh")
    site_ru = replace(archive, site=replace(archive.site, language="ru-RU"))
    assert search.index_languages(site_ru) == ("ru", "en", "zh")


def test_the_index_key_names_its_languages(i18n):
    archive, _ = i18n
    key = search.index_key(archive, _url_of, lambda iv: iv.source)
    same = search.index_key(archive, _url_of, lambda iv: iv.source)
    assert key == same
    # the Chinese interview read as Japanese: its record is another index
    ivs = tuple(replace(iv, language="ja") if iv.language == "zh" else iv
                for iv in archive.interviews)
    other = replace(archive, interviews=ivs)
    assert search.index_languages(other) == ("en", "ja", "ru")
    assert search.index_key(other, _url_of, lambda iv: iv.source) != key


def test_one_bundle_holds_an_index_per_language(i18n):
    archive, site = i18n
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    counts = {}
    for r in search.records(archive, lambda iv: iv.source):
        counts[r.language] = counts.get(r.language, 0) + 1
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == counts
    assert set(counts) == {"en", "ru", "zh"}
    assert entry["languages"]["ru"]["wasm"] == "ru"       # the Russian stemmer
    assert check_site(site) == []


def test_check_names_a_language_whose_files_are_missing(i18n, tmp_path):
    _, built = i18n
    site = tmp_path / "site"
    shutil.copytree(built, site)
    for path in (site / "pagefind" / "index").glob("ru_*.pf_index"):
        path.unlink()
    (site / "pagefind" / "wasm.ru.pagefind").unlink()
    found = {p.page: p.message for p in check_site(site)}
    assert "'ru'" in found["pagefind/index/"] and "8 record(s)" in found["pagefind/index/"]
    assert "missing" in found["pagefind/wasm.ru.pagefind"]
    assert len(found) == 2


def _fragments(folder: Path) -> dict[str, str]:
    import gzip
    out = {}
    for path in (folder / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes())[12:])  # "pagefind_dcd" + JSON
        out[data["url"]] = data["content"]
    return out


def test_chinese_is_cut_into_words_only_in_a_chinese_index(tmp_path):
    """Pagefind's extended binary segments Chinese text, in an index whose language is
    zh: the stored text carries a zero-width space between words. Forced into one
    English index, the sentence stays one run of characters."""
    text = "中吉乌铁路项目取得重要进展"
    rec = search.Record(url="a.html#t1", content=text, meta={"title": "a"}, filters={},
                        sort={}, language="zh")
    search.write_index([rec], tmp_path / "zh")
    search.write_index([replace(rec, language="")], tmp_path / "forced", "en")
    assert "\u200b铁路\u200b" in _fragments(tmp_path / "zh")["a.html#t1"]
    assert _fragments(tmp_path / "forced")["a.html#t1"] == text


def test_the_plain_pagefind_binary_is_refused_for_chinese(tmp_path, monkeypatch):
    import pagefind.service
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: Path("/opt/pagefind"))
    assert search.pagefind_binary(tmp_path, {"en", "ru"}) == Path("/opt/pagefind")
    with pytest.raises(BuildError, match="extended Pagefind binary") as err:
        search.pagefind_binary(tmp_path, {"en", "zh"})
    assert err.value.code == "search.segmenter"


def test_adding_a_russian_transcript_reindexes_it(tmp_path):
    """An English-only site gains a Russian interview: the rebuilt index has a Russian
    index holding its turns, and equals a clean build's (records, languages)."""
    seeds = sorted((ROOT / "content" / "transcripts").iterdir())
    content = make_content(tmp_path / "content", seeds)
    site = tmp_path / "site"
    build(load_archive(content), ROOT / "templates", site, quiet=True, search=True)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["en"]
    english = _fragments(site / "pagefind")

    shutil.copy(I18N / "transcripts" / "2024-03-12-sokolov-ru.txt", content / "transcripts")
    report = build(load_archive(content), ROOT / "templates", site, quiet=True, search=True)
    assert report.searched
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(entry["languages"]) == ["en", "ru"]
    assert entry["languages"]["ru"]["page_count"] == 8
    now = _fragments(site / "pagefind")
    assert {u: c for u, c in now.items() if u.startswith(RU)} and \
        all("Терроризм" in c for u, c in now.items() if u == RU + "#t4")
    assert {u: c for u, c in now.items() if not u.startswith(RU)} == english
    assert check_site(site) == []

    clean = tmp_path / "clean"
    build(load_archive(content, use_cache=False), ROOT / "templates", clean, quiet=True,
          search=True)
    assert _fragments(clean / "pagefind") == now
    assert sorted(json.loads((clean / "pagefind" / "pagefind-entry.json").read_text())
                  ["languages"]) == ["en", "ru"]


# --- in Chromium ---------------------------------------------------------------------


def _results(page) -> list[dict]:
    return page.eval_on_selector_all(".search-result", """items => items.map(li => ({
        href: li.querySelector('a').getAttribute('href').replace(/[?][^#]*/, ''),
        highlight: new URL(li.querySelector('a').href).searchParams.getAll('highlight'),
        lang: li.querySelector('.search-result-excerpt').getAttribute('lang'),
        shown: li.querySelector('.search-result-lang')?.textContent,
        meta: li.querySelector('.search-result-meta').textContent,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""")


def _search(page, base: str, query: str, extra: str = "") -> list[dict]:
    page.goto(base + "search.html?q=" + query + extra)
    page.wait_for_function("() => /matching/i.test("
                           "document.getElementById('search-status').textContent)",
                           timeout=15000)
    return _results(page)


def test_a_russian_query_finds_the_russian_turn(i18n, page):
    """«терроризм» occurs only in the Russian interview (answer 4). The Russian index
    holds each word's stem (Pagefind's Russian stemmer at build time); a query is
    matched against the start of indexed words, and a query word that no indexed word
    begins with matches the longest indexed word it begins with — so the forms
    «терроризма» and «терроризмом», which the text does not contain, find it too."""
    _, site = i18n
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    with python_http(site) as base:
        for query in ("терроризм", "терроризма", "терроризмом"):
            found = _search(page, base, query)
            assert [r["href"] for r in found] == [f"{RU}#t4"], query
            assert found[0]["lang"] == "ru" and found[0]["shown"] == "Русский"
            assert found[0]["marks"] == ["Терроризм"]
            # the page it opens marks the word as the text writes it
            assert found[0]["highlight"] == ["Терроризм"]
        # a word it does not contain (nor any indexed word it begins with: «вертолёт»
        # would match every turn with «в» in it)
        assert _search(page, base, "шахматы") == []
        _search(page, base, "терроризм")
        page.locator(".search-result-link").first.click()
        page.wait_for_url(re.compile(
            r"/archive/interviews/2024-03-12-sokolov-ru/index\.html\?highlight=[^#]+#t4$"))
        assert "Терроризм и экстремизм" in page.locator("[id='t4']").inner_text()
    # one search: the page's own WebAssembly and script, each language's metadata once
    wasm = [u for u in requests if re.search(r"/wasm\.\w+\.pagefind$", u)]
    assert len(set(wasm)) == 1 and wasm[0].endswith("/wasm.en.pagefind")
    for lang in ("en", "ru", "zh"):
        assert any(re.search(rf"/pagefind\.{lang}_\w+\.pf_meta$", u) for u in requests), lang


def test_a_chinese_word_inside_a_sentence_is_found(i18n, tmp_path, page):
    """铁路 (railway), 安全 (security) and 恐怖主义 (terrorism) occur only inside longer
    runs of Chinese characters; Pagefind cut the text into words in the Chinese index,
    and the page cuts a Chinese query (中吉乌铁路) into words. The same records
    forced into the site's (English) index are not found."""
    archive, site = i18n
    source = (I18N / "transcripts" / "2023-06-20-he-wentao-zh.html").read_text("utf-8")
    han = "[\u4e00-\u9fff]"
    for word in ("铁路", "安全"):
        assert re.search(f"{han}{word}{han}", source) and len(re.findall(word, source)) == 1
    assert re.search(f"{han}{han}恐怖主义", source)
    with python_http(site) as base:
        for query, turn in (("铁路", "t4"), ("安全", "t2"), ("恐怖主义", "t2"),
                            ("中吉乌铁路", "t4")):
            found = _search(page, base, query)
            assert [r["href"] for r in found] == [f"{ZH}#{turn}"], query
            assert found[0]["lang"] == "zh" and found[0]["shown"] == "中文"
            assert found[0]["marks"]
            assert all(m in query for m in found[0]["marks"]), found[0]["marks"]

    forced = tmp_path / "forced"
    shutil.copytree(site, forced)
    shutil.rmtree(forced / "pagefind")
    recs = [replace(r, language="") for r in search.records(archive, _url_of)]
    with ThreadPoolExecutor(1) as pool:  # Playwright's event loop runs in this thread
        pool.submit(search.write_index, recs, forced / "pagefind", "en").result()
    with python_http(forced) as base:
        assert _search(page, base, "铁路") == []
        assert [r["href"] for r in _search(page, base, "recruiters")] == [f"{EN}#t4"]


def test_an_english_query_and_the_language_filter(i18n, tmp_path, page):
    _, site = i18n
    with nginx(site, tmp_path / "nginx") as base:
        found = _search(page, base, "recruiters")
        assert [r["href"] for r in found] == [f"{EN}#t4"]
        assert found[0]["lang"] == "en" and found[0]["shown"] == "English"

        # the Language facet, archive-wide before a search: each language's turns
        page.goto(base + "search.html")
        page.click("#filter-language summary")      # the facet's counts load when opened
        page.wait_for_function("() => document.querySelector('#filter-language input')",
                               timeout=15000)
        ru = page.locator("#filter-language label", has_text="Русский")
        assert ru.inner_text() == "Русский (8)"
        assert page.locator("#filter-language label span[lang=zh]").inner_text() == "中文"
        # a filter alone (no words) lists that language's turns
        page.check("#filter-language input[value=ru]")
        page.wait_for_function("() => document.getElementById('search-status')"
                               ".textContent.startsWith('8 matching')", timeout=15000)
        narrowed = _results(page)
        assert len(narrowed) == 8 and {r["lang"] for r in narrowed} == {"ru"}
        assert "f.language=ru" in page.url
        # two languages at once: either
        n_zh = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))[
            "languages"]["zh"]["page_count"]
        page.check("#filter-language input[value=zh]")
        page.wait_for_function(f"() => document.getElementById('search-status')"
                               f".textContent.startsWith('{8 + n_zh} matching')", timeout=15000)
        page.click("#search-more") if 8 + n_zh > 20 else None
        both = _results(page)
        assert {r["lang"] for r in both} == {"ru", "zh"} and len(both) == min(20, 8 + n_zh)
        assert "f.language=ru" in page.url and "f.language=zh" in page.url


@pytest.mark.parametrize("order", ["oldest", "newest"])
def test_sorting_by_date_runs_across_languages(i18n, page, order):
    """Pagefind sorts inside each language's index and scores a result by its place
    there; the page merges the languages by date instead, so every answer (a filter
    alone) comes in date order: English 2007 and 2013, Chinese 2023, Russian
    12 March 2024, its English version 13 March."""
    _, site = i18n
    with python_http(site) as base:
        found = _search(page, base, "", "&f.kind=answer&sort=" + order)
        # the first 20, then the rest
        assert len(found) == 20
        assert page.locator("#search-status").inner_text() == "23 matching turns, 20 shown"
        page.click("#search-more")
        page.wait_for_function("() => document.querySelectorAll('.search-result').length"
                               " === 23", timeout=15000)
        assert page.locator("#search-more").is_hidden()
        found = _results(page)
    assert page.locator("#search-status").inner_text() == "23 matching turns"
    dates = [r["meta"][:10] for r in found]
    assert len(dates) == 23 and dates == sorted(dates, reverse=order == "newest")
    runs = [lang for i, lang in enumerate(r["lang"] for r in found)
            if i == 0 or found[i - 1]["lang"] != lang]
    assert runs == (["en", "zh", "ru", "en"] if order == "oldest" else ["en", "ru", "zh", "en"])
