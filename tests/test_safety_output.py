"""The output folder is the maintainer's: scogen replaces only what it wrote itself.

Each refusal is checked the same way: a non-zero exit, a message naming the
folder and saying why, no traceback, content/ and the folder itself unchanged,
and nothing new beside it (no staging, spare or lock left over).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scogen.cli import main
from scogen.errors import BuildError
from scogen.output import MANIFEST, OutputLock, check_output

ROOT = Path(__file__).resolve().parents[1]


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under a folder with its bytes (None for folders)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def _args(project: Path, out: Path | str) -> list[str]:
    return ["build", "--quiet", "--no-search", "--content", str(project / "content"),
            "--templates", str(project / "templates"), "--out", str(out)]


def _refused(project: Path, out: Path, capsys, *needles: str, extra=()) -> str:
    """Build into ``out``; assert it is refused and nothing anywhere changed."""
    before = _tree(project)
    code = main([*_args(project, out), *extra])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert "refusing to build into" in err and "nothing was touched" in err, err
    for needle in needles:
        assert needle in err, err
    assert _tree(project) == before  # content, templates, the folder and its siblings
    return err


def _foreign(folder: Path) -> None:
    """A folder a person made: notes and photos."""
    (folder / "photos").mkdir(parents=True)
    (folder / "notes.txt").write_text("my notes\n")
    (folder / "photos" / "cat.jpg").write_bytes(b"\xff\xd8\xff" + bytes(range(256)))


def test_foreign_folder_is_refused_and_kept(project, capsys):
    out = project / "mine"
    _foreign(out)
    _refused(project, out, capsys, str(out), "not empty", "--force")
    assert not list(project.glob(".mine*"))


def test_foreign_folder_is_refused_on_every_later_build_too(project, capsys):
    """The reported loss came from the *second* build deleting the spare: with the
    first refused there is no spare, and the files stay however often one tries."""
    out = project / "mine"
    _foreign(out)
    for _ in range(2):
        _refused(project, out, capsys, "not empty")
    assert (out / "notes.txt").read_text() == "my notes\n"


def test_force_replaces_a_foreign_folder(project, capsys):
    out = project / "mine"
    _foreign(out)
    assert main([*_args(project, out), "--force"]) == 0
    assert (out / MANIFEST).is_file() and (out / "index.html").is_file()
    assert not (out / "notes.txt").exists()
    # once scogen has written it, no --force is needed
    (project / "content" / "site.yaml").write_text("title: Another title\n")
    assert main(_args(project, out)) == 0


@pytest.mark.parametrize("where,code", [
    ("content", "it is the content folder"),
    ("content/site", "inside the content folder"),
    ("content/transcripts", "inside the content folder"),
    ("templates", "it is the templates folder"),
    ("templates/static/site", "inside the templates folder"),
    (".", "contains the content folder"),  # the project root
])
def test_content_and_templates_are_never_the_output(project, capsys, where, code):
    _refused(project, project / where, capsys, code)


def test_content_inside_the_output_is_refused(tmp_path, capsys):
    out = tmp_path / "site"
    shutil.copytree(ROOT / "content", out / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    before = _tree(tmp_path)
    code = main(["build", "--quiet", "--no-search", "--content", str(out / "content"),
                 "--templates", str(tmp_path / "templates"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "contains the content folder" in err and "Traceback" not in err
    assert _tree(tmp_path) == before


def test_force_does_not_allow_content_or_templates(project, capsys):
    _refused(project, project / "content", capsys, "content folder", extra=["--force"])
    _refused(project, project / "templates", capsys, "templates folder", extra=["--force"])
    _refused(project, project, capsys, "content folder", extra=["--force"])


def test_home_folder_is_refused_even_with_force(project, capsys, monkeypatch):
    home = project / "home" / "someone"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    _refused(project, home, capsys, "home folder", extra=["--force"])
    _refused(project, project / "home", capsys, "contains the home folder", extra=["--force"])


def test_root_of_the_file_system_is_refused():
    # checked on the guard itself: a regression here must not run a build into /
    with pytest.raises(BuildError, match="root of the file system"):
        check_output(Path("/"), force=True)


def test_a_repository_is_refused_even_with_force(project, capsys):
    out = project / "pages"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    _refused(project, out, capsys, ".git", extra=["--force"])


def test_output_that_is_a_file_or_a_link_is_refused(project, capsys):
    (project / "site.txt").write_text("not a folder\n")
    _refused(project, project / "site.txt", capsys, "not a folder")
    (project / "real").mkdir()
    os.symlink(project / "real", project / "link")
    _refused(project, project / "link", capsys, "symbolic link")


def test_empty_or_new_folders_are_fine(project, capsys):
    (project / "empty").mkdir()
    assert main(_args(project, project / "empty")) == 0
    assert main(_args(project, project / "new" / "deeper")) == 0
    assert (project / "new" / "deeper" / "index.html").is_file()


def test_refusal_comes_before_loading(project, capsys):
    """A wrong --out is refused at once, even when content/ has errors."""
    (project / "content" / "transcripts" / "2020-01-01-empty.txt").write_text("")
    err = _refused(project, project / "content", capsys, "content folder")
    assert "empty" not in err


# --- write errors ------------------------------------------------------------------


@pytest.fixture
def built(project):
    out = project / "site"
    assert main(_args(project, out)) == 0
    # the next build has something to do
    (project / "content" / "site.yaml").write_text("title: Changed title\n")
    return project, out


def _intact_after_failure(project: Path, out: Path, before: dict, err: str) -> None:
    assert "Traceback" not in err
    assert _tree(out) == before  # the previous site, byte for byte
    leftovers = [p.name for p in project.iterdir()
                 if p.name.startswith(".site.") and p.name != ".site.spare"]
    assert leftovers == []  # staging cleaned, no lock, no old folder


@pytest.mark.parametrize("failing", ["manifest", "page"])
def test_disk_full_is_a_message_and_the_site_stays(built, capsys, monkeypatch, failing):
    project, out = built
    before = _tree(out)
    import scogen.output as output

    real_open = open

    def full_disk(file, mode="r", *args, **kwargs):
        name = os.fspath(file)
        hit = name.endswith(MANIFEST) if failing == "manifest" else name.endswith(".html")
        if hit and ("w" in mode or "x" in mode):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(output, "open", full_disk, raising=False)
    assert main(_args(project, out)) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "cannot write" in err
    assert (MANIFEST if failing == "manifest" else ".html") in err
    _intact_after_failure(project, out, before, err)


def test_real_write_limit_is_a_message_and_the_site_stays(built):
    """A real failing write (the process may write no file over 8 KB, as with a
    quota): one message naming the file, the previous site intact."""
    project, out = built
    before = _tree(out)
    script = ("import resource, signal, sys\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              "resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))\n"
              "from scogen.cli import main\n"
              f"sys.exit(main({_args(project, out)!r}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1, done.stderr
    assert "cannot write" in done.stderr and "File too large" in done.stderr
    assert str(project) in done.stderr
    _intact_after_failure(project, out, before, done.stderr)


def without_override():
    """For a child process: file permissions apply even when the tests run as root
    (root's CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH leave the bounding set, so
    the program the child runs never has them)."""
    if os.geteuid() != 0:
        return None

    def drop():
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")
    return drop


def _build_without_override(project, out):
    """Build as a user whom file permissions bind (root's override dropped)."""
    return subprocess.run([sys.executable, "-m", "scogen", *_args(project, out)],
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=without_override())


def test_read_only_output_parent_is_a_message(project):
    readonly = project / "readonly"
    readonly.mkdir()
    os.chmod(readonly, 0o555)
    out = readonly / "site"
    try:
        done = _build_without_override(project, out)
    finally:
        os.chmod(readonly, 0o755)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "Permission denied" in done.stderr and str(readonly) in done.stderr
    assert list(readonly.iterdir()) == []


def test_unreadable_transcript_is_named(project):
    locked = project / "content" / "transcripts" / "2020-01-01-locked.txt"
    locked.write_text("Talks\n\nMay 22, 2007\n\nQuestion: Why?\n\nAnswer: Because.\n")
    os.chmod(locked, 0)
    try:
        done = _build_without_override(project, project / "site")
    finally:
        os.chmod(locked, 0o644)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{locked}: error: cannot read file: Permission denied" in done.stderr
    assert not (project / "site").exists()


# --- one build at a time -------------------------------------------------------------


def test_a_held_lock_makes_a_second_build_say_so(built, capsys, monkeypatch):
    project, out = built
    before = _tree(out)
    monkeypatch.setattr(OutputLock, "WAIT", 0.5)
    with OutputLock(out):
        assert main(_args(project, out)) == 1
    err = capsys.readouterr().err
    assert f"another scogen build into {out} is running (process {os.getpid()})" in err
    assert _tree(out) == before
    assert not (project / ".site.lock").exists()  # gone with the build that held it


def test_a_second_build_waits_for_the_first(built, capsys):
    project, out = built
    release_after = 1.5
    started = time.monotonic()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom scogen.output import OutputLock\n"
         f"with OutputLock({str(out)!r}):\n"
         "    print('held', flush=True)\n"
         f"    time.sleep({release_after})\n"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    code = main([*_args(project, out)[:1], *_args(project, out)[2:]])  # not --quiet
    holder.wait(timeout=60)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "waiting for another build" in err
    assert time.monotonic() - started >= release_after


def test_concurrent_builds_leave_nothing_behind(built):
    project, out = built
    builds = [subprocess.Popen([sys.executable, "-m", "scogen", *_args(project, out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(3)]
    for b in builds:
        _, err = b.communicate(timeout=300)
        assert b.returncode == 0, err
        assert "Traceback" not in err
    # the background remover of a replaced tree may still be running: give it a moment
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))
        if left == [".site.spare"]:
            break
        time.sleep(0.2)
    assert left == [".site.spare"]
    assert main(["check", "--out", str(out)]) == 0


def test_up_to_date_only_when_the_site_is_all_there(built, capsys):
    project, out = built
    assert main(_args(project, out)) == 0
    capsys.readouterr()
    shutil.rmtree(out / "static")  # as `serve --watch` once did to pagefind/
    assert main([*_args(project, out)[:1], *_args(project, out)[2:]]) == 0
    assert "up to date" not in capsys.readouterr().out
    assert (out / "static").is_dir()



def test_watch_rebuilds_keep_the_search_index(project, capsys, monkeypatch):
    """`serve --watch` once rebuilt without the search index, dropping pagefind/."""
    import scogen.watch

    out = project / "site"
    args = ["--content", str(project / "content"), "--templates", str(project / "templates"),
            "--out", str(out)]
    assert main(["build", "--quiet", *args]) == 0
    assert (out / "pagefind" / "pagefind.js").is_file()
    (project / "content" / "site.yaml").write_text("title: Changed while watching\n")
    monkeypatch.setattr(scogen.watch, "serve_and_watch",
                        lambda out, folders, rebuild, port, **_kw: rebuild())  # one more rebuild
    assert main(["serve", "--watch", *args]) == 0
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert "Changed while watching" in (out / "index.html").read_text("utf-8")
    assert main(["build", *args]) == 0
    assert (out / "pagefind" / "pagefind.js").is_file()


def test_a_build_writes_only_the_site_its_spare_and_the_cache(project, capsys):
    """Nothing outside the output folder, its documented spare and the cache."""
    before = {p.name for p in project.iterdir()}
    content = _tree(project / "content")
    assert main(_args(project, project / "site")) == 0
    (project / "content" / "site.yaml").write_text("title: Again\n")
    assert main(_args(project, project / "site")) == 0  # a second build makes the spare
    assert {p.name for p in project.iterdir()} - before == {"site", ".site.spare",
                                                           ".scogen-cache"}
    assert {k: v for k, v in _tree(project / "content").items() if k != "site.yaml"} == \
        {k: v for k, v in content.items() if k != "site.yaml"}
