"""A parallel load sends outlines back, not records (issue 14: the main process held
every turn's text of a clean build). The workers store each record in the cache;
the main process reads the text only when a page or export needs it, and what it
reads is the record a single process loads."""
from __future__ import annotations

import sys
from pathlib import Path

from scogen.archive import PARALLEL_FROM, load_archive
from scogen.cache import flatten, read_text
from scogen.cache import records as cache_records

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


def test_a_parallel_load_keeps_outlines_and_reads_the_same_records(tmp_path, monkeypatch):
    content = tmp_path / "content"
    generate(PARALLEL_FROM + 6, content)
    archive = load_archive(content, jobs=2)
    assert len(archive.interviews) == PARALLEL_FROM + 6
    assert not any(iv.has_text for iv in archive.interviews)  # outlines only
    assert read_text(archive.interviews) == len(archive.interviews)
    plain = {iv.source: iv for iv in load_archive(content, jobs=1, use_cache=False).interviews}
    for iv in archive.interviews:
        assert flatten(iv) == flatten(plain[iv.source])


def test_a_record_the_cache_cannot_take_comes_back_whole(tmp_path, monkeypatch):
    content = tmp_path / "content"
    generate(PARALLEL_FROM + 2, content)
    monkeypatch.setattr(cache_records.RecordStore, "put", lambda self, key, flat: False)
    archive = load_archive(content, jobs=2)
    assert all(iv.has_text for iv in archive.interviews)
    assert sum(len(iv.turns) for iv in archive.interviews) > PARALLEL_FROM


def test_a_build_keeps_the_text_its_caller_read_and_drops_what_it_read(tmp_path):
    from scogen.build import build

    content = tmp_path / "content"
    generate(PARALLEL_FROM + 2, content)
    archive = load_archive(content, jobs=2)
    mine = archive.interviews[:3]
    read_text(mine)
    build(archive, ROOT / "templates", tmp_path / "site", quiet=True, search=True, jobs=2)
    assert all(iv.has_text for iv in mine)
    assert not any(iv.has_text for iv in archive.interviews[3:])
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()
