"""Language versions of one interview: which records are one document, which pairs
look like one without saying so, and how two versions' turns line up. Pure: no I/O.

* ``group_documents`` joins records declared as versions of each other
  (``translation_of:`` naming another transcript's file, or a shared ``document:``
  id), in either direction and transitively. A declaration that cannot hold (a file
  that is not in the archive, a second version in a language the document already
  has) is a ``Problem`` naming the record and the front-matter key, and is left out.
* ``suggest`` finds undeclared pairs: records in different languages, dated within a
  few days of each other, with the same canonical interviewees (or speakers) and the
  same number of turns (or of questions). They are reported, never linked.
* ``align`` lines up two versions' turns: one to one when their kinds agree turn by
  turn, else a global sequence alignment (Needleman-Wunsch) over (kind, canonical
  speaker) with gaps, the sizes of the turns' texts breaking ties, each aligned pair
  marked certain or not.
"""
from __future__ import annotations

import datetime
import difflib
import functools
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable, Iterable, Sequence

SUGGEST_DAYS = 3  # versions published this many days apart or less may be one interview


# --- documents ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """A version declaration that was left out, and why."""

    source: str  # the record whose front matter declares it
    key: str  # the front-matter key at fault: translation_of or document
    message: str
    code: str


@dataclass(frozen=True, slots=True)
class Documents:
    """Every document with two or more versions: its records' sources, the original
    first (``original_of``), then by date and file name."""

    groups: tuple[tuple[str, ...], ...]
    problems: tuple[Problem, ...] = ()

    def versions(self) -> dict[str, tuple[str, ...]]:
        """source -> every version of its document (itself included), in order."""
        return {source: group for group in self.groups for source in group}


def _name(value: str) -> str:
    """A translation_of value as a file name: a path to it names the same file."""
    return PurePosixPath(value.replace("\\", "/")).name


def _lang(tag: str | None) -> str:
    return (tag or "").lower()


def group_documents(records: Iterable) -> Documents:
    """Join records into documents; see the module's docstring."""
    records = sorted(records, key=lambda r: r.source)
    by_source = {r.source: r for r in records}
    parent = {r.source: r.source for r in records}
    langs = {r.source: {_lang(r.language)} for r in records}
    problems: list[Problem] = []

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    def join(a: str, b: str) -> str | None:
        """Join the documents of a and b; the language both have, if that forbids it."""
        ra, rb = root(a), root(b)
        if ra == rb:
            return None
        both = langs[ra] & langs[rb]
        if both:
            return sorted(both)[0]
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        langs[keep] |= langs.pop(gone)
        return None

    translates: dict[str, str] = {}
    for r in records:
        if not r.translation_of:
            continue
        target = _name(r.translation_of)
        if target == r.source:
            problems.append(Problem(r.source, "translation_of",
                                    f"translation_of: {r.translation_of} names this file "
                                    "itself; name the file of the version it translates",
                                    "translations.self"))
        elif target not in by_source:
            others = [s for s in by_source if s != r.source]
            stem = PurePosixPath(target).stem
            close = [s for s in others if PurePosixPath(s).stem == stem] or \
                difflib.get_close_matches(target, others, n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]}?" if close else \
                " (it takes the file name of another transcript)"
            problems.append(Problem(r.source, "translation_of",
                                    f"translation_of: {r.translation_of} names no transcript "
                                    f"in the archive, so it is not linked{hint}",
                                    "translations.unknown"))
        else:
            clash = join(r.source, target)
            if clash:
                problems.append(_clash(r, "translation_of", target, clash))
            else:
                translates[r.source] = target
    by_id: dict[str, list] = {}
    for r in records:
        if r.document:
            by_id.setdefault(r.document, []).append(r)
    for ident, members in sorted(by_id.items()):
        first = members[0]
        for r in members[1:]:
            clash = join(first.source, r.source)
            if clash:
                problems.append(_clash(r, "document", first.source, clash, ident))
    groups: dict[str, list] = {}
    for r in records:
        groups.setdefault(root(r.source), []).append(r)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        first = original_of(members, translates)
        rest = sorted((m for m in members if m is not first),
                      key=lambda m: (m.date or "9999", m.source))
        out.append(tuple(m.source for m in (first, *rest)))
    out.sort()
    return Documents(groups=tuple(out), problems=tuple(problems))


def _clash(r, key: str, other: str, lang: str, ident: str | None = None) -> Problem:
    what = f"document: {ident}" if ident else f"translation_of: {r.translation_of}"
    return Problem(r.source, key,
                   f"{what} would put a second version in language '{lang}' into one "
                   f"document (with {other} or a version linked to it); one document has "
                   "one version per language, so this link is left out (if the language "
                   "was misread, set language: in the front matter)",
                   "translations.same_language")


