"""``scogen add``: import raw transcripts into content/transcripts.

Each file is parsed first; it is copied byte for byte under a name made from
its date and first interviewee (``2013-08-15-kirill-barsky.txt``). A file
whose text is already in the archive is refused, and nothing is ever
overwritten.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .archive import TRANSCRIPT_SUFFIXES, transcript_paths
from .loader.read import read_bytes
from .errors import InputError
from .loader import load_interview
from .model import Interview
from .slugs import slugify


@dataclass(frozen=True, slots=True)
class Added:
    source: Path
    target: Path
    record: Interview


def text_key(data: bytes) -> str:
    """Identity of a transcript's text: whitespace and case do not make it new."""
    text = data.decode("utf-8", errors="replace")
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().lower().encode()).hexdigest()


def target_name(iv: Interview, suffix: str) -> str:
    who = iv.interviewees[0].name if iv.interviewees else (iv.title or "interview")
    stem = "-".join(x for x in (iv.date or "undated", slugify(who)[:60]) if x)
    return stem + suffix.lower()


def add(paths: list[Path], content: Path, *, topics=(), speakers=()) -> list[Added]:
    folder = content / "transcripts"
    # bounded reads of regular files only (issue 15); one that cannot be read is named
    existing = {text_key(read_bytes(p)): p for p in transcript_paths(content)}
    added: list[Added] = []
    errors: list[InputError] = []
    for path in paths:
        path = Path(path)
        if path.suffix.lower() not in TRANSCRIPT_SUFFIXES:
            errors.append(InputError("not a .txt or .html transcript", str(path),
                                     code="add.suffix"))
            continue
        try:
            record = load_interview(path, topics=topics, speakers=speakers)
            data = read_bytes(path)
        except InputError as exc:
            errors.append(exc)
            continue
        key = text_key(data)
        if key in existing:
            errors.append(InputError(f"already in the archive as {existing[key]}", str(path),
                                     code="add.duplicate"))
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(folder, target_name(record, path.suffix))
        _write_new(target, data)
        existing[key] = target
        added.append(Added(path, target, record))
    if errors:
        from .errors import ErrorGroup
        raise _Partial(added, ErrorGroup(errors))
    return added


class _Partial(Exception):
    """Some files were added, others refused: carries both for the CLI."""

    def __init__(self, added: list[Added], errors):
        super().__init__(str(errors))
        self.added, self.errors = added, errors


def _free_name(folder: Path, name: str) -> Path:
    stem, suffix = os.path.splitext(name)
    candidate, n = folder / name, 2
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}{suffix}", n + 1
    return candidate


def _write_new(target: Path, data: bytes) -> None:
    """Create the file exclusively: never overwrite, even in a race."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def summary(item: Added) -> str:
    iv = item.record
    people = ", ".join(iv.speakers) or "no speakers"
    kinds = {k: sum(1 for t in iv.turns if t.kind == k) for k in ("question", "answer")}
    return (f"added {item.target}\n  title: {iv.title}\n  date: {iv.date or 'not found'}\n"
            f"  speakers: {people}\n  turns: {len(iv.turns)} ({kinds['question']} questions, "
            f"{kinds['answer']} answers)\n  repairs: {len(iv.repairs)}\n"
            f"  warnings: {len(iv.warnings)}"
            + "".join(f"\n    {w.format(str(item.source))}" for w in iv.warnings))
