"""The site model, computed once: sorting, grouping, and the list of pages.

Templates and the writer read only from this. Every page is a ``Page``
(output path, template, context) with a ``key``: the identity of everything in
its context (``depends.identity``), to which rendering adds what the page looked
up in the model (``depends.Lookups``), so an incremental build can skip the rest.
"""
from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, TypeVar

from . import urls
from .cache import interview_ident
from .depends import Lookups
from .errors import BuildError
from .model import Archive, Interview, Speaker, Topic, Turn
from .versions import Versions

PER_PAGE = 100  # entries on one listing page: keeps every page far below 300 KB
NEWEST = 10  # interviews on the front page

T = TypeVar("T")
K = TypeVar("K")


def group_by(items: Iterable[T], keys: Callable[[T], Iterable[K]]) -> dict[K, list[T]]:
    """The one grouping used for speakers, topics, years, pairs: order kept."""
    groups: dict[K, list[T]] = {}
    for item in items:
        for key in keys(item):
            groups.setdefault(key, []).append(item)
    return groups


def year_of(iv: Interview) -> str:
    """The year an interview is listed under: from its date, or ``undated``."""
    return iv.date[:4] if iv.date else "undated"


def fingerprint(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One turn in the context of its interview (listing pages show these). What
    grouping needs is copied from the record's outline; the turn itself (its
    text) is read only when a page shows it."""

    iv: Interview
    position: int  # 0-based position among the interview's turns
    slug: str
    kind: str
    speaker: str | None
    topics: tuple[str, ...]
    index: int  # the turn's anchor number

    @property
    def turn(self) -> Turn:
        return self.iv.turns[self.position]

    @property
    def path(self) -> str:
        return f"{urls.interview_path(self.slug)}#t{self.index}"

    def __key__(self) -> tuple:
        # every other field is read from the record's outline at this position
        return (self.iv, self.position)


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    context: dict
    key: str  # identity of the templates, the path and everything in the context
    title: str = ""
    lookups: Lookups | None = None  # what templates may ask the model while rendering

    def published_key(self, questions) -> str:
        """The key once rendered: ``key`` plus what the render looked up, answered."""
        return self.lookups.key(self.key, questions) if self.lookups else self.key

    def keys_now(self, *stored: str | None) -> list[str]:
        """Keys this page would publish now, one per earlier key it may equal."""
        if self.lookups is None:
            return [self.key]
        return self.lookups.candidates(self.key, *stored)


@dataclass
class SiteModel:
    archive: Archive
    interviews: list[Interview]  # newest first
    slug: dict[str, str]  # source -> slug
    ident: dict[str, str]  # source -> content fingerprint
    speakers: dict[str, Speaker]  # name -> speaker
    topics: dict[str, Topic]
    by_speaker: dict[str, list[Entry]]
    by_topic: dict[str, list[Entry]]
    by_pair: dict[tuple[str, str], list[Entry]]
    by_year: dict[str, list[Interview]]
    related: dict[str, list[Interview]]
    pages: list[Page] = field(default_factory=list)
    lookups: Lookups | None = None
    versions: Versions | None = None  # language versions of one interview, aligned

    def path_of(self, iv: Interview) -> str:
        return urls.interview_path(self.slug[iv.source])

    def ident_of(self, iv: Interview) -> str:
        """The fingerprint of a record's whole content, file name and path."""
        return self.ident.get(iv.source) or interview_ident(iv)

    def speaker_path(self, name: str) -> str | None:
        """The page of a person or outlet who asks or answers, else None."""
        if name in self.by_speaker and name in self.speakers:
            return urls.speaker_path(self.speakers[name].slug)
        return None


def build_model(archive: Archive) -> SiteModel:
    interviews = sorted(archive.interviews, key=lambda iv: (iv.date or "", iv.source),
                        reverse=True)
    slug = {iv.source: urls.interview_slug(iv) for iv in interviews}
    _check_collisions(interviews, slug)
    ident = {iv.source: interview_ident(iv) for iv in interviews}
    entries = [Entry(iv, i, slug[iv.source], kind, speaker, topics, index)
               for iv in interviews
               for i, (kind, speaker, topics, index) in enumerate(iv.outline)]
    said = [e for e in entries if e.speaker]
    model = SiteModel(
        archive=archive, interviews=interviews, slug=slug, ident=ident,
        speakers={s.name: s for s in archive.speakers},
        topics={t.slug: t for t in archive.topics},
        by_speaker=group_by(said, lambda e: [e.speaker]),
        by_topic=group_by(entries, lambda e: e.topics),
        by_pair=group_by([e for e in said if e.kind == "answer"],
                         lambda e: [(e.speaker, t) for t in e.topics]),
        by_year=group_by(interviews, lambda iv: [year_of(iv)]),
        related=_related(interviews),
    )
    for name in model.by_speaker:
        if name not in model.speakers:
            raise BuildError(f"speaker {name!r} has no speaker record", code="site.speaker")
    model.lookups = Lookups(speaker_path=model.speaker_path)
    model.versions = Versions(interviews, slug)
    return model


def _check_collisions(interviews: list[Interview], slug: dict[str, str]) -> None:
    seen: dict[str, Interview] = {}
    for iv in interviews:
        other = seen.setdefault(slug[iv.source], iv)
        if other is not iv:
            raise BuildError(f"{iv.path or iv.source} and {other.path or other.source} both "
                             f"map to interviews/{slug[iv.source]}/", iv.path or iv.source,
                             code="site.collision")


def describe(output) -> str:
    """What produced an output, for messages: a page's title and template, or a file."""
    template = getattr(output, "template", None)
    if template:
        return f"page {getattr(output, 'title', '') or output.path!r} ({template})"
    return f"generated file {output.path}"


def check_unique(outputs: Iterable) -> None:
    """Every output (anything with ``.path``) maps to its own file; a clash names both."""
    seen: dict[str, object] = {}
    for out in outputs:
        other = seen.setdefault(out.path, out)
        if other is not out:
            raise BuildError(f"{describe(other)} and {describe(out)} both map to {out.path}",
                             code="build.collision")


def _related(interviews: list[Interview], limit: int = 5) -> dict[str, list[Interview]]:
    """Interviews sharing speakers (weight 2) and topics (weight 1)."""
    by_key = group_by(interviews, lambda iv: [("s", n) for n in iv.speakers] +
                      [("t", t) for t in iv.topics])
    index = {o.source: o for o in interviews}
    out = {}
    for iv in interviews:
        score: Counter[str] = Counter()
        keys = [("s", n) for n in iv.speakers] + [("t", t) for t in iv.topics]
        for key in keys:
            group = by_key.get(key, [])
            if len(group) > 200:  # too common to say anything about relatedness
                continue
            for other in group:
                if other is not iv:
                    score[other.source] += 2 if key[0] == "s" else 1
        best = heapq.nsmallest(limit, score.items(), key=lambda kv: (-kv[1], kv[0]))
        out[iv.source] = [index[s] for s, _ in best]
    return out


def distinct(ivs: Iterable[Interview]) -> list[Interview]:
    """Interviews in first-seen order, by source name (hashing whole records is slow)."""
    seen: dict[str, Interview] = {}
    for iv in ivs:
        seen.setdefault(iv.source, iv)
    return list(seen.values())


def top(counter: Counter, n: int = 5) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def chunks(items: list[T], size: int = PER_PAGE) -> list[list[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]