def original_of(members: Sequence, translates: dict[str, str] | None = None):
    """The version the others translate: one that translates nothing in the document
    and that another translates; else the earliest (then by file name)."""
    translates = translates if translates is not None else {
        m.source: _name(m.translation_of) for m in members if m.translation_of}
    sources = {m.source for m in members}
    targets = {t for s, t in translates.items() if s in sources and t in sources}
    roots = [m for m in members if translates.get(m.source) not in sources]
    return min(roots or members,
               key=lambda m: (m.source not in targets, m.date or "9999", m.source))


# --- suggestions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two records that look like language versions of one interview."""

    original: str  # source of the earlier version
    translation: str  # source of the later one, whose front matter would name it
    reason: str

    @property
    def line(self) -> str:
        """The front-matter line to add to ``translation``."""
        return f"translation_of: {self.original}"


def _people(r) -> frozenset[str]:
    named = frozenset(p.name for p in r.interviewees if p.name)
    return named or frozenset(s for _k, s, _t, _i in r.outline if s)


def _day(date: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(date) if date else None
    except ValueError:
        return None


def suggest(records: Iterable, documents: Documents | None = None,
            days: int = SUGGEST_DAYS) -> list[Suggestion]:
    """Undeclared pairs that look like versions of one interview (see the module's
    docstring); none whose documents already hold a version in the other's language."""
    records = sorted(records, key=lambda r: r.source)
    documents = documents or group_documents(records)
    versions = documents.versions()
    by_source = {r.source: r for r in records}

    def langs(r) -> set[str]:
        return {_lang(by_source[s].language) for s in versions.get(r.source, (r.source,))}

    by_day: dict[datetime.date, list] = {}
    for r in records:
        day = _day(r.date)
        if day is not None:
            by_day.setdefault(day, []).append(r)
    out = []
    for a in records:
        day = _day(a.date)
        if day is None:
            continue
        for delta in range(0, days + 1):
            for b in by_day.get(day + datetime.timedelta(days=delta), ()):
                if delta == 0 and b.source <= a.source:
                    continue
                found = _looks_like_versions(a, b, langs, versions)
                if found:
                    out.append(found)
    return sorted(out, key=lambda s: (s.translation, s.original))


def _looks_like_versions(a, b, langs, versions) -> Suggestion | None:
    if _lang(a.language) == _lang(b.language):
        return None
    if b.source in versions.get(a.source, ()):
        return None  # declared already
    if langs(a) & langs(b):
        return None  # joining them would put two versions in one language
    people = _people(a)
    if not people or people != _people(b):
        return None
    n_a, n_b = len(a.outline), len(b.outline)
    q_a = sum(1 for k, *_ in a.outline if k == "question")
    q_b = sum(1 for k, *_ in b.outline if k == "question")
    if n_a == n_b:
        counted = f"{n_a} turns each"
    elif q_a == q_b and q_a:
        counted = f"{q_a} questions each"
    else:
        return None
    # the later one is the translation (the original appears first); same day: by name
    first, second = sorted((a, b), key=lambda r: (r.date or "", r.source))
    dates = first.date if first.date == second.date else f"{first.date} and {second.date}"
    reason = (f"{first.language} and {second.language}, {dates}, "
              f"{', '.join(sorted(people))}, {counted}")
    return Suggestion(original=first.source, translation=second.source, reason=reason)


# --- alignment ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    """One row of an alignment: a turn of each version (its anchor number), or None
    where one version has no counterpart."""

    a: int | None
    b: int | None
    certain: bool


@dataclass(frozen=True, slots=True)
class Alignment:
    pairs: tuple[Pair, ...]

    @property
    def certain(self) -> bool:
        return all(p.certain for p in self.pairs)

    def swapped(self) -> "Alignment":
        return Alignment(tuple(Pair(p.b, p.a, p.certain) for p in self.pairs))

    def of_a(self) -> dict[int, Pair]:
        return {p.a: p for p in self.pairs if p.a is not None}


Token = tuple  # (kind, speaker, index, size of its text or None)

# Scores: a turn paired with one of the same kind and speaker, of the same kind (a
# speaker unknown or different), of another kind; a turn alone. Where the texts' sizes
# are known, a pair of the same kind gains up to LENGTH_BONUS as its sizes agree (one
# version's sizes scaled by how long its text runs against the other's), so that of
# several alike exchanges the one missing from a version is found by its size; then
# alignments within SLACK of the best count as alternatives.
MATCH, SAME_KIND, MISMATCH, GAP = 200, 100, -100, -100
LENGTH_BONUS, SLACK = 40, 20
RATIO_ROUNDS = 5  # alignments tried at most while the ratio of sizes settles
FULL_CELLS = 1_000_000  # up to this many cells the whole table; beyond it, a band


def _tokens(outline: Iterable[tuple], sizes: Sequence[int] | None) -> list[Token]:
    outline = list(outline)
    known = sizes is not None and len(sizes) == len(outline)
    return [(item[0], item[1], item[-1], max(1, sizes[n]) if known else None)
            for n, item in enumerate(outline)]


def _scorer(ratio: float | None):
    """The score of pairing x with y, y's sizes running ``ratio`` times x's."""
    def score(x: Token, y: Token) -> int:
        if x[0] != y[0]:
            return MISMATCH
        if x[1] and y[1] and x[1] != y[1]:
            base = SAME_KIND
        else:
            base = MATCH if x[1] and y[1] else SAME_KIND
        if ratio is None or x[3] is None or y[3] is None:
            return base
        # sizes half or twice what is expected gain nothing
        off = abs(math.log(x[3] * ratio / y[3])) / math.log(2)
        return base + round(LENGTH_BONUS * max(0.0, 1.0 - off))
    return score


def _matches(x: Token, y: Token) -> bool:
    return x[0] == y[0] and not (x[1] and y[1] and x[1] != y[1])


def align(a_outline: Iterable[tuple], b_outline: Iterable[tuple],
          a_sizes: Sequence[int] | None = None,
          b_sizes: Sequence[int] | None = None) -> Alignment:
    """The turns of two versions, paired. Each outline item is (kind, speaker, ...,
    index), as ``Interview.outline``; ``a_sizes`` and ``b_sizes``, when given, are the
    sizes of the turns' texts. The same kinds in the same order pair one to one,
    certain; otherwise a global alignment over (kind, speaker) with gaps, the texts'
    sizes breaking ties. A pair is then uncertain when it is a gap or a mismatch, when
    it is next to one, or when another alignment as good (or, with sizes, nearly as
    good) gives either turn another partner: an exchange missing from one version
    could be any of several alike."""
    a, b = _tokens(a_outline, a_sizes), _tokens(b_outline, b_sizes)
    if [t[0] for t in a] == [t[0] for t in b]:
        return Alignment(tuple(Pair(x[2], y[2], True) for x, y in zip(a, b)))
    sized = bool(a and b) and a[0][3] is not None and b[0][3] is not None
    if not sized:
        steps, partners_a, partners_b = _needleman_wunsch(a, b, _scorer(None), 0)
    else:
        # how much longer b's text runs: first from the totals (which a missing exchange
        # skews), then from the turns the last alignment paired, until it settles
        ratio = sum(t[3] for t in b) / sum(t[3] for t in a)
        steps = None
        for _round in range(RATIO_ROUNDS):
            found, partners_a, partners_b = _needleman_wunsch(a, b, _scorer(ratio), SLACK)
            if found == steps:
                break
            steps = found
            paired = sorted(b[j][3] / a[i][3] for i, j in steps
                            if i is not None and j is not None and _matches(a[i], b[j]))
            if not paired:
                break
            ratio = paired[len(paired) // 2]
    bad = [i is None or j is None or not _matches(a[i], b[j])
           or partners_a[i] != {j} or partners_b[j] != {i} for i, j in steps]
    pairs = []
    for n, (i, j) in enumerate(steps):
        near = bad[n] or (n > 0 and bad[n - 1]) or (n + 1 < len(steps) and bad[n + 1])
        pairs.append(Pair(a[i][2] if i is not None else None,
                          b[j][2] if j is not None else None, not near))
    return Alignment(tuple(pairs))


_NEG = float("-inf")


class _Table:
    """Best scores of aligning prefixes, within a band around the diagonal as wide
    as the difference in length plus a margin (the whole table when it is small)."""

    def __init__(self, a: list[Token], b: list[Token], score):
        n, m = len(a), len(b)
        width = max(n, m) if (n + 1) * (m + 1) <= FULL_CELLS else abs(n - m) + 32
        self.rows: list[tuple[int, list[float], bytearray]] = []  # (lo, scores, moves)
        for i in range(n + 1):
            centre = i * m // n if n else 0
            lo, hi = max(0, centre - width), min(m, centre + width + 1)
            scores = [_NEG] * (hi - lo + 1)
            moves = bytearray(hi - lo + 1)  # 1 pair, 2 a alone (up), 3 b alone (left)
            for j in range(lo, hi + 1):
                if i == 0 and j == 0:
                    scores[0] = 0
                    continue
                best, move = _NEG, 0
                if i and j:
                    s = self.get(i - 1, j - 1)
                    if s != _NEG:
                        best, move = s + score(a[i - 1], b[j - 1]), 1
                if i:
                    s = self.get(i - 1, j)
                    if s != _NEG and s + GAP > best:
                        best, move = s + GAP, 2
                if j > lo:
                    s = scores[j - 1 - lo]
                    if s != _NEG and s + GAP > best:
                        best, move = s + GAP, 3
                scores[j - lo], moves[j - lo] = best, move
            self.rows.append((lo, scores, moves))

    def get(self, i: int, j: int) -> float:
        if not 0 <= i < len(self.rows):
            return _NEG
        lo, scores, _moves = self.rows[i]
        return scores[j - lo] if lo <= j < lo + len(scores) else _NEG

    def move(self, i: int, j: int) -> int:
        lo, _scores, moves = self.rows[i]
        return moves[j - lo]


def _needleman_wunsch(a: list[Token], b: list[Token], score, slack: int = 0):
    """Global alignment with linear gaps: the steps (i, j), (i, None) or (None, j) in
    order, and for each turn of either side every partner (a turn of the other side,
    or None) it has in some alignment as good, less ``slack``. Ties: the path from the end prefers a
    pair, then a turn of ``a`` alone, so ends line up."""
    n, m = len(a), len(b)
    fwd, back = _Table(a, b, score), _Table(a[::-1], b[::-1], score)
    best = fwd.get(n, m) - slack

    def rest(i: int, j: int) -> float:  # best score of aligning a[i:] with b[j:]
        return back.get(n - i, m - j)

    partners_a: list[set] = [set() for _ in a]
    partners_b: list[set] = [set() for _ in b]
    for i in range(n + 1):
        lo, scores, _moves = fwd.rows[i]
        for j in range(lo, lo + len(scores)):
            here = scores[j - lo]
            if here == _NEG:
                continue
            if i < n and j < m and here + score(a[i], b[j]) + rest(i + 1, j + 1) >= best:
                partners_a[i].add(j)
                partners_b[j].add(i)
            if i < n and here + GAP + rest(i + 1, j) >= best:
                partners_a[i].add(None)
            if j < m and here + GAP + rest(i, j + 1) >= best:
                partners_b[j].add(None)
    steps = []
    i, j = n, m
    while i or j:
        move = fwd.move(i, j)
        if move == 1:
            i, j = i - 1, j - 1
            steps.append((i, j))
        elif move == 2:
            i -= 1
            steps.append((i, None))
        else:
            j -= 1
            steps.append((None, j))
    steps.reverse()
    return steps, partners_a, partners_b


# --- names and front matter ---------------------------------------------------------


@functools.lru_cache(maxsize=64)
def language_name(tag: str) -> str:
    """A language's name in that language, capitalised: 'ru' -> 'Русский'."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover - babel is a dependency
        return tag
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    return (name[:1].upper() + name[1:]) if name else tag


def front_matter_line(raw_text: str, key: str) -> int:
    """The file line of a top-level front-matter key, else 0."""
    if not raw_text.startswith("---"):
        return 0
    for number, line in enumerate(raw_text.split("\n")[1:], start=2):
        if re.match(r"^(?:---|\.\.\.)\s*$", line):
            return 0
        if re.match(rf"^['\"]?{re.escape(key)}['\"]?\s*:", line):
            return number
    return 0


def warnings(records: Sequence, line_of: Callable[[object, str], int],
             documents: Documents | None = None) -> list[str]:
    """Build warnings, each ``path:line: warning: message [code]``: every declaration
    left out (with the line of its key, from ``line_of(record, key)``), then every
    suggested pair (with the line to add)."""
    documents = documents or group_documents(records)
    by_source = {r.source: r for r in records}
    out = []
    for p in documents.problems:
        r = by_source[p.source]
        line = line_of(r, p.key)
        where = f"{r.path or r.source}:{line}" if line else (r.path or r.source)
        out.append(f"{where}: warning: {p.message} [{p.code}]")
    for s in suggest(records, documents):
        r = by_source[s.translation]
        out.append(f"{r.path or r.source}: warning: looks like a version of {s.original} "
                   f"({s.reason}); if it is, add the front-matter line '{s.line}' to "
                   f"{s.translation} to link them (not linked until declared) "
                   "[translations.suggest]")
    return out
