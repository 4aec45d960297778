"""Cleaning: a registry of small named fixers, in order (after ftfy).

Every fixer is a pure function ``(text, lexicon) -> text`` that may change
only the *whitespace between* non-space characters: insert a space, delete a
space, or turn an odd space (NBSP, a double space) into a plain one. The
sequence of non-space characters is therefore never changed, so no
character can be lost or invented.

``clean(raw, line, lexicon)`` runs the registry and derives the repairs by
aligning the gaps before and after each fixer: every changed gap is recorded,
attributed to the fixer that changed it, and reported as the smallest span
of whole words around it (``"officials,andjoint" -> "officials, and joint"``).
Nothing outside this module changes transcript text.
"""
from __future__ import annotations

import re
from typing import Callable, Protocol

from ..model import Repair


class Lexicon(Protocol):  # what scogen.loader.segment.Lexicon provides
    def is_known(self, word: str) -> bool: ...
    def cost(self, word: str) -> float: ...
    def zipf(self, word: str) -> float: ...


# Text inside these is never touched: URLs, e-mail addresses, domain names.
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|\S+@\S+\.\w+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|int|gov|edu|info|ru|cn|kz|kg|uz|tj|in|pk|ir|"
    r"by|mn|uk|de|fr|io)\b(?:/\S*)?", re.I)
_WS = re.compile(r"\s+")


def _outside_urls(fix: Callable[[str, Lexicon], str]) -> Callable[[str, Lexicon], str]:
    """Apply ``fix`` only to the stretches of text between protected spans."""

    def wrapped(text: str, lexicon: Lexicon) -> str:
        if "." not in text and "@" not in text:
            return fix(text, lexicon)
        pieces, last = [], 0
        for m in _PROTECTED.finditer(text):
            pieces.append(fix(text[last:m.start()], lexicon) if m.start() > last else "")
            pieces.append(m.group())
            last = m.end()
        pieces.append(fix(text[last:], lexicon) if last < len(text) else "")
        return "".join(pieces)

    wrapped.__name__ = fix.__name__
    wrapped.__doc__ = fix.__doc__
    return wrapped


# --- the fixers ---------------------------------------------------------------

_ODD_SPACE = re.compile(r"[^\S ]| {2}")


def normalise_whitespace(text: str, lexicon: Lexicon) -> str:
    """A run of spaces, NBSPs or tabs between words becomes one plain space."""
    if _ODD_SPACE.search(text) is None:
        return text
    return _WS.sub(" ", text)


_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w’”\")\]]) +(?=[,;:.!?](?:\s|$|[A-Za-z“‘\"]))")
_SPACE_IN_DATE = re.compile(r"\b(\d{1,2})([/.]) ?(\d{1,2})\2 ?(\d{2,4})\b")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[]) +(?=\w)")
_SPACE_BEFORE_CLOSE = re.compile(r"(?<=\w) +(?=[)\]])")


@_outside_urls
def remove_stray_spaces(text: str, lexicon: Lexicon) -> str:
    """No space before , ; : . ! ? or a closing bracket, nor inside ``22/ 05/ 2007``."""
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _SPACE_AFTER_OPEN.sub("", text)
    text = _SPACE_BEFORE_CLOSE.sub("", text)
    if "/ " in text or ". " in text:
        text = _SPACE_IN_DATE.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{m[2]}{m[4]}", text)
    return text


