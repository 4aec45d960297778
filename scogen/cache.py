"""The build cache (``.scogen-cache/`` beside ``content/``, git-ignored).

Records are cached by a key made of the transcript's bytes, the code that
makes records, the versions of the libraries scogen depends on (an upgraded
word list or HTML parser can change a record), the topic/speaker config and the part of the archive
vocabulary the transcript uses, so a cached record is exactly what a fresh
load would give. What a build needs of every record (titles, dates, who
speaks in which turn, the warnings) lives in one index file read in one go;
the full records (turn text, repairs, raw text) are read only for the pages
that are rendered again. Everything is stored flat (tuples of strings and
numbers, ``marshal``), never as pickled dataclasses: rebuilding thousands of
frozen records is what made rebuilds slow.

A state file remembers what the last successful build read; when nothing at
all changed, the build is skipped.
"""
from __future__ import annotations

import hashlib
import importlib.metadata as metadata
import json
import marshal
import mmap
import os
import re
import tomllib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from .errors import BuildError
from .model import Interview, Notice, Person, Repair, Turn

CACHE_DIR = ".scogen-cache"
FORMAT = "4"  # bump when the flat layout below (or how idents are computed) changes

# the modules whose code decides what a record is (not the site's look)
RECORD_CODE = ("loader", "model.py", "errors.py", "config.py", "slugs.py", "archive.py",
               "cache.py", "__init__.py")


def declared_dependencies() -> tuple[str, ...]:
    """The distributions scogen declares (``[project] dependencies``): from
    pyproject.toml in a source checkout, else from the installed metadata. Every
    import of scogen's code is one of these (a test checks it), so a library the
    loader starts using is in the record key without anyone listing it here."""
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    try:
        requires = tomllib.loads(pyproject.read_text("utf-8"))["project"]["dependencies"]
    except (OSError, KeyError, ValueError):
        requires = [r for r in metadata.requires("scogen") or () if "extra ==" not in r]
    return tuple(sorted({re.split(r"[\s<>=!~;\[(]", r.strip(), maxsplit=1)[0].lower()
                         for r in requires}))


def versions(names) -> tuple[tuple[str, str], ...]:
    """(name, installed version or "absent") for each distribution."""
    out = []
    for name in names:
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, "absent"))
    return tuple(out)


@lru_cache(maxsize=1)
def library_versions() -> str:
    """The installed versions of every declared dependency, as one string."""
    return ";".join(f"{n}={v}" for n, v in versions(declared_dependencies()))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever any of scogen's own source files or a library version changes."""
    return _hash_code(sorted(Path(__file__).parent.rglob("*.py")), library_versions())


@lru_cache(maxsize=1)
def records_fingerprint() -> str:
    """Changes whenever code that makes records changes (the loader, the model, ...)
    or a library it uses is upgraded."""
    root = Path(__file__).parent
    paths = [p for p in sorted(root.rglob("*.py"))
             if p.relative_to(root).parts[0] in RECORD_CODE]
    return _hash_code(paths, FORMAT + library_versions())


def _hash_code(paths: list[Path], extra: str = "") -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(extra.encode())
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_dir(content: Path) -> Path:
    return Path(content).resolve().parent / CACHE_DIR


# --- records, flat -------------------------------------------------------------------

def flatten(iv: Interview) -> tuple:
    """An Interview as nested tuples of plain values (marshal-able), field order kept."""
    return (iv.source, iv.title, iv.date, iv.publisher, iv.interviewer,
            tuple((p.name, p.role) for p in iv.interviewees), iv.lead,
            tuple((t.kind, t.number, t.label, t.speaker, t.paragraphs, t.topics, t.line,
                   t.index) for t in iv.turns),
            tuple((r.raw, r.clean, r.rule, r.line, r.offset) for r in iv.repairs),
            iv.chrome, tuple((w.message, w.line, w.code) for w in iv.warnings),
            iv.raw_text, iv.path)


