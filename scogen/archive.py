"""Load a whole content folder into an ``Archive``, reporting every problem.

Phase (a) of a build: every transcript and config file is read and checked
before anything is written. All errors are collected and raised together as
one ``ErrorGroup``; warnings stay on the records.
"""
from __future__ import annotations

import errno
import gc
import multiprocessing
import os
import re
import signal
import stat
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import (ArchiveIndex, CachedInterview, RecordStore, bytes_digest, cache_dir,
                    content_ident, flatten, outline_of, record_key)
from .config import decode_text, load_site, load_speakers, load_topics
from .errors import ErrorGroup, InputError, ScogenError
from .model import Archive, Interview, Notice, Speaker
from .site import fingerprint
from .slugs import slugify
from .workers import die_with_parent

RACY_NS = 2_000_000_000
PARALLEL_FROM = 64  # below this many records to load, processes cost more than they save

TRANSCRIPT_SUFFIXES = (".txt", ".html", ".htm")


def transcript_paths(content: Path, skipped: list[str] | None = None) -> list[Path]:
    """The transcripts in ``content/transcripts``: regular files (or links to them).

    A named pipe, socket or device there is never opened (a pipe would block the
    build forever): it is left out, and a warning naming it goes to ``skipped``.
    A link that cannot be followed (a loop, a dangling link) is kept, so that
    reading it reports the error with its name.
    """
    folder = content / "transcripts"
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() not in TRANSCRIPT_SUFFIXES or p.name.startswith("."):
            continue
        try:
            mode = os.stat(p).st_mode
        except OSError:
            out.append(p)
            continue
        if stat.S_ISREG(mode):
            out.append(p)
        elif skipped is not None and not stat.S_ISDIR(mode):
            from .loader.read import kind_of
            skipped.append(f"{p}: warning: {kind_of(mode)}, not a regular file; skipped "
                           "[archive.not_a_file]")
    return out


def load_archive(content: Path, *, jobs: int | None = None, use_cache: bool = True,
                 notices: list[str] | None = None) -> Archive:
    """Read everything under ``content``; raise every problem at once.

    Records come from the cache when their key (bytes, code, config,
    vocabulary) is unchanged -- as outlines whose text is read only when a
    page needs it; the rest are loaded, in parallel when there are many.
    Warnings about the folder itself (files skipped) are added to ``notices``.
    """
    content = Path(content)
    errors: list[ScogenError] = []
    site = topics = speakers = None
    for loader, name in ((load_site, "site.yaml"), (load_topics, "topics.yaml"),
                         (load_speakers, "speakers.yaml")):
        try:
            value = loader(content / name)
        except ScogenError as exc:
            errors.append(exc)
            continue
        if name == "site.yaml":
            site = value
        elif name == "topics.yaml":
            topics = value
        else:
            speakers = value
    paths = transcript_paths(content, notices)
    if not paths and not errors:
        errors.append(InputError("no transcripts found (expected .txt or .html files)",
                                 str(content / "transcripts"), code="archive.empty"))
    speakers = speakers or ()
    topics = topics or ()
    folder = cache_dir(content) if use_cache else None
    index = ArchiveIndex(folder)
    root = str(content.resolve())
    facts = _file_facts(paths, content, root, index, errors)
    names = config_names(speakers, topics)
    vocabulary = seen_whole(facts, index)
    config_key = fingerprint(topics, speakers)
    store = RecordStore(folder)
    interviews: dict[Path, Interview] = {}
    keys: dict[Path, str] = {}
    todo: list[tuple[Path, str]] = []
    for path, (digest, _whole, runs) in facts.items():
        key = keys[path] = record_key(digest, config_key, vocabulary & runs)
        outline = index.outlines.get(key)
        if outline is not None and store.folder is not None:
            # the key is the content: the same bytes under another name are the same record
            interviews[path] = CachedInterview.from_outline(
                outline, path.name, _display(path, content), store, key)
        else:
            todo.append((path, key))
    russian = _has_russian(facts[p][2] for p, _key in todo)
    for path, key, result in _load_many(todo, content, (names, vocabulary), speakers, topics,
                                        jobs, russian, store):
        if isinstance(result, ScogenError):
            errors.append(result)
            continue
        if isinstance(result, _Stored):  # a worker stored it: the text is read when needed
            index.outlines[key] = result.outline
            index.changed = True
            interviews[path] = CachedInterview.from_outline(
                result.outline, path.name, _display(path, content), store, key)
            continue
        flat = flatten(result)
        ident = content_ident(result, flat)
        store.put(key, flat)
        index.outlines[key] = outline_of(result, ident)
        index.changed = True
        interviews[path] = CachedInterview.from_record(result, store, key, ident)
    loaded = [interviews[p] for p in paths if p in interviews]
    errors.extend(_slug_collisions(loaded))
    index.save(set(keys.values()), {_absolute(p, root) for p in facts})
    if errors:
        raise ErrorGroup(errors)
    loaded.sort(key=lambda iv: (iv.date or "", iv.source), reverse=True)
    return Archive(site=site, topics=topics, speakers=_all_speakers(speakers, loaded),
                   interviews=tuple(loaded))


