"""The search index: written by the Pagefind binary through its service mode,
checked once written, keyed by everything it is made from."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scogen import search
from scogen.errors import BuildError

RECORDS = [search.Record(url=f"interviews/a/index.html#t{i}", content=f"answer {i} on energy",
                         meta={"title": f"Turn {i}"}, filters={"speaker": ["Zhang Ming"]},
                         sort={"date": "2014-01-01"}) for i in range(1, 4)]


def test_the_service_writes_a_whole_index_in_the_site_language(tmp_path):
    search.write_index(RECORDS, tmp_path, "ru-RU")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["ru"]
    assert list((tmp_path / "pagefind" / "fragment").iterdir())


def test_an_incomplete_index_is_written_again_then_reported(tmp_path, monkeypatch):
    calls = []

    async def flaky(recs, site_dir: Path, language):
        calls.append(language)
        folder = site_dir / "pagefind"
        folder.mkdir(exist_ok=True)
        whole = len(calls) >= 2
        (folder / "pagefind-entry.json").write_text(
            json.dumps({"languages": {"en": {}}}) if whole else "", "utf-8")

    monkeypatch.setattr(search, "_write", flaky)
    search.write_index(RECORDS, tmp_path, "en")
    assert len(calls) == 2

    async def broken(recs, site_dir: Path, language):
        (site_dir / "pagefind").mkdir(exist_ok=True)
        (site_dir / "pagefind" / "pagefind-entry.json").write_text("{", "utf-8")

    monkeypatch.setattr(search, "_write", broken)
    with pytest.raises(BuildError, match="incomplete index 3 times"):
        search.write_index(RECORDS, tmp_path, "en")
