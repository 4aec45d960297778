"""Every page in the right language (issue 13, item 2).

An interview page is worded in its record's language through the message
catalogue (scogen/locale, Babel), dates in that language's conventions, citations
in its referencing standard; other pages stay in the site's language, marking
what is written in another. The site is built from the three i18n fixtures (a
Russian interview, its English version, a saved Chinese page).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from browser import chromium
from scogen import i18n
from scogen.archive import load_archive
from scogen.build import build
from scogen.check import check_site
from scogen.cite import cite, split_han
from scogen.lang import LANGUAGES, count_words
from scogen.model import Interview, Person, Speaker, Turn
from scogen.render import make_env
from test_quality import AXE, nu_check, serious_axe_violations

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "i18n"
TRANSLATED = ("ru", "zh")
RU, EN, ZH = "2024-03-12-sokolov-ru", "2024-03-13-sokolov-en", "2023-06-20-he-wentao-zh"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"<[^>]+>")


# --- the catalogue -------------------------------------------------------------------

def extracted() -> dict[str, tuple[str, ...]]:
    """What Babel extracts from templates/ with the project's mapping: msgid ->
    (msgid,) or (singular, plural)."""
    with i18n.MAPPING.open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "templates", method_map, options_map):
        ids = (message,) if isinstance(message, str) else tuple(message)
        found[ids[0]] = ids
    return found


def catalogue(lang: str):
    with i18n.catalogue_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def test_templates_have_strings_to_translate():
    found = extracted()
    assert len(found) >= 50
    for msgid in ("Question", "Cite this answer", "Source and repairs", "Answer to question %(n)s",
                  'Permalink<span class="visually-hidden">: %(label)s</span>'):
        assert msgid in found, msgid
    assert found["%(count)s repair"] == ("%(count)s repair", "%(count)s repairs")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_translates_every_template_string(lang):
    """Fails as soon as a template gains a string the catalogue has not translated:
    extract (pybabel extract), then pybabel update and translate."""
    cat = catalogue(lang)
    missing, empty, fuzzy = [], [], []
    for msgid, ids in extracted().items():
        message = cat.get(msgid)
        if message is None:
            missing.append(msgid)
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if len(ids) == 2:
            assert isinstance(message.id, tuple) and message.id[1] == ids[1], msgid
            assert len(strings) == cat.num_plurals, msgid
        if not all(s and s.strip() for s in strings):
            empty.append(msgid)
        if message.fuzzy:
            fuzzy.append(msgid)
    assert (missing, empty, fuzzy) == ([], [], [])


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_placeholders_and_markup(lang):
    """A translation may move a %(name)s or a tag, never drop or invent one."""
    for message in catalogue(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        want = sorted(PLACEHOLDER.findall(ids[-1]))
        tags = sorted(TAG.findall(ids[0]))
        for s in strings:
            got = sorted(PLACEHOLDER.findall(s))
            # a language with one plural form may leave the number out of no form
            assert got == want, (message.id, s)
            assert sorted(TAG.findall(s)) == tags, (message.id, s)


def test_the_shipped_template_file_is_what_babel_extracts():
    with (i18n.LOCALE_DIR / "messages.pot").open("rb") as f:
        pot = read_po(f)
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id} == \
        set(extracted())


def test_catalogues_ship_with_the_package():
    """pyproject's package data names every catalogue (a wheel carries them)."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["scogen"]
    package = ROOT / "scogen"
    shipped = {p for pattern in patterns for p in package.glob(pattern)}
    for lang in TRANSLATED:
        assert i18n.catalogue_path(lang) in shipped
    assert package / "locale" / "messages.pot" in shipped
    assert any("babel" in d for d in data["project"]["dependencies"])


def test_languages_are_the_catalogues_found():
    assert i18n.languages() == LANGUAGES == ("en", "ru", "zh")
    assert [i18n.interface_language(t) for t in ("ru", "zh-Hans", "en-GB", "kk", None)] == \
        ["ru", "zh", "en", "en", "en"]
    assert i18n.interface_language("kk", "ru") == "ru"  # no Kazakh catalogue: the site's


def test_translations_are_made_once_per_language():
    assert i18n.translations("ru") is i18n.translations("ru")
    assert i18n.translations("ru") is not i18n.translations("zh")


@pytest.mark.parametrize("n, ru", [(1, "1 исправление"), (3, "3 исправления"),
                                   (5, "5 исправлений"), (11, "11 исправлений"),
                                   (21, "21 исправление"), (24, "24 исправления")])