def unflatten(flat: tuple) -> Interview:
    return Interview(flat[0], flat[1], flat[2], flat[3], flat[4],
                     tuple(Person(*p) for p in flat[5]), flat[6],
                     tuple(Turn(*t) for t in flat[7]), tuple(Repair(*r) for r in flat[8]),
                     flat[9], tuple(Notice(*w) for w in flat[10]), flat[11], flat[12])


def cache_folder_of(interviews) -> Path | None:
    """The cache folder the records came from, if they came from one."""
    for iv in interviews:
        store = getattr(iv, "_store", None) if isinstance(iv, CachedInterview) else None
        if store is not None and store.folder is not None:
            return store.folder.parent
    return None


def content_ident(iv: Interview) -> str:
    """A fingerprint of everything in a record except where it was read from.
    From ``repr`` of the flat tuples, which depends only on the values (marshal's
    bytes also depend on which strings are interned or shared, so an equal record
    read back from the cache could get another fingerprint)."""
    flat = flatten(iv)
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
            tuple((w.message, w.line, w.code) for w in iv.warnings), iv.outline, content)


_FIELDS = tuple(f.name for f in fields(Interview))
_LAZY = ("turns", "repairs", "chrome", "raw_text")


class CachedInterview(Interview):
    """An Interview whose turns, repairs, chrome and raw text are read from the record
    cache the first time anything asks for them. Everything else is set at once, so
    the site model, listings, feeds and counts never read a full record."""

    __slots__ = ("ident", "ident_content", "_outline", "_store", "_key")

    @classmethod
    def from_outline(cls, outline: tuple, source: str, path: str, store: "RecordStore",
                     key: str) -> "CachedInterview":
        self = object.__new__(cls)
        title, date, publisher, interviewer, people, lead, warnings, turns, content = outline
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
        # called only for a slot never set: one of the lazily read fields
        if name not in _LAZY:
            raise AttributeError(name)
        flat = self._store.get(self._key) if self._store is not None else None
        if flat is None:
            raise BuildError("a cached record disappeared during the build; run it again",
                             self.path or self.source, code="cache.missing")
        full = unflatten(flat)
        for field_name in _LAZY:
            object.__setattr__(self, field_name, getattr(full, field_name))
        return object.__getattribute__(self, name)

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
        return all(getattr(self, n) == getattr(other, n) for n in _FIELDS
                   if n != "raw_text")

    __hash__ = Interview.__hash__

    def __reduce__(self):  # crosses process boundaries as a plain record
        return (Interview, tuple(getattr(self, n) for n in _FIELDS))


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

    def put(self, key: str, flat: tuple) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            with open(tmp, "wb") as handle:
                marshal.dump(flat, handle)
            os.replace(tmp, self.folder / f"{key}.m")
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


class ArchiveIndex:
    """One file: per transcript what its bytes are (by size and mtime) and which
    words it has; per record key the outline of the record. Read and written whole."""

    def __init__(self, folder: Path | None):
        self.file = folder / f"index-{records_fingerprint()[:16]}.m" if folder else None
        self.files: dict[str, tuple] = {}  # path -> (size, mtime_ns, digest, whole, runs)
        self.outlines: dict[str, tuple] = {}  # record key -> outline
        self.common: dict[str, bool] = {}  # word -> one of the common words (never split)
        self.changed = False
        if self.file is None:
            return
        try:
            with open(self.file, "rb") as handle:
                data = marshal.load(handle)
            self.files, self.outlines, self.common = data
        except (OSError, EOFError, ValueError, TypeError):
            self.files, self.outlines, self.common = {}, {}, {}

    def save(self, keep_keys: set[str], keep_files: set[str]) -> None:
        if self.file is None:
            return
        if set(self.outlines) != keep_keys:
            self.outlines = {k: v for k, v in self.outlines.items() if k in keep_keys}
            self.changed = True
        if set(self.files) != keep_files:
            self.files = {k: v for k, v in self.files.items() if k in keep_files}
            self.changed = True
        if not self.changed:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                marshal.dump((self.files, self.outlines, self.common), handle)
            os.replace(tmp, self.file)
        except OSError:
            pass


