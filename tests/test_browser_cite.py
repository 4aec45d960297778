"""Issue 12 in Chromium: copying a citation gives an absolute URL and today's date;
the 404 page works at any depth (scogen serve at the root, nginx under a sub-path);
the search, about and interview pages reflow at 320 px."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from browser import chromium
from servers import nginx

IVANOV = "interviews/2007-05-22-igor-ivanov/index.html"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def served(built_site):
    """``scogen serve`` over the shipped site, at the host's root."""
    from scogen.serve import make_server
    server = make_server(built_site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_copy_gives_the_absolute_url_and_todays_date(browser, served):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(served + IVANOV)
        turn = page.locator("#t2")
        turn.locator("details.cite summary").click()
        assert not turn.locator(".cite-note").is_visible()  # the script filled the URL
        buttons = turn.locator("button.cite-copy")
        assert buttons.count() == 3  # reference, BibTeX, CSL-JSON
        turn.locator(".cite-format", has_text="BibTeX").locator("button").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        today = page.evaluate("(() => { const d = new Date(), p = n => String(n).padStart(2, '0');"
                              " return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' +"
                              " p(d.getDate()); })()")
        assert abs(dt.date.fromisoformat(today) - dt.date.today()).days <= 1
        assert copied == turn.locator(".cite-bibtex").inner_text()
        assert f"url = {{{served}{IVANOV}#t2}}" in copied
        assert f"urldate = {{{today}}}" in copied and "YYYY" not in copied
        assert copied.startswith("@misc{") and "Copied" in buttons.nth(1).inner_text()
        turn.locator(".cite-format", has_text="Reference").locator("button").click()
        plain = page.evaluate("navigator.clipboard.readText()")
        assert plain.endswith(f"{served}{IVANOV}#t2. Accessed {today}.")
    finally:
        context.close()


def _check_404(page, url: str, home: str) -> None:
    response = page.goto(url)
    assert response.status == 404
    page.wait_for_function("getComputedStyle(document.querySelector('.skip-link'))"
                           ".position === 'absolute'", timeout=10000)  # the stylesheet applies
    page.click("main >> text=front page")
    page.wait_for_load_state()
    assert page.url == home + "index.html"
    assert page.locator("h1").count() == 1 and page.title()


def test_deep_404_keeps_its_style_and_links_under_scogen_serve(browser, served):
    page = browser.new_page()
    try:
        _check_404(page, served + "no/such/deep/path/here.html", served)
        _check_404(page, served + "interviews/missing/", served)
    finally:
        page.close()


def test_deep_404_under_a_sub_path_on_a_static_host(browser, built_site):
    page = browser.new_page()
    try:
        with nginx(built_site, built_site.parent / "nginx-404", not_found=True) as base:
            _check_404(page, base + "a/b/c/d/missing.html", base)
    finally:
        page.close()


@pytest.mark.parametrize("path", ["search.html?q=security", "about/index.html", IVANOV])
def test_320px_pages_reflow_without_horizontal_scroll(browser, served, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width)
        if path.startswith("about"):  # the downloads table keeps its first column
            first = page.locator("table.downloads tbody td").first
            assert first.is_visible() and first.locator("a").count() == 1
    finally:
        context.close()