def test_russian_plurals_take_three_forms(n, ru):
    text = i18n.translations("ru").ngettext("%(count)s repair", "%(count)s repairs", n)
    assert text % {"count": n} == ru
    zh = i18n.translations("zh").ngettext("%(count)s repair", "%(count)s repairs", n)
    assert zh % {"count": n} == f"{n} 处修复"


def test_templates_look_strings_up_in_the_pages_language(tmp_path):
    (tmp_path / "t.html").write_text(
        '{{ _("Question") }}|{% trans count=n %}{{ count }} repair{% pluralize %}'
        '{{ count }} repairs{% endtrans %}|{{ _("About &amp; data") }}|'
        '{{ _("%(site)s: newest interviews", site=s) }}', "utf-8")
    env = make_env(tmp_path)
    page = env.get_template("t.html")
    assert page.render(lang="ru", n=2, s="A&B") == \
        "Вопрос|2 исправления|О проекте и данные|A&amp;B: новые интервью"
    assert page.render(lang="zh", n=2, s="x") == "问题|2 处修复|关于与数据|x：最新访谈"
    assert page.render(lang="en", n=1, s="x") == \
        "Question|1 repair|About &amp; data|x: newest interviews"


@pytest.mark.parametrize("iso, lang, shown", [
    ("2024-03-12", "ru", "12 марта 2024\u202fг."), ("2023-06-20", "zh", "2023年6月20日"),
    ("2024-03-12", "zh-Hans", "2024年3月12日"), ("2024-03-12", "en", "2024-03-12"),
    ("2024-02-30", "ru", "2024-02-30"), (None, "ru", ""),
])
def test_dates_in_the_conventions_of_the_language(iso, lang, shown):
    assert i18n.long_date(iso, lang) == shown


def test_numbers_are_grouped_as_the_locale_groups_them():
    assert i18n.number(12345, "en") == "12,345"
    assert i18n.number(12345, "ru") == "12\xa0345"
    assert i18n.number(12345, "zh") == "12,345"


@pytest.mark.parametrize("text, n", [
    ("上海合作组织", 6), ("上合组织 SCO 峰会", 7), ("“上海精神”，即互信。", 7),
    ("Ответ – да, конечно.", 3), ("Кыргыз-Ата 2024 г.", 3), ("It's a B2B deal", 4),
])
def test_chinese_is_counted_in_characters(text, n):
    assert count_words(text) == n


# --- citations -------------------------------------------------------------------------

def _iv(language, title, publisher, speaker, asker, date="2024-03-12", interviewer=None):
    turns = (Turn("question", None, None, asker, ("?",), (), 3, 1),
             Turn("answer", None, None, speaker, ("!",), (), 5, 2))
    return Interview("x.txt", title, date, publisher, interviewer, (Person(speaker),),
                     None, turns, language=language)


SOKOLOV = Speaker("Andrey Sokolov", "andrey-sokolov",
                  aliases=("А.В.Соколов", "Андрей Соколов", "Sokolov"))
PANORAMA = Speaker("Severnaya Panorama", "severnaya-panorama",
                   aliases=("Северная панорама",), kind="organisation")
HE = Speaker("He Wentao", "he-wentao", aliases=("何文涛",))
TIANSHAN = Speaker("Tianshan Daily", "tianshan-daily", aliases=("天山日报",), kind="organisation")
PEOPLE = {s.name: s for s in (SOKOLOV, PANORAMA, HE, TIANSHAN)}
URL = "https://ex.org/interviews/x/#t2"


def test_russian_reference_follows_gost():
    iv = _iv("ru", "Интервью газете «Северная панорама»", "МИД России", "Andrey Sokolov",
             "Severnaya Panorama")
    c = cite(iv, iv.turns[1], URL, "Архив", PEOPLE, accessed=dt.date(2025, 6, 5))
    assert c.plain == ("Соколов А. Интервью газете «Северная панорама» // МИД России. "
                       "2024. 12 марта. URL: https://ex.org/interviews/x/#t2 "
                       "(дата обращения: 05.06.2025).")
    # an organisation is no heading: it follows the title as the responsibility
    q = cite(iv, iv.turns[0], URL, "Архив", PEOPLE)
    assert q.plain.startswith("Интервью газете «Северная панорама» / Северная панорама "
                              "// МИД России. 2024. 12 марта. URL: ")
    assert q.plain.endswith("(дата обращения: ДД.ММ.ГГГГ).")  # the reader's own date


