"""The builder on hand-made archives: site model, hostile text, atomic publish, determinism."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, make_archive, make_interview

from scogen.build import build
from scogen.check import check_site
from scogen.errors import BuildError
from scogen.model import SiteConfig
from scogen.site import build_model, group_by
from scogen.urls import interview_slug

TEMPLATES = ROOT / "templates"
HOSTILE = "<script>alert(1)</script>"


def _build(archive, out: Path, templates: Path = TEMPLATES):
    return build(archive, templates, out, quiet=True, search=False)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _siblings(out: Path) -> list[str]:
    """What is beside the output, apart from the spare (the previous site, kept
    for the next build to start from)."""
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name not in (out.name, f".{out.name}.spare"))


def test_group_by_keeps_order_and_allows_many_keys():
    groups = group_by(["ab", "b", "ca"], lambda s: list(s))
    assert groups == {"a": ["ab", "ca"], "b": ["ab", "b"], "c": ["ca"]}
    assert list(groups) == ["a", "b", "c"]


def test_model_sorts_newest_first_and_groups_turns(small_archive):
    model = build_model(small_archive)
    assert [iv.date for iv in model.interviews] == ["2013-08-15", "2013-02-01", None]
    barsky = [(e.slug, e.turn.anchor) for e in model.by_speaker["Kirill Barsky"]]
    assert barsky == [("2013-08-15-kirill-barsky", "t2"), ("2013-08-15-kirill-barsky", "t4"),
                      ("undated-notes", "t2")]
    assert [e.path for e in model.by_topic["energy"]] == [
        "interviews/2013-08-15-kirill-barsky/index.html#t4",
        "interviews/2013-02-01-igor-ivanov/index.html#t2"]


def test_small_site_is_complete_and_links_resolve(small_archive, tmp_path):
    out = tmp_path / "site"
    report = _build(small_archive, out)
    assert report.pages >= 12
    assert check_site(out) == []
    for slug in ("2013-08-15-kirill-barsky", "2013-02-01-igor-ivanov", "undated-notes"):
        assert (out / "interviews" / slug / "index.html").is_file()
    iv = small_archive.interviews[0]
    assert (out / "interviews/2013-08-15-kirill-barsky/source.txt").read_bytes() == \
        iv.raw_text.encode("utf-8")
    page = _soup(out / "speakers/kirill-barsky/index.html")
    hrefs = [a["href"] for a in page.select(".entries a") if "#t" in a["href"]]
    assert sorted(hrefs) == sorted([
        "../../interviews/2013-08-15-kirill-barsky/index.html#t2",
        "../../interviews/2013-08-15-kirill-barsky/index.html#t4",
        "../../interviews/undated-notes/index.html#t2"])
    assert "Ambassador" in page.find("dl", class_="meta").get_text()
    topic = _soup(out / "topics/security/index.html")
    assert [a["href"] for a in topic.select(".entries a") if "#t" in a["href"]] == [
        "../../interviews/2013-08-15-kirill-barsky/index.html#t2",
        "../../interviews/2013-08-15-kirill-barsky/index.html#t4"]  # source order within one
    front = _soup(out / "index.html").get_text(" ")
    assert "3 interviews" in front


def test_hostile_names_and_text_are_escaped_with_safe_slugs(tmp_path):
    archive = make_archive([
        make_interview("2020-01-01-../../evil<b>.txt", "2020-01-01", f"Title {HOSTILE}",
                       "../../x", HOSTILE,
                       [(f"Q {HOSTILE}?", f"A & <b>bold</b> {HOSTILE}", ("x-topic",))],
                       role=f"Role {HOSTILE}"),
    ], site=SiteConfig(title=f"Site {HOSTILE}", licence=f"Licence {HOSTILE}",
                       about=f"[click](javascript:alert(1)) {HOSTILE}"))
    out = tmp_path / "site"
    _build(archive, out)
    files = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")]
    assert all(f.split("/")[0] in ("site", ".site.spare") for f in files), files
    spare = {f.split("/", 1)[1] for f in files if f.startswith(".site.spare/")}
    assert spare == {f.split("/", 1)[1] for f in files if f.startswith("site/")}
    assert not any(".." in f or "<" in f for f in files)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert HOSTILE not in html and "<b>bold" not in html, page
        assert "javascript:" not in html, page
        for script in _soup(page).find_all("script"):  # JSON data or the site's own file
            if page.name == "404.html" and not script.get("src"):
                # the one inline script: served at any depth, 404.html cannot load a file
                # before it knows where the site's root is; it holds no data of the site
                assert HOSTILE not in script.string and "static/style.css" in script.string
                continue
            assert script.get("type") == "application/ld+json" or (
                script.get("src", "").endswith(("static/search.js", "static/cite.js",
                                                   "static/interview.js"))
                and not script.string)
    speaker = _soup(out / "speakers/script-alert-1-script/index.html")
    assert speaker.h1.get_text() == HOSTILE  # shown as text, exactly
    assert (out / "speakers/x/index.html").is_file()  # "../../x" -> "x"
    iv_page = out / "interviews/evil-b/index.html"  # the stem of the last path part
    doc = _soup(iv_page)
    assert doc.h1.get_text() == f"Title {HOSTILE}"
    assert doc.find(id="t2").find("p").get_text() == f"A & <b>bold</b> {HOSTILE}"
    assert check_site(out) == []


def test_failed_render_leaves_previous_site_byte_identical(small_archive, tmp_path):
    out = tmp_path / "site"
    _build(small_archive, out)
    before = _snapshot(out)
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    speaker = broken / "speaker.html"
    speaker.write_text(speaker.read_text(encoding="utf-8").replace(
        "{% block intro %}", "{% block intro %}{{ no_such_variable }}", 1), encoding="utf-8")
    changed = make_archive([*small_archive.interviews, make_interview(
        "2014-01-01-new.txt", "2014-01-01", "New one", "Li Yuheng", "Kirill Barsky",
        [("New?", "Yes.", ("energy",))])])
    with pytest.raises(BuildError) as err:
        _build(changed, out, broken)
    assert err.value.code == "render.undefined"
    assert Path(err.value.path).name == "speaker.html" and err.value.line
    assert _snapshot(out) == before
    assert _siblings(out) == ["templates"]  # no staging or old folder left behind


def test_failure_in_a_later_phase_also_leaves_no_trace(small_archive, tmp_path):
    out = tmp_path / "site"
    _build(small_archive, out)
    before = _snapshot(out)
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    shutil.rmtree(broken / "static")  # pages render, then copying static files fails
    with pytest.raises(BuildError):
        _build(small_archive, out, broken)
    assert _snapshot(out) == before
    assert _siblings(out) == ["templates"]


def test_first_build_failure_creates_nothing(small_archive, tmp_path):
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    (broken / "topic.html").write_text("{% extends 'base.html' %}{% block main %}{{ 1 // 0 }}{% endblock %}",
                                       encoding="utf-8")
    with pytest.raises(BuildError):
        _build(small_archive, tmp_path / "site", broken)
    assert _siblings(tmp_path / "site") == ["templates"]
    assert not (tmp_path / "site").exists()


def test_leftovers_of_killed_builds_are_removed(small_archive, tmp_path):
    out = tmp_path / "site"
    dead = 2 ** 22 + 12345  # above the kernel's pid limit: never a live process
    for name in (f".site.staging-{dead}", f".site.old-{dead}"):
        (tmp_path / name / "interviews").mkdir(parents=True)
    _build(small_archive, out)
    assert _siblings(out) == []


def test_output_path_that_is_a_file_is_refused(small_archive, tmp_path):
    out = tmp_path / "site"
    out.write_text("not a folder")
    with pytest.raises(BuildError):
        _build(small_archive, out)
    assert out.read_text() == "not a folder"
    assert _siblings(out) == []


def test_two_sources_with_one_slug_name_both(small_archive, tmp_path):
    a = make_interview("2013-08-15 Kirill Barsky.txt", "2013-08-15", "Copy", "Li Yuheng",
                       "Kirill Barsky", [("Q?", "A.", ())])
    archive = make_archive([*small_archive.interviews, a])
    with pytest.raises(BuildError) as err:
        _build(archive, tmp_path / "site")
    assert "2013-08-15 Kirill Barsky.txt" in str(err.value)
    assert "2013-08-15-kirill-barsky.txt" in str(err.value)
    assert err.value.code == "site.collision"
    assert not (tmp_path / "site").exists()


def test_rebuild_replaces_removed_pages(small_archive, tmp_path):
    out = tmp_path / "site"
    _build(small_archive, out)
    assert (out / "interviews/undated-notes/index.html").is_file()
    (out / "stray.html").write_text("left by hand")
    _build(make_archive(small_archive.interviews[:2]), out)
    assert not (out / "interviews/undated-notes").exists()
    assert not (out / "stray.html").exists()  # the folder is exactly the new site


def test_two_builds_byte_identical_wherever_they_go(small_archive, tmp_path):
    a, b = tmp_path / "one" / "site", tmp_path / "two" / "elsewhere"
    _build(small_archive, a)
    _build(small_archive, b)
    snap = _snapshot(a)
    assert snap == _snapshot(b)
    _build(small_archive, a)  # a rebuild over an existing site changes nothing
    assert _snapshot(a) == snap


def test_every_page_has_one_h1_title_description_and_lang(small_archive, tmp_path):
    out = tmp_path / "site"
    archive = make_archive(small_archive.interviews, small_archive.topics,
                           SiteConfig(title="T", language="ru"))
    _build(archive, out)
    pages = list(out.rglob("*.html"))
    assert len(pages) >= 12
    interview_pages = {out / "interviews" / interview_slug(iv) / name
                       for iv in archive.interviews
                       for name in ("index.html", "source.html")}  # its raw text too
    for page in pages:
        doc = _soup(page)
        assert len(doc.find_all("h1")) == 1, page
        # an interview page (and its raw text's) is in its record's language (these are
        # English), every other page in the site's (issue 13)
        assert doc.html["lang"] == ("en" if page in interview_pages else "ru"), page
        assert doc.title.get_text(strip=True)
        assert doc.find("meta", attrs={"name": "description"})["content"].strip(), page
        assert doc.find("main") and doc.find("header") and doc.find("nav")


def test_turn_labels_as_written_are_shown(tmp_path):
    iv = make_interview("2015-05-05-x.txt", "2015-05-05", "Labels", "Li Yuheng", "Igor Ivanov",
                        [("Q?", "A.", ())])
    iv = replace(iv, turns=(iv.turns[0], replace(iv.turns[1], label="I. Ivanov")))
    out = tmp_path / "site"
    _build(make_archive([iv]), out)
    section = _soup(out / "interviews/2015-05-05-x/index.html").find(id="t2")
    assert "I. Ivanov" in section.get_text() and "Igor Ivanov" in section.get_text()



def test_two_outputs_on_one_path_name_both():
    from scogen.site import Page, check_unique
    a = Page("topics/x/page-2/index.html", "topic.html", {}, "k", title="Topic X, page 2")
    b = Page("topics/x/page-2/index.html", "pair.html", {}, "k", title="What Y said")
    check_unique([a])
    with pytest.raises(BuildError) as err:
        check_unique([a, b])
    msg = str(err.value)
    assert "Topic X, page 2" in msg and "topic.html" in msg and "pair.html" in msg
    assert "topics/x/page-2/index.html" in msg and err.value.code == "build.collision"


def test_base_url_is_used_only_for_metadata(small_archive, tmp_path):
    base = "https://example.org/archive/"
    archive = make_archive(small_archive.interviews, small_archive.topics,
                           SiteConfig(title="T", base_url=base))
    out = tmp_path / "site"
    _build(archive, out)
    assert check_site(out) == []
    for page in out.rglob("*.html"):
        doc = _soup(page)
        for el in doc.find_all(["a", "link", "script", "img", "form"]):
            ref = el.get("href") or el.get("src") or el.get("action") or ""
            if page.name == "404.html" and page.parent == out:
                # served at any depth: its links start from the site's root path
                assert ref.startswith(("/archive/", "#")) or "://" in ref, ref
                continue
            assert not ref.startswith("/"), (page, ref)
            if "://" in ref:
                assert el.name == "link" and set(el["rel"]) & {"canonical", "alternate"}
                assert ref.startswith(base), (page, ref)
    doc = _soup(out / "interviews/2013-02-01-igor-ivanov/index.html")
    assert doc.find("link", rel="canonical")["href"] == base + "interviews/2013-02-01-igor-ivanov/"
    assert (base + "interviews/2013-02-01-igor-ivanov/") in (out / "sitemap.xml").read_text()


def test_a_speaker_without_a_record_is_a_build_error(small_archive, tmp_path):
    from dataclasses import replace as _replace
    archive = _replace(small_archive, speakers=tuple(
        s for s in small_archive.speakers if s.name != "Igor Ivanov"))
    with pytest.raises(BuildError) as err:
        _build(archive, tmp_path / "site")
    assert "Igor Ivanov" in err.value.message and err.value.code == "site.speaker"
    assert not (tmp_path / "site").exists()
