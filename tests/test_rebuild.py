"""An incremental build equals a clean build, whatever was edited in between.

Each stale-page case once found by hand has its own test; the property test then
tries random sequences of edits (transcripts added, removed, renamed; front matter
changed; site.yaml, topics.yaml, speakers.yaml and templates changed), each
followed by an incremental build that must equal a clean build byte for byte.
"""
from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_archive, make_interview
from scogen import cache
from scogen.cache import keys as cache_keys
from scogen.archive import load_archive
from scogen.build import build, input_state, remember, up_to_date
from scogen.verify import compare, site_files

ROOT = Path(__file__).resolve().parents[1]
POOL = Path(__file__).parent / "fixtures" / "rebuild"
NEW = sorted(POOL.glob("*.txt"))
assert len(NEW) >= 3, f"test fixtures missing in {POOL}"


def differing(published: Path, clean: Path) -> list[str]:
    """Files that differ (Pagefind's unreproducible filter/meta files aside)."""
    for site in (published, clean):
        assert "index.html" in site_files(site) and len(site_files(site)) > 20, site
    return compare(published, clean)


class Project:
    """A copy of content/ and templates/ that edits are made to; ``site`` is built
    incrementally, a clean build goes to a fresh folder with no record cache."""

    def __init__(self, base: Path, transcripts: list[Path] | None = None):
        """content/ as shipped, or with these transcripts instead of the shipped ones."""
        self.base = base
        self.content = base / "content"
        self.templates = base / "templates"
        shutil.copytree(ROOT / "content", self.content)
        shutil.copytree(ROOT / "templates", self.templates)
        if transcripts is not None:
            for old in self.transcripts:
                old.unlink()
            for path in transcripts:
                shutil.copy(path, self.content / "transcripts" / path.name)
        self.site = base / "site"
        self.n = 0

    @property
    def transcripts(self) -> list[Path]:
        return sorted((self.content / "transcripts").glob("*.txt"))

    def build(self, search: bool = False):
        return build(load_archive(self.content), self.templates, self.site, quiet=True,
                     search=search)

    def clean(self, search: bool = False) -> Path:
        self.n += 1
        out = self.base / f"clean-{self.n}"
        build(load_archive(self.content, use_cache=False), self.templates, out, quiet=True,
              search=search)
        return out

    def check(self, search: bool = False) -> None:
        """Build incrementally and clean; the two sites must be the same files."""
        self.build(search)
        clean = self.clean(search)
        assert differing(self.site, clean) == []
        shutil.rmtree(clean)

    # --- edits ---

    def front(self, path: Path, **changes) -> None:
        """Set (value) or drop (None) front-matter keys; the text after stays as is."""
        text = path.read_text("utf-8")
        data = {}
        if text.startswith("---\n"):
            head, text = text[4:].split("\n---\n", 1)
            data = yaml.safe_load(head) or {}
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        head = yaml.safe_dump(data, allow_unicode=True, sort_keys=True) if data else ""
        path.write_text(f"---\n{head}---\n{text}" if data else text, encoding="utf-8")

    def yaml_edit(self, name: str, change) -> None:
        path = self.content / name
        data = yaml.safe_load(path.read_text("utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def template_edit(self, name: str, old: str, new: str) -> None:
        path = self.templates / name
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), "utf-8")


def _page(site: Path, transcript: Path) -> str:
    return (site / "interviews" / transcript.stem / "index.html").read_text("utf-8")


# --- the cases found by hand -----------------------------------------------------------


def test_neighbour_publisher_change_reaches_the_pages_that_list_it(tmp_path):
    """Interview pages list their neighbours and related interviews with publisher
    and interviewees; the key once held only their source, title and date."""
    p = Project(tmp_path)
    p.build()
    a, b = p.transcripts
    assert "Global Times" not in _page(p.site, b)
    p.front(a, publisher="Global Times", interviewees=[{"name": "Igor Ivanov",
                                                        "role": "Special Envoy"}])
    p.check()
    assert "Global Times" in _page(p.site, b)  # b lists a (newer/older or related)


def test_a_template_showing_a_new_field_needs_no_key_change(tmp_path):
    """Once the neighbours' interviewer is shown, changing it rebuilds the neighbour."""
    p = Project(tmp_path)
    shown = "{{ (newer.title or newer.source)|lang_text(newer.language, html_lang) }}"  # title
    p.template_edit("interview.html", shown, shown + " ({{ newer.interviewer }})")
    p.build()
    older, newer = p.transcripts  # file names start with the date
    p.front(newer, interviewer="Zhang Wei")
    p.check()
    assert "(Zhang Wei)" in _page(p.site, older)


