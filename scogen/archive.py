"""Load a whole content folder into an ``Archive``, reporting every problem.

Phase (a) of a build: every transcript and config file is read and checked
before anything is written. All errors are collected and raised together as
one ``ErrorGroup``; warnings stay on the records.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from .cache import RecordCache, cache_dir, code_fingerprint, record_key
from .config import load_site, load_speakers, load_topics
from .errors import ErrorGroup, InputError, ScogenError
from .loader import default_lexicon, load_interview
from .loader.read import MAX_BYTES
from .model import Archive, Interview, Notice, Speaker
from .site import fingerprint
from .slugs import slugify

PARALLEL_FROM = 64  # below this many records to load, processes cost more than they save

TRANSCRIPT_SUFFIXES = (".txt", ".html", ".htm")


def transcript_paths(content: Path) -> list[Path]:
    folder = content / "transcripts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in TRANSCRIPT_SUFFIXES and not p.name.startswith("."))


def load_archive(content: Path, *, jobs: int | None = None, use_cache: bool = True) -> Archive:
    """Read everything under ``content``; raise every problem at once.

    Records come from the cache when their key (bytes, code, config,
    vocabulary) is unchanged; the rest are loaded, in parallel when there
    are many.
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
    paths = transcript_paths(content)
    if not paths and not errors:
        errors.append(InputError("no transcripts found (expected .txt or .html files)",
                                 str(content / "transcripts"), code="archive.empty"))
    speakers = speakers or ()
    topics = topics or ()
    folder = cache_dir(content) if use_cache else None
    index = _word_index(paths, folder)
    names = config_names(speakers, topics)
    vocabulary = seen_whole(index)
    config_key = fingerprint(topics, speakers)
    records = RecordCache(folder)
    interviews: dict[Path, Interview] = {}
    todo: list[tuple[Path, str]] = []
    for path in paths:
        try:
            _check_inside(path, content)
            runs = index[path][1] if path in index else frozenset()
            key = record_key(_stamp(path), config_key, vocabulary & runs)
        except ScogenError as exc:
            errors.append(exc)
            continue
        cached = records.get(key)
        if cached is not None:
            # the key is the content: the same bytes under another name are the same record
            interviews[path] = replace(cached, source=path.name, path=_display(path, content))
        else:
            todo.append((path, key))
    for path, key, result in _load_many(todo, content, (names, vocabulary), speakers, topics,
                                        jobs):
        if isinstance(result, ScogenError):
            errors.append(result)
        else:
            records.put(key, result)
            interviews[path] = result
    loaded = [interviews[p] for p in paths if p in interviews]
    errors.extend(_slug_collisions(loaded))
    if errors:
        raise ErrorGroup(errors)
    loaded.sort(key=lambda iv: (iv.date or "", iv.source), reverse=True)
    return Archive(site=site, topics=topics, speakers=_all_speakers(speakers, loaded),
                   interviews=tuple(loaded))


def _stamp(path: Path) -> bytes:
    """What identifies a transcript's content: its bytes (size-checked first)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return f"too-large:{path.stat().st_size}".encode()
        return path.read_bytes()
    except OSError:
        return b"unreadable"


_STATE: dict = {}


def _load_many(todo, content, vocabulary, speakers, topics, jobs):
    """Load records; use every core when there are enough to pay for the processes."""
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if len(todo) < PARALLEL_FROM or jobs <= 1:
        lexicon = default_lexicon(*vocabulary)
        for path, key in todo:
            yield path, key, _load_or_error(path, content, lexicon, speakers, topics)
        return
    # fork: workers inherit the word data already loaded here (copy-on-write)
    default_lexicon(())  # warm the shared wordfreq table before forking
    _STATE.update(content=content, vocabulary=vocabulary, speakers=speakers, topics=topics)
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        chunk = max(1, len(todo) // (jobs * 8))
        for (path, key), result in zip(todo, pool.map(_worker, [p for p, _ in todo],
                                                          chunksize=chunk)):
            yield path, key, result
    _STATE.clear()


def _worker(path: Path):
    lexicon = _STATE.get("lexicon")
    if lexicon is None:
        lexicon = _STATE["lexicon"] = default_lexicon(*_STATE["vocabulary"])
    return _load_or_error(path, _STATE["content"], lexicon, _STATE["speakers"],
                          _STATE["topics"])


def _load_or_error(path, content, lexicon, speakers, topics):
    try:
        return load_one(path, content, lexicon, speakers, topics)
    except ScogenError as exc:
        return exc


def load_one(path: Path, content: Path, lexicon, speakers, topics) -> Interview:
    """One transcript through the whole loader, overrides and annotation."""
    _check_inside(path, content)
    iv = load_interview(path, lexicon, topics=topics, speakers=speakers)
    if not iv.turns:
        raise InputError("no recognisable turns or paragraphs", str(path), 1,
                         code="loader.no_turns")
    return replace(iv, path=_display(path, content))


def _check_inside(path: Path, content: Path) -> None:
    real, root = path.resolve(), content.resolve()
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
        people = [p.name for p in iv.interviewees] + [t.speaker for t in iv.turns]
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


def _word_index(paths: list[Path], folder: Path | None):
    """Per transcript, its words (see ``_words_of``), cached by size and mtime."""
    # named by scogen's code fingerprint: another version's index is never read
    index_file = folder / f"words-{code_fingerprint()[:16]}.pickle" if folder else None
    old: dict = {}
    if index_file is not None:
        try:
            with open(index_file, "rb") as handle:
                old = pickle.load(handle)  # noqa: S301 - our own cache folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            old = {}
    new, out = {}, {}
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        stamp = (str(path.resolve()), st.st_size, st.st_mtime_ns)  # same file, however named
        words = old.get(stamp)
        if words is None:
            text = ""
            if st.st_size <= MAX_BYTES:
                try:
                    text = path.read_bytes().decode("utf-8", errors="replace")
                except OSError:
                    pass
            words = _words_of(text)
        new[stamp] = out[path] = words
    if index_file is not None and new != old:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = index_file.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                pickle.dump(new, handle)
            os.replace(tmp, index_file)
        except OSError:
            pass
    return out


def config_names(speakers, topics) -> set[str]:
    """Words of names in speakers.yaml and topics.yaml: known anywhere."""
    vocab: set[str] = set()
    for s in speakers:
        for name in (s.name, *s.aliases):
            vocab.update(re.findall(r"[^\W\d_]+", name))
    for t in topics:
        vocab.update(re.findall(r"[^\W\d_]{3,}", t.name))
    return vocab


def seen_whole(index) -> frozenset[str]:
    """Capitalised words standing whole in at least two transcripts: proper
    nouns such as Mirziyoyev recur, scraping accidents rarely do."""
    from .loader.segment import base_common

    seen: Counter[str] = Counter()
    for whole, _runs in index.values():
        seen.update(whole)
    common = base_common()  # these are never split anyway: they change nothing
    return frozenset(w for w, n in seen.items() if n >= 2 and w not in common)


def all_warnings(archive: Archive) -> list[str]:
    return [w.format(iv.path or iv.source) for iv in archive.interviews for w in iv.warnings]


__all__ = ["load_archive", "load_one", "transcript_paths", "all_warnings", "Notice"]