_CONTRACTION = r"(?:s|t|m|d|ll|re|ve)(?![^\W\d_])"
_AFTER_PUNCT = re.compile(
    r"(?<=[^\W\d_]|[’”\")\]])[,;](?=[^\W\d_“‘(])"        # support,protracted  Weekly’,the
    r"|(?<=\d)[,;](?=[^\W\d_]{2})"                        # 2013,and
    r"|(?<=[a-z]{2})[.!?](?=[A-Z](?:[a-z]|\s|’|'))"       # exercises.Plans  detail.I
    r"|(?<=[a-z][’”\")])[.!?](?=[A-Z])"                    # mirror’.What
    r"|(?<=[a-z]{2})[!?](?=[a-z]{2})"                     # why?because
    r"|(?<=[a-z]{3}):(?=[A-Za-z]{2})"                     # note:the
    r"|(?<=[^\W\d_])”(?=[^\W\d_])"                        # said”The
    r"|(?<=[^\W\d_]{2})\)(?=[^\W\d_]{2})"                 # (SCO)is
    r"|(?<=[a-z]s)’(?!" + _CONTRACTION + r")(?=[a-z]{2})"  # Member-States’envoys
)
_BEFORE_OPEN = re.compile(r"(?<=[^\W\d_]{2})(?=[“(][^\W\d_]{2})")  # voluntary“Code


@_outside_urls
def space_after_punctuation(text: str, lexicon: Lexicon) -> str:
    """A space after a sentence's punctuation, before an opening quote or bracket."""
    text = _AFTER_PUNCT.sub(lambda m: m.group() + " ", text)
    return _BEFORE_OPEN.sub(" ", text)


