"""The language versions of each interview as the site shows them: the documents
(``translations.group_documents``) and their aligned turns, made into the links an
interview page, a side-by-side page and the data exports carry. No I/O.

Everything a page is given here holds the other versions' records themselves, so a
page showing another version's data has that record in its key (``depends.py``):
adding, removing or changing a version rebuilds exactly the pages that show it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .cache import read_text
from .cite import question_numbers
from .model import Interview
from .translations import Alignment, Documents, align, group_documents, language_name


@dataclass(frozen=True, slots=True)
class VersionLink:
    """Another version of an interview, linked from a page (``href`` relative)."""

    iv: Interview
    language: str  # its language tag
    name: str  # the language's name in that language
    href: str  # its interview page
    parallel: str  # the side-by-side page of the two
    original: bool  # the version the others translate


@dataclass(frozen=True, slots=True)
class TurnLink:
    """Where a turn is in another version: its aligned turn, or none."""

    version: VersionLink
    kind: str | None  # the aligned turn's kind and its ordinal among turns of that kind
    ordinal: int | None
    href: str | None  # None: the other version has no counterpart
    row: str  # this pair's row on the side-by-side page
    certain: bool


@dataclass(frozen=True)
class PageVersions:
    """What an interview page shows of its other versions: ``links`` ("Also in"),
    and for each turn (by index) where it is in each of them."""

    language: str  # the page's own version: its tag and the language's own name
    name: str
    links: tuple[VersionLink, ...] = ()
    turns: dict = field(default_factory=dict)  # turn index -> tuple[TurnLink, ...]


@dataclass(frozen=True, slots=True)
class Side:
    """One column of a side-by-side page."""

    iv: Interview
    language: str
    name: str
    href: str
    original: bool


@dataclass(frozen=True, slots=True)
class Cell:
    index: int  # the turn's anchor number
    kind: str
    ordinal: int
    href: str


@dataclass(frozen=True, slots=True)
class Row:
    """An aligned pair of turns; a cell is None where one version has no counterpart."""

    id: str
    left: Cell | None
    right: Cell | None
    certain: bool


@dataclass(frozen=True, slots=True)
class Exported:
    """What the data exports add to a record: its other versions and, per turn, the
    aligned turn of each."""

    versions: tuple[tuple[str, str, str, str], ...]  # (source, language, url, parallel)
    aligned: tuple[tuple[tuple[str, int | None, bool], ...], ...]  # per turn


def ordinals(iv: Interview) -> dict[int, tuple[str, int | None]]:
    """turn index -> (kind, the number of the question it is or answers), the one
    numbering the page, its permalinks and its citations use (cite.question_numbers):
    question 4, answer to question 4."""
    numbers = question_numbers(iv)
    return {index: (kind, numbers[k]) for k, (kind, _speaker, _topics, index)
            in enumerate(iv.outline)}


class Versions:
    """Documents of the archive, their pairs and alignments, made once per build."""

    def __init__(self, interviews: list[Interview], slug: dict[str, str],
                 documents: Documents | None = None):
        self.by_source = {iv.source: iv for iv in interviews}
        self.slug = slug
        self.documents = documents or group_documents(interviews)
        self.of = self.documents.versions()  # source -> every version, original first
        self._alignments: dict[tuple[str, str], Alignment] = {}

    def others(self, iv: Interview) -> list[Interview]:
        return [self.by_source[s] for s in self.of.get(iv.source, ()) if s != iv.source]

    def is_original(self, iv: Interview) -> bool:
        group = self.of.get(iv.source)
        return bool(group) and group[0] == iv.source

    def ordered(self, a: Interview, b: Interview) -> tuple[Interview, Interview]:
        """The pair as its side-by-side page shows it: the earlier in document order left."""
        group = self.of[a.source]
        return (a, b) if group.index(a.source) < group.index(b.source) else (b, a)

    def alignment(self, a: Interview, b: Interview) -> Alignment:
        """a's turns paired with b's (``Pair.a`` is a's)."""
        left, right = self.ordered(a, b)
        key = (left.source, right.source)
        if key not in self._alignments:
            sizes = (None, None)
            if [k for k, *_x in left.outline] != [k for k, *_x in right.outline]:
                # turns that do not pair one to one: their sizes help place the gaps
                read_text((left, right))
                sizes = tuple([len(t.text) for t in iv.turns] for iv in (left, right))
            self._alignments[key] = align(left.outline, right.outline, *sizes)
        found = self._alignments[key]
        return found if left is a else found.swapped()

    def row_ids(self, a: Interview, b: Interview) -> dict[tuple[str, int], str]:
        """(source, turn index) -> its row's anchor on the side-by-side page of a and
        b (``r1``, ``r2`` ... in order), from either version's turns."""
        left, right = self.ordered(a, b)
        out = {}
        for n, pair in enumerate(self.alignment(left, right).pairs, start=1):
            if pair.a is not None:
                out[(left.source, pair.a)] = f"r{n}"
            if pair.b is not None:
                out[(right.source, pair.b)] = f"r{n}"
        return out

    def parallel_path(self, a: Interview, b: Interview) -> str:
        left, right = self.ordered(a, b)
        return urls.parallel_path(self.slug[left.source], self.slug[right.source])

    def pairs(self) -> list[tuple[Interview, Interview]]:
        """Every pair of versions of every document, each once, in document order."""
        out = []
        for group in self.documents.groups:
            ivs = [self.by_source[s] for s in group]
            out += [(x, y) for n, x in enumerate(ivs) for y in ivs[n + 1:]]
        return out

    # --- what pages are given ---------------------------------------------------

    def page(self, iv: Interview, here: str) -> PageVersions:
        """Everything the interview page of ``iv`` (at ``here``) shows of its versions."""
        links = self.links(iv, here)
        if not links:
            return PageVersions(iv.language, "")
        return PageVersions(iv.language, language_name(iv.language), links,
                            self.turn_links(iv, here, links))

    def links(self, iv: Interview, here: str) -> tuple[VersionLink, ...]:
        """The other versions of ``iv``, linked from the page at ``here``."""
        return tuple(
            VersionLink(o, o.language, language_name(o.language),
                        urls.relative(here, urls.interview_path(self.slug[o.source])),
                        urls.relative(here, self.parallel_path(iv, o)), self.is_original(o))
            for o in self.others(iv))

    def turn_links(self, iv: Interview, here: str,
                   links: tuple[VersionLink, ...]) -> dict[int, tuple[TurnLink, ...]]:
        """turn index -> where it is in every other version."""
        out: dict[int, list[TurnLink]] = {}
        for link in links:
            other = link.iv
            target = urls.interview_path(self.slug[other.source])
            names = ordinals(other)
            rows = self.row_ids(iv, other)
            for pair in self.alignment(iv, other).pairs:
                if pair.a is None:
                    continue
                kind, ordinal = names.get(pair.b, (None, None))
                href = urls.relative(here, f"{target}#t{pair.b}") if pair.b else None
                row = f"{link.parallel}#{rows[(iv.source, pair.a)]}"
                out.setdefault(pair.a, []).append(
                    TurnLink(link, kind, ordinal, href, row, pair.certain))
        return {index: tuple(found) for index, found in sorted(out.items())}

    def parallel_context(self, left: Interview, right: Interview, here: str) -> dict:
        """What a side-by-side page shows: both versions and every aligned row."""
        alignment = self.alignment(left, right)
        sides = []
        for iv in (left, right):
            sides.append(Side(iv, iv.language, language_name(iv.language),
                              urls.relative(here, urls.interview_path(self.slug[iv.source])),
                              self.is_original(iv)))
        rows = []
        names = (ordinals(left), ordinals(right))
        ids = self.row_ids(left, right)
        for pair in alignment.pairs:
            cells = []
            for side, index, named in zip(sides, (pair.a, pair.b), names):
                if index is None:
                    cells.append(None)
                    continue
                kind, ordinal = named[index]
                cells.append(Cell(index, kind, ordinal, f"{side.href}#t{index}"))
            row_id = ids[(left.source, pair.a)] if pair.a is not None else \
                ids[(right.source, pair.b)]
            rows.append(Row(row_id, cells[0], cells[1], pair.certain))
        return {"left": sides[0], "right": sides[1], "rows": tuple(rows),
                "uncertain": sum(1 for r in rows if not r.certain)}

    def exported(self, iv: Interview) -> Exported | None:
        """The record's versions and aligned turns for the data exports; None when it
        has no other version."""
        others = self.others(iv)
        if not others:
            return None
        versions = tuple((o.source, o.language,
                          urls.interview_path(self.slug[o.source]),
                          self.parallel_path(iv, o)) for o in others)
        by_turn: dict[int, list] = {index: [] for *_x, index in iv.outline}
        for o in others:
            for pair in self.alignment(iv, o).pairs:
                if pair.a is not None:
                    by_turn[pair.a].append((o.source, pair.b, pair.certain))
        return Exported(versions, tuple(tuple(by_turn[index]) for *_x, index in iv.outline))