def test_russian_reference_with_interviewer_initials_and_no_date():
    iv = _iv("ru", "Что дальше?", None, "Андрей Викторович Соколов", "Иван Петров",
             date=None, interviewer="Иван Петров")
    c = cite(iv, iv.turns[1], URL, "Архив")
    assert c.plain.startswith("Соколов А. В. Что дальше? / интервьюер И. Петров. [б. г.]. "
                              "URL: ")


def test_chinese_reference_follows_gb_t_7714():
    iv = _iv("zh", "大使接受《天山日报》采访", "中国驻吉尔吉斯斯坦大使馆", "He Wentao",
             "Tianshan Daily", date="2023-06-20")
    c = cite(iv, iv.turns[1], URL, "档案", PEOPLE)
    assert c.plain == ("何文涛. 大使接受《天山日报》采访[EB/OL]. 中国驻吉尔吉斯斯坦大使馆, "
                       "2023-06-20[YYYY-MM-DD]. https://ex.org/interviews/x/#t2.")
    q = cite(iv, iv.turns[0], URL, "档案", PEOPLE, accessed=dt.date(2025, 1, 5))
    assert q.plain.startswith("天山日报. 大使接受")
    assert "2023-06-20[2025-01-05]." in q.plain
    # someone with no Chinese name: family name in capitals, initials (GB/T 7714)
    latin = _iv("zh", "题名", None, "Andrey Sokolov", "Tianshan Daily")
    other = cite(latin, latin.turns[1], URL, "档案")
    assert other.plain.startswith("SOKOLOV A. 题名[EB/OL]. 2024-03-12[YYYY-MM-DD]. ")


def test_bibtex_and_csl_carry_the_language_and_name_conventions():
    ru = _iv("ru", "Интервью", "МИД России", "Andrey Sokolov", "Severnaya Panorama")
    a = cite(ru, ru.turns[1], URL, "Архив", PEOPLE)
    assert "language = {russian}" in a.bibtex and "author = {Соколов, Андрей}" in a.bibtex
    assert a.bibtex.startswith("@misc{sokolov2024t2,")
    item = json.loads(a.csl_json)[0]
    assert item["language"] == "ru" and item["author"] == [{"family": "Соколов",
                                                            "given": "Андрей"}]
    q = cite(ru, ru.turns[0], URL, "Архив", PEOPLE)
    assert "author = {{Северная панорама}}" in q.bibtex
    assert json.loads(q.csl_json)[0]["author"] == [{"literal": "Северная панорама"}]

    zh = _iv("zh", "采访", "大使馆", "He Wentao", "Tianshan Daily", date="2023-06-20")
    b = cite(zh, zh.turns[1], URL, "档案", PEOPLE)
    assert "author = {{何文涛}}" in b.bibtex and "language = {chinese}" in b.bibtex
    assert b.bibtex.startswith("@misc{he2023t2,")  # the family name, from 'He Wentao'
    item = json.loads(b.csl_json)[0]
    assert item["language"] == "zh" and item["author"] == [{"family": "何", "given": "文涛"}]
    assert json.loads(cite(zh, zh.turns[0], URL, "档案", PEOPLE).csl_json)[0]["author"] == \
        [{"literal": "天山日报"}]


def test_english_citations_mark_organisations_and_their_language():
    en = _iv("en", "Talks", "MFA", "Andrey Sokolov", "Severnaya Panorama")
    q = cite(en, en.turns[0], URL, "Archive", PEOPLE)
    assert "author = {{Severnaya Panorama}}" in q.bibtex and "language = {english}" in q.bibtex
    item = json.loads(q.csl_json)[0]
    assert item["author"] == [{"literal": "Severnaya Panorama"}] and item["language"] == "en"
    a = cite(en, en.turns[1], URL, "Archive", PEOPLE)
    assert a.plain.startswith("Andrey Sokolov. “Talks”. MFA, 2024-03-12. Answer to question 1. "
                              "Archive.")
    assert json.loads(a.csl_json)[0]["author"] == [{"family": "Sokolov", "given": "Andrey"}]


@pytest.mark.parametrize("name, parts", [
    ("何文涛", ("何", "文涛")), ("王毅", ("王", "毅")), ("欧阳明远", ("欧阳", "明远")),
    ("司马光", ("司马", "光")), ("马光", ("马", "光")), ("阿不都热合曼江", None),
    ("Wang Yi", None), ("艾力·买买提", None),
])
def test_chinese_names_are_family_name_first(name, parts):
    assert split_han(name) == parts


