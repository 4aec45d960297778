"""`scogen build --verify`: an incremental build checked against a full one."""
from __future__ import annotations

import shutil
from pathlib import Path

from scogen.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _args(tmp_path: Path) -> list[str]:
    return ["build", "--content", str(tmp_path / "content"), "--templates",
            str(ROOT / "templates"), "--out", str(tmp_path / "site"), "--no-search", "--verify"]


def test_verify_passes_a_right_rebuild_and_names_a_wrong_file(tmp_path, capsys):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    assert main(_args(tmp_path)) == 0
    assert "verified: the same files as a clean build" in capsys.readouterr().out

    # a published page that no longer matches its key: an incremental build keeps it
    page = tmp_path / "site" / "speakers" / "index.html"
    page.write_text(page.read_text("utf-8").replace("Speakers", "Speakerz"), "utf-8")
    assert main(_args(tmp_path)) == 1
    err = capsys.readouterr().err
    assert f"{page}: differs from a clean build" in err
    assert "1 file(s) differ" in err
    assert not list(tmp_path.glob("*verify*"))  # the reference build left nothing behind