def test_speakers_index_counts_interviews_and_turns(tmp_path):
    """Same people, same number of turns each, spread over other interviews: the
    speakers index says 'N turns in M interviews', so it must change (it was keyed
    on the turn counts only)."""
    templates = ROOT / "templates"
    qa = ("Why?", "Because.", ("energy",))

    def archive(answers):  # (date, answerer, how many exchanges), newest first
        return make_archive([make_interview(f"{d}-x.txt", d, f"On {d}", "Li Yuheng", who,
                                            [qa] * n) for d, who, n in answers])

    one = archive([("2016-01-01", "Wang Fang", 1), ("2015-01-01", "Wang Fang", 1),
                   ("2014-01-01", "Zhang Ming", 2), ("2013-01-01", "Chen Jie", 1)])
    two = archive([("2016-01-01", "Wang Fang", 2), ("2015-01-01", "Zhang Ming", 1),
                   ("2014-01-01", "Zhang Ming", 1), ("2013-01-01", "Chen Jie", 1)])
    site = tmp_path / "site"
    build(one, templates, site, quiet=True, search=False)
    before = (site / "speakers" / "index.html").read_text("utf-8")
    build(two, templates, site, quiet=True, search=False)
    build(two, templates, tmp_path / "clean", quiet=True, search=False)
    assert differing(site, tmp_path / "clean") == []
    assert (site / "speakers" / "index.html").read_text("utf-8") != before


