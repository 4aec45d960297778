"""Records stored flat (tuples of strings and numbers, ``marshal``), never as
pickled dataclasses: rebuilding thousands of frozen records is what made
rebuilds slow. A ``CachedInterview`` carries what listings need at once and
reads its text from the ``RecordStore`` when first asked."""
from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import fields
from pathlib import Path

from ..errors import BuildError
from ..model import Interview, Notice, Person, Repair, Turn
from .keys import records_fingerprint

def flatten(iv: Interview) -> tuple:
    """An Interview as nested tuples of plain values (marshal-able), field order kept."""
    return (iv.source, iv.title, iv.date, iv.publisher, iv.interviewer,
            tuple((p.name, p.role) for p in iv.interviewees), iv.lead,
            tuple((t.kind, t.number, t.label, t.speaker, t.paragraphs, t.topics, t.line,
                   t.index) for t in iv.turns),
            tuple((r.raw, r.clean, r.rule, r.line, r.offset) for r in iv.repairs),
            iv.chrome, tuple((w.message, w.line, w.code) for w in iv.warnings),
            iv.language, iv.document, iv.translation_of, iv.source_url, iv.raw_text, iv.path)


def unflatten(flat: tuple) -> Interview:
    return Interview(flat[0], flat[1], flat[2], flat[3], flat[4],
                     tuple(Person(*p) for p in flat[5]), flat[6],
                     tuple(Turn(*t) for t in flat[7]), tuple(Repair(*r) for r in flat[8]),
                     flat[9], tuple(Notice(*w) for w in flat[10]), raw_text=flat[15],
                     path=flat[16], language=flat[11], document=flat[12],
                     translation_of=flat[13], source_url=flat[14])


def cache_folder_of(interviews) -> Path | None:
    """The cache folder the records came from, if they came from one."""
    for iv in interviews:
        store = getattr(iv, "_store", None) if isinstance(iv, CachedInterview) else None
        if store is not None and store.folder is not None:
            return store.folder.parent
    return None


def content_ident(iv: Interview, flat: tuple | None = None) -> str:
    """A fingerprint of everything in a record except where it was read from.
    From ``repr`` of the flat tuples (``flat``, if the caller has made them already),
    which depends only on the values (marshal's bytes also depend on which strings are
    interned or shared, so an equal record read back from the cache could get another
    fingerprint)."""
    flat = flat if flat is not None else flatten(iv)
    return hashlib.blake2b(repr(flat[1:-1]).encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


def interview_ident(iv: Interview) -> str:
    """What a page showing ``iv`` depends on: its content, its file name, its path."""
    content = iv.ident_content if isinstance(iv, CachedInterview) else content_ident(iv)
    return _ident(content, iv.source, iv.path)


def _ident(content: str, source: str, path: str) -> str:
    return hashlib.blake2b(f"{content}\x00{source}\x00{path}".encode("utf-8", "surrogatepass"),
                           digest_size=16).hexdigest()


def outline_of(iv: Interview, content: str) -> tuple:
    """What listings, feeds and counts need of a record, without its source or path."""
    return (iv.title, iv.date, iv.publisher, iv.interviewer,
            tuple((p.name, p.role) for p in iv.interviewees), iv.lead,
            tuple((w.message, w.line, w.code) for w in iv.warnings), iv.outline,
            (iv.language, iv.document, iv.translation_of, iv.source_url), content)


_FIELDS = tuple(f.name for f in fields(Interview))
_LAZY = ("turns", "repairs", "chrome", "raw_text")


class CachedInterview(Interview):
    """An Interview whose turns, repairs, chrome and raw text are read from the record
    cache by ``read_text`` when the build needs them (for the pages and files it makes
    again), never by attribute access: asking for them unread is an error. Everything
    else is set at once, so the site model, listings, feeds and counts never read a
    full record."""

    __slots__ = ("ident", "ident_content", "_outline", "_store", "_key")

    @classmethod
    def from_outline(cls, outline: tuple, source: str, path: str, store: "RecordStore",
                     key: str) -> "CachedInterview":
        self = object.__new__(cls)
        (title, date, publisher, interviewer, people, lead, warnings, turns, versions,
         content) = outline
        put = object.__setattr__
        put(self, "source", source)
        put(self, "title", title)
        put(self, "date", date)
        put(self, "publisher", publisher)
        put(self, "interviewer", interviewer)
        put(self, "interviewees", tuple(Person(*p) for p in people))
        put(self, "lead", lead)
        put(self, "warnings", tuple(Notice(*w) for w in warnings))
        put(self, "path", path)
        put(self, "language", versions[0])
        put(self, "document", versions[1])
        put(self, "translation_of", versions[2])
        put(self, "source_url", versions[3])
        put(self, "_outline", turns)
        put(self, "_store", store)
        put(self, "_key", key)
        put(self, "ident_content", content)
        put(self, "ident", _ident(content, source, path))
        return self

    @classmethod
    def from_record(cls, iv: Interview, store: "RecordStore | None", key: str,
                    content: str) -> "CachedInterview":
        """A record just loaded: everything present, nothing to read later."""
        self = object.__new__(cls)
        for name in _FIELDS:
            object.__setattr__(self, name, getattr(iv, name))
        object.__setattr__(self, "_outline", iv.outline)
        object.__setattr__(self, "_store", store)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "ident_content", content)
        object.__setattr__(self, "ident", _ident(content, iv.source, iv.path))
        return self

    def __getattr__(self, name: str):
        # called only for a slot never set: one of the fields read by read_text()
        if name not in _LAZY:
            raise AttributeError(name)
        raise BuildError(f"the text of this record was used before it was read "
                         f"(cache.read_text) [{name}]", self.path or self.source,
                         code="cache.unread")

    @property
    def has_text(self) -> bool:
        try:
            object.__getattribute__(self, "turns")
        except AttributeError:
            return False
        return True

    def _rereadable(self) -> bool:
        store = self._store
        return store is not None and store.folder is not None and \
            os.path.exists(store.folder / f"{self._key}.m")

    def _read(self) -> None:
        flat = self._store.get(self._key) if self._store is not None else None
        if flat is None:
            raise BuildError("a cached record disappeared during the build; run it again",
                             self.path or self.source, code="cache.missing")
        full = unflatten(flat)
        for field_name in _LAZY:
            object.__setattr__(self, field_name, getattr(full, field_name))

    @property
    def outline(self):
        return self._outline

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for _k, s, _t, _i in self._outline if s))

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t for _k, _s, ts, _i in self._outline for t in ts))

    def __eq__(self, other):
        if not isinstance(other, Interview):
            return NotImplemented
        read_text((self, other))
        return all(getattr(self, n) == getattr(other, n) for n in _FIELDS
                   if n != "raw_text")

    __hash__ = Interview.__hash__

    def __reduce__(self):  # crosses process boundaries as a plain record
        read_text((self,))
        return (Interview, tuple(getattr(self, n) for n in _FIELDS))


