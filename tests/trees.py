"""Shared by the safety tests: a project copied from the shipped content and
built, and a hash of a folder's whole tree to show it did not change."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from scogen.cli import main

ROOT = Path(__file__).resolve().parents[1]


def tree_hash(folder: Path) -> str:
    """Names and bytes of everything under ``folder`` (links by name only)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode())
        if p.is_file() and not p.is_symlink():
            h.update(p.read_bytes())
    return h.hexdigest()


def built_project(tmp_path: Path) -> list[str]:
    """Copy the shipped content and templates into ``tmp_path``, build them
    without search, and return the folder arguments that build used."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    args = ["--content", str(tmp_path / "content"), "--templates", str(tmp_path / "templates"),
            "--out", str(tmp_path / "site")]
    assert main(["build", "--quiet", "--no-search", *args]) == 0
    return args