_LETTER_DIGIT = re.compile(r"(?<![\w-])([^\W\d_]+)(\d+)|(\d+)([^\W\d_]+)(?![\w-])|"
                           r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_ALPHA_THEN_DIGITS = re.compile(r"([^\W\d_]+)(?=\d)")
_DIGITS_THEN_ALPHA = re.compile(r"(\d+)((?:st|nd|rd|th)(?=[a-z]{2}))?([^\W\d_]+)")
COMMON = 4.5  # zipf-like frequency above which a short word is a function word


@_outside_urls
def split_words_from_numbers(text: str, lexicon: Lexicon) -> str:
    """``In2006a`` -> ``In 2006 a``, ``April2011``, ``66thsession`` -> ``66th session``.

    Never splits codes such as G20, MH17, COVID-19, 5G, 1990s or 10km: the
    letters must form a common word that is not itself an all-caps code.
    """
    if not _HAS_LETTER_DIGIT.search(text):
        return text
    return _TOKEN.sub(lambda m: _split_token_digits(m.group(), lexicon), text)


_HAS_LETTER_DIGIT = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
_TOKEN = re.compile(r"\S+")
_RUNS = re.compile(r"\d+|[^\W\d_]+|[^\w]+|_+")


def _split_token_digits(token: str, lexicon: Lexicon) -> str:
    if not _HAS_LETTER_DIGIT.search(token):
        return token
    runs = _RUNS.findall(token)
    out = [runs[0]]
    for prev, run in zip(runs, runs[1:]):
        if prev.isdigit() and run.isalpha():
            out.append(_digit_then_letters(prev, run, lexicon))
        elif prev.isalpha() and run.isdigit() and _is_word(prev, lexicon):
            out.append(" " + run)
        else:
            out.append(run)
    return "".join(out)


def _digit_then_letters(number: str, letters: str, lexicon: Lexicon) -> str:
    suffix = letters[:2].lower()
    ordinal = suffix in ("st", "nd", "rd", "th")
    if ordinal and len(letters) > 2 and _is_word(letters[2:], lexicon):
        return letters[:2] + " " + letters[2:]
    if ordinal:
        return letters
    if letters in ("a", "I") and len(number) == 4:  # In2006a -> In 2006 a
        return " " + letters
    return " " + letters if _is_word(letters, lexicon) else letters


def _is_word(letters: str, lexicon: Lexicon) -> bool:
    """A common word (not a code like G, MH, COVID, km): safe to set apart from digits."""
    if len(letters) < 2 or (letters.isupper() and len(letters) > 1):
        return False
    if not lexicon.is_known(letters):
        return False
    return len(letters) >= 4 or lexicon.zipf(letters) >= COMMON


_ALPHA_RUN = re.compile(r"[^\W\d_]{2,}")


@_outside_urls
def restore_lost_spaces(text: str, lexicon: Lexicon) -> str:
    """``nationstogether`` -> ``nations together``, scored by the word model."""
    from .segment import segment

    def fix_run(m: re.Match) -> str:
        pieces = segment(m.group(), lexicon)
        return m.group() if len(pieces) == 1 else " ".join(pieces)

    return _ALPHA_RUN.sub(fix_run, text)


# The registry, in the order the fixers run.
FIXERS: tuple[tuple[str, Callable[[str, Lexicon], str]], ...] = (
    ("normalise_whitespace", normalise_whitespace),
    ("remove_stray_spaces", remove_stray_spaces),
    ("space_after_punctuation", space_after_punctuation),
    ("split_words_from_numbers", split_words_from_numbers),
    ("restore_lost_spaces", restore_lost_spaces),
)


# --- running the registry and recording repairs ----------------------------


def clean(raw: str, line: int, lexicon: Lexicon,
          fixers=FIXERS) -> tuple[str, list[Repair]]:
    """Clean one paragraph; returns the clean text and its repairs in order."""
    text = raw.strip()
    rule_at: dict[int, str] = {}
    for name, fix in fixers:
        fixed = fix(text, lexicon)
        if fixed != text:
            before, after = _gaps(text), _gaps(fixed)
            for k in before.keys() | after.keys():
                if before.get(k, "") != after.get(k, ""):
                    rule_at[k] = name
            text = fixed
    if not rule_at:
        return text, []
    return text, _spans(raw.strip(), text, rule_at, line)


def _gaps(text: str) -> dict[int, str]:
    """Whitespace before each non-space character, keyed by that character's index."""
    gaps, removed = {}, 0
    for m in _WS.finditer(text):
        gaps[m.start() - removed] = m.group()
        removed += m.end() - m.start()
    return gaps


_WORD_CHAR = re.compile(r"[\w\-]")


def _spans(raw: str, clean_text: str, rule_at: dict[int, str], line: int) -> list[Repair]:
    """Group changed gaps into repairs of whole words, raw -> clean."""
    raw_gaps, clean_gaps = _gaps(raw), _gaps(clean_text)
    changed = sorted(k for k in rule_at if raw_gaps.get(k, "") != clean_gaps.get(k, ""))
    if not changed:
        return []
    # an unchanged space is a real word boundary: a span never crosses one
    stop_at = {k for k, gap in raw_gaps.items() if gap and clean_gaps.get(k) == gap}
    core = _WS.sub("", raw)
    spans: list[list] = []  # [first core index, last core index, [rules]]
    for k in changed:
        start = _word_edge(core, stop_at, k - 1, -1)
        end = _word_edge(core, stop_at, k, +1)
        if spans and (start <= spans[-1][1]
                      or (start == spans[-1][1] + 1 and start not in stop_at)):
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2].append(rule_at[k])
        else:
            spans.append([start, end, [rule_at[k]]])
    return [Repair(_render(core, raw_gaps, a, b), _render(core, clean_gaps, a, b),
                   "+".join(dict.fromkeys(rules)), line) for a, b, rules in spans]


def _word_edge(core: str, stop_at: set[int], k: int, step: int) -> int:
    """From core index k, walk outwards to the far edge of the nearest word.

    Punctuation between the gap and the word is included; the walk never
    crosses an unchanged space, nor the end of the text.
    """
    i, seen_word, n = k, False, len(core)
    while True:
        is_word = _WORD_CHAR.match(core[i]) is not None
        if seen_word and not is_word:
            return i - step
        seen_word = seen_word or is_word
        nxt = i + step
        if not 0 <= nxt < n or (nxt if step > 0 else i) in stop_at:
            return i
        i = nxt


def _render(core: str, gaps: dict[int, str], start: int, end: int) -> str:
    parts = []
    for i in range(start, end + 1):
        if i > start and gaps.get(i):
            parts.append(gaps[i])
        parts.append(core[i])
    return "".join(parts)
