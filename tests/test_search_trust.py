"""Search you can trust (issue 12, items 1–6), in Chromium on a generated archive.

Forty generated interviews (bench/generate.py, deterministic) built with search and
served under a sub-path: a quoted phrase's every hit contains it; every result is
reachable and the first are shown before the rest have loaded; the words are marked
on the page a hit opens, the title and URL carry the query and Back returns to the
same place; facets count the query's hits, take several values and a year range;
a transcript can be searched on its own page; and a search costs a bounded number
of requests.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from bs4 import BeautifulSoup

from servers import nginx
from scogen import search
from scogen.archive import load_archive
from scogen.build import build

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

PHRASE = "energy club"
N = 40


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    base = tmp_path_factory.mktemp("trust")
    content = base / "content"
    generate(N, content)
    archive = load_archive(content)
    site = base / "site"
    build(archive, ROOT / "templates", site, quiet=True, search=True)
    return archive, site


@pytest.fixture(scope="module")
def served(generated, tmp_path_factory):
    _, site = generated
    with nginx(site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def turn_text(site: Path, href: str) -> str:
    """The text of the turn a result links to, read from the built page."""
    parts = urlsplit(href)
    path = parts.path.split("/archive/", 1)[1]
    doc = BeautifulSoup((site / path).read_text("utf-8"), "html.parser")
    turn = doc.find(id=parts.fragment)  # the turn's element, whatever its tag
    foot = turn.find(class_="turn-foot")
    if foot is not None:
        foot.decompose()  # topic tags, links and citations are not what the turn says
    return "\n\n".join(p.get_text() for p in turn.find_all("p"))


def status(page) -> str:
    return page.locator("#search-status").inner_text()


def wait_batch(page, shown: int, timeout=20000):
    page.wait_for_function(
        f"() => document.querySelectorAll('.search-result').length >= {shown} && "
        "!document.getElementById('search-results').hasAttribute('aria-busy') && "
        "/matching/.test(document.getElementById('search-status').textContent)",
        timeout=timeout)


def open_search(page, base: str, query: str, extra: str = "") -> int:
    """Opens the search page for ``query``; returns the number of matching turns."""
    page.goto(base + "search.html?q=" + quote(query) + extra)
    page.wait_for_function("() => /matching/.test(document.getElementById("
                           "'search-status').textContent)", timeout=20000)
    wait_batch(page, 1)
    return int(re.match(r"([\d,]+) matching", status(page)).group(1).replace(",", ""))


def show_all(page, total: int) -> list[str]:
    while page.locator("#search-more").is_visible():
        before = page.locator(".search-result").count()
        page.click("#search-more")
        wait_batch(page, min(total, before + 20))
    return page.eval_on_selector_all(".search-result-link", "as => as.map(a => a.href)")


# --- 1. a hit contains the query ---------------------------------------------------


def test_a_record_indexes_only_what_the_turn_says(generated):
    """The indexed body is the turn's paragraphs; who, what and when are filters
    (which Pagefind does not index), and there is no metadata (which it does)."""
    archive, _ = generated
    recs = search.records(archive, lambda iv: f"interviews/{Path(iv.source).stem}/index.html")
    by_url = {r.url: r for r in recs}
    iv = archive.interviews[0]
    turn = next(t for t in iv.turns if t.kind == "answer")
    rec = by_url[f"interviews/{Path(iv.source).stem}/index.html#{turn.anchor}"]
    assert rec.content == "\n\n".join(turn.paragraphs)
    assert rec.meta == {}
    assert rec.filters["interview"] == [iv.title] and rec.filters["speaker"] == [turn.speaker]
    assert rec.filters["date"] == [iv.date]


def test_every_hit_of_a_quoted_phrase_contains_it(generated, served, page):
    """On the generated archive the phrase is in many turns and in interview titles;
    every result, to the last, is a turn whose own text has it."""
    _, site = generated
    total = open_search(page, served, f'"{PHRASE}"')
    assert total > 20  # more than one batch: 'Show more' is part of reaching them all
    hrefs = show_all(page, total)
    assert len(hrefs) == total == len(set(hrefs))
    missing = [h for h in hrefs if PHRASE not in turn_text(site, h).lower()]
    assert not missing, f"{len(missing)} of {total} results lack {PHRASE!r}: {missing[:3]}"
    # and not one turn with the phrase is left out
    with_phrase = sum(PHRASE in "\n\n".join(t.paragraphs).lower()
                      for iv in generated[0].interviews for t in iv.turns
                      if t.kind in ("question", "answer"))
    assert total == with_phrase


# --- 2. every result reachable, the first ones at once -------------------------------


def test_every_result_is_reachable_with_show_more(served, page):
    total = open_search(page, served, "energy")
    assert total > 60
    assert page.locator(".search-result").count() == 20
    assert status(page) == f"{total} matching turns, 20 shown"
    assert page.locator("#search-more").inner_text() == "Show 20 more"
    hrefs = show_all(page, total)
    assert len(hrefs) == total == len(set(hrefs))
    assert status(page) == f"{total} matching turns"
    assert page.locator("#search-more").is_hidden()


def test_the_first_results_are_shown_before_the_rest_have_loaded(served, browser):
    """Every fragment after the third is held back: the first results are on screen
    while the others are still loading, and the rest follow when they come."""
    context = browser.new_context()
    held, let_through, release = [], [], []

    def hold(route):
        if len(let_through) < 3 or release:
            let_through.append(route.request.url)
            route.continue_()
        else:
            held.append(route)

    context.route(re.compile(r".*/pagefind/fragment/.*"), hold)
    page = context.new_page()
    page.goto(served + "search.html?q=energy")
    page.wait_for_selector(".search-result", timeout=20000)
    page.wait_for_timeout(300)
    shown = page.locator(".search-result").count()
    assert 1 <= shown <= 3 and held
    assert page.locator("#search-results").get_attribute("aria-busy") == "true"
    release.append(True)
    for route in held:
        route.continue_()
    wait_batch(page, 20)
    assert page.locator(".search-result").count() == 20
    context.close()


# --- 3. landing and returning --------------------------------------------------------


def test_the_query_is_in_the_title_and_url_and_marked_where_a_hit_lands(generated, served, page):
    _, site = generated
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    # the box in the header: a new history entry whose URL and title carry the query
    page.goto(served + "index.html")
    page.fill("#site-q", PHRASE)
    page.press("#site-q", "Enter")
    wait_batch(page, 20)
    assert parse_qs(urlsplit(page.url).query)["q"] == [PHRASE]
    assert page.title().startswith(f"“{PHRASE}” — ")
    page.fill("#search-q", f'"{PHRASE}"')
    page.press("#search-q", "Enter")
    page.wait_for_function("() => document.title.startsWith('“\"energy')", timeout=20000)
    wait_batch(page, 20)
    page.go_back()
    page.wait_for_function(f"() => document.getElementById('search-q').value === '{PHRASE}'",
                           timeout=20000)
    assert page.title().startswith(f"“{PHRASE}” — ")
    page.go_forward()
    wait_batch(page, 20)
    assert page.locator("#search-q").input_value() == f'"{PHRASE}"'

    link = page.locator(".search-result-link").nth(2)
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query)["highlight"] == [PHRASE]   # the phrase whole
    assert not href.startswith(("/", "http:", "https:"))     # relative, like every link
    before = len(requests)
    link.click()
    page.wait_for_selector("mark.search-highlight", timeout=20000)
    anchor = urlsplit(page.url).fragment
    marks = page.locator(f"[id='{anchor}'] mark.search-highlight").all_inner_texts()
    assert marks and all(m.lower() == PHRASE for m in marks)
    # everything marked is transcript text, and the highlighter came from this site
    assert page.locator("mark.search-highlight").count() == \
        page.locator(".turn > p mark.search-highlight").count()
    assert any(u.endswith("/archive/pagefind/pagefind-highlight.js") for u in requests[before:])
    assert all(u.startswith(served.split("/archive/")[0]) for u in requests)


def test_an_interview_opened_directly_loads_no_highlighter(served, page):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served + "search.html?q=energy")
    wait_batch(page, 1)
    href = page.locator(".search-result-link").first.get_attribute("href")
    page.goto(served + href.split("?")[0])
    page.wait_for_selector("#find-box:not([hidden])")
    assert not [u for u in requests if "pagefind-highlight" in u]
    assert page.locator("mark").count() == 0


def test_back_returns_to_the_same_place_in_the_results(served, page):
    total = open_search(page, served, "energy")
    page.click("#search-more")
    wait_batch(page, 40)
    target = page.locator(".search-result-link").nth(33)
    target.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, 120)")
    scroll = page.evaluate("() => window.scrollY")
    href = target.get_attribute("href")
    assert scroll > 500
    target.click()
    page.wait_for_url(re.compile(r"/interviews/"))
    page.go_back()
    wait_batch(page, 40)
    page.wait_for_function(f"() => Math.abs(window.scrollY - {scroll}) < 40", timeout=10000)
    assert page.locator(".search-result").count() == 40
    assert page.locator(".search-result-link").nth(33).get_attribute("href") == href
    assert status(page) == f"{total} matching turns, 40 shown"


# --- 4. facets -------------------------------------------------------------------------


def facet_counts(page, name: str) -> dict[str, int]:
    return dict(page.eval_on_selector_all(
        f"#filter-{name} .facet-value", """rows => rows.map(r => [
            r.querySelector('input').value,
            +r.querySelector('label').textContent.match(/\\((\\d[\\d,]*)\\)$/)[1]
              .replace(/,/g, '')])"""))


def test_facets_count_the_query_take_several_values_and_a_year_range(served, page):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served + "search.html")
    page.click("#filter-speaker summary")      # a facet's counts load when it is opened
    page.wait_for_selector("#filter-speaker .facet-value", timeout=20000)
    everywhere = facet_counts(page, "speaker")

    mark = len(requests)
    total = open_search(page, served, f'"{PHRASE}"')
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests[mark:] if u.endswith(".pf_filter")]  # not opened
    page.click("#filter-speaker summary")
    page.wait_for_selector("#filter-speaker .facet-value")
    counts = facet_counts(page, "speaker")
    # counts for this query: each turn has one speaker, so they add up to its hits
    assert sum(counts.values()) == total
    assert sum(everywhere.values()) > total
    assert all(counts[s] <= everywhere[s] for s in counts)

    (a, na), (b, nb) = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    page.check(f"#filter-speaker input[value='{a}']")
    page.wait_for_function(f"() => document.getElementById('search-status')"
                           f".textContent.startsWith('{na} matching')", timeout=20000)
    # the speaker's facet still offers the others (to add), with their counts
    page.check(f"#filter-speaker input[value='{b}']")
    page.wait_for_function(f"() => document.getElementById('search-status')"
                           f".textContent.startsWith('{na + nb} matching')", timeout=20000)
    wait_batch(page, 1)
    speakers = set(page.eval_on_selector_all(
        ".search-result-link", "as => as.map(a => a.textContent.split(' — ')[0])"))
    assert speakers <= {a, b}
    assert parse_qs(urlsplit(page.url).query)["f.speaker"] == [a, b]

    # a year range: every result's date inside it
    page.goto(served + "search.html?q=energy&from=2005&to=2010")
    wait_batch(page, 1)
    assert page.locator("#filter-year-from").input_value() == "2005"
    assert page.locator("#filter-year-to").input_value() == "2010"
    ranged = int(status(page).split()[0])
    everything = open_search(page, served, "energy")
    assert 0 < ranged < everything
    page.click("#filter-years summary")
    page.select_option("#filter-year-from", "2005")
    page.wait_for_url(re.compile(r"from=2005"))
    page.select_option("#filter-year-to", "2010")
    page.wait_for_function(f"() => document.getElementById('search-status')"
                           f".textContent.startsWith('{ranged} matching')", timeout=20000)
    dates = page.eval_on_selector_all(".search-result-meta time", "ts => ts.map(t => t.dateTime)")
    assert dates and all("2005" <= d[:4] <= "2010" for d in dates)


def test_result_lines_show_outlet_and_date_and_cut_excerpts_say_so(generated, served, page):
    archive, site = generated
    outlets = {iv.title: iv.publisher for iv in archive.interviews}
    open_search(page, served, "energy")
    rows = page.eval_on_selector_all(".search-result", """items => items.map(li => ({
        href: li.querySelector('a').href, title: li.querySelector('a').textContent,
        date: li.querySelector('.search-result-meta time')?.dateTime,
        outlet: li.querySelector('.search-result-outlet')?.textContent,
        excerpt: li.querySelector('.search-result-excerpt').textContent}))""")
    assert rows
    cut = 0
    for row in rows:
        title = row["title"].split(" — ", 1)[1]
        assert row["outlet"] == outlets[title] and re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"])
        text = " ".join(turn_text(site, row["href"]).split())
        shown = row["excerpt"].strip("…").strip()
        assert shown in text
        assert row["excerpt"].startswith("…") == (not text.startswith(shown))
        assert row["excerpt"].endswith("…") == (not text.endswith(shown))
        cut += row["excerpt"].startswith("…")
    assert cut


# --- 5. find in one interview ----------------------------------------------------------


def test_find_in_this_interview(generated, served, page):
    archive, site = generated
    iv = max(archive.interviews, key=lambda iv: len(iv.turns))
    slug = Path(iv.source).stem
    text = "\n".join(p for t in iv.turns for p in t.paragraphs).lower()
    word = "cooperation"
    n = text.count(word)
    assert n >= 3
    requests = []
    page.goto(served + f"interviews/{slug}/index.html")
    before = page.locator(".transcript").inner_html()
    box = page.locator("#find-box")
    assert box.is_visible()
    assert page.locator("label[for=find-q]").inner_text() == "Find in this interview"
    assert page.locator("#find-count").get_attribute("aria-live") == "polite"
    page.on("request", lambda r: requests.append(r.url))
    page.fill("#find-q", word)
    page.wait_for_function(f"() => document.getElementById('find-count').textContent === '1 of {n}'")
    assert page.locator("mark.find-hit").count() == n
    first = page.locator("mark.find-current").bounding_box()
    page.click("#find-next")
    assert page.locator("#find-count").inner_text() == f"2 of {n}"
    assert page.locator("mark.find-current").count() == 1
    assert page.locator("mark.find-current").bounding_box() != first
    page.press("#find-q", "Enter")
    assert page.locator("#find-count").inner_text() == f"3 of {n}"
    page.click("#find-prev")
    page.click("#find-prev")
    page.click("#find-prev")
    assert page.locator("#find-count").inner_text() == f"{n} of {n}"   # wraps round
    page.fill("#find-q", "zzqx")
    page.wait_for_function("() => document.getElementById('find-count').textContent === 'No match'")
    assert page.locator("mark.find-hit").count() == 0
    # the transcript is as it was (but for the box's own state), and nothing was fetched
    strip = lambda h: re.sub(r'<form class="find-box".*?</form>', "", h, flags=re.S)
    assert strip(page.locator(".transcript").inner_html()) == strip(before)
    assert requests == []


def test_the_find_box_needs_javascript(generated):
    _, site = generated
    html = next((site / "interviews").glob("*/index.html")).read_text("utf-8")
    assert re.search(r'<form class="find-box" id="find-box"[^>]*hidden', html)


# --- 6. speed --------------------------------------------------------------------------


def test_a_search_fetches_only_what_its_first_results_need(generated, served, page):
    """A common word: one fragment per result shown (20), not one per hit; no filter
    index until a facet is opened; the whole search page in at most 32 requests
    (66 before: 50 fragments and every filter index)."""
    requests = []
    page.on("requestfinished", lambda r: requests.append(r.url))
    total = open_search(page, served, "energy")
    wait_batch(page, 20)
    page.wait_for_load_state("networkidle")
    fragments = [u for u in requests if "/pagefind/fragment/" in u]
    assert total > 60 and len(fragments) == 20
    assert not [u for u in requests if u.endswith(".pf_filter")]   # no facet opened
    # each language beyond the page's is merged in: its entry check, metadata and index
    languages = len(json.loads((generated[1] / "pagefind" / "pagefind-entry.json")
                               .read_text("utf-8"))["languages"])
    assert len(requests) <= 32 + 3 * (languages - 1), requests
    page.click("#search-more")
    wait_batch(page, 40)
    page.wait_for_load_state("networkidle")
    assert len([u for u in requests if "/pagefind/fragment/" in u]) == 40
