"""Incremental builds equal clean builds; killed builds never damage the site."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import scogen.archive as archive_mod
from scogen.archive import load_archive
from scogen.build import build
from scogen.phases import PHASES
from scogen.verify import site_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "layouts"


def _files(folder: Path) -> dict[str, bytes]:
    """Every output file as ``scogen build --verify`` compares them (Pagefind's
    filter and metadata indexes left out: upstream issue #638)."""
    return site_files(folder)


def _project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def test_adding_one_transcript_equals_a_clean_build(tmp_path, monkeypatch):
    content = _project(tmp_path)
    inc = tmp_path / "inc"
    build(load_archive(content), ROOT / "templates", inc, quiet=True, search=True)
    before = {p: (inc / p).stat().st_ino for p in _files(inc)}

    shutil.copy(FIXTURES / "q-colon-numbered-dates.txt",
                content / "transcripts" / "2023-01-17-sohail-khan.txt")
    loaded = []
    real = archive_mod.load_one
    monkeypatch.setattr(archive_mod, "load_one",
                        lambda path, *a, **k: loaded.append(path.name) or real(path, *a, **k))
    report = build(load_archive(content), ROOT / "templates", inc, quiet=True, search=True)
    assert loaded == ["2023-01-17-sohail-khan.txt"]  # only the new transcript is read

    clean = tmp_path / "clean"
    monkeypatch.setattr(archive_mod, "load_one", real)
    build(load_archive(content, use_cache=False), ROOT / "templates", clean, quiet=True,
          search=True)
    assert _files(inc) == _files(clean)

    # pages that do not show the new interview were not rewritten
    for untouched in ["interviews/2013-08-15-kirill-barsky/source.txt",
                      "data/interviews/2007-05-22-igor-ivanov.json", "static/style.css",
                      "speakers/kirill-barsky/index.html", "topics/afghanistan/index.html"]:
        assert (inc / untouched).stat().st_ino == before[untouched], untouched
    assert report.written < len(_files(inc)) / 2
    assert (inc / "interviews" / "2023-01-17-sohail-khan" / "index.html").is_file()


def test_no_op_rebuild_is_skipped(tmp_path):
    content = _project(tmp_path)
    args = [sys.executable, "-m", "scogen", "build", "--content", str(content),
            "--templates", str(ROOT / "templates"), "--out", str(tmp_path / "site"),
            "--no-search"]
    first = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "built" in first.stdout
    second = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "up to date" in second.stdout
    os.utime(content / "site.yaml")  # touched: must build again (and find nothing changed)
    third = subprocess.run(args, capture_output=True, text=True, check=True)
    assert "built" in third.stdout and "0 files written" in third.stdout


def _tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for rel, data in _files(folder).items():
        h.update(rel.encode() + b"\0" + data)
    return h.hexdigest()


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if text.encode() in cmd:
                found.append(int(entry.name))
    return found


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except OSError:
        return []


@pytest.mark.parametrize("stage", ["loading", "rendering"])
def test_killed_build_leaves_no_workers_behind(tmp_path, stage):
    """SIGKILL while worker processes run: they go with the build instead of
    waiting forever on a pipe nobody reads."""
    content = _project(tmp_path)
    for i in range(90):  # over the parallel thresholds for loading and rendering
        for f in FIXTURES.glob("*.txt"):
            (content / "transcripts" / f"{f.stem}-{i}.txt").write_bytes(f.read_bytes())
    out = tmp_path / "site"
    cmd = [sys.executable, "-m", "scogen", "build", "--content", str(content), "--templates",
           str(ROOT / "templates"), "--out", str(out), "--no-search", "--jobs", "2", "-q"]
    if stage == "rendering":  # records cached: the workers that run are the renderers
        subprocess.run(cmd, check=True, timeout=600)
        shutil.rmtree(out)
    proc = subprocess.Popen(cmd)
    deadline = time.monotonic() + 120
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _children(proc.pid), "the build started no worker processes"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(content)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(content)) == []


def test_parallel_render_with_recycled_workers_equals_serial(tmp_path):
    """Render workers replaced after every chunk (as they are every RECYCLE_AFTER
    chunks on big builds): the pool shuts down cleanly and the pages equal a
    one-process build. Run in a child with a timeout, since the failure is a hang."""
    content = _project(tmp_path)
    for i in range(6):
        for f in FIXTURES.glob("*.txt"):
            (content / "transcripts" / f"{f.stem}-{i}.txt").write_bytes(f.read_bytes())
    script = (
        "import sys; import scogen.build as b; from pathlib import Path\n"
        "from scogen.archive import load_archive\n"
        "b.RECYCLE_AFTER = 1; b.PARALLEL_RENDER_FROM = 1\n"
        "b.build(load_archive(Path(sys.argv[1]), jobs=1), Path(sys.argv[2]), Path(sys.argv[3]),"
        " quiet=True, search=False, jobs=int(sys.argv[4]))\n")
    for jobs, out in ((2, "parallel"), (1, "serial")):
        done = subprocess.run([sys.executable, "-c", script, str(content), str(ROOT / "templates"),
                               str(tmp_path / out), str(jobs)], timeout=120, cwd=ROOT)
        assert done.returncode == 0
    assert _files(tmp_path / "parallel") == _files(tmp_path / "serial")


@pytest.mark.parametrize("phase", PHASES)
def test_build_killed_at_each_phase_leaves_previous_site_intact(tmp_path, phase):
    """SIGKILL while the build waits at a named phase (SCOGEN_PAUSE_AT): every
    phase before the swap leaves the previous site exactly as it was."""
    content = _project(tmp_path)
    for i in range(3):
        for f in FIXTURES.glob("*.txt"):
            (content / "transcripts" / f"{f.stem}-{i}.txt").write_bytes(f.read_bytes())
    out = tmp_path / "site"
    cmd = [sys.executable, "-m", "scogen", "build", "--content", str(content), "--templates",
           str(ROOT / "templates"), "--out", str(out), "--no-search", "--jobs", "1", "-q"]
    subprocess.run(cmd, check=True, timeout=600)
    good = _tree_hash(out)
    shutil.rmtree(tmp_path / ".scogen-cache")  # make the next build do all the work again
    (content / "site.yaml").write_text((content / "site.yaml").read_text()
                                       .replace("title: SCO Interview Archive",
                                                "title: Renamed Archive"))
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "SCOGEN_PAUSE_AT": phase})
    try:
        assert proc.stderr.readline().strip() == f"scogen: paused at {phase}"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _tree_hash(out) == good
    # the next build cleans up whatever the killed one left behind
    subprocess.run(cmd, check=True, timeout=600)
    assert not [p.name for p in tmp_path.iterdir() if ".staging-" in p.name or ".old-" in p.name]
    assert "Renamed Archive" in (out / "index.html").read_text()
