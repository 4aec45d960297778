"""The loader: a raw transcript file becomes an ``Interview`` record.

read -> extract -> parse (structure and metadata, cleaning each text through
the repair registry) -> annotate (overrides, topics, speakers).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from dataclasses import replace

from ..lang import dominant
from ..model import Interview, Notice, Repair, Speaker, Topic, Turn
from .annotate import (apply_overrides, canonical_speakers, front_lines, speaker_index,
                       tag_topics, topics_in)
from . import repairs as _repairs
from .extract import text_blocks
from .parse import parse
from .read import read_raw

__all__ = ["load_interview", "interview_from_text", "default_lexicon"]


def default_lexicon(extra_words: Iterable[str] = (), whole_words: Iterable[str] = ()):
    from .segment import load_lexicon
    return load_lexicon(extra_words, whole_words)


def load_interview(path: Path, lexicon=None, *, topics: tuple[Topic, ...] = (),
                   speakers: tuple[Speaker, ...] = ()) -> Interview:
    """Read, parse and annotate one raw transcript (``.txt`` or saved ``.html``).

    Raises ``InputError`` for a file that cannot be read at all or has bad
    overrides; anything the loader is merely unsure of becomes a warning.
    """
    path = Path(path)
    raw = read_raw(path)
    lexicon = lexicon if lexicon is not None else default_lexicon()
    names = [n for s in speakers for n in (s.name, *s.aliases)]
    iv = interview_from_text(raw.body, path.name, lexicon, is_html=raw.is_html,
                             first_line=raw.body_line, raw_text=raw.text,
                             known_names=names, path=str(path))
    language = str(raw.front.get("language") or iv.language)  # checked by apply_overrides
    iv = replace(iv, turns=tag_topics(iv.turns, topics_in(topics, language)))
    iv = canonical_speakers(iv, speaker_index(speakers))
    return apply_overrides(iv, raw.front, topics, front_lines(raw.text) if raw.front else None)


def interview_from_text(body: str, source: str, lexicon, *, is_html: bool = False,
                        first_line: int = 1, raw_text: str | None = None,
                        known_names: Iterable[str] = (), path: str = "") -> Interview:
    chrome: list[str] = []
    meta = None
    if is_html:
        from .html import html_page  # BeautifulSoup only for saved pages
        blocks, dropped, meta = html_page(body, first_line)
        chrome.extend(dropped)
    else:
        blocks = text_blocks(body, first_line)
    found: list[Repair] = []

    def clean(text: str, line: int, keep: frozenset[str] = frozenset(),
              names: frozenset[str] = frozenset()) -> str:
        clean_text, made = _repairs.clean(text, line, lexicon, keep=keep, names=names)
        found.extend(made)
        return clean_text

    def is_common_word(word: str, zipf: float = 3.5) -> bool:
        return lexicon.zipf(word.strip(".,")) >= zipf

    parsed = parse(blocks, clean, is_common_word, known_names, meta)
    turns = tuple(
        Turn(kind=t.kind, number=t.number, label=t.label, speaker=t.speaker,
             paragraphs=tuple(text for _, text in t.paragraphs), line=t.line, index=i)
        for i, t in enumerate(parsed.turns, start=1))
    found.sort(key=lambda r: r.line)  # stable: keeps text order within a line
    doubts = [_repairs.doubt_notice(r) for r in _repairs.low_confidence(found, lexicon)]
    language, unsure = text_language(parsed.title, turns)
    return Interview(
        source=source, title=parsed.title, date=parsed.date, publisher=parsed.publisher,
        interviewer=parsed.interviewer, interviewees=tuple(parsed.interviewees),
        lead=parsed.lead, turns=turns, repairs=tuple(found),
        chrome=tuple(chrome + parsed.chrome),
        warnings=tuple(sorted([*parsed.warnings, *doubts, *unsure], key=lambda w: w.line)),
        raw_text=raw_text if raw_text is not None else body, path=path or source,
        language=language)


LANGUAGE_SAMPLE = 6_000  # characters of the turns read to tell the language (a page or two)
LANGUAGE_SHARE = 0.8  # below this share of letters in one script, the language is a guess


def text_language(title: str, turns: tuple[Turn, ...]) -> tuple[str, list[Notice]]:
    """The language the turns are written in, from their script (``lang.dominant``);
    a transcript mixing scripts gets its majority language and a warning."""
    parts, size = [title], len(title)
    for turn in turns:
        for p in turn.paragraphs:
            parts.append(p)
            size += len(p)
            if size > LANGUAGE_SAMPLE:
                break
        if size > LANGUAGE_SAMPLE:
            break
    tag, share = dominant("\n".join(parts), share=0.0)
    if not tag:
        return "en", []
    if share >= LANGUAGE_SHARE:
        return tag, []
    line = turns[0].line if turns else 0
    return tag, [Notice(f"the text mixes scripts; read as {tag!r} ({share:.0%} of its letters); "
                        f"give `language:` in the front matter if that is wrong", line,
                        "loader.language")]