# --- the built pages -------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("i18n")
    content = base / "content"
    content.mkdir()
    for name in ("site.yaml", "topics.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    shutil.copytree(FIXTURES / "transcripts", content / "transcripts")
    shutil.copy(FIXTURES / "speakers.yaml", content / "speakers.yaml")
    out = base / "site"
    build(load_archive(content), ROOT / "templates", out, quiet=True, search=False)
    return out


@pytest.fixture(scope="module")
def archive(site):
    return load_archive(site.parent / "content", use_cache=False)  # whole records


def page(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / "interviews" / slug / "index.html").read_text("utf-8"),
                         "html.parser")


def record(archive, slug):
    return next(iv for iv in archive.interviews if iv.source.startswith(slug))


def interface_text(doc: BeautifulSoup) -> str:
    """The visible interface text in the page's own language: the body without
    data (BibTeX, CSL-JSON, the raw source, repaired spans: pre and code), links'
    addresses, or anything marked with another language."""
    lang = doc.html["lang"]
    for el in doc.find_all(["head", "script", "style", "pre", "code"]):
        el.decompose()
    for el in doc.select("[lang]"):
        if el is not doc.html and el.get("lang") != lang:
            el.decompose()
    return re.sub(r"\S*(?:/|\.html)\S*", " ", doc.get_text(" "))


def english_words(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Za-z]{3,}\b", text))


@pytest.mark.parametrize("slug, lang", [(RU, "ru"), (ZH, "zh"), (EN, "en")])
def test_an_interview_page_declares_its_records_language(site, archive, slug, lang):
    assert record(archive, slug).language == lang
    assert page(site, slug).html["lang"] == lang


def test_russian_page_is_worded_dated_and_tagged_in_russian(site, archive):
    doc = page(site, RU)
    iv = record(archive, RU)
    # CLDR keeps 'г.' with its year by a narrow no-break space
    assert doc.select_one(".kicker").get_text() == "Интервью · 12 марта 2024\u202fг."
    assert doc.select_one(".kicker time")["datetime"] == "2024-03-12"  # machine form stays ISO
    assert [dt_.get_text() for dt_ in doc.select("dl.meta dt")] == \
        ["Дата", "Объём", "Издатель", "Собеседник", "Источник"]
    assert doc.select("dl.meta dd")[1].get_text() == f"{iv.word_count} слов"
    kinds = [s.get_text() for s in doc.select(".turn-kind")]
    assert kinds[:2] == ["Вопрос 1", "Ответ на вопрос 1"] and len(kinds) == len(iv.turns)
    assert all(re.fullmatch(r"(Вопрос|Ответ на вопрос) \d+", k) for k in kinds)
    assert doc.select_one("#t2 details.cite summary").get_text() == "Цитировать этот ответ"
    assert doc.select_one("#t1 details.cite summary").get_text() == "Цитировать этот вопрос"
    assert doc.select_one("#t2 .permalink").get_text() == \
        "Постоянная ссылка: Ответ на вопрос 1"  # the page's own name for the turn
    assert doc.select_one("#repairs-h").get_text() == "Источник и исправления"
    assert doc.select_one(".skip-link").get_text() == "Перейти к содержанию"
    topics = {t.slug: t for t in archive.topics}
    tags = doc.select("#t2 a.tag")
    assert tags and [a.get_text() for a in tags] == \
        [topics[s].name_in("ru") for s in iv.turns[1].topics]
    assert all(re.search("[а-я]", a.get_text()) for a in tags)
    assert "Соколов А. " in doc.select_one("#t2 .cite-plain").get_text()
    assert "language = {russian}" in doc.select_one("#t2 .cite-bibtex").get_text()
    # no English interface word is left, outside what is marked as English
    words = english_words(interface_text(doc))
    assert words <= {"URL", "JSON", "BibTeX", "CSL", "Atom", "JavaScript"}, words  # names of formats


def test_russian_page_marks_what_is_not_russian(site):
    doc = page(site, RU)
    assert doc.select_one("a.site-title")["lang"] == "en"  # the site's own title
    assert doc.select_one(".site-footer .licence") is None  # in full once: the About page
    assert doc.select_one(".turn .speaker a.person")["lang"] == "en"  # 'Andrey Sokolov'
    assert all(not p.get("lang") for p in doc.select(".turn p"))  # the text is the page's
    pager = doc.select("nav.pager a")
    assert {a.span["lang"] for a in pager} == {"en", "zh"}  # its neighbours' titles


