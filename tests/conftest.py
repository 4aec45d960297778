"""Shared fixtures: the shipped content built once per test session."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))  # tests/servers.py


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """A copy of content/ and templates/ in a temporary folder."""
    base = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "content", base / "content")
    shutil.copytree(ROOT / "templates", base / "templates")
    return base


@pytest.fixture(scope="session")
def archive(project):
    from scogen.archive import load_archive
    return load_archive(project / "content")


@pytest.fixture(scope="session")
def built_site(project, archive) -> Path:
    """The real site with its search index, built once."""
    from scogen.build import build
    out = project / "site"
    build(archive, project / "templates", out, quiet=True, search=True)
    return out