def _absolute(path: Path, root: str) -> str:
    return os.path.join(root, "transcripts", path.name)


def _file_facts(paths: list[Path], content: Path, root: str, index: ArchiveIndex,
                errors: list[ScogenError]) -> dict[Path, tuple[str, frozenset, frozenset]]:
    """Per transcript: a digest of its bytes and its words (see ``_words_of``), read
    only when its size or modification time changed since the last build."""
    folder_real = (content / "transcripts").resolve()
    inside = Path(root) in folder_real.parents
    out = {}
    for path in paths:
        try:
            st = os.lstat(path)
            if not inside or stat.S_ISLNK(st.st_mode):
                _check_inside(path, content)
                st = os.stat(path)
        except ScogenError as exc:
            errors.append(exc)
            continue
        except OSError:
            st = None
        name = _absolute(path, root)
        known = index.files.get(name)
        if st is not None and known is not None and known[:2] == (st.st_size, st.st_mtime_ns):
            out[path] = known[2:]
            continue
        data, text = _read(path, st)
        facts = (bytes_digest(data), *_words_of(text))
        if st is not None:
            # a file changed within the last seconds could change again within the
            # same timestamp tick and size: such an entry is read again next time
            recent = st.st_mtime_ns > time.time_ns() - RACY_NS
            index.files[name] = (-1 if recent else st.st_size, st.st_mtime_ns, *facts)
            index.changed = True
        out[path] = facts
    return out


def _read(path: Path, st) -> tuple[bytes, str]:
    """What identifies a transcript's content (its bytes, size-checked first) and its text.
    (Whatever cannot be read here is reported, with its reason, when it is loaded.)"""
    if st is None:
        return b"unreadable", ""
    from .loader.read import MAX_BYTES, read_bytes  # the loader is imported only when needed

    if st.st_size > MAX_BYTES:
        return f"too-large:{st.st_size}".encode(), ""
    try:
        data = read_bytes(path)
    except ScogenError:
        return b"unreadable", ""
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    return data, text


_STATE: dict = {}


@dataclass(frozen=True, slots=True)
class _Stored:
    """What a loading worker sends back for a record it has put in the cache itself:
    its outline. The main process neither receives nor keeps the turns' text, which
    pages and exports read from the cache when they need it (``read_text``), as they
    do in a rebuild: measured on 5,000 generated transcripts, the text was 143 MB of
    the main process."""
    outline: tuple


def _load_many(todo, content, vocabulary, speakers, topics, jobs, russian=False,
               store=None):
    """Load records; use every core when there are enough to pay for the processes.
    A worker stores what it loaded in ``store`` and sends back its outline."""
    if not todo:
        return
    from .loader import default_lexicon  # heavy (word data, HTML parser): only when needed

    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if len(todo) < PARALLEL_FROM or jobs <= 1:
        lexicon = default_lexicon(*vocabulary)
        for path, key in todo:
            yield path, key, _load_or_error(path, content, lexicon, speakers, topics)
        return
    # fork: workers inherit the word data already loaded here (copy-on-write)
    _word_data_before_fork(russian)
    _STATE.update(content=content, vocabulary=vocabulary, speakers=speakers, topics=topics,
                  store=store)
    ctx = multiprocessing.get_context("fork")
    gc.freeze()  # the collector of a worker never writes to the objects inherited (their
    # pages stay shared); unfrozen when the pool is done
    try:
        yield from _in_pool(todo, content, jobs, ctx)
    finally:
        gc.unfreeze()
    _STATE.clear()


def _word_data_before_fork(russian: bool) -> None:
    """Load here, once, the word tables every loading worker reads, so that the workers
    share them (copy-on-write) instead of each reading its own: the English table and
    its rare spellings, and the Russian ones (~170 MB a worker) when some transcript to
    load has a capitalised Russian word."""
    from .loader import default_lexicon
    from .loader.segment import _spellings

    lexicon = default_lexicon(())
    _spellings("en")
    if russian:
        lexicon.for_language("ru")
        _spellings("ru")


