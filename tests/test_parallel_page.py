"""Language versions on the built site (issue 13, item 4): 'Also in' links both ways,
each turn linked to its aligned turn in the other version, the side-by-side page,
the exports, valid and accessible HTML at 320 px, and incremental builds that equal
clean builds when a translation is added, undeclared or removed.

The site is the shipped site.yaml and topics.yaml with the three i18n fixtures (a
Russian interview, its English version a day later, a Chinese interview) and their
speakers.yaml."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import chromium
from scogen.archive import all_warnings, load_archive
from scogen.build import build
from scogen.check import check_site
from scogen.verify import compare
from test_quality import AXE, nu_check, serious_axe_violations

ROOT = Path(__file__).resolve().parents[1]
I18N = Path(__file__).parent / "fixtures" / "i18n"
RU, EN, ZH = "2024-03-12-sokolov-ru", "2024-03-13-sokolov-en", "2023-06-20-he-wentao-zh"
PARALLEL = f"interviews/{RU}/parallel/{EN}.html"


def make_content(base: Path, names=None) -> Path:
    content = base / "content"
    (content / "transcripts").mkdir(parents=True)
    for name in ("site.yaml", "topics.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copy(I18N / "speakers.yaml", content / "speakers.yaml")
    for path in sorted((I18N / "transcripts").iterdir()):
        if names is None or path.stem in names:
            shutil.copy(path, content / "transcripts" / path.name)
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("i18n-site")
    content = make_content(base)
    out = base / "site"
    build(load_archive(content), ROOT / "templates", out, quiet=True, search=False)
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def page(site: Path, stem: str) -> Path:
    return site / "interviews" / stem / "index.html"


def resolve(site: Path, here: Path, href: str) -> tuple[Path, str]:
    target, _, fragment = href.partition("#")
    assert not target.startswith(("/", "http:", "https:")), href
    return (here.parent / target).resolve() if target else here, fragment


# --- links between versions ---------------------------------------------------------


def test_versions_link_each_other_both_ways_with_hreflang(site):
    for here, there, lang, name, also in ((RU, EN, "en", "English", "Другие версии:"),
                                          (EN, RU, "ru", "Русский", "Also in:")):
        doc = soup(page(site, here))
        nav = doc.find("nav", class_="versions")
        assert nav is not None, here
        assert nav.get_text(" ", strip=True).startswith(also)  # in the page's language
        link = nav.find("a", hreflang=lang)
        assert link.get_text() == name and link["lang"] == lang
        target, _ = resolve(site, page(site, here), link["href"])
        assert target == page(site, there).resolve()
        alternates = {a["hreflang"]: a["href"] for a in
                      doc.head.find_all("link", rel="alternate", hreflang=True)}
        assert set(alternates) == {"ru", "en"}
        assert resolve(site, page(site, here), alternates[lang])[0] == \
            page(site, there).resolve()
    # the English page says which version is the original
    assert "Русский (original)" in soup(page(site, EN)).find(
        "nav", class_="versions").get_text(" ", strip=True)
    # a transcript with no other version has none of this
    zh = soup(page(site, ZH))
    assert zh.find("nav", class_="versions") is None
    assert not zh.find_all("p", class_="turn-versions")
    assert not zh.head.find_all("link", hreflang=True)


def test_every_turn_links_to_its_aligned_turn_and_the_anchor_exists(site):
    for here, lang in ((EN, "ru"), (RU, "en")):
        path = page(site, here)
        doc = soup(path)
        turns = doc.select(".transcript div.turn")
        assert len(turns) == 8
        answers = 0
        for section in turns:
            (links,) = section.find_all("p", class_="turn-versions")
            to_turn = links.find("a", hreflang=lang)
            target, fragment = resolve(site, path, to_turn["href"])
            assert fragment == section["id"]  # the same position in the other version
            assert soup(target).find(id=fragment) is not None
            if "turn-answer" in section["class"]:
                answers += 1
                # named as the page names it: one numbering (issue 12), in the page's language
                worded = rf"Answer to question {answers} in \S+" if here == EN else \
                    rf"Ответ на вопрос {answers} — \S+"
                assert re.fullmatch(worded, to_turn.get_text(" ", strip=True))  # page's language
            side = links.find("a", href=re.compile(r"parallel/"))
            target, row = resolve(site, path, side["href"])
            assert target == (site / PARALLEL).resolve()
            assert soup(target).find(id=row) is not None
            assert "uncertain" not in links.get_text()
        assert answers == 4
    # the example of the issue: answer 4 in English is answer 4 in Russian, turn 8
    en = soup(page(site, EN))
    assert en.find(id="t8").find("a", hreflang="ru")["href"] == f"../{RU}/index.html#t8"


# --- the side-by-side page ----------------------------------------------------------


def test_the_side_by_side_page_pairs_every_answer_with_its_original(site):
    doc = soup(site / PARALLEL)
    assert doc.find("h1") and len(doc.find_all("h1")) == 1
    assert doc.find("main", id="main")
    rows = doc.select("ol.parallel > li.pair")
    assert len(rows) == 8
    answers = [r for r in rows if r.find("h2").get_text(" ", strip=True).startswith("Answer")]
    assert len(answers) == 4
    for n, row in enumerate(answers, start=1):
        left, right = row.find_all("div", class_="cell")
        assert (left["lang"], right["lang"]) == ("ru", "en")  # the original on the left
        assert left.find("a")["href"] == f"../index.html#t{2 * n}"
        assert right.find("a")["href"] == f"../../{EN}/index.html#t{2 * n}"
        assert "(original)" in left.find("p", class_="cell-head").get_text()
        assert row.find("h2").get_text(" ", strip=True) == f"Answer to question {n}"
    # the texts are the two versions' own: answer 3 speaks of trade in both
    third = answers[2].find_all("div", class_="cell")
    assert "Торговля" in third[0].get_text() and "Trade" in third[1].get_text()
    assert "All 8 turns align one to one" in doc.find("p", class_="parallel-status").get_text()
    assert not doc.find(class_="uncertain-flag")
    for a in doc.find_all("a", href=True):  # every link relative and resolving
        target, fragment = resolve(site, site / PARALLEL, a["href"])
        assert target.is_file(), a["href"]
        if fragment:
            assert soup(target).find(id=fragment) is not None, a["href"]


def test_uncertain_rows_say_so_in_text(tmp_path):
    """The English version with its second exchange left out: four turns have no
    counterpart or could pair otherwise, and the page says so in words."""
    content = make_content(tmp_path, {RU, EN})
    en = content / "transcripts" / f"{EN}.txt"
    text = en.read_text("utf-8")
    cut = re.search(r"Question: Which security.*?\n\nAnswer: .*?\n\n", text, re.S)
    en.write_text(text[:cut.start()] + text[cut.end():], "utf-8")
    out = tmp_path / "site"
    build(load_archive(content), ROOT / "templates", out, quiet=True, search=False)
    doc = soup(out / PARALLEL)
    rows = doc.select("ol.parallel > li.pair")
    assert len(rows) == 8
    uncertain = [r for r in rows if "pair-uncertain" in r["class"]]
    assert uncertain and all("Alignment uncertain" in r.find("h2").get_text() for r in uncertain)
    missing = [r for r in rows if r.find(class_="cell-missing")]
    # the exchange left out, found by the sizes of the turns around it
    assert [r.find("h2").contents[0].strip() for r in missing] == ["Question 2", "Answer to question 2"]
    assert all("Not in the English version" in r.get_text(" ", strip=True) for r in missing)
    status = doc.find("p", class_="parallel-status").get_text(" ", strip=True)
    assert f"{len(uncertain)} of 8 rows are uncertain" in status and "(8 and 6)" in status
    assert "Торговля" in rows[5].get_text() and "Trade" in rows[5].get_text()  # answer 3
    # the turn links on the interview pages say it too
    ru = soup(out / "interviews" / RU / "index.html")
    assert "Нет соответствия в версии:" in ru.find(id="t3").get_text(" ")  # in Russian
    assert ru.find(id="t6").find("a", hreflang="en")["href"] == f"../{EN}/index.html#t4"
    assert "(сопоставление неточно)" in ru.find(id="t6").get_text(" ")


# --- exports and warnings -----------------------------------------------------------


def test_exports_carry_the_versions_and_the_aligned_turns(site):
    en = json.loads((site / "data" / "interviews" / f"{EN}.json").read_text("utf-8"))
    assert en["versions"] == [{"source": f"{RU}.txt", "language": "ru",
                               "url": f"interviews/{RU}/index.html", "parallel": PARALLEL}]
    assert [t["aligned"] for t in en["turns"]] == \
        [[{"source": f"{RU}.txt", "turn": n, "certain": True}] for n in range(1, 9)]
    assert list(en)[:11] == ["source", "title", "date", "publisher", "interviewer",
                             "interviewees", "lead", "language", "document",
                             "translation_of", "versions"]
    whole = json.loads((site / "data" / "interviews.json").read_text("utf-8"))
    by_source = {r["source"]: r for r in whole}
    assert by_source[f"{EN}.txt"] == en
    assert by_source[f"{RU}.txt"]["versions"][0]["source"] == f"{EN}.txt"
    assert by_source[f"{ZH}.html"]["versions"] == []
    assert all(t["aligned"] == [] for t in by_source[f"{ZH}.html"]["turns"])


def test_an_undeclared_pair_is_a_warning_with_the_line_to_add(tmp_path):
    content = make_content(tmp_path)
    en = content / "transcripts" / f"{EN}.txt"
    en.write_text(re.sub(r"\A---\n.*?\n---\n", "", en.read_text("utf-8"), flags=re.S), "utf-8")
    got = [w for w in all_warnings(load_archive(content)) if "translations." in w]
    assert got == [
        f"content/transcripts/{EN}.txt: warning: looks like a version of {RU}.txt (ru and en, "
        "2024-03-12 and 2024-03-13, Andrey Sokolov, 8 turns each); if it is, add the "
        f"front-matter line 'translation_of: {RU}.txt' to {EN}.txt to link them (not "
        "linked until declared) [translations.suggest]"]
    out = tmp_path / "site"
    build(load_archive(content), ROOT / "templates", out, quiet=True, search=False)
    assert not (out / PARALLEL).exists()  # suggested, not linked


def test_a_bad_declaration_is_a_warning_at_its_line_not_a_crash(tmp_path):
    content = make_content(tmp_path)
    en = content / "transcripts" / f"{EN}.txt"
    en.write_text(en.read_text("utf-8").replace(
        f"translation_of: {RU}.txt", f"title: An interview\ntranslation_of: {RU}.html"),
        "utf-8")
    got = [w for w in all_warnings(load_archive(content)) if "translations." in w]
    assert got[0].startswith(f"content/transcripts/{EN}.txt:3: warning: translation_of: "
                             f"{RU}.html names no transcript")
    assert got[0].endswith(f"; did you mean {RU}.txt? [translations.unknown]")
    build(load_archive(content), ROOT / "templates", tmp_path / "site", quiet=True,
          search=False)


# --- valid, accessible, readable on a phone -----------------------------------------


def test_nu_html_checker_and_links(site, tmp_path):
    assert check_site(site) == []
    nu_check(site, tmp_path, css=True)


@pytest.fixture(scope="module")
def browser():
    assert AXE.is_file(), "npm install (in .ci/run) provides axe-core"
    with chromium() as b:
        yield b


@pytest.mark.parametrize("rel", [PARALLEL, f"interviews/{EN}/index.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(site, browser, rel, scheme):
    context = browser.new_context(color_scheme=scheme)
    pg = context.new_page()
    pg.goto((site / rel).as_uri())
    bad = serious_axe_violations(pg)
    context.close()
    assert bad == [], json.dumps(bad, indent=1)


def _cells(site, browser, width: int) -> tuple[dict, list[dict]]:
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    pg.goto((site / PARALLEL).as_uri())
    sizes = pg.evaluate("({scroll: document.documentElement.scrollWidth,"
                        " client: document.documentElement.clientWidth})")
    boxes = pg.evaluate("""() => [...document.querySelector('li.pair').querySelectorAll('.cell')]
                           .map(c => { const r = c.getBoundingClientRect();
                                       return {left: r.left, right: r.right, top: r.top,
                                               bottom: r.bottom}; })""")
    context.close()
    return sizes, boxes


def test_at_320_px_the_page_does_not_overflow_and_the_versions_stack(site, browser):
    sizes, (first, second) = _cells(site, browser, 320)
    assert sizes["scroll"] <= sizes["client"] == 320, sizes
    assert second["top"] >= first["bottom"]  # one under the other
    assert first["right"] <= 320 and second["right"] <= 320


def test_on_a_wide_screen_the_versions_are_side_by_side(site, browser):
    sizes, (first, second) = _cells(site, browser, 1100)
    assert sizes["scroll"] <= sizes["client"]
    assert second["left"] >= first["right"] and abs(second["top"] - first["top"]) < 1


# --- incremental builds -------------------------------------------------------------


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*")
            if p.is_file()}


def _same_as_clean(content: Path, site: Path, clean: Path) -> None:
    build(load_archive(content), ROOT / "templates", site, quiet=True, search=False)
    build(load_archive(content, use_cache=False), ROOT / "templates", clean, quiet=True,
          search=False)
    assert compare(site, clean) == []
    shutil.rmtree(clean)


def test_adding_undeclaring_and_removing_a_translation_equals_a_clean_build(tmp_path):
    content = make_content(tmp_path, {RU, ZH})
    site, clean = tmp_path / "site", tmp_path / "clean"
    build(load_archive(content), ROOT / "templates", site, quiet=True, search=False)
    assert soup(page(site, RU)).find("nav", class_="versions") is None

    # added: the original now links to it, and the side-by-side page appears
    before = _inodes(site)
    shutil.copy(I18N / "transcripts" / f"{EN}.txt", content / "transcripts")
    _same_as_clean(content, site, clean)
    after = _inodes(site)
    assert soup(page(site, RU)).find("nav", class_="versions").find("a", hreflang="en")
    assert (site / PARALLEL).is_file()
    assert after[f"interviews/{RU}/index.html"] != before[f"interviews/{RU}/index.html"]
    assert after[f"data/interviews/{RU}.json"] != before[f"data/interviews/{RU}.json"]
    # a page that shows neither version is not rewritten
    assert after["speakers/he-wentao/index.html"] == before["speakers/he-wentao/index.html"]

    # undeclared: the link goes, from both pages and the exports
    en = content / "transcripts" / f"{EN}.txt"
    en.write_text(re.sub(r"\A---\n.*?\n---\n", "", en.read_text("utf-8"), flags=re.S), "utf-8")
    _same_as_clean(content, site, clean)
    assert not (site / PARALLEL).exists()
    assert soup(page(site, RU)).find("nav", class_="versions") is None
    assert json.loads((site / "data" / "interviews" / f"{RU}.json").read_text())["versions"] == []

    # declared from the other side, by a shared document id: linked again
    ru = content / "transcripts" / f"{RU}.txt"
    for path in (ru, en):
        path.write_text("---\ndocument: sokolov-2024\n---\n" + path.read_text("utf-8"), "utf-8")
    before = _inodes(site)
    _same_as_clean(content, site, clean)
    assert (site / PARALLEL).is_file()
    assert _inodes(site)["speakers/he-wentao/index.html"] == \
        before["speakers/he-wentao/index.html"]

    # removed: the original stands alone again
    en.unlink()
    _same_as_clean(content, site, clean)
    assert not (site / PARALLEL).exists()
    assert soup(page(site, RU)).find("nav", class_="versions") is None


def test_editing_one_version_rebuilds_the_pages_that_show_it(tmp_path):
    content = make_content(tmp_path)
    site, clean = tmp_path / "site", tmp_path / "clean"
    build(load_archive(content), ROOT / "templates", site, quiet=True, search=False)
    before = _inodes(site)
    ru = content / "transcripts" / f"{RU}.txt"
    ru.write_text(ru.read_text("utf-8").replace("почти на треть", "почти вдвое"), "utf-8")
    _same_as_clean(content, site, clean)
    after = _inodes(site)
    assert "почти вдвое" in (site / PARALLEL).read_text("utf-8")
    for rel in (PARALLEL, f"interviews/{EN}/index.html", f"interviews/{RU}/index.html"):
        assert after[rel] != before[rel], rel
    assert after[f"interviews/{ZH}/source.txt"] == before[f"interviews/{ZH}/source.txt"]
