"""Bad input: a clear message naming the file (and line), a non-zero exit,
every problem reported together, content/ untouched, the previous site/ intact."""
from __future__ import annotations

import os

import pytest

from scogen.cli import main
from trees import built_project, tree_hash

GOOD = ("Talks on security\n\nMay 22, 2007\n\nBy Li Wei\n\n"
        "Question: What is the priority?\n\nAnswer: Security comes first.\n")


@pytest.fixture
def project(tmp_path):
    """A copy of the shipped content and templates, with a built site."""
    return tmp_path, built_project(tmp_path)


def _fails(project, capsys, *needles):
    tmp_path, args = project
    content_before, site_before = tree_hash(tmp_path / "content"), tree_hash(tmp_path / "site")
    code = main(["build", "--no-search", *args])
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err
    assert tree_hash(tmp_path / "content") == content_before
    assert tree_hash(tmp_path / "site") == site_before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]
    return err


def _add(project, name: str, data: bytes | str):
    path = project[0] / "content" / "transcripts" / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_empty_file(project, capsys):
    _add(project, "2020-01-01-empty.txt", "")
    _fails(project, capsys, "2020-01-01-empty.txt", "empty")


def test_binary_file(project, capsys):
    _add(project, "2020-01-01-binary.txt", bytes(range(256)) * 4)
    _fails(project, capsys, "2020-01-01-binary.txt", "binary")


def test_undecodable_bytes(project, capsys):
    _add(project, "2020-01-01-bad.txt", b"Question: \xff\xfe\xfa\xfb\x81\x8d?\n\nAnswer: \x9d\x90\n")
    _fails(project, capsys, "2020-01-01-bad.txt")


def test_cp1251_is_decoded(project, capsys):
    text = ("Переговоры о безопасности\n\n17 January 2023\n\nQuestion: Как вы оцениваете "
            "сотрудничество в рамках ШОС?\n\nAnswer: Сотрудничество развивается успешно, "
            "и мы продолжим работу.\n")
    _add(project, "2023-01-17-cyrillic.txt", text.encode("cp1251"))
    tmp_path, args = project
    assert main(["build", "--quiet", "--no-search", *args]) == 0
    page = tmp_path / "site" / "interviews" / "2023-01-17-cyrillic" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "сотрудничество в рамках ШОС" in html
    assert 'lang="ru"' in html  # passages in another script are marked for screen readers


def test_huge_file(project, capsys):
    _add(project, "2020-01-01-huge.txt", ("Question: Why? " * 4000 + "\n") * 900)  # ~50 MB
    _fails(project, capsys, "2020-01-01-huge.txt", "larger than")


def test_malformed_front_matter(project, capsys):
    _add(project, "2020-01-01-fm.txt", "---\ntitle: [unclosed\n---\n" + GOOD)
    _fails(project, capsys, "2020-01-01-fm.txt:", "front matter")


def test_unknown_override_key_and_topic(project, capsys):
    _add(project, "2020-01-01-key.txt", "---\ncolour: red\n---\n" + GOOD)
    _add(project, "2020-01-02-topic.txt", "---\nturns: {1: {topics: [no-such-topic]}}\n---\n"
         + GOOD)
    _fails(project, capsys, "2020-01-01-key.txt", "colour", "2020-01-02-topic.txt",
           "no-such-topic")


def test_slug_collision(project, capsys):
    _add(project, "2020-01-01-same.txt", GOOD)
    _add(project, "2020-01-01-same.html", "<html><body><p>" + GOOD.replace("\n\n", "</p><p>")
         + "</p></body></html>")
    _fails(project, capsys, "same page", "2020-01-01-same")


def test_no_recognisable_turns(project, capsys):
    _add(project, "2020-01-01-noturns.txt", "\n\n---\n\n")
    _fails(project, capsys, "2020-01-01-noturns.txt")


def test_symlink_outside_content(project, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text(GOOD)
    os.symlink(outside, project[0] / "content" / "transcripts" / "2020-01-01-link.txt")
    _fails(project, capsys, "2020-01-01-link.txt", "outside")


@pytest.mark.parametrize("name,text,needle", [
    ("topics.yaml", "- slug: a\n  keywords: [x\n", "topics.yaml:"),
    ("speakers.yaml", "- name: A\n  aliases: [\n", "speakers.yaml:"),
    ("site.yaml", "title: [\n", "site.yaml:"),
])
def test_malformed_config(project, capsys, name, text, needle):
    (project[0] / "content" / name).write_text(text)
    _fails(project, capsys, needle, "malformed YAML")


def test_all_problems_reported_together(project, capsys):
    _add(project, "2020-01-01-empty.txt", "")
    _add(project, "2020-01-02-binary.txt", b"\x00\x01" * 100)
    (project[0] / "content" / "site.yaml").write_text("title: [\n")
    err = _fails(project, capsys, "2020-01-01-empty.txt", "2020-01-02-binary.txt", "site.yaml")
    assert "3 error(s)" in err


def test_missing_template(project, capsys):
    (project[0] / "templates" / "base.html").unlink()
    _fails(project, capsys, "base.html")


def test_broken_template(project, capsys):
    (project[0] / "templates" / "base.html").write_text("{% block x %}{{ oops( }}")
    _fails(project, capsys, "base.html")


def test_hostile_speaker_names_are_inert(project, capsys):
    _add(project, "2020-01-01-hostile.txt", (
        "Talks\n\nMay 22, 2007\n\n"
        "../../etc/passwd: Why?\n\n<script>alert(1)</script>: Because.\n\n"
        "../../etc/passwd: Really?\n\n<script>alert(1)</script>: Yes.\n"))
    tmp_path, args = project
    assert main(["build", "--quiet", "--no-search", *args]) == 0
    site = tmp_path / "site"
    for page in site.rglob("*.html"):
        assert "<script>alert(1)</script>" not in page.read_text(encoding="utf-8")
        assert site.resolve() in page.resolve().parents
    assert not (tmp_path / "etc").exists()
    assert main(["check", "--out", str(site)]) == 0