def test_chinese_page_is_worded_dated_and_counted_in_chinese(site, archive):
    doc = page(site, ZH)
    iv = record(archive, ZH)
    assert doc.select_one(".kicker").get_text() == "访谈 · 2023年6月20日"
    assert [dt_.get_text() for dt_ in doc.select("dl.meta dt")] == \
        ["日期", "篇幅", "发布者", "受访者", "来源"]
    han = sum(len(re.findall(r"[\u4e00-\u9fff]", p)) for t in iv.turns for p in t.paragraphs)
    assert han > 100 and doc.select("dl.meta dd")[1].get_text() == f"{han} 字"
    kinds = [s.get_text() for s in doc.select(".turn-kind")]
    assert kinds[:2] == ["第1问", "第1问的回答"]
    assert all(re.fullmatch(r"第\d+问(的回答)?", k) for k in kinds)
    assert doc.select_one("#t2 details.cite summary").get_text() == "引用此回答"
    assert doc.select_one("#t2 .permalink").get_text() == "固定链接：第1问的回答"
    assert doc.select_one(".toc-head").get_text() == "访谈目录"
    topics = {t.slug: t for t in archive.topics}
    assert [a.get_text() for a in doc.select("#t2 a.tag")] == \
        [topics[s].name_in("zh") for s in iv.turns[1].topics]
    assert doc.select_one("#t2 .cite-plain").get_text().startswith("何文涛. ")
    assert "[EB/OL]" in doc.select_one("#t2 .cite-plain").get_text()
    assert all(not p.get("lang") for p in doc.select(".turn p"))  # no longer marked zh
    words = english_words(interface_text(doc))
    assert words <= {"URL", "JSON", "BibTeX", "CSL", "Atom", "EB", "OL", "JavaScript", "YYYY"}, words


def test_english_page_stays_english(site, archive):
    doc = page(site, EN)
    iv = record(archive, EN)
    assert doc.select_one(".kicker").get_text() == "Interview · 2024-03-13"
    assert [dt_.get_text() for dt_ in doc.select("dl.meta dt")] == \
        ["Date", "Length", "Publisher", "Interviewee", "Source"]
    assert doc.select("dl.meta dd")[1].get_text() == f"{iv.word_count} words"
    assert doc.select_one("#t2 details.cite summary").get_text() == "Cite this answer"
    assert doc.select_one(".skip-link").get_text() == "Skip to content"
    assert not doc.select_one("a.site-title").get("lang")
    assert doc.select_one("#t2 .cite-plain").get_text().startswith("Andrey Sokolov. “")


def test_other_pages_stay_in_the_site_language_marking_each_item(site):
    listing = BeautifulSoup((site / "interviews" / "index.html").read_text("utf-8"),
                            "html.parser")
    assert listing.html["lang"] == "en"
    assert listing.select_one("nav.site-nav a").get_text() == "Interviews"
    marks = {a["href"].split("/")[-2]: a.get("lang") for a in listing.select("a.interview-link")}
    assert marks == {RU: "ru", ZH: "zh", EN: None}
    dates = [t.get_text() for t in listing.select(".interview-item time")]
    assert dates == ["2024-03-13", "2024-03-12", "2023-06-20"]  # the site's (ISO) form
    topic = BeautifulSoup((site / "topics" / "economic-cooperation" / "index.html")
                          .read_text("utf-8"), "html.parser")
    quotes = {q.get("lang") for q in topic.select("blockquote.excerpt")}
    assert {"ru", "zh"} <= quotes


def test_the_built_site_has_no_broken_links(site):
    assert check_site(site) == []


def test_nu_html_checker_accepts_the_translated_site(site, tmp_path):
    nu_check(site, tmp_path)


@pytest.fixture(scope="module")
def axe_browser():
    assert AXE.is_file(), "npm install (in .ci/run) provides axe-core"
    with chromium() as b:
        yield b


@pytest.mark.parametrize("slug", [RU, ZH])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_on_translated_pages(site, axe_browser, slug, scheme):
    context = axe_browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto((site / "interviews" / slug / "index.html").as_uri())
    assert tab.evaluate("document.documentElement.lang") == slug.rsplit("-", 1)[1]
    bad = serious_axe_violations(tab)
    context.close()
    assert bad == [], json.dumps(bad, indent=1)


# --- keys ------------------------------------------------------------------------------

def test_a_changed_catalogue_changes_the_code_fingerprint(tmp_path, monkeypatch):
    """Pages are keyed by scogen's code, which includes the catalogues they are
    worded from: an edited translation re-renders them."""
    from scogen.cache import keys
    copy = tmp_path / "scogen"
    shutil.copytree(ROOT / "scogen", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(keys, "PACKAGE", copy)
    before = keys.code_fingerprint.__wrapped__()
    po = copy / "locale" / "ru" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text("utf-8").replace('"Вопрос"', '"Вопрос!"'), "utf-8")
    assert keys.code_fingerprint.__wrapped__() != before
