"""The search index: written by the Pagefind binary through its service mode,
every file checked against what the service holds, keyed by everything it is made from."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from scogen import search
from scogen.errors import BuildError

RECORDS = [search.Record(url=f"interviews/a/index.html#t{i}", content=f"answer {i} on energy",
                         meta={"title": f"Turn {i}"}, filters={"speaker": ["Zhang Ming"]},
                         sort={"date": "2014-01-01"}) for i in range(1, 4)]


def test_the_service_writes_a_whole_index_in_the_site_language(tmp_path):
    search.write_index(RECORDS, tmp_path / "pagefind", "ru-RU")
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["ru"]
    assert list((tmp_path / "pagefind" / "fragment").iterdir())


ENTRY = json.dumps({"languages": {"en": {}}}).encode()


def test_the_files_written_are_the_ones_the_service_holds(tmp_path, monkeypatch):
    """The service hands the bundle back (GetFiles) and writes nothing itself; every
    file it holds is on disk with its bytes, and nothing else is."""
    folder = tmp_path / "pagefind"
    held_now = asyncio.run(search._write(RECORDS, folder, "en"))
    assert "pagefind-entry.json" in held_now and any(n.startswith("fragment/")
                                                      for n in held_now)
    assert not folder.exists()  # asked for the files, the service wrote none
    seen = []
    real = search._write

    async def spy(recs, where, language):
        seen.append(await real(recs, where, language))
        return seen[-1]

    monkeypatch.setattr(search, "_write", spy)
    search.write_index(RECORDS, folder, "en")
    assert len(seen) == 1 and search._mismatched(folder, seen[0]) == []
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == set(seen[0])


def test_no_index_file_is_left_that_the_entry_does_not_lead_to(tmp_path):
    """The service makes its filter and metadata files anew (other names) when asked
    for them; the ones it wrote first are not left beside them."""
    folder = tmp_path / "pagefind"
    recs = [search.Record(url=f"i/{i}.html#t1", content=f"answer {i} on energy",
                          meta={"title": f"Turn {i}"},
                          filters={"speaker": [f"Speaker {i % 4}"], "year": [str(2000 + i)]},
                          sort={"date": f"{2000 + i}-01-01"}, language=("en", "ru")[i % 2])
            for i in range(12)]
    search.write_index(recs, folder, "en")
    entry = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))
    metas = sorted(p.name for p in folder.glob("*.pf_meta"))
    assert metas == sorted(f"pagefind.{info['hash']}.pf_meta"
                           for info in entry["languages"].values())
    assert len(list((folder / "filter").iterdir())) == 2 * 2  # speaker, year; 2 languages


def test_a_file_that_differs_from_what_the_service_holds_is_written_again(tmp_path, monkeypatch):
    calls = []
    held = {"pagefind-entry.json": ENTRY, "fragment/en_1.pf_fragment": b"x" * 500}

    async def short_write(recs, folder: Path, language):
        calls.append(language)
        (folder / "fragment").mkdir(parents=True, exist_ok=True)
        (folder / "pagefind-entry.json").write_bytes(b"")                   # empty, as once seen
        (folder / "fragment" / "en_1.pf_fragment").write_bytes(b"x" * 120)  # cut short
        return dict(held)

    monkeypatch.setattr(search, "_write", short_write)
    search.write_index(RECORDS, tmp_path / "pagefind", "en")
    assert calls == ["en"]                     # mended in place, not indexed again
    for name, content in held.items():
        assert (tmp_path / "pagefind" / name).read_bytes() == content


def test_same_size_but_different_bytes_is_caught(tmp_path):
    folder = tmp_path / "pagefind"
    folder.mkdir()
    (folder / "a.pf_index").write_bytes(b"abcd")
    assert search._mismatched(folder, {"a.pf_index": b"abce"}) == ["a.pf_index"]
    assert search._mismatched(folder, {"a.pf_index": b"abcd"}) == []
    assert search._mismatched(folder, {"missing.pf_meta": b"1"}) == ["missing.pf_meta"]


def test_an_index_that_cannot_be_mended_is_written_again_then_reported(tmp_path, monkeypatch):
    calls = []

    async def flaky(recs, folder: Path, language):
        calls.append(language)
        folder.mkdir(exist_ok=True)
        (folder / "pagefind-entry.json").write_bytes(ENTRY if len(calls) >= 2 else b"")
        return {"pagefind-entry.json": ENTRY}

    monkeypatch.setattr(search, "_rewrite", lambda path, content: None)  # mending fails
    monkeypatch.setattr(search, "_write", flaky)
    search.write_index(RECORDS, tmp_path / "pagefind", "en")
    assert len(calls) == 2

    async def broken(recs, folder: Path, language):
        folder.mkdir(exist_ok=True)
        (folder / "pagefind-entry.json").write_text("{", "utf-8")
        return {"pagefind-entry.json": b"{"}

    monkeypatch.setattr(search, "_write", broken)
    with pytest.raises(BuildError, match="incomplete index 3 times"):
        search.write_index(RECORDS, tmp_path / "pagefind", "en")


def test_the_publication_hands_out_the_index_folder(tmp_path):
    """The search step asks the publication for its folder (checked, emptied of what
    the spare held) instead of writing into the staging folder by itself."""
    from scogen.output import Publication

    pub = Publication(tmp_path / "site", previous={})
    staging = pub.begin()
    (staging / "pagefind").mkdir()
    (staging / "pagefind" / "stale.pf_index").write_text("old")
    folder = pub.tree_for_tool("pagefind")
    assert folder == (staging / "pagefind").resolve() and list(folder.iterdir()) == []
    with pytest.raises(BuildError, match="leave the output folder"):
        pub.tree_for_tool("../elsewhere")
    pub.abort()


def test_a_kept_index_is_linked_file_by_file_into_the_new_site(tmp_path):
    """An unchanged bundle of the current site is hard-linked whole into the staging
    folder: every file, nested folders made, nothing else; a path that leaves the
    output folder is refused."""
    from scogen.output import Publication

    out = tmp_path / "site"
    (out / "pagefind-2" / "fragment").mkdir(parents=True)
    (out / "pagefind-2" / "pagefind-entry.json").write_text("{}")
    (out / "pagefind-2" / "fragment" / "en_1.pf_fragment").write_bytes(b"x" * 10)
    pub = Publication(out, previous={})
    staging = pub.begin()
    pub.link_tree("pagefind-2")
    linked = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")
                    if p.is_file())
    assert linked == ["pagefind-2/fragment/en_1.pf_fragment", "pagefind-2/pagefind-entry.json"]
    for rel in linked:
        assert (staging / rel).stat().st_ino == (out / rel).stat().st_ino
    assert pub.linked == 2
    with pytest.raises(BuildError, match="leave the output folder"):
        pub.link_tree("../elsewhere")
    pub.abort()
