"""A build stopped at any phase (SIGINT, SIGTERM, SIGKILL) never leaves a broken site.

The build runs in a child process that signals itself at a named phase (the
phase's function is wrapped to raise the signal as it starts). Whatever the
signal: no traceback on the terminal, content/ unchanged, the previous site
byte-identical; after Ctrl-C or SIGTERM nothing is left beside the site; after
SIGKILL the next build clears what was left and succeeds. Forked workers of a
parallel load say nothing when their parent is interrupted or killed.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from scogen.cli import main
from trees import built_project, tree_hash

TALK = ("Talks on {topic}\n\nMay {day}, 2007\n\nBy Li Wei\n\n"
        "Question: What is the priority for {topic}?\n\nAnswer: {topic} comes first, "
        "and we talked about it for {day} hours.\n")

CHILD = """
import os, signal, sys
from scogen import archive, output
sig, phase, args = getattr(signal, sys.argv[1]), sys.argv[2], sys.argv[3:]

def at(fn):
    def wrapped(*a, **k):
        os.kill(os.getpid(), sig)
        return fn(*a, **k)
    return wrapped

if phase == "load":
    archive.load_one = at(archive.load_one)
elif phase == "write":
    output.Publication.write = at(output.Publication.write)
elif phase == "commit":
    output.Publication.commit = at(output.Publication.commit)
elif phase == "swap":
    output._exchange = at(output._exchange)
from scogen.cli import main
sys.exit(main(args))
"""


@pytest.fixture
def project(tmp_path):
    args = ["build", "--quiet", "--no-search", *built_project(tmp_path)]
    # something for the next build to load and write
    (tmp_path / "content" / "transcripts" / "2007-05-01-new.txt").write_text(
        TALK.format(topic="trade", day=1))
    return tmp_path, args


def _beside(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site."))


@pytest.mark.parametrize("phase", ["load", "write", "commit", "swap"])
@pytest.mark.parametrize("sig,code,word", [("SIGINT", 130, "interrupted"),
                                           ("SIGTERM", 143, "terminated"),
                                           ("SIGKILL", -9, None)])
def test_signal_at_a_phase_leaves_the_previous_site(project, phase, sig, code, word):
    tmp_path, args = project
    content, site = tree_hash(tmp_path / "content"), tree_hash(tmp_path / "site")
    done = subprocess.run([sys.executable, "-c", CHILD, sig, phase, *args],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    if word:
        assert f"scogen: {word}; the previous site is unchanged" in done.stderr
        assert _beside(tmp_path) in ([], [".site.spare"])
    assert tree_hash(tmp_path / "content") == content
    assert tree_hash(tmp_path / "site") == site
    # the next build clears any leftovers and publishes
    assert main(args) == 0
    assert _beside(tmp_path) == [".site.spare"]
    assert (tmp_path / "site" / "interviews" / "2007-05-01-new" / "index.html").is_file()


WORKERS = """
import os, signal, sys, time
from scogen import archive, build
stage, how, marker, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

real_load, real_render = archive._worker, build._render_chunk


def sabotage():
    try:  # once, in the first worker to get here (each has its own memory)
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    if True:
        if how == "kill-parent":
            os.kill(os.getppid(), signal.SIGKILL)
        else:
            os.killpg(os.getpgrp(), signal.SIGINT)  # Ctrl-C: the whole process group
        time.sleep(0.3)


def load_worker(path):  # module-level: pickled by name for the pool
    sabotage()
    return real_load(path)


def render_worker(chunk):
    sabotage()
    return real_render(chunk)


if stage == "load":
    archive._worker = load_worker
else:
    build.PARALLEL_RENDER_FROM = 10  # the render pool, on a small site
    build._render_chunk = render_worker
from scogen.cli import main
sys.exit(main(args))
"""


@pytest.mark.parametrize("stage", ["load", "render"])
@pytest.mark.parametrize("how", ["kill-parent", "ctrl-c"])
def test_workers_stop_quietly(project, stage, how):
    tmp_path, args = project
    for day in range(1, 80):
        (tmp_path / "content" / "transcripts" / f"2008-01-{day:03d}-talk.txt").write_text(
            TALK.format(topic=f"topic{day}", day=day))
    content, site = tree_hash(tmp_path / "content"), tree_hash(tmp_path / "site")
    marker = tmp_path / "signalled"
    child = subprocess.Popen([sys.executable, "-c", WORKERS, stage, how, str(marker), *args,
                              "--jobs", "2"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    # stderr reaches end of file only when every process holding it (the workers) ended
    try:
        _out, err = child.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the child's own session: nothing else
        child.communicate()
        pytest.fail("the build or its workers hung after the signal")
    assert marker.exists()  # the signal was sent
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert child.returncode == (-9 if how == "kill-parent" else 130), err
    assert tree_hash(tmp_path / "content") == content
    assert tree_hash(tmp_path / "site") == site


HANGS = """
import os, signal, sys, time
from scogen import build, cli
cli.STOP_GRACE = float(sys.argv[2])

def stuck(*_args, **_kwargs):  # a wind-down that never ends (a pool waiting on a dead lock)
    try:
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
        time.sleep(30)
    finally:
        while True:
            time.sleep(1)

build.build = stuck
sys.exit(cli.main(sys.argv[3:]))
"""


@pytest.mark.parametrize("sig, code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_build_that_cannot_wind_down_still_exits(project, sig, code):
    tmp_path, args = project
    site = tree_hash(tmp_path / "site")
    (tmp_path / "content" / "transcripts" / "2007-05-01-new.txt").write_text(
        TALK.format(topic="trade", day=1))  # so the build does not stop as up to date
    done = subprocess.run([sys.executable, "-c", HANGS, sig, "1", *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr
    assert "winding down took over 1 s" in done.stderr and "Traceback" not in done.stderr
    assert tree_hash(tmp_path / "site") == site


def test_the_watchdog_is_disarmed_once_the_command_has_wound_down(project, monkeypatch):
    """In-process: a Ctrl-C that unwinds normally leaves no timer that would later
    end the calling process."""
    import threading

    from scogen import build, cli
    tmp_path, args = project
    monkeypatch.setattr(cli, "STOP_GRACE", 0.5)

    def interrupted(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        raise AssertionError("the signal should have interrupted")

    monkeypatch.setattr(build, "build", interrupted)
    (tmp_path / "content" / "transcripts" / "2007-05-01-new.txt").write_text(
        TALK.format(topic="trade", day=1))
    before = set(threading.enumerate())
    try:
        assert main(args) == 130
    finally:  # main() ignores a second Ctrl-C while it reports the first
        signal.signal(signal.SIGINT, signal.default_int_handler)
    timers = [t for t in set(threading.enumerate()) - before if isinstance(t, threading.Timer)]
    assert all(t.finished.is_set() for t in timers)  # cancelled: it will never fire
    for t in timers:
        t.join(5)
    assert not any(t.is_alive() for t in timers)
