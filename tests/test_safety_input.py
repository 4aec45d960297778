"""Hostile and odd input: never a hang, never a traceback, never unbounded reading.

Every failing case asserts a non-zero exit, a message naming the file (and
line, where there is one), content/ unchanged and the previous site intact.
Cases that could hang if they regressed run in a child process with a timeout.
"""
from __future__ import annotations

import os
import pickle
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from scogen.cli import main
from trees import built_project, tree_hash

GOOD = ("Talks on security\n\nMay 22, 2007\n\nBy Li Wei\n\n"
        "Question: What is the priority?\n\nAnswer: Security comes first.\n")
BOMB = ("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"{x}: &{x} [{', '.join([f'*{p}'] * 9)}]\n"
                  for p, x in zip("abcdefgh", "bcdefghi")))


@pytest.fixture
def project(tmp_path):
    return tmp_path, built_project(tmp_path)


def _snapshot(project):
    tmp_path, _ = project
    return tree_hash(tmp_path / "content"), tree_hash(tmp_path / "site")


def _fails(project, capsys, *needles, seconds: float | None = None) -> str:
    tmp_path, args = project
    before = _snapshot(project)
    started = time.perf_counter()
    code = main(["build", "--no-search", *args])
    took = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err
    assert _snapshot(project) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name or p.name.endswith(".lock")]
    if seconds is not None:
        assert took < seconds, f"took {took:.1f}s"
    return err


