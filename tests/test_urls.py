"""urls.py: slugs, output paths, relative links, and paths that must not leave the site."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scogen import urls
from scogen.errors import BuildError
from scogen.model import Interview

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# site paths as the builder makes them: folders of slugs, ending in a file
segments = st.lists(st.text("abz019", min_size=1, max_size=5), min_size=1, max_size=3) \
    .map("-".join)
site_paths = st.builds(lambda parts, name: "/".join([*parts, name]),
                       st.lists(segments, max_size=4),
                       st.sampled_from(["index.html", "feed.xml", "source.txt"]))


def _iv(source: str) -> Interview:
    return Interview(source=source, title="t", date=None, publisher=None, interviewer=None,
                     interviewees=(), lead=None, turns=())


@given(st.text())
def test_slugify_yields_only_safe_segments(text):
    slug = urls.slugify(text)
    assert slug == "" or SLUG.fullmatch(slug), slug
    assert len(slug) <= 80


@pytest.mark.parametrize("text, slug", [
    ("Kirill Barsky", "kirill-barsky"),
    ("2013-08-15-kirill-barsky", "2013-08-15-kirill-barsky"),
    ("../../x", "x"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
    ("Straße Ørsted", "strasse-orsted"),
    ("Кирилл Барский", "kirill-barskii"),
    ("Émile  Zola -- ", "emile-zola"),
])
def test_slugify_transliterates_and_strips(text, slug):
    assert urls.slugify(text) == slug


def test_interview_slug_is_the_slugified_file_stem():
    assert urls.interview_slug(_iv("2013-08-15-kirill-barsky.txt")) == "2013-08-15-kirill-barsky"
    assert urls.interview_slug(_iv("2020 Interview With Ли.html")) == "2020-interview-with-li"
    fallback = urls.interview_slug(_iv("!!!.txt"))  # never an empty segment
    assert re.fullmatch(r"interview-[0-9a-f]{10}", fallback)
    assert fallback != urls.interview_slug(_iv("???.txt"))  # and never a shared one


def test_page_paths_end_in_index_html():
    assert urls.interview_path("a-b") == "interviews/a-b/index.html"
    assert urls.speaker_path("kirill-barsky") == "speakers/kirill-barsky/index.html"
    assert urls.topic_path("security") == "topics/security/index.html"
    assert urls.paged("topics/x/index.html", 1) == "topics/x/index.html"
    assert urls.paged("topics/x/index.html", 3) == "topics/x/page-3/index.html"
    assert urls.paged("index.html", 2) == "page-2/index.html"


@pytest.mark.parametrize("bad", ["", "../x", "a/b", "A", "-a", "a-", "a b", "a..b", ".."])
def test_path_functions_refuse_unsafe_slugs(bad):
    for make in (urls.interview_path, urls.speaker_path, urls.topic_path):
        with pytest.raises(BuildError) as err:
            make(bad)
        assert err.value.code == "urls.slug"


def test_relative_links_examples():
    iv = "interviews/2013-08-15-kirill-barsky/index.html"
    assert urls.relative(iv, "speakers/kirill-barsky/index.html") == \
        "../../speakers/kirill-barsky/index.html"
    assert urls.relative("index.html", "topics/x/index.html") == "topics/x/index.html"
    assert urls.relative("speakers/a/index.html", iv + "#t3") == \
        "../../interviews/2013-08-15-kirill-barsky/index.html#t3"
    assert urls.relative(iv, iv + "#t3") == "#t3"
    assert urls.relative("x/page-2/index.html", "x/index.html") == "../index.html"
    assert urls.root_prefix(iv) == "../../" and urls.root_prefix("index.html") == ""


@given(site_paths, site_paths, st.one_of(st.just(""), segments.map(lambda s: "#" + s)))
def test_relative_link_resolves_back_to_its_target(from_page, to_path, fragment):
    link = urls.relative(from_page, to_path + fragment)
    assert not link.startswith("/") and "://" not in link
    target, _, frag = link.partition("#")
    assert "#" + frag == fragment if fragment else frag == ""
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), target)) \
        if target else from_page
    assert resolved == to_path


@given(site_paths)
def test_root_prefix_climbs_to_the_site_root(page):
    assert posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                             urls.root_prefix(page) + "index.html")) \
        == "index.html"


def test_safe_join_keeps_paths_inside(tmp_path: Path):
    assert urls.safe_join(tmp_path, "a/b/index.html") == (tmp_path / "a/b/index.html").resolve()
    for bad in ["../x.html", "/etc/passwd", "a/../../x", "\\x", "a/../.."]:
        with pytest.raises(BuildError) as err:
            urls.safe_join(tmp_path, bad)
        assert err.value.code == "urls.escape"


def test_safe_join_refuses_a_symlink_out_of_the_folder(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "site"
    root.mkdir()
    (root / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(BuildError):
        urls.safe_join(root, "link/index.html")


def test_unspellable_file_names_get_distinct_stable_slugs():
    from scogen.model import Interview
    from scogen.urls import interview_slug

    def iv(name):
        return Interview(name, "t", None, None, None, (), None, ())
    a, b = interview_slug(iv("上海合作组织.txt")), interview_slug(iv("北京.txt"))
    assert a != b and a == interview_slug(iv("上海合作组织.txt"))
    assert a.startswith("interview-") and all(c.isalnum() or c == "-" for c in a)