def record_key(digest: str, config_key: str, vocabulary: frozenset[str]) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(records_fingerprint().encode())
    h.update(config_key.encode())
    h.update("\x00".join(sorted(vocabulary)).encode())
    h.update(digest.encode())
    return h.hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


# --- export fragments ---------------------------------------------------------------

class FragmentPack:
    """Per interview (by ident) its piece of data/interviews.json and data/turns.csv,
    appended to one pack file, so the two whole-archive exports are put together
    from bytes instead of from every full record."""

    def __init__(self, folder: Path | None):
        stem = f"exports-{code_fingerprint()[:16]}"
        self.pack = folder / f"{stem}.pack" if folder else None
        self.index_file = folder / f"{stem}.idx" if folder else None
        self.index: dict[str, tuple[int, int, int]] = {}  # ident -> (offset, json, csv)
        self.new: dict[str, tuple[bytes, bytes]] = {}
        self._data: memoryview | None = None
        self._map = None
        if self.pack is None:
            return
        try:
            with open(self.index_file, "rb") as handle:
                size, index = marshal.load(handle)
            if os.path.getsize(self.pack) >= size:
                self.index = index
        except (OSError, EOFError, ValueError, TypeError):
            self.index = {}

    def get(self, ident: str):
        """(JSON piece, CSV piece) as bytes-like views into the pack, or None."""
        if ident in self.new:
            return self.new[ident]
        where = self.index.get(ident)
        if where is None:
            return None
        if self._data is None:
            try:
                with open(self.pack, "rb") as handle:
                    self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                self._data = memoryview(self._map)
            except (OSError, ValueError):
                self.index = {}
                return None
        offset, n_json, n_csv = where
        data = self._data
        return data[offset:offset + n_json], data[offset + n_json:offset + n_json + n_csv]

    def put(self, ident: str, json_part: bytes, csv_part: bytes) -> None:
        self.new[ident] = (json_part, csv_part)

    def save(self, keep: set[str]) -> None:
        """Append the new pieces; rewrite the pack when it is mostly dead weight."""
        if self.pack is None or (not self.new and set(self.index) == keep):
            return
        try:
            size = os.path.getsize(self.pack) if self.pack.exists() else 0
            live = sum(self.index[i][1] + self.index[i][2] for i in keep if i in self.index)
            if size > 2 * live + (1 << 20):  # rewrite: keep only what is in use
                pieces = {i: (bytes(got[0]), bytes(got[1])) for i in keep
                          if (got := self.get(i)) is not None}
                tmp = self.pack.with_suffix(f".{os.getpid()}.tmp")
                index, offset = {}, 0
                with open(tmp, "wb") as handle:
                    for ident, (j, c) in pieces.items():
                        handle.write(j)
                        handle.write(c)
                        index[ident] = (offset, len(j), len(c))
                        offset += len(j) + len(c)
                os.replace(tmp, self.pack)
            else:
                index = {i: w for i, w in self.index.items() if i in keep}
                self.pack.parent.mkdir(parents=True, exist_ok=True)
                with open(self.pack, "ab") as handle:
                    offset = handle.tell()
                    for ident, (j, c) in self.new.items():
                        if ident in keep:
                            handle.write(j)
                            handle.write(c)
                            index[ident] = (offset, len(j), len(c))
                            offset += len(j) + len(c)
            tmp = self.index_file.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                marshal.dump((offset, index), handle)
            os.replace(tmp, self.index_file)
        except OSError:
            pass


# --- "nothing changed" --------------------------------------------------------------


def tree_state(*folders_and_files: Path) -> str:
    """Sizes and modification times of every input file, plus scogen's code."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code_fingerprint().encode())
    for base in folders_and_files:
        paths = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() \
            else [base]
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            h.update(f"{path}\x00{st.st_size}\x00{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def last_state(folder: Path, out: Path) -> str | None:
    try:
        data = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get(str(Path(out).resolve()))


def save_state(folder: Path, out: Path, state: str) -> None:
    path = folder / "state.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data[str(Path(out).resolve())] = state
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".state.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
