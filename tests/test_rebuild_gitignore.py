"""A build leaves the repository clean: .gitignore covers the site, the record
cache and the previous site kept beside the output as the next staging folder."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from scogen.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout


def test_git_status_is_clean_after_builds(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copytree(ROOT / "templates", repo / "templates")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "content")
    args = ["build", "--content", str(repo / "content"), "--templates",
            str(repo / "templates"), "--out", str(repo / "site"), "--no-search", "-q"]
    assert main(args) == 0
    (repo / "content" / "site.yaml").write_text(
        (repo / "content" / "site.yaml").read_text("utf-8") + "\n", "utf-8")
    assert main(args) == 0  # a second build: the previous site is kept beside it
    _git(repo, "checkout", "-q", "content/site.yaml")
    left = {p.name for p in repo.iterdir()}
    assert {"site", ".scogen-cache", ".site.spare"} <= left  # what a build leaves ...
    assert _git(repo, "status", "--porcelain", "--untracked-files=all") == ""  # ... ignored