def _has_russian(runs_of_files) -> bool:
    """Does one of these sets of capitalised letter runs (``_words_of``) hold a Russian
    word? (The largest run of a set starts with its highest first letter: only a set
    reaching Cyrillic is read run by run.)"""
    for runs in runs_of_files:
        if runs and max(runs) >= "\u0400" and \
                any("\u0410" <= r[0] <= "\u042f" or r[0] == "\u0401" for r in runs):
            return True
    return False


def _in_pool(todo, content, jobs, ctx):
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=quiet_worker,
                             initargs=(os.getpid(),)) as pool:
        # small enough that a stopped build waits little for the chunks in flight
        chunk = max(1, min(len(todo) // (jobs * 8), LOAD_CHUNK))
        try:
            for (path, key), result in zip(todo, pool.map(_worker, todo, chunksize=chunk)):
                yield path, key, result
        except BrokenProcessPool:
            raise ScogenError("a loading process ended unexpectedly (killed, or out of "
                              "memory); nothing was written", str(content),
                              code="archive.worker") from None
        except BaseException:  # Ctrl-C, SIGTERM: drop what is queued, let the rest finish
            pool.shutdown(wait=False, cancel_futures=True)
            raise


LOAD_CHUNK = 16  # transcripts a loading worker is sent at once


def quiet_worker(parent: int) -> None:
    """Initializer of every forked worker (loading and rendering): it ends with its
    parent (``die_with_parent``) and never prints on the maintainer's terminal for
    a build that was stopped: Ctrl-C is left to the parent, which stops its pool
    (see ``_signals_in_child``), and once the parent is gone nothing a worker
    would print (a BrokenPipeError on the result pipe) reaches the terminal."""
    die_with_parent(parent)
    sys.stderr = _OrphanSilenced(sys.stderr, parent)


def _signals_in_child() -> None:
    """Right after any fork of a build, before the child runs pool code: Ctrl-C is
    ignored (the parent gets it too and stops the pool: the render pool ends its
    workers with SIGTERM, the loading pool lets the chunks in flight finish; a
    worker dying of it would print a KeyboardInterrupt traceback, or break the
    loading pool, which on Python 3.11 prints an InvalidStateError from its
    manager thread) and SIGTERM takes its default action. Inherited, the parent's
    SIGTERM handler would raise in a worker forked while the parent was being
    stopped (a pool replaces a dead worker from a helper thread) where it cannot
    run, and the parent waited forever for the pool to end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_signals_in_child)


class _OrphanSilenced:
    """A worker's stderr that drops what is written once the parent has gone."""

    def __init__(self, stream, parent: int):
        self._stream, self._parent = stream, parent

    def write(self, text):
        if os.getppid() != self._parent:
            return len(text)
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _worker(item: tuple[Path, str]):
    from .loader import default_lexicon

    path, key = item
    lexicon = _STATE.get("lexicon")
    if lexicon is None:
        lexicon = _STATE["lexicon"] = default_lexicon(*_STATE["vocabulary"])
    result = _load_or_error(path, _STATE["content"], lexicon, _STATE["speakers"],
                            _STATE["topics"])
    store = _STATE.get("store")
    if store is None or isinstance(result, ScogenError):
        return result
    flat = flatten(result)
    ident = content_ident(result, flat)
    if not store.put(key, flat):
        return result  # not stored: the record itself goes back
    return _Stored(outline_of(result, ident))


def _load_or_error(path, content, lexicon, speakers, topics):
    try:
        return load_one(path, content, lexicon, speakers, topics)
    except ScogenError as exc:
        return exc
    except RecursionError:  # a structure nested past what the loader's walks handle
        return InputError("nested too deeply to read (thousands of levels)", str(path),
                          code="loader.too_deep")


def load_one(path: Path, content: Path, lexicon, speakers, topics) -> Interview:
    """One transcript through the whole loader, overrides and annotation."""
    from .loader import load_interview

    _check_inside(path, content)
    iv = load_interview(path, lexicon, topics=topics, speakers=speakers)
    if not iv.turns:
        raise InputError("no recognisable turns or paragraphs", str(path), 1,
                         code="loader.no_turns")
    return replace(iv, path=_display(path, content))


def _check_inside(path: Path, content: Path) -> None:
    try:
        real, root = path.resolve(strict=True), content.resolve()
    except FileNotFoundError:
        raise InputError("cannot read file: it is a link to a file that does not exist",
                         str(path), code="archive.dangling") from None
    except (OSError, RuntimeError) as exc:  # 3.11 raises RuntimeError for a loop
        reason = "a symbolic link loop" if isinstance(exc, RuntimeError) or \
            getattr(exc, "errno", None) == errno.ELOOP else (exc.strerror or str(exc))
        raise InputError(f"cannot read file: {reason}", str(path),
                         code="archive.unreadable") from None
    if root not in real.parents:
        raise InputError("transcript is a link to a file outside the content folder; "
                         "copy the file in instead", str(path), code="archive.outside")


def _display(path: Path, content: Path) -> str:
    try:
        return str(path.relative_to(content.parent)) if content.parent != Path("") \
            else str(path)
    except ValueError:
        return str(path)


def _slug_collisions(interviews: list[Interview]) -> list[ScogenError]:
    by_slug: dict[str, list[Interview]] = {}
    for iv in interviews:
        by_slug.setdefault(slugify(Path(iv.source).stem), []).append(iv)
    return [InputError(f"two transcripts map to the same page interviews/{slug}/: "
                       + " and ".join(iv.path for iv in group) + "; rename one",
                       group[1].path, code="archive.slug_collision")
            for slug, group in sorted(by_slug.items()) if len(group) > 1]


def _all_speakers(speakers: tuple[Speaker, ...], interviews: list[Interview]):
    """speakers.yaml plus an implicit entry for every other name in the records."""
    known = {s.name for s in speakers}
    used = {s.slug for s in speakers}
    extra: list[Speaker] = []
    for iv in interviews:
        people = [p.name for p in iv.interviewees] + [t[1] for t in iv.outline]
        people += [iv.interviewer, iv.publisher]
        for name in people:
            if not name or name in known:
                continue
            slug = base = slugify(name) or "speaker"
            n = 2
            while slug in used:
                slug, n = f"{base}-{n}", n + 1
            known.add(name)
            used.add(slug)
            extra.append(Speaker(name=name, slug=slug))
    return tuple(speakers) + tuple(sorted(extra, key=lambda s: s.slug))


_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{3,}(?![\w-])")  # a capitalised word, standing whole
_CAP_RUN = re.compile(r"[^\W\d_]+")


def _words_of(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(capitalised words standing whole, every capitalised letter run) of a text."""
    whole = frozenset(_WORD.findall(text))
    runs = frozenset(r for r in set(_CAP_RUN.findall(text))
                     if len(r) >= 4 and r[0].isupper() and r[1:].islower())
    return whole, runs


def config_names(speakers, topics) -> set[str]:
    """Words of names in speakers.yaml and topics.yaml: known anywhere."""
    vocab: set[str] = set()
    for s in speakers:
        for name in (s.name, *s.aliases):
            vocab.update(re.findall(r"[^\W\d_]+", name))
    for t in topics:
        vocab.update(re.findall(r"[^\W\d_]{3,}", t.name))
    return vocab


def seen_whole(facts, index: ArchiveIndex | None = None) -> frozenset[str]:
    """Capitalised words standing whole in at least two transcripts: proper
    nouns such as Mirziyoyev recur, scraping accidents rarely do. (Which words
    are common is remembered in the index: the word data is loaded only for
    words never seen before.)"""
    seen: Counter[str] = Counter()
    for _digest, whole, _runs in facts.values():
        seen.update(whole)
    known = index.common if index is not None else {}
    recurring = [w for w, n in seen.items() if n >= 2]
    new = [w for w in recurring if w not in known]
    if new:
        from .loader.segment import base_common
        common = base_common()  # these are never split anyway: they change nothing
        for w in new:
            known[w] = w in common
        if index is not None:
            index.changed = True
    return frozenset(w for w in recurring if not known[w])


def all_warnings(archive: Archive) -> list[str]:
    """Every record's warnings, then those about language versions (declarations left
    out, undeclared pairs suggested: ``translations.warnings``)."""
    from .translations import warnings as version_warnings
    return [w.format(iv.path or iv.source) for iv in archive.interviews for w in iv.warnings] \
        + version_warnings(archive.interviews, _front_line)


def _front_line(iv: Interview, key: str) -> int:
    """The file line of a front-matter key of a record (its text is read for this)."""
    from .cache import read_text
    from .translations import front_matter_line
    read_text((iv,))
    return front_matter_line(iv.raw_text, key)


__all__ = ["load_archive", "load_one", "transcript_paths", "all_warnings", "Notice"]
