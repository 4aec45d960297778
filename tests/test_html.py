"""Saved HTML pages: blocks, dropped furniture and page metadata.

The fixtures in tests/fixtures/html are invented pages with realistic
furniture; expected.json beside them was written by hand from the pages.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scogen.loader.extract import html_blocks as reexported
from scogen.loader.html import PageMeta, html_blocks, html_page

HERE = Path(__file__).parent / "fixtures" / "html"
EXPECTED = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
PAGES = sorted(EXPECTED)


def page(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in HERE.glob("*.html")) == PAGES
    assert len(PAGES) >= 6


@pytest.mark.parametrize("name", PAGES)
def test_blocks_with_source_lines(name):
    blocks, _, _ = html_page(page(name))
    assert [[b.line, b.text] for b in blocks] == EXPECTED[name]["blocks"]


@pytest.mark.parametrize("name", [p for p in PAGES if not EXPECTED[p].get("model_only")])
def test_rules_alone_give_the_same_blocks_on_pages_with_marked_furniture(name):
    blocks, _, _ = html_page(page(name), model=False)
    assert [[b.line, b.text] for b in blocks] == EXPECTED[name]["blocks"]


def test_main_text_model_drops_boilerplate_the_rules_cannot_see():
    name = "09_unmarked_boilerplate.html"
    ruled, _, _ = html_page(page(name), model=False)
    modelled, dropped, _ = html_page(page(name))
    bio = EXPECTED[name]["dropped"][-1]
    assert bio in [b.text for b in ruled]
    assert bio not in [b.text for b in modelled] and bio in dropped
    # every block the model keeps is one of the rules' blocks, line and text unchanged
    assert set(modelled) <= set(ruled)


@pytest.mark.parametrize("name", PAGES)
def test_page_meta(name):
    _, _, meta = html_page(page(name))
    want = EXPECTED[name]["meta"]
    for field in ("title", "date", "publisher", "author", "description"):
        got = getattr(meta, field)
        assert (list(got) if got else None) == want[field], field
    assert meta.lang == want["lang"]
    assert meta.url == want["url"]


@pytest.mark.parametrize("name", PAGES)
def test_furniture_is_dropped_and_reported(name):
    blocks, dropped, _ = html_page(page(name))
    for text in EXPECTED[name]["dropped"]:
        assert text in dropped
    body = "\n".join(b.text for b in blocks)
    for text in EXPECTED[name]["dropped"]:
        if len(text) > 12:  # short words such as "Home" may also be prose
            assert text not in body


def test_first_line_offsets_every_block():
    name = PAGES[0]
    at_one, _, _ = html_page(page(name))
    at_ten, _, _ = html_page(page(name), first_line=10)
    assert [b.line + 9 for b in at_one] == [b.line for b in at_ten]
    assert [b.text for b in at_one] == [b.text for b in at_ten]


def test_html_blocks_is_html_page_without_meta():
    text = page("05_br_press_briefing.html")
    blocks, dropped, _ = html_page(text)
    assert html_blocks(text) == (blocks, dropped)
    assert reexported is html_blocks


def test_bold_label_gets_its_space_and_full_width_colon_does_not():
    blocks, _ = html_blocks("<p><strong>Answer:</strong>Yes.</p>"
                            "<p><b>问：</b>你好</p><p><b>Name</b>: text</p>")
    assert [b.text for b in blocks] == ["Answer: Yes.", "问：你好", "Name: text"]


def test_br_lines_split_only_at_speaker_labels():
    html = ("<article><p>Anna Berg: First line<br>goes on here.<br>"
            "Question: Next?<br><b>Host:</b> Last.<br>问：还有吗？</p></article>")
    blocks, _ = html_blocks(html)
    assert [b.text for b in blocks] == ["Anna Berg: First line goes on here.",
                                        "Question: Next?", "Host: Last.", "问：还有吗？"]


def test_br_lines_split_at_dialogue_dashes():
    blocks, _ = html_blocks("<article><p>— Как прошла встреча?<br>— Спокойно, без сюрпризов.<br>"
                            "Все документы подписаны.<br>- А дальше?</p></article>")
    assert [b.text for b in blocks] == ["— Как прошла встреча?",
                                        "— Спокойно, без сюрпризов. Все документы подписаны.",
                                        "- А дальше?"]


def test_short_cjk_and_cyrillic_paragraphs_are_kept():
    blocks, _ = html_blocks("<main><p>谢谢。</p><p>Да.</p><p>好</p></main>")
    assert [b.text for b in blocks] == ["谢谢。", "Да.", "好"]


def test_site_header_dropped_article_header_kept():
    html = ("<body><header><nav><a>Home</a></nav><div>Site name</div></header>"
            "<article><header><h1>Headline</h1><time datetime='2020-01-02'>2 Jan</time>"
            "</header><p>Body text of the article.</p></article></body>")
    blocks, dropped, meta = html_page(html)
    assert [b.text for b in blocks] == ["Headline", "2 Jan", "Body text of the article."]
    assert "Home" in dropped and "Site name" in dropped
    assert meta.date == ("2020-01-02", "time datetime")


def test_class_word_on_a_wrapper_of_the_whole_text_does_not_drop_it():
    prose = " ".join(["Sentence number %d of the interview." % i for i in range(40)])
    html = f"<body><div class='page-with-sidebar'><p>{prose}</p><p>{prose}</p></div></body>"
    blocks, dropped = html_blocks(html)
    assert len(blocks) == 2 and dropped == []


def test_byline_bar_splits_into_byline_and_date():
    html = ("<article><h1>T</h1><p class='meta'>Text by <a rel='author'>Ola Nordmann</a> | "
            "<time datetime='2019-03-04'>4 March 2019</time></p><p>Body.</p></article>")
    blocks, _, meta = html_page(html)
    assert [b.text for b in blocks] == ["T", "Text by Ola Nordmann", "4 March 2019", "Body."]
    assert meta.author == ("Ola Nordmann", "rel author")


def test_a_date_inside_prose_does_not_split_the_paragraph():
    html = ("<article><p>The talks that began on <time datetime='2019-03-04'>4 March</time>, "
            "after a long pause, went on for three days and ended with a statement that "
            "neither side wanted to call an agreement, though both used the word progress "
            "when they met the press in the evening.</p></article>")
    blocks, _ = html_blocks(html)
    assert len(blocks) == 1 and blocks[0].text.startswith("The talks that began on 4 March, after")


@pytest.mark.parametrize("html", [
    "", "   ", "<html><body></body></html>", "<p>unclosed <b>bold <i>italic",
    "<script type='application/ld+json'>{not json</script><p>Text.</p>",
    "<script type='application/ld+json'>[1, \"x\", {\"@type\": 5}]</script><p>Text.</p>",
    "<meta property='article:published_time' content='2023-13-45'><p>Text.</p>",
    "<!DOCTYPE html><?xml version='1.0'?><!-- a note --><p>Text.</p>",
])
def test_broken_or_empty_pages_give_what_they_have(html, recwarn):
    blocks, dropped, meta = html_page(html)
    assert not [w for w in recwarn if "bs4" in str(w.filename) or "bs4" in str(w.category)]
    assert isinstance(meta, PageMeta)
    assert all(b.text for b in blocks)
    assert meta.date is None
    assert [b.text for b in blocks] in ([], ["unclosed bold italic"], ["Text."])


def test_json_ld_graph_and_author_list():
    html = """<script type="application/ld+json">{"@context": "https://schema.org",
      "@graph": [{"@type": "WebSite", "name": "Some Site"},
                 {"@type": ["ReportageNewsArticle"], "headline": "A headline",
                  "datePublished": "2021-05-06T01:02:03+08:00",
                  "author": [{"name": "One Person"}, {"name": "Two Person"}]}]}</script>
      <article><p>Body.</p></article>"""
    _, _, meta = html_page(html)
    assert meta.title == ("A headline", "json-ld headline")
    assert meta.date == ("2021-05-06", "json-ld datePublished")
    assert meta.author == ("One Person, Two Person", "json-ld author")
    assert meta.publisher == ("Some Site", "json-ld publisher")


def test_beautifulsoup_is_imported_only_in_html_module_of_the_loader():
    pkg = Path(__file__).resolve().parent.parent / "scogen" / "loader"
    users = sorted(str(p.relative_to(pkg)) for p in pkg.rglob("*.py")
                   if re.search(r"^\s*(?:from|import)\s+bs4", p.read_text(encoding="utf-8"), re.M))
    assert users == ["html.py"]


@pytest.mark.parametrize("html", [
    "<div>" * 3000 + "<p>Question: Still there?</p>",
    "<p>" + "<font>" * 3000 + "Question: Still there?</p>",
    "<p>Question: Still there?" * 3000,  # html.parser nests unclosed <p> tags
])
def test_pages_nested_thousands_deep_load_quickly(html):
    import time
    start = time.perf_counter()
    blocks, _, _ = html_page(html)
    assert time.perf_counter() - start < 5
    assert blocks and all(b.text == "Question: Still there?" for b in blocks)


def test_headline_in_a_column_classed_sidebar_is_kept():
    prose = "<p>" + "The minister answered every question put to him. " * 8 + "</p>"
    html = (f"<body><div class='cell sidebar'><h1>Ministers meet in Tashkent</h1>"
            f"<a href='/a'>A</a> <a href='/b'>B</a> <a href='/c'>C</a></div>"
            f"<div class='post-body'>{prose}{prose}</div></body>")
    blocks, _, meta = html_page(html, model=False)
    assert meta.title == ("Ministers meet in Tashkent", "h1")
    assert blocks[0].text == "Ministers meet in Tashkent"


def test_a_blogs_h1_that_is_its_own_name_is_not_the_headline():
    prose = "<p>" + "A long answer about the customs union and its rules. " * 8 + "</p>"
    html = ("<head><title>Notes from the border | Steppe Notebook</title></head><body>"
            "<div class='blog-header'><h1>Steppe Notebook</h1></div>"
            f"<div class='post'><h2>Notes from the border</h2>{prose}</div></body>")
    _, _, meta = html_page(html, model=False)
    assert meta.title == ("Notes from the border", "title")
    assert meta.publisher == ("Steppe Notebook", "title suffix")


def test_site_after_the_headline_in_a_sectioned_title():
    html = ("<head><title>Opinion | Water is policy now - Valley Herald</title></head>"
            "<body><article><h1>Water is policy now</h1><p>Text of the column.</p></article></body>")
    _, _, meta = html_page(html, model=False)
    assert meta.title == ("Water is policy now", "h1")
    assert meta.publisher == ("Valley Herald", "title suffix")


@pytest.fixture(scope="module")
def lexicon():
    from scogen.loader import default_lexicon
    return default_lexicon()


# turns per page, counted by hand from the fixtures: question/answer pairs
LOADED = {"01_article_header_og.html": 4, "02_jsonld_bold_names.html": 4,
          "03_chinese_qa.html": 4, "07_blog_rel_author.html": 6,
          "09_unmarked_boilerplate.html": 8}


@pytest.mark.parametrize("name", sorted(LOADED))
def test_the_loader_reads_a_saved_page_into_an_interview(name, lexicon):
    from scogen.loader import interview_from_text
    iv = interview_from_text(page(name), name, lexicon, is_html=True)
    want = EXPECTED[name]["meta"]
    assert iv.title == want["title"][0]
    assert iv.date == want["date"][0]
    assert [t.kind for t in iv.turns] == ["question", "answer"] * (LOADED[name] // 2)
    chrome = "\n".join(iv.chrome)
    assert all(text in chrome for text in EXPECTED[name]["dropped"])
