"""render.py: autoescape, strict undefined with template locations, safe Markdown, purity."""
from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from scogen.errors import BuildError
from scogen.render import excerpt, link_allowed, make_env, markdown_safe, render
from scogen.site import Page

EVIL = '<script>alert(1)</script> & "q" \'s'


def _templates(tmp_path: Path, **files: str) -> Path:
    root = tmp_path / "templates"
    root.mkdir()
    for name, text in files.items():
        (root / f"{name}.html").write_text(text, encoding="utf-8")
    return root


def _page(template: str, **context) -> Page:
    return Page(path="x/index.html", template=template, context=context, key="k")


def test_autoescape_is_on(tmp_path):
    env = make_env(_templates(tmp_path, p='<p title="{{ v }}">{{ v }}</p>'))
    html = render(env, _page("p.html", v=EVIL))
    assert "<script>" not in html
    doc = BeautifulSoup(html, "html.parser")
    assert doc.p.get_text() == EVIL and doc.p["title"] == EVIL


def test_undefined_variable_names_template_file_and_line(tmp_path):
    root = _templates(tmp_path, base="<main>\n{% block main %}{% endblock %}\n</main>",
                      child='{% extends "base.html" %}\n{% block main %}\nok\n'
                            '{{ missing.attr }}\n{% endblock %}')
    with pytest.raises(BuildError) as err:
        render(make_env(root), _page("child.html"))
    e = err.value
    assert e.code == "render.undefined"
    assert Path(e.path).name == "child.html" and e.line == 4
    assert "x/index.html" in e.message and "missing" in e.message


def test_failing_expression_is_a_build_error_with_location(tmp_path):
    root = _templates(tmp_path, p="a\nb\n{{ 1 // n }}")
    with pytest.raises(BuildError) as err:
        render(make_env(root), _page("p.html", n=0))
    assert err.value.code == "render.failed" and err.value.line == 3
    assert "ZeroDivisionError" in err.value.message


def test_missing_template_and_syntax_error(tmp_path):
    root = _templates(tmp_path, bad="line one\n{% if %}")
    env = make_env(root)
    with pytest.raises(BuildError) as err:
        render(env, _page("nope.html"))
    assert err.value.code == "render.template_missing" and "nope.html" in err.value.path
    with pytest.raises(BuildError) as err:
        render(env, _page("bad.html"))
    assert err.value.code == "render.template_syntax" and err.value.line == 2


def test_missing_templates_folder(tmp_path):
    with pytest.raises(BuildError) as err:
        make_env(tmp_path / "nowhere")
    assert err.value.code == "render.missing"


def test_render_writes_nothing(tmp_path):
    root = _templates(tmp_path, p="{{ v }}")
    before = sorted(tmp_path.rglob("*"))
    assert render(make_env(root), _page("p.html", v="hello")) == "hello"
    assert sorted(tmp_path.rglob("*")) == before


def test_markdown_keeps_formatting():
    html = markdown_safe("*Open* data under **CC BY 4.0**.\n\n> quoted\n\n- a\n- b\n\n`<x>`")
    assert isinstance(html, Markup)
    doc = BeautifulSoup(html, "html.parser")
    assert doc.em.get_text() == "Open" and doc.strong.get_text() == "CC BY 4.0"
    assert doc.blockquote and len(doc.find_all("li")) == 2
    assert doc.code.get_text() == "<x>"  # escaped once, not twice


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    '<div onclick="x()">block</div>',
    "inline <b onmouseover=x()>bold</b> <!-- c -->",
    '<a href="javascript:alert(1)">y</a>',
])
def test_markdown_never_passes_raw_html(text):
    doc = BeautifulSoup(markdown_safe(text), "html.parser")
    assert [t.name for t in doc.find_all(True)] == ["p"]
    assert doc.get_text() == text  # shown as text, character for character


@pytest.mark.parametrize("text", [
    "[x](javascript:alert(1))", "[x](JaVaScript:alert(1))", "[x](java\tscript:alert(1))",
    "[x](data:text/html,hi)", "[x](vbscript:msgbox)", "[x](../relative.html)",
    "[x](//other.host/x)", "[x]: javascript:alert(1)\n\n[y][x]",
])
def test_markdown_drops_unsafe_or_page_dependent_links(text):
    doc = BeautifulSoup(markdown_safe(text), "html.parser")
    assert doc.find("a") is None
    assert doc.get_text().strip() in ("x", "y")


def test_markdown_keeps_safe_links_and_loads_nothing():
    doc = BeautifulSoup(markdown_safe(
        "[CC BY](https://creativecommons.org/licenses/by/4.0/) · [mail](mailto:a@b.org) · "
        "[here](#licence) ![logo](https://other.host/logo.png)"), "html.parser")
    hrefs = [a["href"] for a in doc.find_all("a")]
    assert hrefs == ["https://creativecommons.org/licenses/by/4.0/", "mailto:a@b.org",
                     "#licence"]
    assert doc.find("a")["rel"] == ["external", "noopener", "noreferrer"]
    assert doc.find("img") is None and "logo" in doc.get_text()


def test_link_allowed():
    assert link_allowed("https://x.org/a") and link_allowed("#t3")
    assert not link_allowed("https:///nohost") and not link_allowed("mailto:")
    assert not link_allowed(" javascript:alert(1)") and not link_allowed("")


def test_excerpt():
    assert excerpt("  short\n text ") == "short text"
    long = "word " * 100
    out = excerpt(long, 50)
    assert len(out) <= 52 and out.endswith(" …") and not out[:-2].endswith(" ")


def test_passages_in_another_script_get_a_lang():
    from scogen.render import script_lang
    assert script_lang("Сотрудничество развивается успешно.") == "ru"
    assert script_lang("上海合作组织") == "zh"
    assert script_lang("Security cooperation, 2014-2015.") == ""
    assert script_lang("Сотрудничество", "ru") == ""
