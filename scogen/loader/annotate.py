"""After parsing: canonical speakers, topics, and front-matter overrides."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache, wraps
from types import MappingProxyType

from ..errors import InputError
from ..lang import LANGUAGE_TAG, primary
from ..model import Interview, Person, Speaker, Topic, Turn
from .repairs import doubt_notice


def _last_object(fn):
    """``fn`` (a cached function of one immutable tuple) asked again with the very same
    tuple object gives its last answer without hashing the tuple again: a build asks
    with one speakers tuple for every transcript, and hashing its hundreds of frozen
    Speaker records (their roles too, in Python) was 2-3 % of loading."""
    last: list = []

    @wraps(fn)
    def get(arg):
        if last and last[0] is arg:  # (held here, so no other object can take its id)
            return last[1]
        value = fn(arg)
        last[:] = (arg, value)
        return value
    return get


RELATIVE_FLOOR = 0.5  # a topic scoring at least half the best one is tagged
STRONG = 3  # so is one with at least this many keyword hits


@lru_cache(maxsize=64)
def topics_in(topics: tuple[Topic, ...], language: str) -> tuple[Topic, ...]:
    """The topics as a transcript in ``language`` is read for them: each with its
    keywords for any language and those for this one (``zh-Hans`` reads ``zh``'s)."""
    lang = primary(language)
    return tuple(replace(t, keywords=t.keywords + next(
        (k for tag, k in t.by_language if tag == lang), ()), by_language=()) for t in topics)


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _alternatives(keywords: tuple[str, ...]) -> str:
    """One pattern for a topic's keywords. A keyword must stand as a whole word,
    except one written in a script without spaces (安全, 恐怖主义): there every
    character is a word character and words have no visible edges."""
    spaced = [k for k in keywords if not _UNSPACED.search(k)]
    unspaced = [k for k in keywords if _UNSPACED.search(k)]
    parts = [r"(?<!\w)(?:" + "|".join(spaced) + r")(?!\w)"] if spaced else []
    if unspaced:
        parts.append("|".join(unspaced))
    return "|".join(parts)


@_last_object
@lru_cache(maxsize=64)
def _compile(topics: tuple[Topic, ...]) -> tuple[tuple[str, int, re.Pattern], ...]:
    return tuple((t.slug, t.min_hits, re.compile(_alternatives(t.keywords), re.I))
                 for t in topics if t.keywords)


_LOOKAROUND = re.compile(r"^(?:\(\?<?[!=][^()]*\))+")
_META = re.compile(r"[\\.^$*+?{}\[\]|()]")


def _top_level_bar(pattern: str) -> bool:
    """Is there an alternation outside every group ('a|b', not 'x (?:a|b)')?"""
    depth, escaped = 0, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


@lru_cache(maxsize=64)
def _prefixes(topics: tuple[Topic, ...]) -> dict[str, tuple[str, ...] | None]:
    """slug -> the literal text every match of a keyword starts with (lower case), or
    None when some keyword starts with a pattern: a text holding none of a topic's
    prefixes cannot match it, and a substring test is far cheaper than the pattern."""
    out = {}
    for t in topics:
        heads = []
        for keyword in t.keywords:
            body = _LOOKAROUND.sub("", keyword)  # "(?<!cyber )security": "security" is in it
            head = _META.split(body, 1)[0]
            if body[len(head):len(head) + 1] in ("?", "*", "{"):
                head = head[:-1]  # "observers?": the last letter is optional
            if len(head) < 2 or _top_level_bar(keyword):
                heads = None
                break
            heads.append(head.lower())
        out[t.slug] = tuple(heads) if heads is not None else None
    return out


def _counts(text: str, topics: tuple[Topic, ...]) -> dict[str, tuple[int, int]]:
    """slug -> (keyword hits, first position) for every topic found in ``text``."""
    out = {}
    low = text.lower()
    ascii_text = text.isascii()
    for slug, pattern, heads, ascii_heads in _scan_plan(topics):
        if heads is not None and ascii_text and ascii_heads:
            hits = _hits_at_prefixes(text, low, pattern, heads)
            if hits is not None:
                out[slug] = hits
            continue
        if heads is not None:  # (a loop, not any() over a generator: this runs per topic
            for h in heads:  # per turn, and the generator cost more than the tests)
                if h in low:
                    break
            else:
                continue
        first = pattern.search(text)
        if first is not None:  # every later match counted (findall: one item per match)
            out[slug] = (1 + len(pattern.findall(text, first.end())), first.start())
    return out


def _hits_at_prefixes(text: str, low: str, pattern: re.Pattern,
                      heads: tuple[str, ...]) -> tuple[int, int] | None:
    """What ``_counts`` finds of one topic in ASCII text whose prefixes are ASCII,
    without running the pattern over the whole text: every match starts where one of
    the prefixes stands in the lower-cased text (ASCII: case-insensitive matching is
    lower-casing), so the pattern is tried only there, left to right, each match
    going on from where the last one ended, as ``finditer`` does (no match is empty:
    each holds its prefix; look-behinds see before the position)."""
    starts = set()
    for h in heads:
        k = low.find(h)
        while k >= 0:
            starts.add(k)
            k = low.find(h, k + 1)
    if not starts:
        return None
    match, n, first, end = pattern.match, 0, -1, 0
    for k in sorted(starts):
        if k < end:
            continue
        m = match(text, k)
        if m is not None:
            if not n:
                first = k
            n += 1
            end = m.end()
    return (n, first) if n else None


@_last_object
@lru_cache(maxsize=64)
def _scan_plan(topics: tuple[Topic, ...]) -> tuple[tuple[str, re.Pattern, tuple | None, bool], ...]:
    """(slug, pattern, prefixes, are the prefixes ASCII) per topic with keywords, in
    ``_compile``'s order."""
    prefixes = _prefixes(topics)
    return tuple((slug, pattern, prefixes.get(slug),
                  prefixes.get(slug) is not None and all(h.isascii() for h in prefixes[slug]))
                 for slug, _m, pattern in _compile(topics))


def _qualified(counts: dict[str, tuple[int, int]],
               topics: tuple[Topic, ...]) -> list[tuple[int, int, str]]:
    """(hits, first position, slug) for each topic with at least min_hits hits."""
    return [(counts[slug][0], counts[slug][1], slug) for slug, min_hits, _p in _compile(topics)
            if slug in counts and counts[slug][0] >= min_hits]


def _hits(text: str, topics: tuple[Topic, ...]) -> list[tuple[int, int, str]]:
    return _qualified(_counts(text, topics), topics)


def _joined(parts: list[tuple[str, dict[str, tuple[int, int]]]]) -> dict[str, tuple[int, int]]:
    """The counts of the texts joined by blank lines, from each text's own counts (a
    keyword never spans two turns), so an exchange is scanned once, turn by turn."""
    out: dict[str, tuple[int, int]] = {}
    offset = 0
    for text, counts in parts:
        for slug, (n, first) in counts.items():
            if slug in out:
                out[slug] = (out[slug][0] + n, out[slug][1])
            else:
                out[slug] = (n, offset + first)
        offset += len(text) + 2
    return out


def _ranked(scored: list[tuple[int, int, str]]) -> list[str]:
    if not scored:
        return []
    best = max(n for n, _, _ in scored)
    return [slug for n, _first, slug in sorted(scored, key=lambda s: (-s[0], s[1]))
            if n >= STRONG or n >= best * RELATIVE_FLOOR]


def score_topics(text: str, topics: tuple[Topic, ...]) -> list[str]:
    """Topics a text is about: well evidenced (>= STRONG hits) or near the best,
    strongest first (ties: first mentioned first)."""
    return _ranked(_hits(text, topics))


def tag_topics(turns: tuple[Turn, ...], topics: tuple[Topic, ...]) -> tuple[Turn, ...]:
    """Tag by exchange: a question and its answer are read together.

    The answer gets the exchange's topics; the question keeps those of them
    it gives evidence for itself, or else the exchange's strongest. A turn
    outside a question-answer pair is scored on its own text. Each turn's text is
    scanned once; an exchange's counts are the sum of its turns'.
    """
    if not topics:
        return turns
    counts = [_counts(t.text, topics) for t in turns]
    found: list[list[str]] = [[] for _ in turns]
    i = 0
    while i < len(turns):
        turn = turns[i]
        nxt = turns[i + 1] if i + 1 < len(turns) else None
        if turn.kind == "question" and nxt is not None and nxt.kind == "answer":
            end = i + 1  # the question and every answer that follows it
            while end < len(turns) and turns[end].kind == "answer":
                end += 1
            scored = _qualified(_joined([(turns[j].text, counts[j]) for j in range(i, end)]),
                                topics)
            exchange = _ranked(scored)
            own = {slug for _n, _f, slug in _qualified(counts[i], topics)}
            for j in range(i + 1, end):
                found[j] = exchange
            found[i] = [s for s in exchange if s in own] or exchange[:1]
            if found[i] == exchange[:1] and exchange:
                strongest = max(scored)[2]
                found[i] = [strongest] if strongest in exchange else exchange[:1]
            i = end
            continue
        found[i] = _ranked(_qualified(counts[i], topics))
        i += 1
    return tuple(replace(t, topics=tuple(f)) for t, f in zip(turns, found))


# --- speakers -----------------------------------------------------------------


@_last_object
@lru_cache(maxsize=8)
def speaker_index(speakers: tuple[Speaker, ...]) -> Mapping[str, str]:
    """Every name and alias (lower-cased) -> canonical name; made once per set of
    speakers (it was rebuilt for every transcript: 2 % of a build), read-only."""
    index: dict[str, str] = {}
    for s in speakers:
        for name in (s.name, *s.aliases):
            index.setdefault(name.strip().lower(), s.name)
    return MappingProxyType(index)


def canonical_speakers(iv: Interview, index: Mapping[str, str]) -> Interview:
    def canon(name):
        return index.get(name.strip().lower(), name) if name else name

    def turn(t: Turn) -> Turn:  # (a turn whose speaker stays is kept: replace is slow)
        speaker = canon(t.speaker)
        return t if speaker == t.speaker else replace(t, speaker=speaker)

    return replace(
        iv, publisher=canon(iv.publisher), interviewer=canon(iv.interviewer),
        interviewees=tuple(Person(canon(p.name), p.role) for p in iv.interviewees),
        turns=tuple(map(turn, iv.turns)))


# --- front matter -----------------------------------------------------------------

OVERRIDE_KEYS = {"title", "date", "publisher", "interviewer", "interviewees", "lead",
                 "speakers", "turns", "reviewed", "language", "document", "translation_of",
                 "source_url"}


def front_lines(raw_text: str) -> dict[str, int]:
    """The file line of each front-matter key: 'title' -> 3, 'turns.4' -> 9,
    'turns.4.speaker' -> 10, so an error names the line of the key at fault."""
    lines: dict[str, int] = {}
    if not raw_text.startswith("---"):
        return lines
    parents: list[tuple[int, str]] = []  # (indent, key path)
    for number, line in enumerate(raw_text.split("\n")[1:], start=2):
        if re.match(r"^(?:---|\.\.\.)\s*$", line):
            break
        m = re.match(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[^\s:#][^:#]*?)\s*:(?:\s|$)", line)
        if not m:
            continue
        indent = len(m["indent"])
        while parents and parents[-1][0] >= indent:
            parents.pop()
        key = m["key"].strip("'\"")
        path = f"{parents[-1][1]}.{key}" if parents else key
        lines.setdefault(path, number)
        parents.append((indent, path))
    return lines


def apply_overrides(iv: Interview, front: dict, topics: tuple[Topic, ...],
                    lines: dict[str, int] | None = None) -> Interview:
    """Front matter overrides any extracted field; the raw text stays untouched.
    ``lines`` (from ``front_lines``) gives each key's line for error messages."""
    if not front:
        return iv
    where = iv.path or iv.source
    lines = lines or {}

    def at(*path) -> int:  # the line of the deepest key of ``path`` that is known
        for k in range(len(path), 0, -1):
            key = ".".join(str(p) for p in path[:k])
            if key in lines:
                return lines[key]
        return 2
    for key in front:
        if key not in OVERRIDE_KEYS:
            raise InputError(f"unknown front-matter key {key!r} (allowed: "
                             f"{', '.join(sorted(OVERRIDE_KEYS))})", where, at(key),
                             code="overrides.unknown_key")
    changes: dict = {}
    for key in ("title", "publisher", "interviewer", "lead"):
        if key in front:
            changes[key] = None if front[key] is None else str(front[key]).strip()
    for key in ("document", "translation_of", "source_url"):
        if key in front:
            changes[key] = None if front[key] is None else str(front[key]).strip() or None
    if changes.get("source_url") and not re.fullmatch(r"https?://[^\s<>\"]+",
                                                       changes["source_url"]):
        # shown as a link: only a web address, never javascript: or a relative path
        raise InputError(f"source_url {changes['source_url']!r} must be an http(s) address",
                         where, at("source_url"), code="overrides.source_url")
    if front.get("language") is not None:
        value = str(front["language"]).strip()
        if not LANGUAGE_TAG.fullmatch(value):
            raise InputError(f"language {value!r} is not a language tag (en, ru, zh, zh-Hans)",
                             where, at("language"), code="overrides.language")
        changes["language"] = value
        changes["warnings"] = tuple(w for w in iv.warnings if w.code != "loader.language")
    if "date" in front:
        value = str(front["date"]).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise InputError(f"front-matter date {value!r} must be YYYY-MM-DD", where, at("date"),
                             code="overrides.date")
        changes["date"] = value
    if "interviewees" in front:
        people = []
        for item in front["interviewees"] or []:
            if isinstance(item, str):
                people.append(Person(item.strip()))
            elif isinstance(item, dict) and item.get("name"):
                people.append(Person(str(item["name"]).strip(),
                                     str(item["role"]).strip() if item.get("role") else None))
            else:
                raise InputError("interviewees must be names or {name, role} mappings",
                                 where, at("interviewees"), code="overrides.type")
        changes["interviewees"] = tuple(people)
    turns = list(iv.turns)
    renames = front.get("speakers") or {}
    if not isinstance(renames, dict):
        raise InputError("speakers must map a label or name to a speaker", where, at("speakers"),
                         code="overrides.type")
    if renames:
        turns = [replace(t, speaker=str(renames.get(t.label, renames.get(t.speaker, t.speaker))))
                 if (t.label in renames or t.speaker in renames) else t for t in turns]
    known = {t.slug for t in topics}
    for number, fields in (front.get("turns") or {}).items():
        if not isinstance(number, int) or not 1 <= number <= len(turns) or \
                not isinstance(fields, dict):
            raise InputError(f"turns: {number!r} is not a turn of this transcript "
                             f"(1-{len(turns)}) with fields", where, at("turns", number),
                             code="overrides.turn")
        turn = turns[number - 1]
        for key, value in fields.items():
            if key == "topics":
                slugs = tuple(str(v) for v in (value or []))
                unknown = [s for s in slugs if s not in known]
                if unknown:
                    raise InputError(f"turn {number}: unknown topic(s) {', '.join(unknown)}",
                                     where, at("turns", number, "topics"), code="overrides.topic")
                turn = replace(turn, topics=slugs)
            elif key == "speaker":
                turn = replace(turn, speaker=str(value))
            elif key == "kind":
                if value not in ("question", "answer", "remark"):
                    raise InputError(f"turn {number}: kind must be question, answer or remark, "
                                     f"not {value!r}", where, at("turns", number, key),
                                     code="overrides.kind")
                turn = replace(turn, kind=value)
            else:
                raise InputError(f"turn {number}: cannot override {key!r}", where,
                                 at("turns", number, key),
                                 code="overrides.unknown_key")
        turns[number - 1] = turn
    reviewed = front.get("reviewed") or []
    if not isinstance(reviewed, list):
        raise InputError("reviewed must be a list of repairs as they read in the raw text",
                         where, at("reviewed"), code="overrides.type")
    if reviewed:
        by_raw = {r.raw: r for r in iv.repairs}
        unknown = [str(v) for v in reviewed if str(v) not in by_raw]
        if unknown:
            raise InputError(f"reviewed: {', '.join(map(repr, unknown))} is not a repair of "
                             f"this transcript (give the raw side as `scogen inspect` shows it)",
                             where, at("reviewed"), code="overrides.reviewed")
        checked = {doubt_notice(by_raw[str(v)]) for v in reviewed}
        changes["warnings"] = tuple(w for w in changes.get("warnings", iv.warnings)
                                    if w not in checked)
    return replace(iv, turns=tuple(turns), **changes)
