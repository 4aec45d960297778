"""Shared fixtures: the shipped content built once per test session."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))  # tests/servers.py, tests/seed.py


def pytest_configure(config):
    """Every fixture the suite reads lives in tests/; a missing one stops the run
    here, loudly, instead of tests skipping or passing on an empty set."""
    import seed
    try:
        seed.check_all()
    except FileNotFoundError as exc:
        raise pytest.UsageError(str(exc)) from None


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


# --- hand-made archives ------------------------------------------------------------


def make_turn(index: int, kind: str, speaker: str | None, text: str,
              topics: tuple[str, ...] = (), label: str | None = None, number=None):
    from scogen.model import Turn
    return Turn(kind=kind, number=number, label=label if label is not None else speaker,
                speaker=speaker, paragraphs=tuple(text.split("\n\n")), topics=topics,
                line=index * 2, index=index)


def make_interview(source: str, date: str | None, title: str, asker: str, answerer: str,
                   exchanges: list[tuple[str, str, tuple[str, ...]]], role: str | None = None,
                   publisher: str | None = None):
    """An interview of question/answer pairs: exchanges are (question, answer, topics)."""
    from scogen.model import Interview, Person
    turns = []
    for q, a, topics in exchanges:
        turns.append(make_turn(len(turns) + 1, "question", asker, q, number=len(turns) // 2 + 1))
        turns.append(make_turn(len(turns) + 1, "answer", answerer, a, topics))
    raw = f"{title}\n{date or ''}\n\n" + "\n\n".join(f"{t.label}: {t.text}" for t in turns)
    return Interview(source=source, title=title, date=date, publisher=publisher,
                     interviewer=asker, interviewees=(Person(answerer, role),),
                     lead=f"{answerer} on {title}", turns=tuple(turns), raw_text=raw,
                     path=f"content/transcripts/{source}")


def make_archive(interviews, topics=None, site=None):
    """An Archive with a Speaker record for every name used and the given topics."""
    from scogen.model import Archive, Role, SiteConfig, Speaker, Topic
    from scogen.slugs import slugify
    names: dict[str, None] = {}
    for iv in interviews:
        for n in (*iv.speakers, *(p.name for p in iv.interviewees), iv.interviewer,
                  iv.publisher):
            if n:
                names.setdefault(n, None)
    roles = {p.name: p.role for iv in interviews for p in iv.interviewees if p.role}
    speakers = tuple(Speaker(name=n, slug=slugify(n) or f"speaker-{i}",
                             roles=(Role(roles[n]),) if n in roles else ())
                     for i, n in enumerate(names))
    if topics is None:
        slugs = dict.fromkeys(s for iv in interviews for s in iv.topics)
        topics = tuple(Topic(slug=s, name=s.replace("-", " ").title(),
                             description=f"Turns about {s}") for s in slugs)
    return Archive(site=site or SiteConfig(title="Test archive", description="Hand-made"),
                   topics=tuple(topics), speakers=speakers, interviews=tuple(interviews))


@pytest.fixture()
def small_archive():
    """Three interviews, two dated the same year, one undated; shared speakers and topics."""
    return make_archive([
        make_interview("2013-08-15-kirill-barsky.txt", "2013-08-15", "Barsky on the SCO",
                       "Li Yuheng", "Kirill Barsky",
                       [("What is the SCO for?", "Security.\n\nAnd trade.", ("security",)),
                        ("And energy?", "Energy too.", ("energy", "security"))],
                       role="Ambassador"),
        make_interview("2013-02-01-igor-ivanov.txt", "2013-02-01", "Ivanov interview",
                       "RIA Novosti", "Igor Ivanov",
                       [("Your view?", "Cooperation.", ("energy",))], publisher="RIA Novosti"),
        make_interview("undated-notes.txt", None, "Undated notes", "Li Yuheng",
                       "Kirill Barsky", [("Anything else?", "No.", ())]),
    ])


# --- Chromium, for the browser tests (one browser per test module) -----------------


@pytest.fixture(scope="module")
def browser():
    from browser import chromium  # tests/browser.py: the Debian Chromium, driven by Playwright
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    """A fresh browser context's page (a module may define its own, stricter one)."""
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()