def text_held(interviews) -> frozenset[int]:
    """The ids of the records among ``interviews`` whose text is read already: a build
    keeps their text (its caller read it, or loaded them whole) and drops only what it
    read itself."""
    return frozenset(id(iv) for iv in interviews
                     if not isinstance(iv, CachedInterview) or iv.has_text)


def drop_text(interviews, keep: frozenset[int] = frozenset()) -> int:
    """The opposite of ``read_text``: forget the turns, repairs, chrome and raw text of
    the cached records among ``interviews`` that the cache can give again (a record
    whose store could not take it keeps them) and whose id is not in ``keep``, so that
    what one step of a build read (the exports, a bundle of the search index) is not
    held for the rest of it. How many were dropped."""
    n = 0
    for iv in interviews:
        if isinstance(iv, CachedInterview) and id(iv) not in keep and iv.has_text \
                and iv._rereadable():
            for field_name in _LAZY:
                object.__delattr__(iv, field_name)
            n += 1
    return n


def read_text(interviews) -> int:
    """Read the turns, repairs, chrome and raw text of the cached records among
    ``interviews`` that do not have them yet: the one place a build reads full
    records from the cache. How many were read."""
    n = 0
    for iv in interviews:
        if isinstance(iv, CachedInterview) and not iv.has_text:
            iv._read()
            n += 1
    return n


class RecordStore:
    """Full records, one marshal file per key; never trusted across code versions."""

    def __init__(self, folder: Path | None):
        self.folder = folder / f"records-{records_fingerprint()[:16]}" if folder else None

    def get(self, key: str) -> tuple | None:
        if self.folder is None:
            return None
        try:
            with open(self.folder / f"{key}.m", "rb") as handle:
                flat = marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return flat if isinstance(flat, tuple) and len(flat) == len(_FIELDS) else None

    def put(self, key: str, flat: tuple) -> bool:
        """Store a record; whether it was (a cache that cannot be written only makes
        the next build slower)."""
        if self.folder is None:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            with open(tmp, "wb") as handle:
                marshal.dump(flat, handle)
            os.replace(tmp, self.folder / f"{key}.m")
        except OSError:
            return False
        return True


def record_key(digest: str, config_key: str, vocabulary: frozenset[str]) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(records_fingerprint().encode())
    h.update(config_key.encode())
    h.update("\x00".join(sorted(vocabulary)).encode())
    h.update(digest.encode())
    return h.hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()