def _builds(project, capsys) -> str:
    tmp_path, args = project
    code = main(["build", "--no-search", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    return captured.err


def _add(project, name: str, data: bytes | str) -> Path:
    path = project[0] / "content" / "transcripts" / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _page(project, slug: str) -> str:
    return (project[0] / "site" / "interviews" / slug / "index.html").read_text("utf-8")


def _child_build(project, timeout: float = 120) -> subprocess.CompletedProcess:
    """The build in a child process: a hang fails the test instead of stalling the suite."""
    tmp_path, args = project
    return subprocess.run([sys.executable, "-m", "scogen", "build", "--no-search", *args],
                          capture_output=True, text=True, timeout=timeout)


# --- files that are not files ----------------------------------------------------------


def test_named_pipe_is_skipped_with_a_warning(project):
    fifo = project[0] / "content" / "transcripts" / "2020-01-01-pipe.txt"
    os.mkfifo(fifo)
    _add(project, "2020-01-02-new.txt", GOOD)
    done = _child_build(project)
    assert done.returncode == 0, done.stderr
    assert f"{fifo}: warning: a named pipe, not a regular file; skipped" in done.stderr
    assert "Traceback" not in done.stderr
    assert (project[0] / "site" / "interviews" / "2020-01-02-new").is_dir()
    assert not (project[0] / "site" / "interviews" / "2020-01-01-pipe").exists()


def test_socket_is_skipped_with_a_warning(project):
    path = project[0] / "content" / "transcripts" / "2020-01-01-sock.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        done = _child_build(project)
    finally:
        server.close()
    assert done.returncode == 0, done.stderr
    assert f"{path}: warning: a socket, not a regular file; skipped" in done.stderr


def test_strict_makes_a_skipped_file_fatal(project):
    os.mkfifo(project[0] / "content" / "transcripts" / "2020-01-01-pipe.txt")
    tmp_path, args = project
    done = subprocess.run([sys.executable, "-m", "scogen", "build", "--no-search", "--strict",
                           *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "2020-01-01-pipe.txt" in done.stderr


def test_device_link_is_refused_by_add_and_inspect(project, tmp_path_factory):
    """`scogen add` on a link to /dev/zero once read without end."""
    link = tmp_path_factory.mktemp("dl") / "zero.txt"
    os.symlink("/dev/zero", link)
    for command in (["add", str(link), "--content", str(project[0] / "content")],
                    ["inspect", str(link)]):
        done = subprocess.run([sys.executable, "-m", "scogen", *command], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert f"{link}: error: not a regular file (a character device)" in done.stderr
        assert "Traceback" not in done.stderr


def test_device_link_in_content_is_skipped(project):
    os.symlink("/dev/zero", project[0] / "content" / "transcripts" / "2020-01-01-zero.txt")
    done = _child_build(project, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "2020-01-01-zero.txt: warning: a character device" in done.stderr


def test_symlink_loop_is_an_error_naming_the_file(project, capsys):
    loop = project[0] / "content" / "transcripts" / "2020-01-01-loop.txt"
    os.symlink(loop, loop)
    _fails(project, capsys, f"{loop}", "symbolic link loop")


def test_dangling_link_is_an_error_naming_the_file(project, capsys):
    os.symlink(project[0] / "content" / "nowhere.txt",
               project[0] / "content" / "transcripts" / "2020-01-01-dangling.txt")
    _fails(project, capsys, "2020-01-01-dangling.txt", "does not exist")


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                       ("utf-32-le", b"\xff\xfe\x00\x00"),
                                       ("utf-32-be", b"\x00\x00\xfe\xff"),
                                       ("utf-8", b"\xef\xbb\xbf")])
def test_text_with_a_byte_order_mark_is_decoded(project, capsys, codec, bom):
    text = GOOD.replace("Security comes first", "Сотрудничество comes first")
    _add(project, "2020-01-01-bom.txt", bom + text.replace("\n", "\r\n").encode(codec))
    _builds(project, capsys)
    page = _page(project, "2020-01-01-bom")
    assert "Сотрудничество comes first" in page
    assert "\ufeff" not in page and "\r" not in page.split("<pre", 1)[0]


def test_utf16_without_a_mark_and_real_binary_are_still_binary(project, capsys):
    _add(project, "2020-01-01-nobom.txt", GOOD.encode("utf-16-le"))
    _add(project, "2020-01-02-bin.txt", b"\xff\xfe" + bytes(range(256)) * 8)
    _fails(project, capsys, "2020-01-01-nobom.txt", "binary", "2020-01-02-bin.txt")


# --- front matter and config --------------------------------------------------------------


def test_alias_bomb_in_front_matter_is_refused_fast(project, capsys):
    _add(project, "2020-01-01-bomb.txt", "---\n" + BOMB + "---\n" + GOOD)
    err = _fails(project, capsys, "2020-01-01-bomb.txt:", "refusing it", seconds=10)
    line = int(err.split("2020-01-01-bomb.txt:", 1)[1].split(":", 1)[0])
    assert 2 <= line <= 11


@pytest.mark.parametrize("name", ["speakers.yaml", "topics.yaml", "site.yaml"])
def test_alias_bomb_in_config_is_refused_fast(project, capsys, name):
    (project[0] / "content" / name).write_text(BOMB)
    _fails(project, capsys, f"{name}:", "refusing it", seconds=10)


def test_self_containing_alias_is_refused(project, capsys):
    _add(project, "2020-01-01-loop.txt", "---\nreviewed: &r [x, *r]\n---\n" + GOOD)
    _fails(project, capsys, "2020-01-01-loop.txt:2:", "inside its own anchor")


def test_five_megabyte_front_matter_value_is_refused_fast(project, capsys):
    _add(project, "2020-01-01-long.txt", "---\ntitle: " + "x" * 5_000_000 + "\n---\n" + GOOD)
    _fails(project, capsys, "2020-01-01-long.txt:1:", "front matter is", seconds=10)


def test_long_title_in_front_matter_is_refused(project, capsys):
    _add(project, "2020-01-01-title.txt", "---\ntitle: " + "Talk " * 1000 + "\n---\n" + GOOD)
    _fails(project, capsys, "2020-01-01-title.txt:2:", "at most 2,000")


def test_oversized_config_is_refused(project, capsys):
    (project[0] / "content" / "speakers.yaml").write_text("# padding\n" * 200_000)
    _fails(project, capsys, "speakers.yaml", "config file may have at most", seconds=10)


def test_duplicate_keys_are_errors(project, capsys):
    _add(project, "2020-01-01-dup.txt", "---\ntitle: One\ndate: 2020-01-01\ntitle: Two\n---\n"
         + GOOD)
    (project[0] / "content" / "site.yaml").write_text("title: A\ndescription: B\ntitle: C\n")
    _fails(project, capsys, "2020-01-01-dup.txt:4:", "'title' is given twice",
           "site.yaml:3:")


@pytest.mark.parametrize("value", ["2020-13-45", "'2020-02-30'"])
def test_impossible_date_in_front_matter(project, capsys, value):
    _add(project, "2020-01-01-date.txt", f"---\ntitle: Talks\ndate: {value}\n---\n" + GOOD)
    _fails(project, capsys, "2020-01-01-date.txt:3:", "not a real date")


@pytest.mark.parametrize("value,needle", [("2020-13-45", "not a real date"),
                                          ("'2019-02-29'", "not a real date"),
                                          ("spring", "must be a year")])
def test_impossible_date_in_speakers(project, capsys, value, needle):
    (project[0] / "content" / "speakers.yaml").write_text(
        f"- name: Li Wei\n  roles:\n    - title: Envoy\n      since: {value}\n")
    _fails(project, capsys, "speakers.yaml:", needle)


def test_real_dates_in_speakers_still_load(project, capsys):
    (project[0] / "content" / "speakers.yaml").write_text(
        "- name: Li Wei\n  roles:\n    - {title: Envoy, since: 2019-03-01, until: '2021'}\n")
    _builds(project, capsys)


@pytest.mark.parametrize("front,needle", [
    ("turns: [1, 2]", "turns"),
    ("interviewees: 5", "interviewees"),
    ("interviewees: [{role: Minister}]", "interviewees"),
    ("speakers: [Q, A]", "speakers"),
    ("title: {a: 1}", "title"),
    ("reviewed: yes", "reviewed"),
    ("turns: {1: {topics: trade}}", "topics"),
])
def test_wrong_types_in_front_matter(project, capsys, front, needle):
    _add(project, "2020-01-01-types.txt", f"---\ntitle: Talks\n{front}\n---\n" + GOOD)
    _fails(project, capsys, "2020-01-01-types.txt:3:", needle)


def test_deeply_nested_yaml_is_an_error(project, capsys):
    _add(project, "2020-01-01-deep.txt", "---\nreviewed: " + "[" * 20_000 + "]" * 20_000
         + "\n---\n" + GOOD)
    _fails(project, capsys, "2020-01-01-deep.txt", seconds=20)


# --- HTML nesting --------------------------------------------------------------------------


def test_ten_thousand_nested_divs_are_refused_fast(project, capsys):
    page = ("<html><body>" + "<div>" * 10_000 + "<p>Question: Why?</p><p>Answer: Because.</p>"
            + "</div>" * 10_000 + "</body></html>")
    _add(project, "2020-01-01-divs.html", page)
    _fails(project, capsys, "2020-01-01-divs.html:1:", "nests more than", seconds=10)


def test_ordinary_pages_are_not_counted_too_deep(project, capsys):
    """Void elements, self-closed tags, scripts and comments do not count as open."""
    rows = "".join(f"<p>Para {i}<br>text<img src=x.png></p><!-- <div> --><input/>"
                   for i in range(3000))
    script = "<script>" + "var a = '<div>';" * 3000 + "</script>"
    _add(project, "2020-01-01-page.html",
         f"<html><head>{script}</head><body><article><h1>Talks</h1><p>May 22, 2007</p>"
         f"<p>Question: Why?</p><p>Answer: Because.</p>{rows}</article></body></html>")
    _builds(project, capsys)


# --- names and line endings ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["2020-01-01 with spaces.txt", "2020-01-01-ünïcødé-名字.txt",
                                  "-2020-01-01-leading-dash.txt",
                                  "2020-01-01-" + "x" * 235 + ".txt"])
def test_unusual_file_names_build(project, capsys, name):
    _add(project, name, GOOD.replace("\n", "\r\n"))
    _builds(project, capsys)
    site = project[0] / "site"
    pages = [p for p in (site / "interviews").iterdir() if p.name.startswith(("2020", "-2020"))
             or "2020-01-01" in p.name]
    assert len(pages) == 1
    html = (pages[0] / "index.html").read_text("utf-8")
    assert "Security comes first." in html
    assert main(["check", "--out", str(site)]) == 0


def test_control_characters_reach_no_output(project, capsys):
    """A transcript with control characters once made feed.xml invalid XML while
    build and check passed: no page, feed, export or source copy carries one."""
    _add(project, "2020-01-01-ctl.txt", "Talks on \x07security\n\nMay 22, 2007\n\nBy Li Wei\n\n"
         "Question: What is the \x1b[31mpriority?\x0b\n\nAnswer: Security\x01 comes first.\x7f\n")
    _builds(project, capsys)
    site = project[0] / "site"
    feeds = list(site.rglob("*.xml"))
    assert len(feeds) >= 3
    for feed in feeds:
        ElementTree.parse(feed)  # raises on a control character
    control = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    outputs = [p for p in site.rglob("*") if p.is_file()
               and p.suffix in (".html", ".xml", ".json", ".csv", ".txt")]
    assert [p for p in outputs if control.search(p.read_bytes())] == []
    assert "Security comes first." in _page(project, "2020-01-01-ctl")


def test_equal_records_have_equal_identities_wherever_parsed(project):
    """A record parsed in a worker process reaches the main process pickled; its
    content identity (which keys the pages showing it) must not change on the way,
    or a parallel build and a serial one publish different manifests and pages are
    rendered again for nothing. (Fails while cache.content_ident marshals with
    version >= 3, whose back-references and interning flags depend on how the
    strings were made: marshal.dumps(..., 0) does not.)"""
    from scogen.cache import content_ident
    from scogen.loader import load_interview

    for path in sorted((project[0] / "content" / "transcripts").iterdir()):
        record = load_interview(path)
        assert content_ident(pickle.loads(pickle.dumps(record))) == content_ident(record)


def test_add_with_a_link_loop_in_transcripts_names_it(project, tmp_path_factory):
    loop = project[0] / "content" / "transcripts" / "loop.txt"
    os.symlink(loop, loop)
    new = tmp_path_factory.mktemp("add") / "new.txt"
    new.write_text(GOOD)
    done = subprocess.run([sys.executable, "-m", "scogen", "add", str(new), "--content",
                           str(project[0] / "content")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{loop}: error:" in done.stderr
