"""What makes rebuilds cheap at scale, checked on hand-made archives (no loader):
year-split listings, the spare staging folder, exports joined from pieces, and
records read from the cache only when a page needs their text."""
from __future__ import annotations

import csv
import io
import json
import os
import pickle
from pathlib import Path

import pytest
from conftest import make_archive, make_interview

from scogen.build import build
from scogen.cache import (CachedInterview, RecordStore, content_ident, flatten, interview_ident,
                          outline_of, read_text)
from scogen.errors import BuildError
from scogen.exports import interviews_json, turns_csv
from scogen.model import Interview
from scogen.output import MANIFEST

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"


def _interviews(n: int) -> list[Interview]:
    """n interviews over 2001-2012, two askers, four answers each on 'energy'."""
    return [make_interview(f"{2001 + i % 12}-0{1 + i % 9}-1{i % 10}-person-{i}.txt",
                           f"{2001 + i % 12}-0{1 + i % 9}-1{i % 10}", f"Interview {i}",
                           "Asker A" if i % 2 else "Asker B", f"Person {i % 7}",
                           [(f"Q{k} of {i}?", f"Answer {k} of {i}.", ("energy",))
                            for k in range(4)])
            for i in range(n)]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_new_interview_rewrites_only_its_year_and_equals_a_clean_build(tmp_path):
    ivs = _interviews(60)  # 240 answers on 'energy': its listing is split by year
    out = tmp_path / "site"
    build(make_archive(ivs), TEMPLATES, out, quiet=True, search=False)
    assert (out / "topics/energy/2005/index.html").is_file()
    before = {p: os.stat(out / p).st_ino for p in _files(out)}

    new = make_interview("2005-06-15-newcomer.txt", "2005-06-15", "Newcomer", "Asker A",
                         "Person 3", [("New?", "Yes.", ("energy",))])
    report = build(make_archive([*ivs, new]), TEMPLATES, out, quiet=True, search=False)
    clean = tmp_path / "clean"
    build(make_archive([*ivs, new]), TEMPLATES, clean, quiet=True, search=False)
    assert _files(out) == _files(clean)

    changed = {p for p in _files(out) if before.get(p) != os.stat(out / p).st_ino}
    # pages of other years keep their file: the listing pages were not written again
    for year in ("2001", "2004", "2006", "2012"):
        for page in (f"topics/energy/{year}/index.html", f"timeline/{year}/index.html",
                     f"speakers/asker-a/{year}/index.html"):
            if page in before:
                assert page not in changed, page
    assert "topics/energy/2005/index.html" in changed
    assert "timeline/2005/index.html" in changed
    # what was written is what changed, a small part of the site
    assert report.written == len(changed - {MANIFEST}) < len(before) / 4
    # the spare (the site before) sits beside it and is not the site itself
    spare = tmp_path / ".site.spare"
    assert spare.is_dir() and not (spare / "interviews/2005-06-15-newcomer").exists()


def test_spare_that_lost_its_manifest_is_not_trusted(tmp_path):
    ivs = _interviews(12)
    out = tmp_path / "site"
    build(make_archive(ivs), TEMPLATES, out, quiet=True, search=False)
    spare = tmp_path / ".site.spare"
    (spare / "index.html").write_text("stale")  # (a spare is never written into)
    (spare / ".scogen-manifest.json").unlink()
    build(make_archive(ivs[:-1]), TEMPLATES, out, quiet=True, search=False)
    clean = tmp_path / "clean"
    build(make_archive(ivs[:-1]), TEMPLATES, clean, quiet=True, search=False)
    assert _files(out) == _files(clean)


def test_exports_joined_from_pieces_are_the_exports_made_whole(tmp_path):
    ivs = _interviews(9)
    out = tmp_path / "site"
    archive = make_archive(ivs)
    build(archive, TEMPLATES, out, quiet=True, search=False)
    ordered = sorted(archive.interviews, key=lambda iv: (iv.date or "", iv.source),
                     reverse=True)
    assert (out / "data/interviews.json").read_text(encoding="utf-8") == \
        interviews_json(tuple(ordered))
    assert (out / "data/turns.csv").read_bytes() == \
        turns_csv(tuple(ordered), lambda iv: iv.source[:-4]).encode("utf-8")
    rows = list(csv.reader(io.StringIO((out / "data/turns.csv").read_text(encoding="utf-8-sig"),
                                       newline="")))
    assert len(rows) == 1 + sum(len(iv.turns) for iv in ivs)
    assert len(json.loads((out / "data/interviews.json").read_text())) == len(ivs)


def test_cached_record_reads_its_text_only_when_read_text_is_called(tmp_path):
    """Listings need only the outline; the text is read by read_text (the build calls
    it for the pages it renders again), never by attribute access."""
    iv = _interviews(1)[0]
    store = RecordStore(tmp_path)
    key = "k" * 40
    store.put(key, flatten(iv))
    content = content_ident(iv)
    lazy = CachedInterview.from_outline(outline_of(iv, content), iv.source, iv.path, store, key)
    assert lazy.title == iv.title and lazy.speakers == iv.speakers and lazy.topics == iv.topics
    assert lazy.outline == iv.outline
    assert interview_ident(lazy) == interview_ident(iv)
    with open(store.folder / f"{key}.m", "rb") as handle:
        saved = handle.read()
    os.unlink(store.folder / f"{key}.m")  # the text is not read until now ...
    assert lazy.warnings == iv.warnings and lazy.interviewees == iv.interviewees
    (store.folder / f"{key}.m").write_bytes(saved)
    with pytest.raises(BuildError, match="used before it was read"):
        lazy.turns  # noqa: B018 - asking is an error, not a hidden read
    assert read_text([lazy, iv]) == 1 and read_text([lazy]) == 0  # read once, and now
    assert lazy.turns == iv.turns and lazy.raw_text == iv.raw_text
    assert lazy == iv and iv == lazy
    plain = pickle.loads(pickle.dumps(lazy))
    assert type(plain) is Interview and plain == iv


def test_content_ident_ignores_only_where_a_record_was_read_from():
    a, b = _interviews(2)
    assert content_ident(a) != content_ident(b)
    from dataclasses import replace
    assert content_ident(replace(a, source="x.txt", path="y/x.txt")) == content_ident(a)
    assert interview_ident(replace(a, source="x.txt")) != interview_ident(a)
    assert content_ident(replace(a, raw_text="other")) != content_ident(a)