def test_language_switch_rebuilds_the_search_index(tmp_path):
    p = Project(tmp_path)
    p.build(search=True)
    entry = json.loads((p.site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["en"]
    written = (p.site / "pagefind" / "pagefind-entry.json").stat().st_ino
    p.yaml_edit("site.yaml", lambda d: d.update(language="ru"))
    p.build(search=True)
    assert (p.site / "pagefind" / "pagefind-entry.json").stat().st_ino != written
    # English interviews stay in the English index (each record is indexed in its
    # interview's language); the site's language is the index's default
    entry = json.loads((p.site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["en"]
    clean = p.clean(search=True)
    assert differing(p.site, clean) == []


def test_library_upgrade_reloads_records_and_is_not_up_to_date(tmp_path, monkeypatch):
    """A new version of a library the loader uses (the word list) may repair text
    differently: cached records are not reused and the build is not skipped."""
    p = Project(tmp_path)
    state = input_state(p.content, p.templates, False)
    p.build()
    remember(state, p.content, p.site)
    assert up_to_date(input_state(p.content, p.templates, False), p.content, p.site)

    real = cache_keys.metadata.version
    monkeypatch.setattr(cache_keys.metadata, "version",
                        lambda name: "99.0" if name.lower() == "wordfreq" else real(name))
    for cached in (cache.library_versions, cache.code_fingerprint, cache.records_fingerprint):
        cached.cache_clear()
    try:
        assert not up_to_date(input_state(p.content, p.templates, False), p.content, p.site)
        import scogen.archive as archive_mod
        loaded = []
        load_one = archive_mod.load_one
        monkeypatch.setattr(archive_mod, "load_one",
                            lambda path, *a, **k: loaded.append(path.name) or
                            load_one(path, *a, **k))
        load_archive(p.content)
        assert sorted(loaded) == [t.name for t in p.transcripts]  # every record anew
    finally:
        monkeypatch.undo()
        for cached in (cache.library_versions, cache.code_fingerprint,
                       cache.records_fingerprint):
            cached.cache_clear()


def test_a_record_read_back_from_the_cache_keeps_its_identity(tmp_path):
    """Pages and files are keyed by their records' fingerprints, so a record read
    from the cache must fingerprint like the one just loaded (marshal's bytes
    once differed with how strings happened to be shared)."""
    p = Project(tmp_path)
    for n, source in enumerate(NEW * 2):  # the same bytes under two names as well
        shutil.copy(source, p.content / "transcripts" / f"copy-{n}-{source.name}")
    fresh = load_archive(p.content)  # loads every transcript, fills the cache
    again = load_archive(p.content)  # every record from the cache
    assert all(type(iv).__name__ == "CachedInterview" for iv in again.interviews)
    assert cache.read_text(again.interviews) == len(again.interviews)
    assert {iv.source: cache.interview_ident(iv) for iv in fresh.interviews} == \
        {iv.source: cache.interview_ident(iv) for iv in again.interviews}
    assert {iv.source: cache.content_ident(iv) for iv in again.interviews} == \
        {iv.source: iv.ident_content for iv in again.interviews}


# --- the property: any sequence of edits -------------------------------------------------

DATES = ["2007-05-22", "2013-08-15", "2014-03-03", "2019-06-14"]
PUBLISHERS = ["Xinhua", "TASS", "Shanghai Forum", None]
PEOPLE = [[{"name": "Kirill Barsky", "role": "Special Envoy"}],
          [{"name": "Igor Ivanov", "role": None}],
          [{"name": "Zhang Ming", "role": "SCO Secretary-General"}], None]
TOPICS = ["afghanistan", "energy", "economic-cooperation", None]


def _topic_slugs(p: Project) -> list[str]:
    return [t["slug"] for t in yaml.safe_load((p.content / "topics.yaml").read_text("utf-8"))]


def apply(p: Project, edit: tuple, rng: random.Random) -> None:
    kind = edit[0]
    have = p.transcripts
    pick = have[edit[1] % len(have)] if have else None
    if kind == "add":
        source = NEW[edit[1] % len(NEW)]
        target = p.content / "transcripts" / f"{len(have)}-{rng.randrange(10**6)}-{source.name}"
        shutil.copy(source, target)
    elif kind == "remove" and len(have) > 1:
        pick.unlink()
    elif kind == "rename":
        pick.rename(pick.with_name(f"r{rng.randrange(10**6)}-{pick.name}"))
    elif kind == "publisher":
        p.front(pick, publisher=PUBLISHERS[edit[2] % len(PUBLISHERS)])
    elif kind == "interviewees":
        p.front(pick, interviewees=PEOPLE[edit[2] % len(PEOPLE)])
    elif kind == "date":
        p.front(pick, date=DATES[edit[2] % len(DATES)])
    elif kind == "topic":
        slug = TOPICS[edit[2] % len(TOPICS)]
        if slug is not None and slug not in _topic_slugs(p):
            slug = _topic_slugs(p)[0]
        p.front(pick, turns={1: {"topics": [slug]}} if slug else None)
    elif kind == "interviewer":
        p.front(pick, interviewer=["Li Yuheng", "RIA Novosti", None][edit[2] % 3])
    elif kind == "speaker":  # who a label stands for
        name = ["Xinhua", "RIA Novosti", "Li Yuheng", None][edit[2] % 4]
        p.front(pick, speakers={"Question": name} if name else None)
    elif kind == "site":
        field, values = [("title", ["SCO Interviews", "An Archive"]),
                         ("language", ["en", "ru", "zh"]),
                         ("description", ["Interviews.", "Transcripts, repaired."])][edit[2] % 3]
        p.yaml_edit("site.yaml", lambda d: d.update({field: values[edit[1] % len(values)]}))
    elif kind == "topics":
        def change(topics):
            t = topics[edit[1] % len(topics)]
            if edit[2] % 2:
                t["name"] = t["name"] + " (renamed)"
            else:
                t["description"] = f"Described anew {rng.randrange(100)}."
        p.yaml_edit("topics.yaml", change)
    elif kind == "speakers":
        def change(speakers):
            s = speakers[edit[1] % len(speakers)]
            s.setdefault("roles", []).append({"title": f"Adviser {rng.randrange(100)}",
                                              "since": "2020"})
        p.yaml_edit("speakers.yaml", change)
    elif kind == "template":
        name, old, new = [
            ("interview.html", "← Newer: {{ newer.title or newer.source }}",
             "← Newer: {{ newer.title or newer.source }} {{ newer.interviewer or '' }}"),
            ("_macros.html", "{% if iv.publisher %} · {{ iv.publisher }}{% endif %}",
             "{% if iv.interviewer %} · {{ iv.interviewer }}{% endif %}"),
            ("base.html", "</footer>", f"<!-- {rng.randrange(10**6)} --></footer>"),
        ][edit[2] % 3]
        if old in (p.templates / name).read_text("utf-8"):
            p.template_edit(name, old, new)


KINDS = ["add", "remove", "rename", "publisher", "interviewees", "date", "topic",
         "interviewer", "speaker", "site", "topics", "speakers", "template"]
edits = st.tuples(st.sampled_from(KINDS), st.integers(0, 50), st.integers(0, 50))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=3, max_size=14))
def test_any_edits_then_incremental_equals_clean(sequence):
    """Some 300 edits in all (40 sequences of 3 to 14), each followed by both builds,
    on an archive of small transcripts so that a clean build takes a fraction of a
    second. derandomize: the same edits every run."""
    with tempfile.TemporaryDirectory() as tmp:
        p = Project(Path(tmp), NEW[:2])
        p.build()
        rng = random.Random(len(sequence))
        for edit in sequence:
            apply(p, edit, rng)
            p.check()
