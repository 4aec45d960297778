"""Load a whole content folder into an ``Archive``, reporting every problem.

Phase (a) of a build: every transcript and config file is read and checked
before anything is written. All errors are collected and raised together as
one ``ErrorGroup``; warnings stay on the records.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from .config import load_site, load_speakers, load_topics
from .errors import ErrorGroup, InputError, ScogenError
from .loader import default_lexicon, load_interview
from .model import Archive, Interview, Notice, Speaker
from .slugs import slugify

TRANSCRIPT_SUFFIXES = (".txt", ".html", ".htm")


def transcript_paths(content: Path) -> list[Path]:
    folder = content / "transcripts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in TRANSCRIPT_SUFFIXES and not p.name.startswith("."))


def load_archive(content: Path, *, jobs: int = 1) -> Archive:
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
    lexicon = default_lexicon(archive_vocabulary(content, paths, speakers, topics))
    interviews: list[Interview] = []
    for path in paths:
        try:
            interviews.append(load_one(path, content, lexicon, speakers, topics))
        except ScogenError as exc:
            errors.append(exc)
    errors.extend(_slug_collisions(interviews))
    if errors:
        raise ErrorGroup(errors)
    interviews.sort(key=lambda iv: (iv.date or "", iv.source), reverse=True)
    return Archive(site=site, topics=topics, speakers=_all_speakers(speakers, interviews),
                   interviews=tuple(interviews))


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


_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{3,}(?![\w-])")


def archive_vocabulary(content: Path, paths, speakers, topics) -> set[str]:
    """Words the archive itself vouches for, so they are never split.

    Names from speakers.yaml and topics.yaml, and capitalised words that
    occur whole in at least two different transcripts (proper nouns such as
    Mirziyoyev recur; scraping accidents rarely recur identically).
    """
    words: set[str] = set()
    for s in speakers:
        for name in (s.name, *s.aliases):
            words.update(re.findall(r"[^\W\d_]+", name))
    for t in topics:
        words.update(re.findall(r"[^\W\d_]{3,}", t.name))
    seen: Counter[str] = Counter()
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        seen.update(set(_WORD.findall(text)))
    words.update(w for w, n in seen.items() if n >= 2)
    return words


def all_warnings(archive: Archive) -> list[str]:
    return [w.format(iv.path or iv.source) for iv in archive.interviews for w in iv.warnings]


__all__ = ["load_archive", "load_one", "transcript_paths", "all_warnings", "Notice"]
